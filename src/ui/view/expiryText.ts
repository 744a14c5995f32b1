// The words of the expiry reminder and the view badge; the core only says which tokens expire (core/ops/expiry.ts).
import type { ExpiringToken } from '../../core/ops/expiry';
import { stripUnsafeCharacters } from '../../core/validation';
import { t } from './l10n';

export function badgeTooltip(items: readonly ExpiringToken[], warningDays: number): string {
  const expired = items.filter((item) => item.expired).length;
  const soon = items.length - expired;
  const parts = [expired > 0 ? t('{0} expired', expired) : '', soon > 0 ? t('{0} expiring within {1} days', soon, warningDays) : ''];
  return t('Tokens: {0}', parts.filter((part) => part !== '').join(', '));
}

/** Plain text naming at most `shown` tokens, e.g. `3 tokens expire soon or have expired: "a" (Prod), "b" (Prod) and 1 more.` */
export function expiryNotificationText(items: readonly ExpiringToken[], shown = 3): string {
  const tenants = new Set(items.map((item) => item.tenantId));
  const names = items.slice(0, shown).map(({ token, tenantName }) => {
    const where = tenants.size > 1 ? ` (${stripUnsafeCharacters(tenantName)})` : '';
    return `"${stripUnsafeCharacters(token.name)}"${where}`;
  });
  const more = items.length - names.length;
  const list = more > 0 ? t('{0} and {1} more', names.join(', '), more) : names.join(', ');
  return items.length === 1 ? t('1 token expires soon or has expired: {0}.', list) : t('{0} tokens expire soon or have expired: {1}.', items.length, list);
}

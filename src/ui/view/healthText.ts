// ui/view: how the token health flags read, for the overview and the summary a person sees. Loaded with them only.
import type { HealthFlag } from '../../core/ops/health';
import { t } from './l10n';

/** The flag's short name, for a bar label or a table column. */
export function flagLabel(flag: HealthFlag): string {
  switch (flag) {
    case 'expired':
      return t('Expired');
    case 'expiresSoon':
      return t('Expires soon');
    case 'neverExpires':
      return t('Never expires');
    case 'neverUsed':
      return t('Never used');
    case 'unused':
      return t('Unused');
    case 'ownerInactive':
      return t('Owner inactive');
    case 'allRights':
      return t('All rights');
  }
}

/** What the flag means, with the settings that decide it. */
export function flagMeaning(flag: HealthFlag, expiryWarningDays: number, unusedDays: number): string {
  switch (flag) {
    case 'expired':
      return t('Its expiry date has passed.');
    case 'expiresSoon':
      return t('Expires within {0} days.', expiryWarningDays);
    case 'neverExpires':
      return t('Has no expiry date.');
    case 'neverUsed':
      return t('Has never been used.');
    case 'unused':
      return t('Not used within {0} days.', unusedDays);
    case 'ownerInactive':
      return t('Its owner is inactive or gone.');
    case 'allRights':
      return t('Grants all rights of its owner.');
  }
}

/** The one line a person sees after Token Health: how many tokens carry a flag, over how many tenants. */
export function healthSummary(flaggedTokens: number, totalTokens: number, tenants: number, failedTenants: number): string {
  const counted = t('{0} of {1} tokens in {2} tenant(s) need attention.', flaggedTokens, totalTokens, tenants);
  return failedTenants === 0 ? counted : `${counted} ${t('{0} tenant(s) could not be read; see the log.', failedTenants)}`;
}

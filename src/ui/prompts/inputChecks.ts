// What the wizards accept, as plain functions over the core's validation (no VS Code, unit-tested).
import type { ApiFamily } from '../../core/model';
import { MAX_UNUSED_DAYS, validDays } from '../../core/ops/bulkDelete';
import { normalizeTenantUrl } from '../../core/tenantUrl';
import { validateAccessTokenValiditySeconds, validateCredentials, validateExpirationDate, validateScopes } from '../../core/validation';
import { t } from '../view/l10n';

/** Scopes typed as a list separated by commas or spaces, without repeats. */
export function parseScopeList(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter((scope) => scope !== ''))];
}

/** The free-entry box may stay empty when scopes were picked; otherwise every entry must be a scope. */
export function checkExtraScopes(text: string, pickedCount: number): string | undefined {
  const scopes = parseScopeList(text);
  if (scopes.length === 0) return pickedCount > 0 ? undefined : validateScopes([]);
  return validateScopes(scopes);
}

export function checkTenantUrl(text: string): string | undefined {
  // Only a scheme: the host is what is missing, not a character in it.
  if (/^\s*(https?:\/\/)?\s*$/i.test(text)) return t('Enter a host, e.g. acme or https://acme.api.identitynow.com.');
  const result = normalizeTenantUrl(text);
  return result.ok ? undefined : result.reason;
}

export function checkClientId(text: string): string | undefined {
  // validateCredentials checks the pair; a stand-in secret isolates the id's own checks.
  return validateCredentials({ clientId: text, clientSecret: 'stand-in' });
}

export function checkClientSecret(clientId: string, text: string): string | undefined {
  return validateCredentials({ clientId, clientSecret: text });
}

/** Empty means the server's default (12 hours). */
export function parseValidity(text: string): number | undefined {
  return text.trim() === '' ? undefined : Number(text.trim());
}

export function checkValidity(text: string): string | undefined {
  const seconds = parseValidity(text);
  return seconds === undefined ? undefined : validateAccessTokenValiditySeconds(seconds);
}

/** A plain date means the end of that day in UTC; a full ISO date-time is taken as it is. Empty means none. */
export function parseExpiry(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  return /^\d{4}-\d{2}-\d{2}$/.test(trimmed) ? `${trimmed}T23:59:59Z` : trimmed;
}

export function checkExpiry(text: string, family: ApiFamily, now: number): string | undefined {
  const iso = parseExpiry(text);
  if (iso === undefined) return undefined;
  const problem = validateExpirationDate(iso, family, now);
  return problem === undefined ? undefined : t('{0} A date such as 2027-01-31 means the end of that day (UTC).', problem);
}

/** A date for "not used since": a plain date is the start of that day in UTC. */
export function parseSinceDate(text: string): string | undefined {
  const trimmed = text.trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) return undefined;
  const time = Date.parse(`${trimmed}T00:00:00Z`);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/** What the days prompt says as the user types: undefined when the text is a whole number of days in range. */
export function checkUnusedDays(text: string): string | undefined {
  const trimmed = text.trim();
  return /^\d+$/.test(trimmed) && validDays(Number(trimmed)) ? undefined : t('Enter a whole number of days from 1 to {0}.', MAX_UNUSED_DAYS);
}

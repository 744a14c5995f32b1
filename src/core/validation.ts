// Checks of user input shared by the wizards and the automation API. Each returns a message for
// the user, or undefined when the value is acceptable.
import type { ApiFamily, Credentials } from './model';
import { ALL_SCOPES } from './model';
import { t } from './l10n';
import { MAX_DISPLAY_NAME_LENGTH, labelProblem } from './labelCheck';

export { MAX_DISPLAY_NAME_LENGTH };

/** Shorter secrets are refused at input, and the redactor ignores them: masking them would mangle ordinary text. */
export const MIN_SECRET_LENGTH = 8;

/** ISC documents no limit; 128 fits any descriptive name and keeps the tree readable. */
export const MAX_TOKEN_NAME_LENGTH = 128;
/** Longer than any real scope; only stops pasted garbage. */
export const MAX_SCOPE_LENGTH = 200;
export const MIN_ACCESS_TOKEN_VALIDITY_SECONDS = 15;
export const MAX_ACCESS_TOKEN_VALIDITY_SECONDS = 43200;
export const V3_MAX_EXPIRATION_MONTHS = 6;
/** 1 KB: far above any real client id or secret, far below what would bloat storage or requests. */
export const MAX_CREDENTIAL_BYTES = 1024;

const CONTROL = /\p{Cc}/u;
const WHITESPACE = /\s/u;
/** Lower-case segments separated by colons, as in sp:scopes:default or idn:access-request:manage. */
const SCOPE = /^[a-z0-9_.*-]+(?::[a-z0-9_.*-]+)*$/;
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/i;

function validateLabel(value: string, what: string, maxLength: number): string | undefined {
  switch (labelProblem(value, maxLength)) {
    case 'empty':
      return t('Enter a {0}.', what);
    case 'too-long':
      return t('The {0} is too long: at most {1} characters.', what, maxLength);
    case 'not-one-line':
      return t('The {0} must be on one line, without control characters.', what);
    case 'direction-control':
      return t('The {0} contains a text-direction control character, which can disguise how it reads. Remove it.', what);
    case 'invalid-character':
      return t('The {0} contains an invalid character.', what);
    case undefined:
      return undefined;
  }
}

export function validateTokenName(name: string): string | undefined {
  return validateLabel(name, t('token name'), MAX_TOKEN_NAME_LENGTH);
}

/** What to send for a valid name: trimmed, and NFC so that visually equal names compare equal. */
export function normalizeTokenName(name: string): string {
  return name.trim().normalize('NFC');
}

export function validateDisplayName(name: string): string | undefined {
  return validateLabel(name, t('display name'), MAX_DISPLAY_NAME_LENGTH);
}

export function validateScopes(scopes: readonly string[]): string | undefined {
  if (scopes.length === 0) {
    return t('Choose at least one scope. An empty list would grant every right you have; to mean that, choose {0} explicitly.', ALL_SCOPES);
  }
  const seen = new Set<string>();
  for (const scope of scopes) {
    if (typeof scope !== 'string' || scope.trim() === '') {
      return t('A scope is empty.');
    }
    if (scope.length > MAX_SCOPE_LENGTH) {
      return t('A scope is too long: at most {0} characters.', MAX_SCOPE_LENGTH);
    }
    if (!SCOPE.test(scope)) {
      return t('"{0}" is not a scope. Scopes look like sp:scopes:default or idn:access-request:manage (lower case, no spaces).', scope.slice(0, 60));
    }
    if (seen.has(scope)) {
      return t('The scope {0} is listed twice.', scope);
    }
    seen.add(scope);
  }
  return undefined;
}

export function validateAccessTokenValiditySeconds(seconds: number): string | undefined {
  if (
    !Number.isInteger(seconds) ||
    seconds < MIN_ACCESS_TOKEN_VALIDITY_SECONDS ||
    seconds > MAX_ACCESS_TOKEN_VALIDITY_SECONDS
  ) {
    return t('The access token lifetime must be a whole number of seconds from {0} to {1} (12 hours).', MIN_ACCESS_TOKEN_VALIDITY_SECONDS, MAX_ACCESS_TOKEN_VALIDITY_SECONDS);
  }
  return undefined;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Adds calendar months in UTC, clamping to the month's last day (31 Aug + 6 months = 28/29 Feb). */
export function addMonthsUtc(epochMs: number, months: number): number {
  const date = new Date(epochMs);
  const targetMonth = date.getUTCMonth() + months;
  const year = date.getUTCFullYear() + Math.floor(targetMonth / 12);
  const month = ((targetMonth % 12) + 12) % 12;
  const day = Math.min(date.getUTCDate(), daysInMonth(year, month + 1));
  date.setUTCFullYear(year, month, day);
  return date.getTime();
}

/** Parses a strict ISO 8601 date-time with a zone; undefined when it is not one or names a day that does not exist. */
export function parseIsoDateTime(iso: string): number | undefined {
  const match = ISO_DATE_TIME.exec(iso);
  if (!match) {
    return undefined;
  }
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? '0'));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) {
    return undefined;
  }
  const epochMs = Date.parse(iso);
  return Number.isNaN(epochMs) ? undefined : epochMs;
}

export function validateExpirationDate(iso: string, family: ApiFamily, now: number): string | undefined {
  const expiresAt = parseIsoDateTime(iso.trim());
  if (expiresAt === undefined) {
    return t('Enter the expiry as an ISO date-time with a time zone, e.g. 2027-01-31T23:59:59Z.');
  }
  if (expiresAt <= now) {
    return t('The expiry must be in the future.');
  }
  if (family === 'v3' && expiresAt > addMonthsUtc(now, V3_MAX_EXPIRATION_MONTHS)) {
    return t('The v3 API allows tokens to live at most 6 months: choose an earlier expiry.');
  }
  return undefined;
}

function validateCredential(value: string, what: string): string | undefined {
  const trimmed = value.trim();
  if (trimmed === '') {
    return t('Enter the {0}.', what);
  }
  if (Buffer.byteLength(trimmed, 'utf8') > MAX_CREDENTIAL_BYTES) {
    return t('The {0} is too long (over 1 KB); check that you pasted the right value.', what);
  }
  if (WHITESPACE.test(trimmed) || CONTROL.test(trimmed)) {
    return t('The {0} contains spaces, line breaks or control characters; check that you pasted only the value.', what);
  }
  return undefined;
}

/** Client ids are 32 hex characters or UUIDs in practice; any printable ASCII is accepted so as not to be stricter than ISC. */
export function validateCredentials(credentials: Credentials): string | undefined {
  const idProblem = validateCredential(credentials.clientId, t('client ID'));
  if (idProblem !== undefined) {
    return idProblem;
  }
  if (!/^[\x21-\x7E]+$/.test(credentials.clientId.trim())) {
    return t('The client ID may only contain printable ASCII characters.');
  }
  const secretProblem = validateCredential(credentials.clientSecret, t('client secret'));
  if (secretProblem !== undefined) return secretProblem;
  // The redactor masks only values this long, so a shorter one could reach a log; no real client secret is this short.
  return credentials.clientSecret.trim().length < MIN_SECRET_LENGTH
    ? t('The client secret is too short (under {0} characters); check that you pasted all of it.', MIN_SECRET_LENGTH)
    : undefined;
}

/** The form in which credentials are used and stored: surrounding whitespace from copy and paste removed. */
export function trimCredentials(credentials: Credentials): Credentials {
  return { clientId: credentials.clientId.trim(), clientSecret: credentials.clientSecret.trim() };
}

// Display-safe text lives apart, so the tree's tenant rows can use it at activation without the input checks.
export { inertText, quoted, sanitizeForDisplay, stripUnsafeCharacters } from './displayText';

// core/ops: the use cases the commands run over PatService (tokens in bulk, rotation, inventory, expiry, env lines).
// Which loaded tokens need attention soon, and when the once-a-day reminder about them is due.
import type { PersonalAccessToken } from '../model';
import type { KeyValueStore } from '../ports';

export type ExpiryState = 'unknown' | 'never' | 'ok' | 'soon' | 'expired';

/** An ISO date as epoch milliseconds, as Date.parse reads it; undefined when missing or unreadable. */
export function parseTime(iso: string | null): number | undefined {
  if (iso === null) return undefined;
  const utc = utcIsoTime(iso);
  if (utc !== undefined) return utc;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? undefined : time;
}

const [DIGIT_ZERO, DASH, COLON, DOT, T, Z] = ['0', '-', ':', '.', 'T', 'Z'].map((character) => character.charCodeAt(0));
const DAYS_BEFORE_MONTH_FROM_MARCH = [0, 31, 61, 92, 122, 153, 184, 214, 245, 275, 306, 337];

/** The `count` ASCII digits from `start` as a number; -1 if any of them is not one. */
function digitsAt(text: string, start: number, count: number): number {
  let value = 0;
  for (let index = start; index < start + count; index++) {
    const digit = text.charCodeAt(index) - DIGIT_ZERO;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
}

/** Days from 1970-01-01 to a proleptic Gregorian date, counting years from March so the leap day comes last. */
function daysSinceEpoch(year: number, month: number, day: number): number {
  const marchYear = month <= 2 ? year - 1 : year;
  const era = Math.floor(marchYear / 400);
  const yearOfEra = marchYear - era * 400;
  const dayOfYear = DAYS_BEFORE_MONTH_FROM_MARCH[(month + 9) % 12] + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

// Kept because it measured faster (bench/README.md): Date.parse took a third of building 10,000 tree rows.
/** `YYYY-MM-DDTHH:mm:ss[.sss]Z`, as ISC writes dates, read by hand; undefined for any other text, even a valid date. */
function utcIsoTime(text: string): number | undefined {
  const length = text.length;
  if ((length !== 20 && length !== 24) || text.charCodeAt(length - 1) !== Z) return undefined;
  if (text.charCodeAt(4) !== DASH || text.charCodeAt(7) !== DASH || text.charCodeAt(10) !== T) return undefined;
  if (text.charCodeAt(13) !== COLON || text.charCodeAt(16) !== COLON || (length === 24 && text.charCodeAt(19) !== DOT)) return undefined;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  const second = digitsAt(text, 17, 2);
  const ms = length === 24 ? digitsAt(text, 20, 3) : 0;
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || ms < 0) return undefined;
  return ((daysSinceEpoch(year, month, day) * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + ms;
}

/** Takes the expiry already parsed, so a tree row parses each date once. No date at all (v1's never, or a v3 answer without one) is never. */
export function expiryStateAt(token: PersonalAccessToken, expires: number | undefined, now: number, warningDays: number): ExpiryState {
  if (expires === undefined) return token.userAwareTokenNeverExpires === true || token.expirationDate === null ? 'never' : 'unknown';
  if (expires <= now) return 'expired';
  return expires - now <= warningDays * 86_400_000 ? 'soon' : 'ok'; // ms in a day
}

export function expiryState(token: PersonalAccessToken, now: number, warningDays: number): ExpiryState {
  return expiryStateAt(token, parseTime(token.expirationDate), now, warningDays);
}

export interface ExpiringToken {
  tenantId: string;
  tenantName: string;
  token: PersonalAccessToken;
  expired: boolean;
}

export interface LoadedTenantTokens {
  tenantId: string;
  tenantName: string;
  tokens: readonly PersonalAccessToken[];
}

/** Expired tokens first, then by expiry date, so the most urgent token is the one "Show" reveals. */
export function expiringTokens(tenants: readonly LoadedTenantTokens[], now: number, warningDays: number): ExpiringToken[] {
  const found: ExpiringToken[] = [];
  for (const { tenantId, tenantName, tokens } of tenants) {
    for (const token of tokens) {
      const state = expiryState(token, now, warningDays);
      if (state === 'expired' || state === 'soon') found.push({ tenantId, tenantName, token, expired: state === 'expired' });
    }
  }
  return found.sort((a, b) => Date.parse(a.token.expirationDate ?? '') - Date.parse(b.token.expirationDate ?? ''));
}

/** The local calendar day, so "once a day" follows the user's day rather than UTC's. */
export function localDay(now: number): string {
  const date = new Date(now);
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export const EXPIRY_NOTIFIED_DAY_KEY = 'sailpointPat.expiryNotifiedDay';

/** Remembers the last day the reminder was shown, in globalState, so every window together shows it once a day. */
export class DailyReminder {
  constructor(
    private readonly kv: KeyValueStore,
    private readonly key = EXPIRY_NOTIFIED_DAY_KEY,
  ) {}

  isDue(now: number): boolean {
    return this.kv.get<string>(this.key) !== localDay(now);
  }

  async markShown(now: number): Promise<void> {
    await this.kv.update(this.key, localDay(now));
  }
}

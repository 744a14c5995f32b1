// core/ops: the use cases the commands run over PatService (tokens in bulk, rotation, inventory, expiry, env lines).
// Which loaded tokens need attention soon, and when the once-a-day reminder about them is due.
import type { PersonalAccessToken } from '../model';
import type { KeyValueStore } from '../ports';

export type ExpiryState = 'unknown' | 'never' | 'ok' | 'soon' | 'expired';

/** An ISO date as epoch milliseconds; undefined when missing or unreadable. */
export function parseTime(iso: string | null): number | undefined {
  if (iso === null) return undefined;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? undefined : time;
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

// ui/view: how a token reads in the tree, the tooltip and the prompts, as plain data. Only code that shows tokens
// imports it, so it loads with the first token list, not at activation.
import { ALL_SCOPES, type ApiFamily, type PersonalAccessToken } from '../../core/model';
import { ownerName } from './ownerName';
import { expiryState, expiryStateAt, parseTime, type ExpiryState } from '../../core/ops/expiry';
import { DEFAULT_UNUSED_DAYS, grantsAllRights, tokenFlags, type HealthFlag } from '../../core/ops/health';
import { isOthersToken, MAX_TOKENS_PER_OWNER, type OwnerStatus } from '../../core/ops/owners';
import { stripUnsafeCharacters } from '../../core/validation';
import { flagLabel } from './healthText';
import { currentDisplayLanguage, t } from './l10n';
import type { IconView, TooltipLine } from './presentation';
import { ownerStatusWord, tokenRowWords, tokenRowWordsAround, type TokenMarks } from './rowWords';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** What a tree row shows at once; the tooltip's lines come from tokenTooltipLines, on hover only. */
export interface TokenView {
  label: string;
  description: string;
  icon: IconView;
  /** `token` plus `+secret`, `+managed`, `+own`, `+v1` flags, for menu `when` clauses. */
  contextValue: string;
  /** What a screen reader says for the row: the name, every mark its icon and badges show, the description. */
  accessibilityLabel: string;
}

export interface TokenViewOptions {
  now: number;
  expiryWarningDays: number;
  secretStored: boolean;
  /** The tenant itself signs in with this token: deleting it cuts the extension off. */
  isOwnCredential: boolean;
  /** The tenant's API family; `v1` adds the `+v1` flag (only v1 can change a token's expiry). */
  apiFamily?: ApiFamily;
  /** How tooltip dates are written: VS Code's display language (the runtime's default when absent). */
  locale?: string;
  /** Only for tests; people see their own time zone. */
  timeZone?: string;
  /** What the list load learnt about owners; one object shared by every row of the tenant. */
  owners?: OwnerFacts;
  /** sailpointPat.unusedDays, for the tooltip's health flags (90 when absent). */
  unusedDays?: number;
  /** What the rows of one list load share (tokenNodes makes one per load); absent, each call builds its own words. */
  phrases?: RowPhrases;
}

export interface OwnerFacts {
  /** By owner id; absent = not looked up or unknown. */
  statuses: ReadonlyMap<string, OwnerStatus>;
  /** Tokens per owner id in the loaded list. */
  counts: ReadonlyMap<string, number>;
  /** Whom the tenant's credentials act for; tokens of anyone else get `+others`. */
  callerIdentityId: string | null;
}

function ownerStatusOfToken(token: PersonalAccessToken, options: TokenViewOptions): OwnerStatus | undefined {
  const statuses = options.owners?.statuses;
  // Lists of one's own tokens look no owner up: no id to hash for each of their rows.
  return token.owner === null || statuses === undefined || statuses.size === 0 ? undefined : statuses.get(token.owner.id);
}

/** "7/10", and at the limit why it matters. */
export function budgetText(count: number): string {
  const figure = `${count}/${MAX_TOKENS_PER_OWNER}`;
  return count >= MAX_TOKENS_PER_OWNER ? t("{0}: at ISC's limit, a new token is refused until one is deleted", figure) : figure;
}


type TimeUnit = 'second' | 'minute' | 'hour' | 'day' | 'month' | 'year';

/** A span as a whole number of the largest unit that reads naturally: minutes under an hour, days under 60 days, … */
function spanIn(ms: number): { value: number; unit: TimeUnit } {
  if (ms < HOUR) return { value: Math.max(1, Math.floor(ms / MINUTE)), unit: 'minute' };
  if (ms < DAY) return { value: Math.floor(ms / HOUR), unit: 'hour' };
  if (ms < 60 * DAY) return { value: Math.floor(ms / DAY), unit: 'day' };
  if (ms < 730 * DAY) return { value: Math.floor(ms / (30 * DAY)), unit: 'month' };
  return { value: Math.floor(ms / (365 * DAY)), unit: 'year' };
}

/** Intl formatters built once per display language (and unit); an unknown language falls back to the runtime's own. */
const intlFormats = new Map<string, Intl.RelativeTimeFormat | Intl.NumberFormat>();

function cachedFormat<F extends Intl.RelativeTimeFormat | Intl.NumberFormat>(kind: string, create: (locale: string | undefined) => F): F {
  const language = currentDisplayLanguage();
  const key = `${kind}|${language}`;
  let format = intlFormats.get(key) as F | undefined;
  if (format === undefined) {
    try {
      format = create(language);
    } catch {
      format = create(undefined);
    }
    intlFormats.set(key, format);
  }
  return format;
}

/** A long list repeats a few hundred phrases ("3 days ago", "in 12 days"): each is formatted once per language. */
const RELATIVE_PHRASE_LIMIT = 5000;
const relativePhrases = new Map<string, string>();

// Kept because it measured faster (bench/README.md): Intl formatting was 15 of the 60 ms of 10,000 rows; a lookup is not.
function relativePhrase(signedValue: number, unit: TimeUnit): string {
  const key = `${currentDisplayLanguage()}|${signedValue}|${unit}`;
  let phrase = relativePhrases.get(key);
  if (phrase === undefined) {
    // A count for every span ('always'): "1 day ago" rather than "yesterday", which would hide that it is rounded.
    phrase = cachedFormat('relative', (locale) => new Intl.RelativeTimeFormat(locale, { numeric: 'always' })).format(signedValue, unit);
    if (relativePhrases.size < RELATIVE_PHRASE_LIMIT) relativePhrases.set(key, phrase);
  }
  return phrase;
}

/**
 * The first relative time of a process loads ICU's data for it (15-25 ms, like the first collation): the tree calls
 * this while the first list is on the wire, so the first rows do not wait for it.
 */
export function warmRelativeTime(): void {
  relativePhrase(-1, 'day');
}

function relativeTimeAt(time: number | undefined, now: number): string {
  if (time === undefined) return t('unknown');
  const delta = time - now;
  if (Math.abs(delta) < MINUTE) return cachedFormat('now', (locale) => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })).format(0, 'second');
  const { value, unit } = spanIn(Math.abs(delta));
  return relativePhrase(delta < 0 ? -value : value, unit);
}

/** "3 hours", "1 minute" in the display language. */
export function durationText(value: number, unit: TimeUnit): string {
  return cachedFormat(`unit-${unit}`, (locale) => new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' })).format(value);
}

/** "3 days ago", "in 12 days", "now" (Intl, in the display language); "unknown" for a missing or unreadable date. */
export function relativeTime(iso: string | null, now: number): string {
  return relativeTimeAt(parseTime(iso), now);
}

export function lastUsedText(token: PersonalAccessToken, now: number): string {
  return lastUsedAt(token.lastUsed === null ? null : parseTime(token.lastUsed), now);
}

/** `lastUsed` null for never used, undefined for an unreadable date. */
function lastUsedAt(lastUsed: number | null | undefined, now: number): string {
  return lastUsed === null ? t('never used') : t('last used {0}', relativeTimeAt(lastUsed, now));
}

/** Short enough for a tree description; null scope means the server grants everything. */
export function scopesSummary(scope: string[] | null): string {
  if (scope === null || scope.includes(ALL_SCOPES)) return t('all rights');
  if (scope.length === 0) return t('no scopes');
  if (scope.length === 1) return stripUnsafeCharacters(scope[0]);
  if (scope.length === 2) return `${stripUnsafeCharacters(scope[0])}, ${stripUnsafeCharacters(scope[1])}`;
  return t('{0} scopes', scope.length);
}

/** Shared by every row, so the tree can reuse one theme icon per kind. */
const TOKEN_ICONS = {
  expired: { id: 'error', color: 'list.errorForeground' },
  riskiest: { id: 'flame', color: 'list.errorForeground' },
  soon: { id: 'warning', color: 'list.warningForeground' },
  own: { id: 'plug', color: 'charts.blue' },
  secret: { id: 'key', color: 'charts.green' },
  managed: { id: 'gear' },
  neverUsed: { id: 'circle-outline', color: 'disabledForeground' },
  ownerInactive: { id: 'person', color: 'list.errorForeground' },
  healthy: { id: 'pass' },
} as const satisfies Record<string, IconView>;

type TokenIconKind = keyof typeof TOKEN_ICONS;

/** The tooltip's Status line: what the row's icon means, so no icon is left to guess. */
const ICON_MEANINGS: Record<TokenIconKind, () => string> = {
  expired: () => t('expired (error icon)'),
  riskiest: () => t("never expires and grants all its owner's rights: the riskiest kind of token (flame icon)"),
  soon: () => t('expires soon (warning icon)'),
  own: () => t('this tenant signs in with it (plug icon)'),
  secret: () => t('its secret is stored in VS Code (key icon)'),
  managed: () => t('managed by the platform (gear icon)'),
  neverUsed: () => t('never used (empty circle)'),
  ownerInactive: () => t('its owner is inactive or gone (person icon)'),
  healthy: () => t('in use and not expiring soon (check icon)'),
};

/** Works forever and can do everything its owner can: the riskiest token there is. Cheap: it runs for every row. */
function isRiskiestToken(token: PersonalAccessToken, state: ExpiryState): boolean {
  return state === 'never' && grantsAllRights(token.scope);
}

function tokenIconKind(token: PersonalAccessToken, state: ExpiryState, options: TokenViewOptions, owner = ownerStatusOfToken(token, options)): TokenIconKind {
  if (state === 'expired') return 'expired';
  if (isRiskiestToken(token, state)) return 'riskiest';
  // A departed owner's token that still works is the back door this mark exists for.
  if ((owner?.kind ?? 'active') !== 'active') return 'ownerInactive';
  if (state === 'soon') return 'soon';
  if (options.isOwnCredential) return 'own';
  if (options.secretStored) return 'secret';
  if (token.managed) return 'managed';
  if (token.lastUsed === null) return 'neverUsed';
  return 'healthy';
}

function tokenContextValue(token: PersonalAccessToken, options: TokenViewOptions): string {
  let value = 'token';
  if (options.secretStored) value += '+secret';
  if (token.managed) value += '+managed';
  if (options.isOwnCredential) value += '+own';
  if (options.apiFamily === 'v1') value += '+v1';
  if (isOthersToken(token, options.owners?.callerIdentityId)) value += '+others';
  return value;
}

/** Formatters by locale and time zone: a hover builds one tooltip, but the same few formatters serve every hover. */
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(locale: string | undefined, timeZone: string | undefined): Intl.DateTimeFormat {
  const key = `${locale ?? ''}|${timeZone ?? ''}`;
  let format = dateFormats.get(key);
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone });
    } catch {
      // An unknown locale or zone: the runtime's own.
      format = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
    }
    dateFormats.set(key, format);
  }
  return format;
}

/** "Nov 28, 2026, 2:03 PM (3 days ago)" in the user's language; an unreadable date as the server sent it. */
function dateText(iso: string | null, options: TokenViewOptions): string {
  if (iso === null) return t('unknown');
  const time = parseTime(iso);
  if (time === undefined) return stripUnsafeCharacters(iso);
  return `${dateFormat(options.locale, options.timeZone).format(time)} (${relativeTime(iso, options.now)})`;
}

function validityText(seconds: number | null): string {
  if (seconds === null) return t('unknown');
  if (seconds % 3600 === 0) return durationText(seconds / 3600, 'hour');
  if (seconds % 60 === 0) return durationText(seconds / 60, 'minute');
  return durationText(seconds, 'second');
}

function ownerText(token: PersonalAccessToken): string {
  if (token.owner === null) return t('unknown');
  const name = token.owner.name === null ? t('unnamed') : stripUnsafeCharacters(token.owner.name);
  return `${name} (${stripUnsafeCharacters(token.owner.id)})`;
}

/**
 * The tooltip's rows; built only when the user hovers a token, never for a whole list. `unknownScopes` are the
 * token's scopes the scope catalogue does not know.
 */
export function tokenTooltipLines(token: PersonalAccessToken, options: TokenViewOptions, unknownScopes: readonly string[] = []): TooltipLine[] {
  const { now } = options;
  const state = expiryState(token, now, options.expiryWarningDays);
  const lines: TooltipLine[] = [
    { label: t('Name'), value: stripUnsafeCharacters(token.name) },
    { label: t('Status'), value: ICON_MEANINGS[tokenIconKind(token, state, options)]() },
    { label: t('Client ID'), value: stripUnsafeCharacters(token.id) },
    { label: t('Owner'), value: ownerText(token) },
    { label: t('Created'), value: dateText(token.created, options) },
    { label: t('Last used'), value: token.lastUsed === null ? t('never') : dateText(token.lastUsed, options) },
    { label: t('Expires'), value: state === 'never' ? t('never') : dateText(token.expirationDate, options) },
    { label: t('Access-token validity'), value: validityText(token.accessTokenValiditySeconds) },
    {
      label: t('Scopes'),
      value: token.scope === null ? t('{0} (all rights of the owner)', ALL_SCOPES) : token.scope.map((scope) => stripUnsafeCharacters(scope)).join(', '),
    },
  ];
  if (unknownScopes.length > 0) {
    const names = unknownScopes.map((scope) => stripUnsafeCharacters(scope)).join(', ');
    lines.push({ label: t('Unknown scopes'), value: t("{0}: not in SailPoint's API specs, a typo or a retired scope grants nothing", names) });
  }
  lines.push({ label: t('Secret'), value: options.secretStored ? t('stored in VS Code') : t('not stored here') });
  if (token.managed) lines.push({ label: t('Managed'), value: t('created by the platform (e.g. Workflows)') });
  if (options.isOwnCredential) lines.push({ label: t('In use'), value: t('this tenant signs in with this token') });
  lines.push(...ownerLines(token, options), ...healthLines(token, options));
  return lines;
}

/** The token health flags, as Check Token Health and the overview count them (the tooltip and "Needs attention"). */
export function tokenHealthFlags(token: PersonalAccessToken, options: TokenViewOptions): HealthFlag[] {
  const settings = { now: options.now, expiryWarningDays: options.expiryWarningDays, unusedDays: options.unusedDays ?? DEFAULT_UNUSED_DAYS };
  return tokenFlags(token, settings, ownerStatusOfToken(token, options));
}

function healthLines(token: PersonalAccessToken, options: TokenViewOptions): TooltipLine[] {
  const flags = tokenHealthFlags(token, options);
  if (flags.length === 0) return [];
  return [{ label: t('Needs attention'), value: flags.map(flagLabel).join(' · ') }];
}

function ownerStatusLine(status: OwnerStatus): string {
  if (status.kind === 'gone') return t('gone: the identity no longer exists, yet this token may still work');
  if (status.kind === 'inactive') return t('{0}: this token still works although its owner is inactive', ownerStatusWord(status));
  return t('active');
}

function ownerLines(token: PersonalAccessToken, options: TokenViewOptions): TooltipLine[] {
  const lines: TooltipLine[] = [];
  const status = ownerStatusOfToken(token, options);
  if (status !== undefined) lines.push({ label: t('Owner status'), value: ownerStatusLine(status) });
  const count = token.owner === null ? undefined : options.owners?.counts.get(token.owner.id);
  if (count !== undefined) lines.push({ label: t("Owner's tokens"), value: budgetText(count) });
  if (isOthersToken(token, options.owners?.callerIdentityId)) {
    lines.push({ label: t('Changes'), value: t("another identity's token: it can be deleted, not renamed, rescoped or rotated") });
  }
  return lines;
}

/** Runs for every row of a list (10,000 in a big tenant): each date is parsed once, and the load's phrases are shared. */
export function presentToken(token: PersonalAccessToken, options: TokenViewOptions): TokenView {
  const phrases = options.phrases ?? new RowPhrases();
  const { now } = options;
  const expires = parseTime(token.expirationDate);
  const state = expiryStateAt(token, expires, now, options.expiryWarningDays);
  const owner = ownerStatusOfToken(token, options);
  const ownerMark = owner === undefined || owner.kind === 'active' ? '' : `${t('owner {0}', ownerStatusWord(owner))} · `;
  const riskiest = isRiskiestToken(token, state);
  const riskMark = riskiest ? `${t('riskiest')} · ` : '';
  // Another identity's token names its owner next: whose token it is decides what to do with it.
  const whose = token.owner !== null && isOthersToken(token, options.owners?.callerIdentityId) ? `${ownerName(token.owner)} · ` : '';
  const lastUsed = token.lastUsed === null ? null : parseTime(token.lastUsed);
  const description = riskMark + whose + ownerMark + phrases.scopes(token.scope) + phrases.descriptionEnd(lastUsed, expires, state, now);
  const label = stripUnsafeCharacters(token.name);
  const marks = { expiry: state, riskiest, neverUsed: token.lastUsed === null, managed: token.managed, secretStored: options.secretStored, signsInTenant: options.isOwnCredential, owner };
  return {
    label,
    description,
    icon: TOKEN_ICONS[tokenIconKind(token, state, options, owner)],
    contextValue: tokenContextValue(token, options),
    accessibilityLabel: phrases.rowWords(label, description, marks),
  };
}

const TIME_UNITS: readonly TimeUnit[] = ['second', 'minute', 'hour', 'day', 'month', 'year'];
const EXPIRY_STATES: readonly ExpiryState[] = ['unknown', 'never', 'ok', 'soon', 'expired'];
/** What a row says of a date other than how far off it is, as keys no span from now reaches. */
const [NEVER_USED, UNREADABLE, EXPIRED, NEVER_EXPIRES] = [1, 2, 3, 4].map((offset) => 2 ** 30 - offset);

/** A span from now as one small integer, the same for every span its phrase rounds alike: 0 is now, the sign past or future. */
function spanKey(delta: number): number {
  if (Math.abs(delta) < MINUTE) return 0;
  const { value, unit } = spanIn(Math.abs(delta));
  return (value * TIME_UNITS.length + TIME_UNITS.indexOf(unit)) * Math.sign(delta);
}

function expiryKey(expires: number | undefined, state: ExpiryState, now: number): number {
  if (state === 'expired') return EXPIRED;
  if (state === 'never') return NEVER_EXPIRES;
  return state === 'unknown' || expires === undefined ? UNREADABLE : spanKey(expires - now);
}

function expiryText(expires: number | undefined, state: ExpiryState, now: number): string | undefined {
  if (state === 'expired') return t('expired');
  if (state === 'never') return t('never expires');
  return state === 'unknown' ? undefined : t('expires {0}', relativeTimeAt(expires, now));
}

/** The map kept under `key`, made on first use. */
function within<K, V>(map: Map<K, Map<number, V>>, key: K): Map<number, V> {
  let inner = map.get(key);
  if (inner === undefined) map.set(key, (inner = new Map<number, V>()));
  return inner;
}

// Kept because it measured faster (bench/README.md): each of 10,000 rows translated, formatted and joined the same few phrases.
/**
 * What the rows of one list load share, built once and looked up by small integers (a string key costs a row more
 * than it saves): the end of a description ("· last used 3 days ago · expires in 12 days") and the sentence a screen
 * reader says around a row's name and description. Valid for one "now", one set of settings and the translator in use,
 * so tokenNodes makes one per load.
 */
export class RowPhrases {
  private readonly ends = new Map<number, Map<number, string>>();
  private readonly sentences = new Map<OwnerStatus | undefined, Map<number, string[] | null>>();
  private lastScope: string[] | null | undefined;
  private lastScopeSummary = '';

  /** A scope list's summary; the list check hands consecutive tokens of the same scopes one list, so most rows reuse the last. */
  scopes(scope: string[] | null): string {
    if (scope !== this.lastScope) {
      this.lastScopeSummary = scopesSummary(scope);
      this.lastScope = scope;
    }
    return this.lastScopeSummary;
  }

  /** `lastUsed` null for never used, undefined for an unreadable date. */
  descriptionEnd(lastUsed: number | null | undefined, expires: number | undefined, state: ExpiryState, now: number): string {
    const byExpiry = within(this.ends, lastUsed === null ? NEVER_USED : lastUsed === undefined ? UNREADABLE : spanKey(lastUsed - now));
    const key = expiryKey(expires, state, now);
    let end = byExpiry.get(key);
    if (end === undefined) {
      const used = lastUsedAt(lastUsed, now);
      const expiry = expiryText(expires, state, now);
      byExpiry.set(key, (end = expiry === undefined ? ` · ${used}` : ` · ${used} · ${expiry}`));
    }
    return end;
  }

  /** The row's sentence, filled once per marks with the name and the description left open, then per row with them. */
  rowWords(label: string, description: string, marks: TokenMarks): string {
    const byMarks = within(this.sentences, marks.owner);
    const bits = (marks.riskiest ? 1 : 0) | (marks.neverUsed ? 2 : 0) | (marks.managed ? 4 : 0) | (marks.secretStored ? 8 : 0) | (marks.signsInTenant ? 16 : 0);
    const key = bits * EXPIRY_STATES.length + EXPIRY_STATES.indexOf(marks.expiry);
    let parts = byMarks.get(key);
    if (parts === undefined) byMarks.set(key, (parts = tokenRowWordsAround(marks) ?? null));
    // A translation that reorders them, or says one other than once, is filled per row.
    return parts === null ? tokenRowWords(label, description, marks) : parts[0] + label + parts[1] + description + parts[2];
  }
}

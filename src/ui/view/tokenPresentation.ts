// ui/view: how a token reads in the tree, the tooltip and the prompts, as plain data. Only code that shows tokens
// imports it, so it loads with the first token list, not at activation.
import { ALL_SCOPES, type ApiFamily, type PersonalAccessToken } from '../../core/model';
import { ownerName } from './ownerName';
import { expiryState, expiryStateAt, parseTime, type ExpiryState } from '../../core/ops/expiry';
import { DEFAULT_UNUSED_DAYS, grantsAllRights, tokenFlags, type HealthFlag } from '../../core/ops/health';
import { isOthersToken, MAX_TOKENS_PER_OWNER, type OwnerStatus } from '../../core/ops/owners';
import { stripUnsafeCharacters } from '../../core/validation';
import { flagLabel } from './healthText';
import { t } from './l10n';
import { plural, type IconView, type TooltipLine } from './presentation';
import { tokenRowWords } from './rowWords';

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
  return token.owner === null ? undefined : options.owners?.statuses.get(token.owner.id);
}

/** "7/10", and at the limit why it matters. */
export function budgetText(count: number): string {
  const figure = `${count}/${MAX_TOKENS_PER_OWNER}`;
  return count >= MAX_TOKENS_PER_OWNER ? `${figure}: at ISC's limit, a new token is refused until one is deleted` : figure;
}


function spanText(ms: number): string {
  if (ms < HOUR) return plural(Math.max(1, Math.floor(ms / MINUTE)), 'minute');
  if (ms < DAY) return plural(Math.floor(ms / HOUR), 'hour');
  if (ms < 60 * DAY) return plural(Math.floor(ms / DAY), 'day');
  if (ms < 730 * DAY) return plural(Math.floor(ms / (30 * DAY)), 'month');
  return plural(Math.floor(ms / (365 * DAY)), 'year');
}

function relativeTimeAt(time: number | undefined, now: number): string {
  if (time === undefined) return 'unknown';
  const delta = time - now;
  if (Math.abs(delta) < MINUTE) return 'just now';
  return delta < 0 ? `${spanText(-delta)} ago` : `in ${spanText(delta)}`;
}

/** "3 days ago", "in 12 days", "just now"; "unknown" for a missing or unreadable date. */
export function relativeTime(iso: string | null, now: number): string {
  return relativeTimeAt(parseTime(iso), now);
}

export function lastUsedText(token: PersonalAccessToken, now: number): string {
  if (token.lastUsed === null) return 'never used';
  return `last used ${relativeTime(token.lastUsed, now)}`;
}

function expiryText(expires: number | undefined, state: ExpiryState, now: number): string | undefined {
  switch (state) {
    case 'expired':
      return 'expired';
    case 'never':
      return 'never expires';
    case 'unknown':
      return undefined;
    default:
      return `expires ${relativeTimeAt(expires, now)}`;
  }
}

/** Short enough for a tree description; null scope means the server grants everything. */
export function scopesSummary(scope: string[] | null): string {
  if (scope === null || scope.includes(ALL_SCOPES)) return 'all rights';
  if (scope.length === 0) return 'no scopes';
  if (scope.length === 1) return stripUnsafeCharacters(scope[0]);
  if (scope.length === 2) return `${stripUnsafeCharacters(scope[0])}, ${stripUnsafeCharacters(scope[1])}`;
  return `${scope.length} scopes`;
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
const ICON_MEANINGS: Record<TokenIconKind, string> = {
  expired: 'expired (error icon)',
  riskiest: t("never expires and grants all its owner's rights: the riskiest kind of token (flame icon)"),
  soon: 'expires soon (warning icon)',
  own: 'this tenant signs in with it (plug icon)',
  secret: 'its secret is stored in VS Code (key icon)',
  managed: 'managed by the platform (gear icon)',
  neverUsed: 'never used (empty circle)',
  ownerInactive: 'its owner is inactive or gone (person icon)',
  healthy: 'in use and not expiring soon (check icon)',
};

/** Works forever and can do everything its owner can: the riskiest token there is. Cheap: it runs for every row. */
function isRiskiestToken(token: PersonalAccessToken, state: ExpiryState): boolean {
  return state === 'never' && grantsAllRights(token.scope);
}

function tokenIconKind(token: PersonalAccessToken, state: ExpiryState, options: TokenViewOptions): TokenIconKind {
  if (state === 'expired') return 'expired';
  if (isRiskiestToken(token, state)) return 'riskiest';
  // A departed owner's token that still works is the back door this mark exists for.
  if ((ownerStatusOfToken(token, options)?.kind ?? 'active') !== 'active') return 'ownerInactive';
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
  if (iso === null) return 'unknown';
  const time = parseTime(iso);
  if (time === undefined) return stripUnsafeCharacters(iso);
  return `${dateFormat(options.locale, options.timeZone).format(time)} (${relativeTime(iso, options.now)})`;
}

function validityText(seconds: number | null): string {
  if (seconds === null) return 'unknown';
  if (seconds % 3600 === 0) return plural(seconds / 3600, 'hour');
  if (seconds % 60 === 0) return plural(seconds / 60, 'minute');
  return plural(seconds, 'second');
}

function ownerText(token: PersonalAccessToken): string {
  if (token.owner === null) return 'unknown';
  const name = token.owner.name === null ? 'unnamed' : stripUnsafeCharacters(token.owner.name);
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
    { label: 'Name', value: stripUnsafeCharacters(token.name) },
    { label: 'Status', value: ICON_MEANINGS[tokenIconKind(token, state, options)] },
    { label: 'Client ID', value: stripUnsafeCharacters(token.id) },
    { label: 'Owner', value: ownerText(token) },
    { label: 'Created', value: dateText(token.created, options) },
    { label: 'Last used', value: token.lastUsed === null ? 'never' : dateText(token.lastUsed, options) },
    { label: 'Expires', value: state === 'never' ? 'never' : dateText(token.expirationDate, options) },
    { label: 'Access-token validity', value: validityText(token.accessTokenValiditySeconds) },
    {
      label: 'Scopes',
      value: token.scope === null ? `${ALL_SCOPES} (all rights of the owner)` : token.scope.map((scope) => stripUnsafeCharacters(scope)).join(', '),
    },
  ];
  if (unknownScopes.length > 0) {
    const names = unknownScopes.map((scope) => stripUnsafeCharacters(scope)).join(', ');
    lines.push({ label: 'Unknown scopes', value: `${names}: not in SailPoint's API specs, a typo or a retired scope grants nothing` });
  }
  lines.push({ label: 'Secret', value: options.secretStored ? 'stored in VS Code' : 'not stored here' });
  if (token.managed) lines.push({ label: 'Managed', value: 'created by the platform (e.g. Workflows)' });
  if (options.isOwnCredential) lines.push({ label: 'In use', value: 'this tenant signs in with this token' });
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
  if (status.kind === 'gone') return 'gone: the identity no longer exists, yet this token may still work';
  if (status.kind === 'inactive') return `${status.text}: this token still works although its owner is inactive`;
  return 'active';
}

function ownerLines(token: PersonalAccessToken, options: TokenViewOptions): TooltipLine[] {
  const lines: TooltipLine[] = [];
  const status = ownerStatusOfToken(token, options);
  if (status !== undefined) lines.push({ label: 'Owner status', value: ownerStatusLine(status) });
  const count = token.owner === null ? undefined : options.owners?.counts.get(token.owner.id);
  if (count !== undefined) lines.push({ label: "Owner's tokens", value: budgetText(count) });
  if (isOthersToken(token, options.owners?.callerIdentityId)) {
    lines.push({ label: 'Changes', value: "another identity's token: it can be deleted, not renamed, rescoped or rotated" });
  }
  return lines;
}

/** Runs for every row of a list (10,000 in a big tenant): each date is parsed once and nothing is built for later. */
export function presentToken(token: PersonalAccessToken, options: TokenViewOptions): TokenView {
  const { now } = options;
  const expires = parseTime(token.expirationDate);
  const state = expiryStateAt(token, expires, now, options.expiryWarningDays);
  const expiry = expiryText(expires, state, now);
  const owner = ownerStatusOfToken(token, options);
  const ownerMark = owner === undefined || owner.kind === 'active' ? '' : `owner ${owner.text} · `;
  const riskiest = isRiskiestToken(token, state);
  const riskMark = riskiest ? `${t('riskiest')} · ` : '';
  // Another identity's token names its owner next: whose token it is decides what to do with it.
  const whose = token.owner !== null && isOthersToken(token, options.owners?.callerIdentityId) ? `${ownerName(token.owner)} · ` : '';
  const summary = `${riskMark}${whose}${ownerMark}${scopesSummary(token.scope)} · ${lastUsedText(token, now)}`;
  const label = stripUnsafeCharacters(token.name);
  const description = expiry === undefined ? summary : `${summary} · ${expiry}`;
  const marks = { expiry: state, riskiest, neverUsed: token.lastUsed === null, managed: token.managed, secretStored: options.secretStored, signsInTenant: options.isOwnCredential, owner };
  return {
    label,
    description,
    icon: TOKEN_ICONS[tokenIconKind(token, state, options)],
    contextValue: tokenContextValue(token, options),
    accessibilityLabel: tokenRowWords(label, description, marks),
  };
}

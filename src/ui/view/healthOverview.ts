// ui/view: the health overview webview as plain data. What it shows (bars per tenant and flag, a 26-week expiry
// timeline, tokens per owner against ISC's 10) is computed here; the page is a fixed script that builds its DOM from
// that data with textContent only, under a CSP that allows nothing but its own nonce. Loaded only when it opens.
import type { HealthFlag, HealthReport } from '../../core/ops/health';
import { HEALTH_FLAGS } from '../../core/ops/health';
import { parseTime } from '../../core/ops/expiry';
import { MAX_TOKENS_PER_OWNER } from '../../core/ops/owners';
import { stripUnsafeCharacters } from '../../core/validation';
import { flagLabel, flagMeaning } from './healthText';
import { currentDisplayLanguage, t } from './l10n';
import { HEALTH_PAGE_SCRIPT, HEALTH_PAGE_STYLE } from './healthPage';

const WEEK_MS = 7 * 86_400_000;
/** Drawn red: the token works when it should not, or can do too much. The others are drawn as warnings. */
const RISK_FLAGS: ReadonlySet<HealthFlag> = new Set(['expired', 'neverExpires', 'ownerInactive', 'allRights']);
export const TIMELINE_WEEKS = 26;
/** The owners chart shows this many, the fullest first. */
const MAX_OWNERS = 20;

/** A token as the page knows it: index into `tokens`, so bars carry numbers, not names. */
export interface OverviewToken {
  tenantId: string;
  tokenId: string;
  tenantName: string;
  name: string;
  owner: string;
  flags: HealthFlag[];
}

export interface OverviewBar {
  label: string;
  count: number;
  /** Indexes into OverviewData.tokens. */
  tokens: number[];
}

export interface OverviewData {
  title: string;
  strings: Record<string, string>;
  flags: { id: HealthFlag; label: string; meaning: string; severity: 'risk' | 'warn' }[];
  tenants: { name: string; total: number; bars: OverviewBar[] }[];
  timeline: OverviewBar[];
  owners: (OverviewBar & { tenantName: string })[];
  ownerLimit: number;
  failed: { name: string; message: string }[];
  tokens: OverviewToken[];
}

export interface OverviewSettings {
  now: number;
  expiryWarningDays: number;
  unusedDays: number;
  /** Writes a week's first day, in the display language. */
  formatDay: (time: number) => string;
}

function ownerName(owner: { id: string; name: string | null } | null): string {
  if (owner === null) return t('unknown owner');
  return stripUnsafeCharacters(owner.name ?? owner.id);
}

function timelineBars(report: HealthReport, settings: OverviewSettings): OverviewBar[] {
  const weeks: OverviewBar[] = Array.from({ length: TIMELINE_WEEKS }, (_, week) => ({ label: settings.formatDay(settings.now + week * WEEK_MS), count: 0, tokens: [] }));
  report.tokens.forEach(({ token }, index) => {
    const expires = parseTime(token.expirationDate);
    if (expires === undefined || expires <= settings.now) return;
    const week = Math.floor((expires - settings.now) / WEEK_MS);
    if (week >= TIMELINE_WEEKS) return;
    weeks[week].count += 1;
    weeks[week].tokens.push(index);
  });
  return weeks;
}

/** Per tenant and owner (ISC's limit is per identity in a tenant), the fullest first. */
function ownerBars(report: HealthReport): OverviewData['owners'] {
  const byOwner = new Map<string, OverviewData['owners'][number]>();
  report.tokens.forEach(({ tenant, token }, index) => {
    if (token.owner === null) return;
    const key = `${tenant.id}\u0000${token.owner.id}`;
    const bar = byOwner.get(key) ?? { label: ownerName(token.owner), tenantName: stripUnsafeCharacters(tenant.displayName), count: 0, tokens: [] };
    bar.count += 1;
    bar.tokens.push(index);
    byOwner.set(key, bar);
  });
  return [...byOwner.values()].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label)).slice(0, MAX_OWNERS);
}

function tenantBars(report: HealthReport): OverviewData['tenants'] {
  return report.tenants.map(({ tenant, total }) => {
    const bars = HEALTH_FLAGS.map((flag) => ({ label: flagLabel(flag), count: 0, tokens: [] as number[] }));
    report.tokens.forEach((entry, index) => {
      if (entry.tenant.id !== tenant.id) return;
      for (const flag of entry.flags) {
        const bar = bars[HEALTH_FLAGS.indexOf(flag)];
        bar.count += 1;
        bar.tokens.push(index);
      }
    });
    return { name: stripUnsafeCharacters(tenant.displayName), total, bars };
  });
}

/** The words the page's script uses; every one goes through t(). */
function pageStrings(): Record<string, string> {
  return {
    flagsHeading: t('Flags per tenant'),
    timelineHeading: t('Expiring in the next {0} weeks', TIMELINE_WEEKS),
    ownersHeading: t('Tokens per owner (ISC allows {0})', MAX_TOKENS_PER_OWNER),
    failedHeading: t('Tenants that could not be read'),
    listHeading: t('Tokens'),
    listHint: t('Choose a bar to list its tokens; choose a token to show it in the tree.'),
    table: t('Show as a table'),
    flag: t('Flag'),
    week: t('Week of'),
    owner: t('Owner'),
    tenant: t('Tenant'),
    count: t('Tokens'),
    total: t('{0} tokens'),
    barLabel: t('{0}: {1}'),
    none: t('No tokens.'),
    noTenants: t('No tenant could be read.'),
    reveal: t('Show in the tree'),
  };
}

export function overviewData(report: HealthReport, settings: OverviewSettings): OverviewData {
  return {
    title: t('Token Health'),
    strings: pageStrings(),
    flags: HEALTH_FLAGS.map((flag) => ({
      id: flag,
      label: flagLabel(flag),
      meaning: flagMeaning(flag, settings.expiryWarningDays, settings.unusedDays),
      severity: RISK_FLAGS.has(flag) ? 'risk' : 'warn',
    })),
    tenants: tenantBars(report),
    timeline: timelineBars(report, settings),
    owners: ownerBars(report),
    ownerLimit: MAX_TOKENS_PER_OWNER,
    failed: report.failedTenants.map(({ tenant, message }) => ({ name: stripUnsafeCharacters(tenant.displayName), message: stripUnsafeCharacters(message) })),
    tokens: report.tokens.map(({ tenant, token, flags }) => ({
      tenantId: tenant.id,
      tokenId: token.id,
      tenantName: stripUnsafeCharacters(tenant.displayName),
      name: stripUnsafeCharacters(token.name),
      owner: ownerName(token.owner),
      flags,
    })),
  };
}

/** JSON that cannot end the script element it sits in, nor start markup: every <, > and & is a \u escape. */
export function inertJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The page's lang attribute: VS Code's display language, when it is a plain BCP 47 tag (it lands in markup). */
function pageLanguage(): string {
  const language = currentDisplayLanguage();
  return /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(language) ? language : 'en';
}

/** The whole page: no remote content, one nonce for the style and the scripts, data as inert JSON. */
export function overviewHtml(data: OverviewData, nonce: string): string {
  const csp = `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';`;
  return [
    '<!DOCTYPE html>',
    `<html lang="${pageLanguage()}">`,
    '<head>',
    '<meta charset="UTF-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1.0">',
    `<style nonce="${nonce}">${HEALTH_PAGE_STYLE}</style>`,
    '</head>',
    '<body>',
    '<main id="root"></main>',
    `<script type="application/json" id="data" nonce="${nonce}">${inertJson(data)}</script>`,
    `<script nonce="${nonce}">${HEALTH_PAGE_SCRIPT}</script>`,
    '</body>',
    '</html>',
  ].join('\n');
}

/** What the page may ask of the extension; anything else is dropped. */
export interface RevealRequest {
  type: 'reveal';
  tenantId: string;
  tokenId: string;
}

/** A message from the page, checked: the one known type, with a tenant and token id the overview was given. */
export function revealRequest(message: unknown, shown: readonly Pick<OverviewToken, 'tenantId' | 'tokenId'>[]): RevealRequest | undefined {
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return undefined;
  const { type, tenantId, tokenId } = message as Record<string, unknown>;
  if (type !== 'reveal' || typeof tenantId !== 'string' || typeof tokenId !== 'string') return undefined;
  const known = shown.some((token) => token.tenantId === tenantId && token.tokenId === tokenId);
  return known ? { type, tenantId, tokenId } : undefined;
}

// ui/view: what the UI shows, as vscode-free data (words, codicons, theme colours, menu context values) from core's facts.
// How tenants and errors read in the UI, as plain data; tokens read as tokenPresentation.ts says, which loads with them.
import type { Tenant, TokenListQuery } from '../../core/model';
import { isPatError, type PatErrorKind } from '../../core/errors';
import { listQueryText } from '../../core/listQueryText';
import { webUiPatPageUrl } from '../../core/tenantUrl';
import { sanitizeForDisplay, stripUnsafeCharacters } from '../../core/displayText';
import { t } from './l10n';

export interface IconView {
  /** A codicon id, e.g. `warning`. */
  id: string;
  /** A theme color id, e.g. `list.warningForeground`. */
  color?: string;
}

/** One tooltip row: `label` is ours, `value` is plain text (server text stripped of unsafe characters). */
export interface TooltipLine {
  label: string;
  value: string;
}

export function tenantHost(tenant: Tenant): string {
  try {
    return new URL(tenant.baseUrl).host;
  } catch {
    return stripUnsafeCharacters(tenant.baseUrl);
  }
}

/** What the user sees on a tenant before and after its tokens load. */
export type TenantState = 'unknown' | 'ok' | 'credentials-missing' | 'credentials-rejected' | 'url-changed' | 'unreachable' | 'cannot-list-others' | 'error';

export type TenantFix = 'updateCredentials' | 'retry' | 'listMine';

export interface TenantView {
  label: string;
  description: string;
  icon: IconView;
  /** `tenant+<state>`, for menu `when` clauses. */
  contextValue: string;
  tooltip: TooltipLine[];
  /** What a screen reader says for the row: the name, the state its icon shows, the description. */
  accessibilityLabel: string;
}

const TENANT_ICONS: Record<TenantState, IconView> = {
  unknown: { id: 'cloud' },
  ok: { id: 'cloud' },
  'credentials-missing': { id: 'key', color: 'list.warningForeground' },
  'credentials-rejected': { id: 'error', color: 'list.errorForeground' },
  'url-changed': { id: 'key', color: 'list.errorForeground' },
  unreachable: { id: 'debug-disconnect', color: 'list.warningForeground' },
  'cannot-list-others': { id: 'lock', color: 'list.warningForeground' },
  error: { id: 'warning', color: 'list.warningForeground' },
};

const TENANT_STATE_TEXT: Record<TenantState, () => string> = {
  unknown: () => t('not loaded yet'),
  ok: () => t('ok'),
  'credentials-missing': () => t('credentials missing'),
  'credentials-rejected': () => t('credentials rejected'),
  'url-changed': () => t('URL changed: credentials not sent'),
  unreachable: () => t('unreachable'),
  'cannot-list-others': () => t("may not list other identities' tokens"),
  error: () => t('error'),
};

/** Said on the tenant (once, not per token) when its credentials may not read identities. */
export function ownerStatusForbiddenText(): string {
  return t('not available: these credentials may not read identities (403); tokens are listed as usual');
}

export function presentTenant(tenant: Tenant, state: TenantState, ownerStatusProblem?: string): TenantView {
  const ownerLine = ownerStatusProblem === undefined ? [] : [{ label: t('Owner status'), value: ownerStatusProblem }];
  const label = stripUnsafeCharacters(tenant.displayName);
  const description = `${tenantHost(tenant)} · ${listQueryText(tenant.listQuery)}`;
  return {
    label,
    description,
    accessibilityLabel: t('Tenant {0}: {1}. {2}', label, TENANT_STATE_TEXT[state](), description),
    icon: TENANT_ICONS[state],
    // `+web`: Open in Web UI is offered only where the web UI's address is known (not a custom or loopback host).
    contextValue: `tenant+${state}${webUiPatPageUrl(tenant.baseUrl) === null ? '' : '+web'}`,
    tooltip: [
      { label: t('Tenant'), value: stripUnsafeCharacters(tenant.displayName) },
      { label: t('API'), value: `${stripUnsafeCharacters(tenant.baseUrl)} (${tenant.apiFamily})` },
      { label: t('Lists'), value: listQueryText(tenant.listQuery) },
      { label: t('State'), value: TENANT_STATE_TEXT[state]() },
      ...ownerLine,
    ],
  };
}

const UNREACHABLE_KINDS: ReadonlySet<PatErrorKind> = new Set(['network', 'timeout']);
export const REJECTED_KINDS: ReadonlySet<PatErrorKind> = new Set(['credentials-rejected', 'unauthorized']);
export const TRANSIENT_KINDS: ReadonlySet<PatErrorKind> = new Set(['network', 'timeout', 'server', 'rate-limited']);

/** `listQuery`: what the tenant asked for; a 403 on other identities' tokens is a missing right, not a glitch to retry. */
export function tenantStateForError(error: unknown, listQuery?: TokenListQuery): TenantState {
  if (isPatError(error, 'credentials-missing')) return 'credentials-missing';
  if (isPatError(error, 'credentials-url-changed')) return 'url-changed';
  if (isPatError(error) && REJECTED_KINDS.has(error.kind)) return 'credentials-rejected';
  if (isPatError(error) && UNREACHABLE_KINDS.has(error.kind)) return 'unreachable';
  if (isPatError(error, 'forbidden') && listQuery !== undefined && listQuery.owner.kind !== 'me') return 'cannot-list-others';
  return 'error';
}

/** The fix a tenant's error child offers: new credentials, my own tokens instead, or another try. */
export function tenantFix(state: TenantState): TenantFix {
  if (state === 'cannot-list-others') return 'listMine';
  return state === 'credentials-missing' || state === 'credentials-rejected' || state === 'url-changed' ? 'updateCredentials' : 'retry';
}

/** Tooltip rows as Markdown in which server text can form no link, command, HTML or icon. */
export function tooltipMarkdown(lines: readonly TooltipLine[]): string {
  return lines.map((line) => `**${line.label}:** ${sanitizeForDisplay(line.value)}`).join('  \n');
}

/** The first words of a tenant's problem child; the detail (the error) follows it. */
export function tenantProblemHeadline(state: TenantState): string {
  switch (state) {
    case 'credentials-missing':
      return t('Credentials missing: click to enter them');
    case 'credentials-rejected':
      return t('Credentials rejected: click to update them');
    case 'url-changed':
      return t("This tenant's URL changed: enter its credentials again");
    case 'unreachable':
      return t('Tenant unreachable: click to retry');
    case 'cannot-list-others':
      return t('These credentials cannot list all tokens: click to list My tokens');
    default:
      return t('Could not list tokens: click to retry');
  }
}

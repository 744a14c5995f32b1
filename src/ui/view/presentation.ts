// ui/view: what the UI shows, as vscode-free data (words, codicons, theme colours, menu context values) from core's facts.
// How tenants and errors read in the UI, as plain data; tokens read as tokenPresentation.ts says, which loads with them.
import type { Tenant } from '../../core/model';
import type { BulkDeleteResult } from '../../core/ops/bulkDelete';
import { isPatError, type PatErrorKind } from '../../core/errors';
import { listQueryText } from '../../core/listQueryText';
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

/** "1 token" / "5 tokens": a sentence per count form, so each language words both. */
export function tokenCount(count: number): string {
  return count === 1 ? t('1 token') : t('{0} tokens', count);
}

/** "1 tenant" / "3 tenants". */
export function tenantCount(count: number): string {
  return count === 1 ? t('1 tenant') : t('{0} tenants', count);
}

/** "Deleted 5 tokens; 2 failed." */
export function bulkSummary(result: BulkDeleteResult): string {
  const deleted = tokenCount(result.deleted.length);
  return result.failed.length === 0 ? t('Deleted {0}.', deleted) : t('Deleted {0}; {1} failed.', deleted, result.failed.length);
}

export function tenantHost(tenant: Tenant): string {
  try {
    return new URL(tenant.baseUrl).host;
  } catch {
    return stripUnsafeCharacters(tenant.baseUrl);
  }
}

/** What the user sees on a tenant before and after its tokens load. */
export type TenantState = 'unknown' | 'ok' | 'credentials-missing' | 'credentials-rejected' | 'unreachable' | 'error';

export type TenantFix = 'updateCredentials' | 'retry';

export interface TenantView {
  label: string;
  description: string;
  icon: IconView;
  /** `tenant+<state>`, for menu `when` clauses. */
  contextValue: string;
  tooltip: TooltipLine[];
}

const TENANT_ICONS: Record<TenantState, IconView> = {
  unknown: { id: 'cloud' },
  ok: { id: 'cloud' },
  'credentials-missing': { id: 'key', color: 'list.warningForeground' },
  'credentials-rejected': { id: 'error', color: 'list.errorForeground' },
  unreachable: { id: 'debug-disconnect', color: 'list.warningForeground' },
  error: { id: 'warning', color: 'list.warningForeground' },
};

const TENANT_STATE_TEXT: Record<TenantState, () => string> = {
  unknown: () => t('not loaded yet'),
  ok: () => t('ok'),
  'credentials-missing': () => t('credentials missing'),
  'credentials-rejected': () => t('credentials rejected'),
  unreachable: () => t('unreachable'),
  error: () => t('error'),
};

/** Said on the tenant (once, not per token) when its credentials may not read identities. */
export function ownerStatusForbiddenText(): string {
  return t('not available: these credentials may not read identities (403); tokens are listed as usual');
}

export function presentTenant(tenant: Tenant, state: TenantState, ownerStatusProblem?: string): TenantView {
  const ownerLine = ownerStatusProblem === undefined ? [] : [{ label: t('Owner status'), value: ownerStatusProblem }];
  return {
    label: stripUnsafeCharacters(tenant.displayName),
    description: `${tenantHost(tenant)} · ${listQueryText(tenant.listQuery)}`,
    icon: TENANT_ICONS[state],
    contextValue: `tenant+${state}`,
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
const REJECTED_KINDS: ReadonlySet<PatErrorKind> = new Set(['credentials-rejected', 'unauthorized']);
const TRANSIENT_KINDS: ReadonlySet<PatErrorKind> = new Set(['network', 'timeout', 'server', 'rate-limited']);

export function tenantStateForError(error: unknown): TenantState {
  if (isPatError(error, 'credentials-missing')) return 'credentials-missing';
  if (isPatError(error) && REJECTED_KINDS.has(error.kind)) return 'credentials-rejected';
  if (isPatError(error) && UNREACHABLE_KINDS.has(error.kind)) return 'unreachable';
  return 'error';
}

/** The fix a tenant's error child offers: new credentials when they are the problem, otherwise another try. */
export function tenantFix(state: TenantState): TenantFix {
  return state === 'credentials-missing' || state === 'credentials-rejected' ? 'updateCredentials' : 'retry';
}

export type ErrorAction = 'updateCredentials' | 'retry' | 'showLog';

/** Which buttons an error message offers; Retry only where trying again can help and cannot duplicate. */
export function errorActions(error: unknown): ErrorAction[] {
  const actions: ErrorAction[] = [];
  if (isPatError(error) && (REJECTED_KINDS.has(error.kind) || error.kind === 'credentials-missing')) {
    actions.push('updateCredentials');
  }
  if (isPatError(error) && TRANSIENT_KINDS.has(error.kind)) actions.push('retry');
  actions.push('showLog');
  return actions;
}

/** The text on the delete modal's button: names how many tokens go. */
export function deleteButtonText(count: number): string {
  return count === 1 ? t('Delete Token') : t('Delete {0} tokens', count);
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
    case 'unreachable':
      return t('Tenant unreachable: click to retry');
    default:
      return t('Could not list tokens: click to retry');
  }
}

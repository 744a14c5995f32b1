// Find Unused Tokens: which tenants and what "unused" means (one wizard, numbered), then which findings to delete.
import type { UnusedCriteria, UnusedToken } from '../../../core/ops/bulkDelete';
import { checkUnusedDays } from '../../prompts/inputChecks';
import type { Tenant } from '../../../core/model';
import { tenantCount } from '../../view/counts';
import { tenantHost } from '../../view/presentation';
import { lastUsedText } from '../../view/tokenPresentation';
import { ownerName } from '../../view/ownerName';
import { optionalBoolean, optionalNumber, optionalId, type ArgumentObject } from '../../prompts/args';
import { runWizard, shown, type Item, type Prompts, type WizardStep } from '../../prompts/prompts';
import { t } from '../../view/l10n';

const DEFAULT_UNUSED_DAYS = 90;
function title(): string {
  return t('Find Unused Tokens');
}

interface TenantChoice extends Item {
  tenants: Tenant[];
  /** One tenant was named or picked (not "all"): if it cannot be searched, that is the command's error. */
  one: boolean;
}

interface CriteriaPick extends Item {
  neverUsed: boolean;
  since: boolean;
  ownerInactive?: boolean;
}

const CRITERIA: readonly CriteriaPick[] = [
  { get label() { return t('Never used'); }, get detail() { return t('Tokens that have never minted an access token'); }, neverUsed: true, since: false },
  { get label() { return t('Not used for a number of days…'); }, get detail() { return t('ISC updates "last used" at most once a day'); }, neverUsed: false, since: true },
  { get label() { return t('Never used, or not used for a number of days…'); }, neverUsed: true, since: true },
  {
    get label() { return t('Owner inactive'); },
    get detail() { return t("Owned by a disabled, deactivated, terminated, locked or deleted identity (tenants that list others' tokens)"); },
    neverUsed: false,
    since: false,
    ownerInactive: true,
  },
];

export interface UnusedQuestion {
  scope: TenantChoice;
  criteria: UnusedCriteria;
}

interface Draft {
  scope: TenantChoice;
  pick: CriteriaPick;
  days: string;
}

/** Scripts: `tenantId` (absent: every tenant), `neverUsed`, `unusedSinceDays`, `ownerInactive`. */
function criteriaFromArgs(args: ArgumentObject): CriteriaPick {
  return {
    label: '',
    neverUsed: optionalBoolean(args, 'neverUsed') ?? false,
    since: optionalNumber(args, 'unusedSinceDays') !== undefined,
    ownerInactive: optionalBoolean(args, 'ownerInactive'),
  };
}

function steps(all: readonly Tenant[], tenantsOf: (args: ArgumentObject) => Tenant[]): { askScope: WizardStep<Draft>; askCriteria: WizardStep<Draft> } {
  const askDays: WizardStep<Draft> = async (ask, draft) => {
    draft.days = (
      await ask.inputText({
        name: 'unusedSinceDays',
        prompt: t('Not used for how many days?'),
        value: draft.days,
        validate: checkUnusedDays,
        fromArguments: (args) => String(optionalNumber(args, 'unusedSinceDays')),
      })
    ).trim();
    return undefined;
  };
  const askCriteria: WizardStep<Draft> = async (ask, draft) => {
    draft.pick = await ask.pickOne({ name: 'neverUsed', placeholder: t('Which tokens count as unused?'), items: CRITERIA, active: draft.pick, fromArguments: criteriaFromArgs });
    return draft.pick.since ? askDays : undefined;
  };
  const askScope: WizardStep<Draft> = async (ask, draft) => {
    const items: TenantChoice[] = [
      { label: t('All tenants'), description: tenantCount(all.length), tenants: [...all], one: false },
      ...all.map((tenant) => ({ label: shown(tenant.displayName), description: tenantHost(tenant), tenants: [tenant], one: true })),
    ];
    draft.scope = await ask.pickOne({
      name: 'tenantId',
      placeholder: t('Where to look for unused tokens'),
      items,
      active: items.find((item) => item.label === draft.scope.label),
      fromArguments: (args) => ({ label: '', tenants: tenantsOf(args), one: optionalId(args, 'tenantId') !== undefined }),
    });
    return askCriteria;
  };
  return { askScope, askCriteria };
}

/**
 * Where to look (not asked when the command was invoked on a tenant, or a person has only one) and what counts as
 * unused. Scripts answer with `tenantId` (absent: every tenant), `neverUsed`, `unusedSinceDays` and `ownerInactive`.
 */
export async function askUnused(ask: Prompts, all: readonly Tenant[], fixed: Tenant | undefined, tenantsOf: (args: ArgumentObject) => Tenant[]): Promise<UnusedQuestion> {
  const scope: TenantChoice = fixed === undefined ? { label: t('All tenants'), tenants: [...all], one: all.length === 1 } : { label: '', tenants: [fixed], one: true };
  const draft: Draft = { scope, pick: CRITERIA[0], days: String(DEFAULT_UNUSED_DAYS) };
  const { askScope, askCriteria } = steps(all, tenantsOf);
  const askWhere = fixed === undefined && (all.length > 1 || !ask.person);
  await runWizard(ask, title(), askWhere ? 3 : 2, askWhere ? askScope : askCriteria, draft);
  const { neverUsed, since, ownerInactive } = draft.pick;
  return { scope: draft.scope, criteria: { neverUsed, unusedSinceDays: since ? Number(draft.days) : undefined, ownerInactive } };
}

interface FoundPick extends Item {
  found: UnusedToken;
}

/** Protected tokens (managed, or the tenant's own sign-in) are marked and, like every finding, start unselected. Scripts only find. */
export async function pickUnusedToDelete(ask: Prompts, found: readonly UnusedToken[], severalTenants: boolean): Promise<UnusedToken[]> {
  const now = Date.now();
  const items: FoundPick[] = found.map((each) => {
    const marks = [each.signsInTenant ? t('this tenant signs in with it') : '', each.token.managed ? t('managed by the platform') : ''].filter((mark) => mark !== '');
    const owner = each.ownerStatus === undefined || each.ownerStatus.kind === 'active' ? '' : `owner ${each.ownerStatus.text} · `;
    const whose = each.othersOwner === undefined ? '' : `${ownerName(each.othersOwner)} · `;
    const where = `${severalTenants ? `${shown(each.tenant.displayName)} · ` : ''}${whose}${owner}`;
    return {
      label: `${marks.length > 0 ? '$(shield) ' : ''}${shown(each.token.name)}`,
      description: `${where}${lastUsedText(each.token, now)}${marks.length > 0 ? ` · ${marks.join(' · ')}` : ''}`,
      detail: marks.length > 0 ? t('Protected: deleting it can break the platform or this extension.') : undefined,
      found: each,
    };
  });
  const picked = await ask.titled(title()).pickMany({
    name: 'delete',
    placeholder: found.length === 1 ? t('1 unused token: choose the ones to delete') : t('{0} unused tokens: choose the ones to delete', found.length),
    items,
    selected: [],
    emptyMessage: t('Choose at least one token to delete, or press Escape to delete none.'),
    fromArguments: () => [],
  });
  return picked.map((pick) => pick.found);
}

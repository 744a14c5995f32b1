// Find Unused Tokens: which tenants, what "unused" means, then which of the findings to delete.
import * as vscode from 'vscode';
import { checkUnusedDays, type UnusedCriteria, type UnusedToken } from '../../core/ops/bulkDelete';
import type { Tenant } from '../../core/model';
import { lastUsedText, tenantHost } from '../view/presentation';
import { stripUnsafeCharacters } from '../../core/validation';
import { runWizard, singleInput, type WizardStep } from './wizard';

const DEFAULT_UNUSED_DAYS = 90;

interface TenantChoice extends vscode.QuickPickItem {
  tenants: Tenant[];
}

/** All tenants or one of them; with a single tenant there is nothing to ask. */
export async function askUnusedScope(tenants: readonly Tenant[]): Promise<Tenant[]> {
  if (tenants.length === 1) return [...tenants];
  const items: TenantChoice[] = [
    { label: 'All tenants', description: `${tenants.length} tenants`, tenants: [...tenants] },
    ...tenants.map((tenant) => ({ label: stripUnsafeCharacters(tenant.displayName), description: tenantHost(tenant), tenants: [tenant] })),
  ];
  const picked = await singleInput('Find Unused Tokens').pickOne({ placeholder: 'Where to look for unused tokens', items });
  return picked.tenants;
}

interface CriteriaPick extends vscode.QuickPickItem {
  neverUsed: boolean;
  since: boolean;
  ownerInactive?: boolean;
}

const CRITERIA: readonly CriteriaPick[] = [
  { label: 'Never used', detail: 'Tokens that have never minted an access token', neverUsed: true, since: false },
  { label: 'Not used for a number of days…', detail: 'ISC updates "last used" at most once a day', neverUsed: false, since: true },
  { label: 'Never used, or not used for a number of days…', neverUsed: true, since: true },
  {
    label: 'Owner inactive',
    detail: 'Owned by a disabled, deactivated, terminated, locked or deleted identity (tenants that list others\' tokens)',
    neverUsed: false,
    since: false,
    ownerInactive: true,
  },
];

interface CriteriaDraft {
  pick: CriteriaPick;
  days: string;
}

const askCriteria: WizardStep<CriteriaDraft> = async (input, draft) => {
  draft.pick = await input.pickOne({ placeholder: 'Which tokens count as unused?', items: CRITERIA, selected: [draft.pick] });
  return draft.pick.since ? askDays : undefined;
};

const askDays: WizardStep<CriteriaDraft> = async (input, draft) => {
  draft.days = (await input.inputBox({ prompt: 'Not used for how many days?', value: draft.days, validate: checkUnusedDays })).trim();
  return undefined;
};

export async function askUnusedCriteria(): Promise<UnusedCriteria> {
  const draft = await runWizard<CriteriaDraft>('Find Unused Tokens', 2, askCriteria, { pick: CRITERIA[0], days: String(DEFAULT_UNUSED_DAYS) });
  return { neverUsed: draft.pick.neverUsed, unusedSinceDays: draft.pick.since ? Number(draft.days) : undefined, ownerInactive: draft.pick.ownerInactive };
}

interface FoundPick extends vscode.QuickPickItem {
  found: UnusedToken;
}

/** Protected tokens (managed, or the tenant's own sign-in) are marked and, like every finding, start unselected. */
export async function pickUnusedToDelete(found: readonly UnusedToken[], severalTenants: boolean): Promise<UnusedToken[]> {
  const now = Date.now();
  const items: FoundPick[] = found.map((each) => {
    const marks = [each.signsInTenant ? 'this tenant signs in with it' : '', each.token.managed ? 'managed by the platform' : ''].filter((mark) => mark !== '');
    const owner = each.ownerStatus === undefined || each.ownerStatus.kind === 'active' ? '' : `owner ${each.ownerStatus.text} · `;
    const where = `${severalTenants ? `${stripUnsafeCharacters(each.tenant.displayName)} · ` : ''}${owner}`;
    return {
      label: `${marks.length > 0 ? '$(shield) ' : ''}${stripUnsafeCharacters(each.token.name)}`,
      description: `${where}${lastUsedText(each.token, now)}${marks.length > 0 ? ` · ${marks.join(' · ')}` : ''}`,
      detail: marks.length > 0 ? 'Protected: deleting it can break the platform or this extension.' : undefined,
      found: each,
    };
  });
  const picked = await singleInput('Find Unused Tokens').pickMany({
    placeholder: `${found.length} unused token${found.length === 1 ? '' : 's'}: choose the ones to delete`,
    items,
    selected: [],
    emptyMessage: 'Choose at least one token to delete, or press Escape to delete none.',
  });
  return picked.map((pick) => pick.found);
}

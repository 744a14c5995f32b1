// Refresh, what a tenant lists, Open in Web UI, Show Log.
import * as vscode from 'vscode';
import { PatError } from '../../core/errors';
import type { OwnerFilter, Tenant, TokenListQuery } from '../../core/model';
import { listQueryText } from '../../core/messages';
import { webUiPatPageUrl } from '../../core/tenantUrl';
import { stripUnsafeCharacters } from '../../core/validation';
import { parseSinceDate } from '../prompts/inputChecks';
import { runWizard, type WizardStep } from '../prompts/wizard';
import { optionalString, type ArgumentObject } from './args';
import type { CommandRun, PatCommand } from './runner';
import { chooseTenant, tenantFromArgs, tenantOfNode } from './targets';

export const refreshCommand: PatCommand = {
  id: 'sailpointPat.refresh',
  interactive(run, node) {
    run.ui.tree.refresh(tenantOfNode(node)?.id);
    return Promise.resolve();
  },
  automated(run, args) {
    const tenantId = optionalString(args, 'tenantId');
    if (tenantId !== undefined) run.ui.service.getTenant(tenantId);
    run.ui.tree.refresh(tenantId);
    return Promise.resolve(undefined);
  },
};

/** The view title's Refresh: VS Code passes the focused node to title commands, which must not narrow this one. */
export const refreshAllCommand: PatCommand = {
  id: 'sailpointPat.refreshAll',
  interactive(run) {
    run.ui.tree.refresh();
    return Promise.resolve();
  },
  automated(run) {
    run.ui.tree.refresh();
    return Promise.resolve(undefined);
  },
};

interface OwnerPick extends vscode.QuickPickItem {
  owner: OwnerFilter['kind'];
}

interface FilterPick extends vscode.QuickPickItem {
  neverUsed: boolean;
  since: boolean;
}

const OWNER_PICKS: readonly OwnerPick[] = [
  { label: 'My tokens', detail: 'The tokens of the identity the tenant signs in as', owner: 'me' },
  { label: 'All tokens in the tenant', detail: 'Needs the right to read every token', owner: 'all' },
  { label: 'Tokens of an identity…', detail: 'Enter the identity id', owner: 'identity' },
];

const FILTER_PICKS: readonly FilterPick[] = [
  { label: 'Any', detail: 'No filter', neverUsed: false, since: false },
  { label: 'Never used', neverUsed: true, since: false },
  { label: 'Not used since…', detail: 'Enter a date', neverUsed: false, since: true },
  { label: 'Never used, or not used since…', detail: 'Enter a date', neverUsed: true, since: true },
];

interface QueryDraft {
  owner: OwnerFilter;
  filter: FilterPick;
  since: string;
}

const askOwner: WizardStep<QueryDraft> = async (input, draft) => {
  const picked = await input.pickOne({
    placeholder: 'Which tokens should the tenant list?',
    items: OWNER_PICKS,
    selected: OWNER_PICKS.filter((pick) => pick.owner === draft.owner.kind),
  });
  if (picked.owner !== 'identity') {
    draft.owner = { kind: picked.owner };
    return askFilter;
  }
  return askIdentity;
};

const askIdentity: WizardStep<QueryDraft> = async (input, draft) => {
  const identityId = await input.inputBox({
    prompt: 'The identity id whose tokens to list (e.g. from the identity page in the web UI)',
    value: draft.owner.kind === 'identity' ? draft.owner.identityId : '',
    validate: (value) => (/^[A-Za-z0-9-]{1,64}$/.test(value.trim()) ? undefined : 'Enter an identity id: letters, digits and dashes.'),
  });
  draft.owner = { kind: 'identity', identityId: identityId.trim() };
  return askFilter;
};

const askFilter: WizardStep<QueryDraft> = async (input, draft) => {
  draft.filter = await input.pickOne({ placeholder: 'Filter by last use', items: FILTER_PICKS, selected: [draft.filter] });
  return draft.filter.since ? askSince : undefined;
};

const askSince: WizardStep<QueryDraft> = async (input, draft) => {
  draft.since = await input.inputBox({
    prompt: 'Not used since (a date such as 2026-01-31)',
    value: draft.since,
    validate: (value) => (parseSinceDate(value) === undefined ? 'Enter a date as YYYY-MM-DD.' : undefined),
  });
  return undefined;
};

function currentFilter(query: TokenListQuery | undefined): FilterPick {
  const neverUsed = query?.neverUsed === true;
  const since = query?.lastUsedBefore !== undefined;
  return FILTER_PICKS.find((pick) => pick.neverUsed === neverUsed && pick.since === since) ?? FILTER_PICKS[0];
}

async function askListQuery(tenant: Tenant): Promise<TokenListQuery> {
  const draft: QueryDraft = {
    owner: tenant.listQuery?.owner ?? { kind: 'me' },
    filter: currentFilter(tenant.listQuery),
    since: tenant.listQuery?.lastUsedBefore?.slice(0, 10) ?? '',
  };
  await runWizard(`What ${stripUnsafeCharacters(tenant.displayName)} Lists`, 2, askOwner, draft);
  const query: TokenListQuery = { owner: draft.owner };
  if (draft.filter.neverUsed) query.neverUsed = true;
  if (draft.filter.since) query.lastUsedBefore = parseSinceDate(draft.since);
  return query;
}

async function setListQuery(run: CommandRun, tenant: Tenant, query: TokenListQuery): Promise<void> {
  await run.ui.service.setListQuery(tenant.id, query);
  run.ui.tree.refresh(tenant.id);
}

function ownerFromArgs(value: unknown): OwnerFilter {
  const owner = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  if (owner.kind === 'me' || owner.kind === 'all') return { kind: owner.kind };
  if (owner.kind === 'identity' && typeof owner.identityId === 'string' && owner.identityId.trim() !== '') {
    const label = typeof owner.label === 'string' ? owner.label : undefined;
    return label === undefined ? { kind: 'identity', identityId: owner.identityId } : { kind: 'identity', identityId: owner.identityId, label };
  }
  throw new PatError('invalid-input', 'The argument "query.owner" must be { kind: "me" }, { kind: "all" } or { kind: "identity", identityId }.');
}

function queryFromArgs(args: ArgumentObject): TokenListQuery {
  const raw = (typeof args.query === 'object' && args.query !== null ? args.query : {}) as Record<string, unknown>;
  const query: TokenListQuery = { owner: ownerFromArgs(raw.owner) };
  if (raw.neverUsed === true) query.neverUsed = true;
  if (raw.lastUsedBefore !== undefined) {
    if (typeof raw.lastUsedBefore !== 'string' || Number.isNaN(Date.parse(raw.lastUsedBefore))) {
      throw new PatError('invalid-input', 'The argument "query.lastUsedBefore" must be an ISO date-time.');
    }
    query.lastUsedBefore = raw.lastUsedBefore;
  }
  return query;
}

export const setTenantListQueryCommand: PatCommand = {
  id: 'sailpointPat.setTenantListQuery',
  async interactive(run, node) {
    const tenant = await chooseTenant(run, node, 'Choose What a Tenant Lists');
    const query = await askListQuery(tenant);
    await setListQuery(run, tenant, query);
    run.inform(`"${stripUnsafeCharacters(tenant.displayName)}" now lists ${listQueryText(query)}.`);
  },
  async automated(run, args) {
    await setListQuery(run, tenantFromArgs(run, args), queryFromArgs(args));
  },
};

function webUiUrl(tenant: Tenant): string {
  const url = webUiPatPageUrl(tenant.baseUrl);
  if (url === null) {
    throw new PatError('invalid-input', `The web UI address of "${stripUnsafeCharacters(tenant.displayName)}" is not known (custom host).`);
  }
  return url;
}

export const openInWebUiCommand: PatCommand = {
  id: 'sailpointPat.openInWebUi',
  async interactive(run, node) {
    const tenant = await chooseTenant(run, node, 'Open in Web UI');
    await vscode.env.openExternal(vscode.Uri.parse(webUiUrl(tenant)));
  },
  automated(run, args) {
    const url = webUiUrl(tenantFromArgs(run, args));
    // Not awaited: VS Code may ask the person at the screen to confirm, and a script must not wait for that.
    void vscode.env.openExternal(vscode.Uri.parse(url));
    return Promise.resolve({ url });
  },
};

export const showLogCommand: PatCommand = {
  id: 'sailpointPat.showLog',
  interactive(run) {
    run.ui.logChannel.show();
    return Promise.resolve();
  },
  automated(run) {
    run.ui.logChannel.show();
    return Promise.resolve(undefined);
  },
};

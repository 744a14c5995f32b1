// Choose What the Tenant Lists: whose tokens, then a filter by last use. Scripts answer with the `query` argument.
import { PatError } from '../../../core/errors';
import { errorText } from '../../../core/messages';
import type { OwnerFilter, TokenListQuery } from '../../../core/model';
import type { IdentityMatch } from '../../../core/patService';
import type { ArgumentObject } from '../../prompts/args';
import { parseSinceDate } from '../../prompts/inputChecks';
import { runWizard, shown, type Item, type Prompts, type WizardStep } from '../../prompts/prompts';
import { t } from '../../view/l10n';

interface OwnerPick extends Item {
  owner: OwnerFilter['kind'];
  /** A script's whole owner filter. */
  given?: OwnerFilter;
}

interface FilterPick extends Item {
  neverUsed: boolean;
  since: boolean;
}

const OWNER_PICKS: readonly OwnerPick[] = [
  { get label() { return t('My tokens'); }, get detail() { return t('The tokens of the identity the tenant signs in as'); }, owner: 'me' },
  { get label() { return t('All tokens in the tenant'); }, get detail() { return t('Needs the right to read every token'); }, owner: 'all' },
  { get label() { return t('Tokens of an identity…'); }, get detail() { return t('Find the identity by name, or enter its id'); }, owner: 'identity' },
];

const FILTER_PICKS: readonly FilterPick[] = [
  { get label() { return t('Any'); }, get detail() { return t('No filter'); }, neverUsed: false, since: false },
  { get label() { return t('Never used'); }, neverUsed: true, since: false },
  { get label() { return t('Not used since…'); }, get detail() { return t('Enter a date'); }, neverUsed: false, since: true },
  { get label() { return t('Never used, or not used since…'); }, get detail() { return t('Enter a date'); }, neverUsed: true, since: true },
];

/** Searches the tenant's identities by the start of their name. */
export type IdentitySearch = (text: string, signal: AbortSignal) => Promise<IdentityMatch[]>;

/** A found identity, or the way to type an id instead. */
interface IdentityPick extends Item {
  identity?: IdentityMatch;
}

interface QueryDraft {
  searchIdentities: IdentitySearch;
  owner: OwnerFilter;
  filter: FilterPick;
  since: string;
}

function rawQuery(args: ArgumentObject): Record<string, unknown> {
  return (typeof args.query === 'object' && args.query !== null ? args.query : {}) as Record<string, unknown>;
}

function ownerFromArgs(args: ArgumentObject): OwnerPick {
  const raw = rawQuery(args).owner;
  const owner = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  if (owner.kind === 'me' || owner.kind === 'all') return { label: '', owner: owner.kind, given: { kind: owner.kind } };
  if (owner.kind === 'identity' && typeof owner.identityId === 'string' && owner.identityId.trim() !== '') {
    const label = typeof owner.label === 'string' ? owner.label : undefined;
    const given: OwnerFilter = label === undefined ? { kind: 'identity', identityId: owner.identityId } : { kind: 'identity', identityId: owner.identityId, label };
    return { label: '', owner: 'identity', given };
  }
  throw new PatError('invalid-input', t('The argument "query.owner" must be { kind: "me" }, { kind: "all" } or { kind: "identity", identityId }.'));
}

function filterFromArgs(args: ArgumentObject): FilterPick {
  const raw = rawQuery(args);
  return { label: '', neverUsed: raw.neverUsed === true, since: raw.lastUsedBefore !== undefined };
}

function sinceFromArgs(args: ArgumentObject): string {
  const { lastUsedBefore } = rawQuery(args);
  if (typeof lastUsedBefore !== 'string' || Number.isNaN(Date.parse(lastUsedBefore))) {
    throw new PatError('invalid-input', t('The argument "query.lastUsedBefore" must be an ISO date-time.'));
  }
  return lastUsedBefore;
}

const askOwner: WizardStep<QueryDraft> = async (ask, draft) => {
  const picked = await ask.pickOne({
    name: 'query',
    placeholder: t('Which tokens should the tenant list?'),
    items: OWNER_PICKS,
    active: OWNER_PICKS.find((pick) => pick.owner === draft.owner.kind),
    fromArguments: ownerFromArgs,
  });
  if (picked.given !== undefined) draft.owner = picked.given;
  else if (picked.owner !== 'identity') draft.owner = { kind: picked.owner };
  else return findIdentity;
  return askFilter;
};

/** What tells two identities of one name apart: the email, else the alias; the id underneath. Server text, made plain. */
function identityPick(identity: IdentityMatch): IdentityPick {
  const contact = identity.email ?? identity.alias;
  return { label: shown(identity.name), description: contact === null ? undefined : shown(contact), detail: shown(identity.id), identity };
}

const findIdentity: WizardStep<QueryDraft> = async (ask, draft) => {
  const enterId: IdentityPick = { label: t('Enter an id…'), detail: t('The identity id, e.g. from the identity page in the web UI') };
  const picked = await ask.searchPick<IdentityPick>({
    name: 'query',
    placeholder: t('Type the start of the identity name'),
    fixedItems: [enterId],
    search: async (text, signal) => (await draft.searchIdentities(text, signal)).map(identityPick),
    searchFailed: (error) => t('Searching identities failed: {0} Enter an id instead.', errorText(error)),
  });
  if (picked.identity === undefined) return askIdentity;
  draft.owner = { kind: 'identity', identityId: picked.identity.id, label: picked.identity.name };
  return askFilter;
};

const askIdentity: WizardStep<QueryDraft> = async (ask, draft) => {
  const identityId = await ask.inputText({
    name: 'query',
    prompt: t('The identity id whose tokens to list (e.g. from the identity page in the web UI)'),
    value: draft.owner.kind === 'identity' ? draft.owner.identityId : '',
    validate: (value) => (/^[A-Za-z0-9-]{1,64}$/.test(value.trim()) ? undefined : t('Enter an identity id: letters, digits and dashes.')),
  });
  draft.owner = { kind: 'identity', identityId: identityId.trim() };
  return askFilter;
};

const askFilter: WizardStep<QueryDraft> = async (ask, draft) => {
  draft.filter = await ask.pickOne({ name: 'query', placeholder: t('Filter by last use'), items: FILTER_PICKS, active: draft.filter, fromArguments: filterFromArgs });
  return draft.filter.since ? askSince : undefined;
};

const askSince: WizardStep<QueryDraft> = async (ask, draft) => {
  draft.since = await ask.inputText({
    name: 'query',
    prompt: t('Not used since (a date such as 2026-01-31)'),
    value: draft.since,
    validate: (value) => (parseSinceDate(value) === undefined ? t('Enter a date as YYYY-MM-DD.') : undefined),
    fromArguments: sinceFromArgs,
  });
  return undefined;
};

function currentFilter(query: TokenListQuery | undefined): FilterPick {
  const neverUsed = query?.neverUsed === true;
  const since = query?.lastUsedBefore !== undefined;
  return FILTER_PICKS.find((pick) => pick.neverUsed === neverUsed && pick.since === since) ?? FILTER_PICKS[0];
}

/** Starts from the tenant's current query; a person's plain date means the start of that day (UTC). */
export async function askListQuery(ask: Prompts, tenantName: string, current: TokenListQuery | undefined, searchIdentities: IdentitySearch): Promise<TokenListQuery> {
  const draft: QueryDraft = {
    searchIdentities,
    owner: current?.owner ?? { kind: 'me' },
    filter: currentFilter(current),
    since: current?.lastUsedBefore?.slice(0, 10) ?? '',
  };
  // An identity and a date add steps, so the count varies.
  await runWizard(ask, `What ${tenantName} Lists`, null, askOwner, draft);
  const query: TokenListQuery = { owner: draft.owner };
  if (draft.filter.neverUsed) query.neverUsed = true;
  if (draft.filter.since) query.lastUsedBefore = parseSinceDate(draft.since) ?? draft.since;
  return query;
}

// core/ops: the use cases the commands run over PatService (tokens in bulk, rotation, inventory, expiry, env lines).
// Finds unused tokens with the server's own filters, and deletes many tokens a few at a time: each item gets its
// own outcome and one failure never stops the rest.
import { isPatError, PatError } from '../errors';
import type { PersonalAccessToken, Tenant, TokenListQuery, TokenOwner } from '../model';
import { errorText } from '../messages';
import type { PatService } from '../patService';
import { isOthersToken, listsOtherOwners, lookUpOwners, type OwnerLookup, type OwnerStatus } from './owners';
import { t } from '../l10n';

const DAY_MS = 86_400_000;

export interface UnusedCriteria {
  neverUsed: boolean;
  /** Not used for this many whole days; combined with neverUsed by "or". */
  unusedSinceDays?: number;
  /** Owned by a disabled, deactivated, terminated, locked or deleted identity; combined with the others by "or". */
  ownerInactive?: boolean;
}

export interface UnusedToken {
  tenant: Tenant;
  token: PersonalAccessToken;
  /** The tenant signs in with this token: deleting it cuts the extension off. */
  signsInTenant: boolean;
  /** Looked up when the criteria ask about owners. */
  ownerStatus?: OwnerStatus;
  /** Another identity's token: who owns it. */
  othersOwner?: TokenOwner;
}

export interface UnusedSearch {
  found: UnusedToken[];
  failedTenants: { tenant: Tenant; message: string }[];
}

export const MAX_UNUSED_DAYS = 3650;

export function validDays(days: number): boolean {
  return Number.isInteger(days) && days >= 1 && days <= MAX_UNUSED_DAYS;
}

/** The tenant's own owner choice (default: the caller's tokens), filtered on the server by last use. */
export function unusedQuery(tenant: Tenant, criteria: UnusedCriteria, now: number): TokenListQuery {
  const days = criteria.unusedSinceDays;
  if (!criteria.neverUsed && days === undefined && criteria.ownerInactive !== true) {
    throw new PatError('invalid-input', t('Say which tokens count as unused: never used, not used for some days, owner inactive, or a mix.'));
  }
  if (days !== undefined && !validDays(days)) throw new PatError('invalid-input', t('The number of days must be a whole number from 1 to {0}.', MAX_UNUSED_DAYS));
  const query: TokenListQuery = { owner: tenant.listQuery?.owner ?? { kind: 'me' } };
  // Owners are judged on the whole list, so last use is then judged here too (usedBefore), not by the server.
  if (criteria.ownerInactive === true) return query;
  if (criteria.neverUsed) query.neverUsed = true;
  if (days !== undefined) query.lastUsedBefore = new Date(now - days * DAY_MS).toISOString();
  return query;
}

async function ownersOf(service: PatService, tenant: Tenant, tokens: readonly PersonalAccessToken[], signal?: AbortSignal): Promise<OwnerLookup> {
  if (!listsOtherOwners(tenant.listQuery)) return { statuses: new Map(), forbidden: false };
  const lookup = await lookUpOwners(service, tenant.id, tokens, signal);
  // Owner inactive was asked for explicitly: without the answer the search would silently find nothing.
  if (lookup.failure !== undefined) throw new PatError(lookup.forbidden ? 'forbidden' : 'http', t('Owner status is not available: {0}', lookup.failure));
  return lookup;
}

function statusOf(token: PersonalAccessToken, owners: OwnerLookup | undefined): OwnerStatus | undefined {
  return token.owner === null ? undefined : owners?.statuses.get(token.owner.id);
}

/** The criteria joined by "or", on a list fetched without server-side filters. */
function matchesWithOwners(token: PersonalAccessToken, criteria: UnusedCriteria, owners: OwnerLookup, now: number): boolean {
  const status = statusOf(token, owners);
  if (status !== undefined && status.kind !== 'active') return true;
  if (criteria.neverUsed && token.lastUsed === null) return true;
  const days = criteria.unusedSinceDays;
  const lastUsed = token.lastUsed === null ? NaN : Date.parse(token.lastUsed);
  return days !== undefined && lastUsed <= now - days * DAY_MS;
}

function othersOwnerOf(token: PersonalAccessToken, caller: string | null): Pick<UnusedToken, 'othersOwner'> {
  return token.owner !== null && isOthersToken(token, caller) ? { othersOwner: token.owner } : {};
}

/** Searches each tenant; a tenant that fails is reported and the others go on. Cancellation stops all. */
export async function findUnusedTokens(
  service: PatService,
  tenants: readonly Tenant[],
  criteria: UnusedCriteria,
  now: number,
  signal?: AbortSignal,
): Promise<UnusedSearch> {
  const queries = tenants.map((tenant) => unusedQuery(tenant, criteria, now));
  const search: UnusedSearch = { found: [], failedTenants: [] };
  for (const [index, tenant] of tenants.entries()) {
    try {
      const tokens = await service.listTokens(tenant.id, signal, queries[index]);
      const signIn = await service.signInClientId(tenant.id);
      const owners = criteria.ownerInactive === true ? await ownersOf(service, tenant, tokens, signal) : undefined;
      const found = owners === undefined ? tokens : tokens.filter((token) => matchesWithOwners(token, criteria, owners, now));
      // Whose token it is decides what to do with it: others' tokens carry their owner.
      const caller = listsOtherOwners(queries[index]) ? await service.callerIdentityId(tenant.id, signal) : null;
      search.found.push(...found.map((token) => ({ tenant, token, signsInTenant: token.id === signIn, ownerStatus: statusOf(token, owners), ...othersOwnerOf(token, caller) })));
    } catch (error) {
      if (signal?.aborted) throw error;
      search.failedTenants.push({ tenant, message: errorText(error) });
    }
  }
  return search;
}

export interface TokenRef {
  tenantId: string;
  tokenId: string;
}

export interface FailedItem extends TokenRef {
  message: string;
}

export interface BulkDeleteResult {
  deleted: TokenRef[];
  failed: FailedItem[];
}

export interface BulkProgress {
  done: number;
  failed: number;
  total: number;
}

export interface BulkDeleteOptions {
  /** Deletes in flight at once over all tenants; PatService's gate still limits each tenant. */
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?: (progress: BulkProgress) => void;
  /** Called around each item, e.g. to show its node as busy. */
  around?: <T>(item: TokenRef, work: () => Promise<T>) => Promise<T>;
}

export const DEFAULT_BULK_CONCURRENCY = 4;

export function cancelledMessage(): string {
  return t('Not deleted: the operation was cancelled before this token was reached.');
}

/** Runs `work` over the items with at most `concurrency` running; results keep the items' order. */
export async function runBounded<I, R>(items: readonly I[], concurrency: number, work: (item: I, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index], index);
    }
  };
  const workers = Math.max(1, Math.min(Math.floor(concurrency) || 1, items.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return results;
}

/** The same token listed twice is deleted once. */
export function uniqueRefs(items: readonly TokenRef[]): TokenRef[] {
  const seen = new Set<string>();
  return items.flatMap(({ tenantId, tokenId }) => {
    const key = `${tenantId}\u0000${tokenId}`;
    if (seen.has(key)) return [];
    seen.add(key);
    return [{ tenantId, tokenId }];
  });
}

/** What the user reads for one item that failed; a first-attempt 404 means someone else removed it. */
export function failureMessage(error: unknown): string {
  if (isPatError(error, 'not-found')) return t('Not found on the tenant: it may have been deleted already. {0}', errorText(error));
  return errorText(error);
}

type Outcome = { ok: true; item: TokenRef } | { ok: false; item: FailedItem };

export async function deleteTokens(service: PatService, items: readonly TokenRef[], options: BulkDeleteOptions = {}): Promise<BulkDeleteResult> {
  const refs = uniqueRefs(items);
  const progress: BulkProgress = { done: 0, failed: 0, total: refs.length };
  const around = options.around ?? (<T>(_item: TokenRef, work: () => Promise<T>): Promise<T> => work());
  const deleteOne = async (item: TokenRef): Promise<Outcome> => {
    if (options.signal?.aborted) return { ok: false, item: { ...item, message: cancelledMessage() } };
    try {
      await around(item, () => service.deleteToken(item.tenantId, item.tokenId, options.signal));
      return { ok: true, item };
    } catch (error) {
      return { ok: false, item: { ...item, message: options.signal?.aborted ? cancelledMessage() : failureMessage(error) } };
    }
  };
  const outcomes = await runBounded(refs, options.concurrency ?? DEFAULT_BULK_CONCURRENCY, async (item) => {
    const outcome = await deleteOne(item);
    progress.done++;
    if (!outcome.ok) progress.failed++;
    options.onProgress?.({ ...progress });
    return outcome;
  });
  return {
    deleted: outcomes.flatMap((outcome) => (outcome.ok ? [outcome.item] : [])),
    failed: outcomes.flatMap((outcome) => (outcome.ok ? [] : [outcome.item])),
  };
}

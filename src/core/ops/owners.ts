// core/ops: owner hygiene. Whose tokens still work although their owner has left (looked up once per list load,
// in batches, never per token), how close each owner is to ISC's 10 tokens, and whose tokens the caller may edit.
import { isPatError } from '../errors';
import { errorText } from '../messages';
import type { PersonalAccessToken, TokenListQuery } from '../model';
import type { PatService } from '../patService';

/** ISC allows this many personal access tokens per identity (its documented cap; rotation and Create Token use it). */
export const MAX_TOKENS_PER_OWNER = 10;

/** Identity statuses (IdentityDto.identityStatus) of someone who should no longer hold working tokens. */
const INACTIVE_STATUSES: ReadonlySet<string> = new Set(['DISABLED', 'DEACTIVATED', 'TERMINATED', 'LOCKED']);
/** Lifecycle state names are tenant-defined; these are the usual ones for a leaver. */
const INACTIVE_LIFECYCLES: ReadonlySet<string> = new Set(['inactive', 'terminated', 'disabled', 'deactivated', 'leaver']);

export type OwnerStatusKind = 'active' | 'inactive' | 'gone';

export interface OwnerStatus {
  kind: OwnerStatusKind;
  /** Short words for a description or a CSV cell: "disabled", "lifecycle inactive", "gone". */
  text: string;
}

export interface OwnerLookup {
  /** By owner id; an owner missing here has an unknown status. */
  statuses: ReadonlyMap<string, OwnerStatus>;
  /** The credentials may not read identities (403): say so once, keep everything else working. */
  forbidden: boolean;
  /** Any other failure, for the log; statuses are then unknown. */
  failure?: string;
}

export const NO_LOOKUP: OwnerLookup = { statuses: new Map(), forbidden: false };

/** Owner status is shown where a list covers other identities' tokens; one's own identity is known to be active. */
export function listsOtherOwners(query: TokenListQuery | undefined): boolean {
  return query?.owner.kind === 'all' || query?.owner.kind === 'identity';
}

export function ownerStatusOf(identity: { identityStatus: string | null; lifecycleState: string | null }): OwnerStatus {
  const status = identity.identityStatus?.toUpperCase();
  if (status !== undefined && INACTIVE_STATUSES.has(status)) return { kind: 'inactive', text: status.toLowerCase() };
  const lifecycle = identity.lifecycleState?.toLowerCase();
  if (lifecycle !== undefined && INACTIVE_LIFECYCLES.has(lifecycle)) return { kind: 'inactive', text: `lifecycle ${lifecycle}` };
  return { kind: 'active', text: 'active' };
}

const GONE: OwnerStatus = { kind: 'gone', text: 'gone' };

/** The distinct owner ids of the tokens, in first-seen order. */
export function ownerIds(tokens: readonly PersonalAccessToken[]): string[] {
  const ids = new Set<string>();
  for (const token of tokens) if (token.owner !== null && token.owner.id !== '') ids.add(token.owner.id);
  return [...ids];
}

/** Looks every owner of the tokens up once; an owner the tenant does not return is gone. Only cancellation throws. */
export async function lookUpOwners(service: PatService, tenantId: string, tokens: readonly PersonalAccessToken[], signal?: AbortSignal): Promise<OwnerLookup> {
  const ids = ownerIds(tokens);
  if (ids.length === 0) return NO_LOOKUP;
  try {
    const found = await service.lookUpIdentities(tenantId, ids, signal);
    const statuses = new Map<string, OwnerStatus>(ids.map((id) => [id, GONE]));
    for (const identity of found) statuses.set(identity.id, ownerStatusOf(identity));
    return { statuses, forbidden: false };
  } catch (error) {
    if (signal?.aborted || isPatError(error, 'cancelled')) throw error;
    return { statuses: new Map(), forbidden: isPatError(error, 'forbidden'), failure: errorText(error) };
  }
}

/** How many of the listed tokens each owner holds. */
export function tokenCountsByOwner(tokens: readonly PersonalAccessToken[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const token of tokens) {
    if (token.owner !== null) counts.set(token.owner.id, (counts.get(token.owner.id) ?? 0) + 1);
  }
  return counts;
}

/** How many tokens the caller's own identity holds (one list of `owner-id=me`). */
export async function ownTokenCount(service: PatService, tenantId: string, signal?: AbortSignal): Promise<number> {
  return (await service.listTokens(tenantId, signal, { owner: { kind: 'me' } })).length;
}

/** The token belongs to another identity than the caller's: ISC lets nobody rename, rescope or rotate it. */
export function isOthersToken(token: Pick<PersonalAccessToken, 'owner'>, callerIdentityId: string | null | undefined): boolean {
  return callerIdentityId !== null && callerIdentityId !== undefined && token.owner !== null && token.owner.id !== callerIdentityId;
}

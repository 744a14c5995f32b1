// GET /identities/v1 as the Identities v1 spec documents it, for the subset the extension uses:
// `filters=id eq "…"`, `id in ("…", …)` or `name sw "…"` (case-insensitive, as ISC's filters are), `sorters=name`,
// `limit` (max 250), `offset`, `count`, `defaultFilter`.
import { errorReply, jsonReply } from './replies';
import type { Caller, TenantState } from './state';
import type { FakeIdentity, Reply } from './types';

const MAX_LIMIT = 250;
const QUOTED = /"((?:[^"\\]|\\.)*)"/g;

export interface IdentitiesRequest {
  caller: Caller;
  query: Record<string, string>;
}

/** The ids named by `id eq "…"` or `id in ("…", …)`; undefined when the filter says anything else. */
export function idsOfFilter(filters: string): string[] | undefined {
  const eq = /^\s*id\s+eq\s+("(?:[^"\\]|\\.)*")\s*$/.exec(filters);
  const inList = /^\s*id\s+in\s+\(((?:\s*"(?:[^"\\]|\\.)*"\s*,)*\s*"(?:[^"\\]|\\.)*"\s*)\)\s*$/.exec(filters);
  const quoted = eq?.[1] ?? inList?.[1];
  if (quoted === undefined) {
    return undefined;
  }
  return [...quoted.matchAll(QUOTED)].map((match) => match[1].replace(/\\(.)/g, '$1'));
}

/** The prefix named by `name sw "…"`; undefined when the filter says anything else. */
export function namePrefixOfFilter(filters: string): string | undefined {
  const sw = /^\s*name\s+sw\s+"((?:[^"\\]|\\.)*)"\s*$/.exec(filters);
  return sw?.[1].replace(/\\(.)/g, '$1');
}

/** Which identities a filter selects: by ids, by the start of the name, or (no filter) all; undefined when unsupported. */
function filterMatcher(filters: string | undefined): ((identity: FakeIdentity) => boolean) | undefined {
  if (filters === undefined) return () => true;
  const ids = idsOfFilter(filters);
  if (ids !== undefined) {
    const wanted = new Set(ids);
    return (identity) => wanted.has(identity.id);
  }
  const prefix = namePrefixOfFilter(filters)?.toLowerCase();
  return prefix === undefined ? undefined : (identity) => identity.name.toLowerCase().startsWith(prefix);
}

function whole(text: string | undefined, fallback: number, max: number): number | undefined {
  if (text === undefined) {
    return fallback;
  }
  const value = Number(text);
  return /^\d+$/.test(text) && value <= max ? value : undefined;
}

function identityView(identity: FakeIdentity, created: string): Record<string, unknown> {
  return {
    id: identity.id,
    name: identity.name,
    created,
    modified: created,
    alias: identity.name.toLowerCase().replace(/\s+/g, '.'),
    emailAddress: null,
    processingState: 'OK',
    identityStatus: identity.identityStatus,
    managerRef: null,
    isManager: false,
    lastRefresh: created,
    attributes: { displayName: identity.name },
    lifecycleState: identity.lifecycleState === null ? null : { stateName: identity.lifecycleState, manuallyUpdated: false },
  };
}

export function listIdentities(state: TenantState, request: IdentitiesRequest): Reply {
  if (!request.caller.identity.readsIdentities) {
    return errorReply(403, 'The server understood the request but refuses to authorize it.');
  }
  const { query } = request;
  const limit = whole(query.limit, MAX_LIMIT, MAX_LIMIT);
  const offset = whole(query.offset, 0, Number.MAX_SAFE_INTEGER);
  if (limit === undefined || offset === undefined) {
    return errorReply(400, `limit must be a whole number from 0 to ${MAX_LIMIT}, offset a whole number.`);
  }
  const defaultFilter = query.defaultFilter ?? 'CORRELATED_ONLY';
  if (defaultFilter !== 'CORRELATED_ONLY' && defaultFilter !== 'NONE') {
    return errorReply(400, `defaultFilter must be CORRELATED_ONLY or NONE, not '${defaultFilter}'.`);
  }
  const selects = filterMatcher(query.filters);
  if (selects === undefined) {
    return errorReply(400, `Invalid filter '${query.filters ?? ''}': this fake supports id eq "…", id in ("…", …) and name sw "…".`);
  }
  if (query.sorters !== undefined && query.sorters !== 'name') {
    return errorReply(400, `Invalid sorters '${query.sorters}': this fake sorts by name only.`);
  }
  const matching = [...state.identities.values()].filter((identity) => selects(identity) && (defaultFilter === 'NONE' || identity.correlated));
  if (query.sorters === 'name') matching.sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : a.name.toLowerCase() > b.name.toLowerCase() ? 1 : 0));
  const page = matching.slice(offset, offset + limit).map((identity) => identityView(identity, state.nowIso()));
  const headers: Record<string, string> = query.count === 'true' ? { 'x-total-count': String(matching.length) } : {};
  return jsonReply(200, page, headers);
}

// The four PAT operations, shared by the v3 and v1 families (v1 adds never-expiring tokens).
import { FilterSyntaxError, isIsoDateTime, parseLastUsedFilter, type LastUsedPredicate } from './filters';
import { errorReply, jsonReply, noContentReply, randomHex } from './replies';
import { addMonths, copyToken, DEFAULT_ACCESS_TOKEN_VALIDITY_SECONDS, type Caller, type TenantState } from './state';
import type { FakeToken, Reply } from './types';

export type Family = 'v3' | 'v1';

export interface ApiRequest {
  family: Family;
  caller: Caller;
  query: Record<string, string>;
  contentType: string;
  body: string;
}

const PATCHABLE_PATHS: Record<Family, readonly string[]> = {
  v3: ['/name', '/scope'],
  v1: ['/name', '/scope', '/expirationDate', '/userAwareTokenNeverExpires'],
};

function mediaType(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase();
}

function parseJson(body: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(body) as unknown };
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function tokenView(state: TenantState, token: FakeToken, family: Family): Record<string, unknown> {
  const view: Record<string, unknown> = {
    id: token.id,
    name: token.name,
    scope: token.scope,
    owner: { type: 'IDENTITY', id: token.ownerId, name: state.ownerName(token.ownerId) },
    created: token.created,
    lastUsed: token.lastUsed,
    managed: token.managed,
    accessTokenValiditySeconds: token.accessTokenValiditySeconds,
    expirationDate: token.expirationDate,
  };
  if (family === 'v1') {
    view.userAwareTokenNeverExpires = token.userAwareTokenNeverExpires;
  }
  return view;
}

function createdView(state: TenantState, token: FakeToken, family: Family): Record<string, unknown> {
  const view: Record<string, unknown> = {
    id: token.id,
    secret: token.secret,
    scope: token.scope,
    name: token.name,
    owner: { type: 'IDENTITY', id: token.ownerId, name: state.ownerName(token.ownerId) },
    created: token.created,
    accessTokenValiditySeconds: token.accessTokenValiditySeconds,
    expirationDate: token.expirationDate,
  };
  if (family === 'v1') {
    view.userAwareTokenNeverExpires = token.userAwareTokenNeverExpires;
  }
  return view;
}

export function listTokens(state: TenantState, request: ApiRequest): Reply {
  const ownerParam = request.query['owner-id'] ?? '';
  const { caller } = request;
  const ownerId = ownerParam === 'me' ? caller.identity.id : ownerParam;
  if (ownerId !== caller.identity.id && !caller.identity.admin) {
    return errorReply(403, 'The server understood the request but refuses to authorize it.');
  }
  let matches: LastUsedPredicate = () => true;
  const filters = request.query.filters;
  if (filters !== undefined) {
    try {
      matches = parseLastUsedFilter(filters);
    } catch (error) {
      const reason = error instanceof FilterSyntaxError ? error.message : 'invalid';
      return errorReply(400, `Invalid filter '${filters}': ${reason}. Supported: lastUsed le <date-time>, lastUsed isnull.`);
    }
  }
  // ISC lists managed tokens only to callers with idn:managed-personal-access-tokens:read.
  const seesManaged = caller.identity.readsManagedTokens;
  const tokens = [...state.tokens.values()].filter(
    (token) => (ownerId === '' || token.ownerId === ownerId) && (seesManaged || !token.managed) && matches(token.lastUsed),
  );
  return jsonReply(200, tokens.map((token) => tokenView(state, token, request.family)));
}

type CreateFields = Pick<FakeToken, 'name' | 'scope' | 'accessTokenValiditySeconds' | 'expirationDate' | 'userAwareTokenNeverExpires'>;

function normaliseScope(value: unknown): { scope: string[] | null } | string {
  if (value === undefined || value === null) {
    return { scope: null };
  }
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    return 'scope must be an array of strings';
  }
  // Like a missing scope, an empty list means sp:scopes:all.
  return { scope: value.length === 0 ? null : [...value] };
}

function validateName(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? undefined : 'name is required and must be a non-blank string';
}

function validateValidity(value: unknown): { seconds: number } | string {
  if (value === undefined || value === null) {
    return { seconds: DEFAULT_ACCESS_TOKEN_VALIDITY_SECONDS };
  }
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 15 || value > 43200) {
    return 'accessTokenValiditySeconds must be an integer between 15 and 43200';
  }
  return { seconds: value };
}

function futureDate(state: TenantState, value: unknown): { iso: string } | string {
  if (typeof value !== 'string' || !isIsoDateTime(value)) {
    return 'expirationDate must be an ISO-8601 date-time';
  }
  const epochMs = Date.parse(value);
  return epochMs <= state.now() ? 'expirationDate must be in the future' : { iso: new Date(epochMs).toISOString() };
}

function v3Expiration(state: TenantState, value: unknown): { iso: string } | string {
  const sixMonths = addMonths(state.now(), 6);
  if (value === undefined || value === null) {
    return { iso: new Date(sixMonths).toISOString() };
  }
  const date = futureDate(state, value);
  if (typeof date !== 'string' && Date.parse(date.iso) > sixMonths) {
    return 'expirationDate must be between now and 6 months from now';
  }
  return date;
}

function v1Expiration(state: TenantState, value: unknown, neverExpires: boolean): { iso: string | null } | string {
  if (value === undefined || value === null) {
    return neverExpires ? { iso: null } : 'userAwareTokenNeverExpires must be true when expirationDate is null or omitted';
  }
  return futureDate(state, value);
}

function validateCreate(state: TenantState, body: Record<string, unknown>, family: Family): CreateFields | string {
  const nameProblem = validateName(body.name);
  const scope = normaliseScope(body.scope);
  const validity = validateValidity(body.accessTokenValiditySeconds);
  const neverExpiresValue = body.userAwareTokenNeverExpires;
  if (family === 'v1' && neverExpiresValue !== undefined && neverExpiresValue !== null && typeof neverExpiresValue !== 'boolean') {
    return 'userAwareTokenNeverExpires must be a boolean';
  }
  const neverExpires = family === 'v1' && neverExpiresValue === true;
  const expiration = family === 'v3' ? v3Expiration(state, body.expirationDate) : v1Expiration(state, body.expirationDate, neverExpires);
  const problem = [nameProblem, scope, validity, expiration].find((item): item is string => typeof item === 'string');
  if (problem !== undefined || typeof scope === 'string' || typeof validity === 'string' || typeof expiration === 'string') {
    return problem ?? 'invalid request';
  }
  return {
    name: body.name as string,
    scope: scope.scope,
    accessTokenValiditySeconds: validity.seconds,
    expirationDate: expiration.iso,
    userAwareTokenNeverExpires: neverExpires,
  };
}

function nameTaken(state: TenantState, ownerId: string, name: string, exceptId?: string): boolean {
  return state.tokensOf(ownerId).some((token) => token.name === name && token.id !== exceptId);
}

export function createToken(state: TenantState, request: ApiRequest, maxTokensPerOwner: number): Reply {
  if (mediaType(request.contentType) !== 'application/json') {
    return errorReply(415, `Content-Type '${request.contentType}' is not supported; use application/json`);
  }
  const parsed = parseJson(request.body);
  if (parsed === undefined || !isRecord(parsed.value)) {
    return errorReply(400, 'The request body is not a JSON object.');
  }
  const fields = validateCreate(state, parsed.value, request.family);
  if (typeof fields === 'string') {
    return errorReply(400, fields);
  }
  const ownerId = request.caller.identity.id;
  if (nameTaken(state, ownerId, fields.name)) {
    return errorReply(400, `A personal access token named '${fields.name}' already exists for this owner.`);
  }
  if (state.tokensOf(ownerId).length >= maxTokensPerOwner) {
    // ISC's answer at the cap is undocumented; this status and wording are our best realistic guess.
    return errorReply(400, `Cannot create personal access token: the owner already has the maximum of ${maxTokensPerOwner} personal access tokens.`);
  }
  const token = state.addToken(ownerId, { ...fields, created: state.nowIso(), lastUsed: null, managed: false, secret: randomHex(32) });
  return jsonReply(200, createdView(state, token, request.family));
}

/** PATCH acts on the caller's own tokens only (its one scope is my-personal-access-tokens:manage); DELETE also on others' for an admin. */
function findOwnedToken(state: TenantState, request: ApiRequest, id: string, adminMay: boolean): FakeToken | Reply {
  const token = state.tokens.get(id);
  if (token === undefined) {
    return errorReply(404, 'The server did not find a current representation for the target resource.');
  }
  if (token.ownerId !== request.caller.identity.id && !(adminMay && request.caller.identity.admin)) {
    return errorReply(403, 'The server understood the request but refuses to authorize it.');
  }
  return token;
}

function applyOperation(state: TenantState, token: FakeToken, path: string, value: unknown): string | undefined {
  switch (path) {
    case '/name':
      token.name = value as string;
      return validateName(value);
    case '/scope': {
      const scope = normaliseScope(value);
      if (typeof scope === 'string') {
        return scope;
      }
      token.scope = scope.scope;
      return undefined;
    }
    case '/expirationDate': {
      const date = value === null ? { iso: null } : futureDate(state, value);
      if (typeof date === 'string') {
        return date;
      }
      token.expirationDate = date.iso;
      return undefined;
    }
    default:
      if (typeof value !== 'boolean') {
        return 'userAwareTokenNeverExpires must be a boolean';
      }
      token.userAwareTokenNeverExpires = value;
      return undefined;
  }
}

function applyPatch(state: TenantState, token: FakeToken, operations: unknown, family: Family): string | undefined {
  if (!Array.isArray(operations)) {
    return 'The request body must be a JSON Patch array (RFC 6902).';
  }
  for (const operation of operations) {
    if (!isRecord(operation) || (operation.op !== 'replace' && operation.op !== 'add') || !('value' in operation)) {
      return 'Only add and replace operations with a value are supported.';
    }
    if (typeof operation.path !== 'string' || !PATCHABLE_PATHS[family].includes(operation.path)) {
      return `Path '${String(operation.path)}' is not patchable; patchable: ${PATCHABLE_PATHS[family].join(', ')}.`;
    }
    const problem = applyOperation(state, token, operation.path, operation.value);
    if (problem !== undefined) {
      return problem;
    }
  }
  const removesExpiry = operations.some((operation: Record<string, unknown>) => operation.path === '/expirationDate' && operation.value === null);
  const acknowledges = operations.some((operation: Record<string, unknown>) => operation.path === '/userAwareTokenNeverExpires' && operation.value === true);
  // v1 demands the acknowledgement in the same patch that removes the expiry, not just in the stored token.
  if ((removesExpiry && !acknowledges) || (token.expirationDate === null && !token.userAwareTokenNeverExpires)) {
    return 'userAwareTokenNeverExpires must be true when expirationDate is null';
  }
  return undefined;
}

export function patchToken(state: TenantState, request: ApiRequest, id: string): Reply {
  const found = findOwnedToken(state, request, id, false);
  if (!('ownerId' in found)) {
    return found;
  }
  if (mediaType(request.contentType) !== 'application/json-patch+json') {
    return errorReply(415, `Content-Type '${request.contentType}' is not supported; use application/json-patch+json`);
  }
  const parsed = parseJson(request.body);
  if (parsed === undefined) {
    return errorReply(400, 'The request body is not valid JSON.');
  }
  const draft = copyToken(found);
  const problem = applyPatch(state, draft, parsed.value, request.family);
  if (problem !== undefined) {
    return errorReply(400, problem);
  }
  if (nameTaken(state, draft.ownerId, draft.name, draft.id)) {
    return errorReply(400, `A personal access token named '${draft.name}' already exists for this owner.`);
  }
  state.tokens.set(draft.id, draft);
  return jsonReply(200, tokenView(state, draft, request.family));
}

export function deleteToken(state: TenantState, request: ApiRequest, id: string): Reply {
  const found = findOwnedToken(state, request, id, true);
  if (!('ownerId' in found)) {
    return found;
  }
  state.tokens.delete(id);
  return noContentReply();
}

// The four PAT operations for either API family, with a bearer token on every call, one re-sign-in after a 401,
// and a create that is re-sent only once after a 429 (not processed): after an unknown outcome it looks for the
// token by name instead.
import type { AccessTokenCache } from './auth';
import { sendAuthorized } from './authorized';
import { cleanServerText } from './errorBody';
import { isPatError, PatError, type PatErrorKind } from '../errors';
import { type HttpClient, type HttpRequest, type HttpResponse, parseJsonBody } from './http';
import {
  ALL_SCOPES,
  type ApiFamily,
  type CreatedToken,
  type CreateTokenRequest,
  type PersonalAccessToken,
  type TokenListQuery,
  type TokenOwner,
  type TokenPatch,
} from '../model';
import { type Logger, silentLogger } from '../ports';
import { defaultRedactor, type Redactor } from './redact';
import { checkedId } from '../store/secretKeys';
import { t } from '../l10n';

export interface PatApiOptions {
  baseUrl: string;
  apiFamily: ApiFamily;
  http: HttpClient;
  auth: Pick<AccessTokenCache, 'get' | 'invalidate'>;
  logger?: Logger;
  redactor?: Redactor;
}

/** After these, a create may or may not have happened on the server. */
const UNKNOWN_OUTCOME_KINDS: ReadonlySet<PatErrorKind> = new Set(['timeout', 'network', 'server', 'bad-response', 'cancelled']);
/** The lookup after an unknown create outcome gets its own deadline: the caller's signal may already be aborted. */
const OUTCOME_LOOKUP_TIMEOUT_MS = 30_000;
/**
 * A token list may be far larger than the 8 MiB other answers get (an "all tokens" list passes 8 MiB at about 25,000
 * tokens). One token's JSON is under 1 KiB even with a 128-character name, a 128-character owner name and ten scopes
 * (340 bytes is typical), and ISC's 10 tokens per identity make 100,000 tokens a generous practical maximum (10,000
 * identities holding PATs): 100,000 × 1 KiB. The string and its parse fit easily in the extension host's heap.
 */
export const LIST_MAX_BODY_BYTES = 100_000 * 1024;
const JSON_TYPE = 'application/json';
const JSON_PATCH_TYPE = 'application/json-patch+json';

/** A create whose result never arrived; `existing` is the token found by name afterwards, if any. */
export class CreateOutcomeUnknownError extends PatError {
  readonly existing: PersonalAccessToken | null;
  /** False when the follow-up lookup failed too, so `existing: null` proves nothing. */
  readonly verified: boolean;

  constructor(message: string, existing: PersonalAccessToken | null, verified: boolean, cause: PatError) {
    super('create-outcome-unknown', message, {
      status: cause.status,
      serverMessage: cause.serverMessage,
      detailCode: cause.detailCode,
      trackingId: cause.trackingId,
      cause,
    });
    this.name = 'CreateOutcomeUnknownError';
    this.existing = existing;
    this.verified = verified;
  }
}

export class PatApi {
  private readonly collectionUrl: string;
  private readonly family: ApiFamily;
  private readonly http: HttpClient;
  private readonly auth: PatApiOptions['auth'];
  private readonly logger: Logger;
  private readonly redactor: Redactor;

  constructor(options: PatApiOptions) {
    const base = options.baseUrl.replace(/\/+$/, '');
    this.collectionUrl = options.apiFamily === 'v1' ? `${base}/personal-access-tokens/v1` : `${base}/v3/personal-access-tokens`;
    this.family = options.apiFamily;
    this.http = options.http;
    this.auth = options.auth;
    this.logger = options.logger ?? silentLogger;
    this.redactor = options.redactor ?? defaultRedactor;
  }

  async list(query: TokenListQuery, signal?: AbortSignal): Promise<PersonalAccessToken[]> {
    const description = t('Listing tokens');
    const url = this.collectionUrl + queryString(listParameters(query));
    const response = await this.authorized({ method: 'GET', url, signal, description, maxBodyBytes: LIST_MAX_BODY_BYTES });
    const body = parseJsonBody(response, description);
    if (!Array.isArray(body)) {
      throw new PatError('bad-response', t('{0} failed: the server did not send a list.', description), { status: response.status });
    }
    // Kept because it measured faster (bench/README.md): consecutive tokens share their owner record (the rows read it).
    // A list is mostly one owner's tokens of the same scopes in a row: they share one owner record and one scope list.
    let previous: PersonalAccessToken | undefined;
    return body.map((item: unknown, index) => {
      const token = parseToken(item, previous);
      if (token === undefined) {
        throw new PatError('bad-response', t('{0} failed: item {1} of the answer has no id or name.', description, index), {
          status: response.status,
        });
      }
      previous = token;
      return token;
    });
  }

  async create(request: CreateTokenRequest, signal?: AbortSignal): Promise<CreatedToken> {
    const description = t('Creating token "{0}"', displayName(request.name));
    const body = JSON.stringify(this.createBody(request));
    let response: HttpResponse;
    let secret: string;
    let token: PersonalAccessToken | undefined;
    try {
      response = await this.authorized({
        method: 'POST',
        url: this.collectionUrl,
        headers: { 'Content-Type': JSON_TYPE },
        body,
        // A re-sent create can make a second token: never retried after the request may have arrived; only a 429
        // (not processed) is re-sent, once, after its Retry-After (see NON_IDEMPOTENT_RATE_LIMIT_RESENDS).
        idempotent: false,
        signal,
        description,
      });
      const created = parseJsonBody(response, description);
      secret = isRecord(created) && typeof created.secret === 'string' ? created.secret : '';
      this.redactor.register(secret);
      token = parseToken(created);
      if (secret === '' || token === undefined) {
        throw new PatError('bad-response', t('{0} failed: the answer did not include the new token and its secret.', description), {
          status: response.status,
        });
      }
    } catch (error) {
      if (isPatError(error) && UNKNOWN_OUTCOME_KINDS.has(error.kind)) {
        throw await this.explainUnknownCreate(request.name, error);
      }
      throw error;
    }
    // PatService logs the create once, with the name and tenant.
    return { token, secret };
  }

  async update(id: string, patch: TokenPatch, signal?: AbortSignal): Promise<PersonalAccessToken> {
    const description = t('Updating token {0}', displayName(id));
    const operations = this.patchOperations(patch);
    const response = await this.authorized({
      method: 'PATCH',
      url: this.itemUrl(id),
      headers: { 'Content-Type': JSON_PATCH_TYPE },
      body: JSON.stringify(operations),
      // Replace operations set values rather than change them relative to the current state: repeating one is harmless.
      idempotent: true,
      signal,
      description,
    });
    const token = parseToken(parseJsonBody(response, description));
    if (token === undefined) {
      throw new PatError('bad-response', t('{0} failed: the answer is not a token.', description), { status: response.status });
    }
    return token;
  }

  async delete(id: string, signal?: AbortSignal): Promise<void> {
    await this.authorized({
      method: 'DELETE',
      url: this.itemUrl(id),
      signal,
      description: t('Deleting token {0}', displayName(id)),
      // If an earlier attempt was carried out but its answer lost, the retry finds the token already gone.
      successOnRetry: [404],
    });
  }

  /** Sends with a bearer token; a 401 means the token went stale, so sign in again and retry exactly once. */
  private authorized(request: HttpRequest): Promise<HttpResponse> {
    return sendAuthorized(this.http, this.auth, request, (message) => this.log('debug', message));
  }

  private async explainUnknownCreate(name: string, cause: PatError): Promise<CreateOutcomeUnknownError> {
    const quoted = `"${displayName(name)}"`;
    this.log('warn', `The outcome of creating token ${quoted} is unknown (${cause.kind}); looking for it by name.`);
    let existing: PersonalAccessToken | null;
    try {
      const mine = await this.list({ owner: { kind: 'me' } }, AbortSignal.timeout(OUTCOME_LOOKUP_TIMEOUT_MS));
      existing = mine.find((token) => token.name === name) ?? null;
    } catch (lookupError) {
      const why = lookupError instanceof Error ? lookupError.message : String(lookupError);
      return new CreateOutcomeUnknownError(
        t('{0} Whether the token was created is unknown: checking the list failed too ({1}). Look at the list before trying again: if {2} is there, its secret was lost; delete it and create a new one.', cause.message, why, quoted),
        null,
        false,
        cause,
      );
    }
    return new CreateOutcomeUnknownError(`${cause.message} ${createVerdict(quoted, existing, cause)}`, existing, true, cause);
  }

  private log(level: 'debug' | 'info' | 'warn', message: string): void {
    this.logger[level](this.redactor.redact(message));
  }
  private createBody(request: CreateTokenRequest): Record<string, unknown> {
    requireName(request.name);
    requireScopes(request.scope);
    if (this.family === 'v3' && request.userAwareTokenNeverExpires === true) {
      throw new PatError('invalid-input', t('Tokens that never expire need the v1 API family; v3 tokens expire within 6 months.'));
    }
    const body: Record<string, unknown> = { name: request.name, scope: [...request.scope] };
    if (request.accessTokenValiditySeconds !== undefined) {
      body.accessTokenValiditySeconds = request.accessTokenValiditySeconds;
    }
    if (request.expirationDate !== undefined) {
      body.expirationDate = request.expirationDate;
    }
    if (this.family === 'v1' && request.userAwareTokenNeverExpires !== undefined) {
      body.userAwareTokenNeverExpires = request.userAwareTokenNeverExpires;
    }
    return body;
  }

  private patchOperations(patch: TokenPatch): Array<{ op: 'replace'; path: string; value: unknown }> {
    const operations: Array<{ op: 'replace'; path: string; value: unknown }> = [];
    const replace = (path: string, value: unknown): void => {
      operations.push({ op: 'replace', path, value });
    };
    if (patch.name !== undefined) {
      requireName(patch.name);
      replace('/name', patch.name);
    }
    if (patch.scope !== undefined) {
      requireScopes(patch.scope);
      replace('/scope', [...patch.scope]);
    }
    const touchesExpiry = patch.expirationDate !== undefined || patch.userAwareTokenNeverExpires !== undefined;
    if (touchesExpiry && this.family === 'v3') {
      throw new PatError('invalid-input', t("The v3 API cannot change a token's expiry; only its name and scopes."));
    }
    // The acknowledgement goes first when the expiry is removed, so a server checking operation by operation accepts it.
    if (patch.userAwareTokenNeverExpires !== undefined && patch.expirationDate === null) {
      replace('/userAwareTokenNeverExpires', patch.userAwareTokenNeverExpires);
    }
    if (patch.expirationDate !== undefined) {
      replace('/expirationDate', patch.expirationDate);
    }
    if (patch.userAwareTokenNeverExpires !== undefined && patch.expirationDate !== null) {
      replace('/userAwareTokenNeverExpires', patch.userAwareTokenNeverExpires);
    }
    if (operations.length === 0) {
      throw new PatError('invalid-input', t('Nothing to change: the update names no field.'));
    }
    return operations;
  }

  /** The one place a token id becomes part of a URL: `.`, `..`, `/`, `%2e` and the like would walk the path, so only safe ids pass. */
  private itemUrl(id: string): string {
    return `${this.collectionUrl}/${checkedId(id, 'token')}`;
  }
}

function createVerdict(quoted: string, existing: PersonalAccessToken | null, cause: PatError): string {
  if (existing !== null) {
    return t('The token {0} was created anyway, but its secret never arrived and cannot be shown again: delete that token and create a new one.', quoted);
  }
  // A slow server may still be working on a request we stopped waiting for; a re-sent create with the same name would then be refused, not doubled.
  return cause.kind === 'timeout' || cause.kind === 'cancelled'
    ? t('No token named {0} exists yet, so most likely nothing was created; refresh the list before trying again.', quoted)
    : t('No token named {0} exists, so nothing was created; it is safe to try again.', quoted);
}

function requireName(name: unknown): void {
  if (typeof name !== 'string' || name.trim() === '') {
    throw new PatError('invalid-input', t('A token name is required.'));
  }
}

/** An empty or missing scope list makes the server grant every right the owner has: only an explicit choice may. */
function requireScopes(scope: unknown): void {
  if (!Array.isArray(scope) || scope.length === 0) {
    throw new PatError(
      'invalid-input',
      t('Choose at least one scope. An empty list would grant every right you have; to mean that, choose {0} explicitly.', ALL_SCOPES),
    );
  }
  if (!scope.every((item) => typeof item === 'string' && item.trim() !== '')) {
    throw new PatError('invalid-input', t('Every scope must be a non-empty string.'));
  }
}

function listParameters(query: TokenListQuery): Array<[string, string]> {
  const parameters: Array<[string, string]> = [];
  if (query.owner.kind === 'me') {
    parameters.push(['owner-id', 'me']);
  } else if (query.owner.kind === 'identity') {
    if (query.owner.identityId.trim() === '') {
      throw new PatError('invalid-input', t('An identity id is required to list its tokens.'));
    }
    parameters.push(['owner-id', query.owner.identityId]);
  }
  const filters: string[] = [];
  if (query.neverUsed === true) {
    filters.push('lastUsed isnull');
  }
  if (query.lastUsedBefore !== undefined) {
    const epochMs = Date.parse(query.lastUsedBefore);
    if (!Number.isFinite(epochMs)) {
      throw new PatError('invalid-input', t('"{0}" is not a date and time.', displayName(query.lastUsedBefore)));
    }
    filters.push(`lastUsed le ${new Date(epochMs).toISOString()}`);
  }
  if (filters.length > 0) {
    parameters.push(['filters', filters.join(' or ')]);
  }
  return parameters;
}

/** Percent-encodes every value (spaces as %20, not +, which some servers read literally). */
function queryString(parameters: Array<[string, string]>): string {
  if (parameters.length === 0) {
    return '';
  }
  return `?${parameters.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join('&')}`;
}

/**
 * Reads a token liberally: unknown fields are ignored, missing optional ones become null; id and name are required.
 * Runs for every item of a list (10,000 in a big tenant), so a well-formed item costs the result and nothing more.
 */
export function parseToken(value: unknown, previous?: PersonalAccessToken): PersonalAccessToken | undefined {
  if (!isRecord(value)) {
    return undefined;
  }
  const { id, name, accessTokenValiditySeconds: validity, userAwareTokenNeverExpires: neverExpires } = value;
  if (typeof id !== 'string' || id.trim() === '' || typeof name !== 'string') {
    return undefined;
  }
  return {
    id,
    name,
    scope: parseScope(value.scope, previous?.scope ?? null),
    owner: parseOwner(value.owner, previous?.owner ?? null),
    created: stringOrNull(value.created),
    lastUsed: stringOrNull(value.lastUsed),
    managed: value.managed === true,
    accessTokenValiditySeconds: typeof validity === 'number' && Number.isFinite(validity) ? validity : null,
    expirationDate: stringOrNull(value.expirationDate),
    userAwareTokenNeverExpires: typeof neverExpires === 'boolean' ? neverExpires : null,
  };
}

/** The server treats an empty list like a missing one (every right), so both read as null. `sameAs` is returned for the same strings in the same order. */
function parseScope(value: unknown, sameAs: string[] | null): string[] | null {
  if (!Array.isArray(value) || value.length === 0) {
    return null;
  }
  for (const item of value) {
    if (typeof item !== 'string') {
      const scopes = value.filter((each): each is string => typeof each === 'string');
      return scopes.length === 0 ? null : scopes;
    }
  }
  // Only strings, as nearly always: the freshly parsed answer's own array is kept instead of copied.
  return sameAs !== null && sameStrings(value as string[], sameAs) ? sameAs : (value as string[]);
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;
  return true;
}

/** `sameOwnerAs` is returned instead of a new record when the owner reads exactly as it does. */
function parseOwner(value: unknown, sameOwnerAs: TokenOwner | null): TokenOwner | null {
  if (!isRecord(value) || typeof value.id !== 'string') {
    return null;
  }
  const type = typeof value.type === 'string' ? value.type : 'IDENTITY';
  const name = stringOrNull(value.name);
  if (sameOwnerAs !== null && sameOwnerAs.id === value.id && sameOwnerAs.type === type && sameOwnerAs.name === name) {
    return sameOwnerAs;
  }
  return { type, id: value.id, name };
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** User or server text inside our own messages: one line, bounded. */
function displayName(text: string): string {
  return cleanServerText(String(text), 80);
}

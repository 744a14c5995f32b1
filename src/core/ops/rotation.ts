// core/ops: the use cases the commands run over PatService (tokens in bulk, rotation, inventory, expiry, env lines).
// Rotating a token: a successor with the same rights is created and its secret stored before anything old is
// deleted; rotating a tenant's own sign-in token also proves and switches the credentials, rolling back on failure.
import { isPatError, PatError, type PatErrorKind } from '../errors';
import { ALL_SCOPES, type ApiFamily, type CreateTokenRequest, type PersonalAccessToken, type TokenListQuery } from '../model';
import { errorText } from '../messages';
import type { CreateTokenOutcome, PatService } from '../patService';
import {
  addMonthsUtc,
  MAX_TOKEN_NAME_LENGTH,
  normalizeTokenName,
  quoted,
  stripUnsafeCharacters,
  validateAccessTokenValiditySeconds,
  validateTokenName,
  V3_MAX_EXPIRATION_MONTHS,
} from '../validation';
import { MAX_TOKENS_PER_OWNER } from './owners';
import { t } from '../l10n';

/** Clean-up after a failure gets its own deadline: the caller's signal may be what failed. */
const CLEANUP_TIMEOUT_MS = 30_000;
const DAY_MS = 86_400_000;
const MINE: TokenListQuery = { owner: { kind: 'me' } };
const ROTATED_SUFFIX = / \(rotated \d{4}-\d{2}-\d{2}(?: #\d+)?\)$/;
/** A failure of the new credentials is not a reason to offer new credentials for the tenant, which still has working ones. */
const CREDENTIAL_KINDS: ReadonlySet<PatErrorKind> = new Set(['credentials-rejected', 'credentials-missing', 'unauthorized']);

/** The owner holds as many tokens as ISC allows, so no successor can be created until one is deleted. */
export class TokenLimitError extends PatError {
  constructor(
    readonly limit: number,
    readonly forTenantCredentials: boolean,
    cause?: PatError,
  ) {
    const advice = forTenantCredentials
      ? t('Delete a token you no longer use (Find Unused Tokens lists them), then rotate again.')
      : t('Delete a token you no longer use (Find Unused Tokens lists them), or delete the old token first and then create its successor; what uses the old token stops working until it is switched.');
    super('conflict', t('You already have {0} personal access tokens, the most a user may hold, so no successor can be created. {1}', limit, advice), {
      status: cause?.status,
      serverMessage: cause?.serverMessage,
      trackingId: cause?.trackingId,
      detailCode: cause?.detailCode,
      cause,
    });
    this.name = 'TokenLimitError';
  }
}

/** The create's 400 at the cap (its wording is undocumented: "…already has the maximum of 10 personal access tokens."). */
export function tokenLimitOf(error: unknown): number | undefined {
  if (!isPatError(error) || error.status !== 400) return undefined;
  const text = `${error.serverMessage ?? ''} ${error.message}`;
  if (!/\bmaximum\b|\blimit\b/i.test(text) || /already exists/i.test(text)) return undefined;
  const stated = /maximum of (\d+)/i.exec(text)?.[1];
  return stated === undefined ? MAX_TOKENS_PER_OWNER : Number(stated);
}

function truncateCodePoints(text: string, length: number): string {
  return [...text].slice(0, Math.max(0, length)).join('').trim();
}

/** "CI pipeline" → "CI pipeline (rotated 2026-11-28)", unique among `taken` and within the name limit. */
export function proposeSuccessorName(oldName: string, taken: Iterable<string>, now: number): string {
  const takenNames = new Set([...taken].map(normalizeTokenName));
  const base = normalizeTokenName(stripUnsafeCharacters(oldName)).replace(ROTATED_SUFFIX, '') || t('Token');
  const day = new Date(now).toISOString().slice(0, 10);
  for (let attempt = 1; ; attempt++) {
    const suffix = ` (rotated ${day}${attempt === 1 ? '' : ` #${attempt}`})`;
    const candidate = `${truncateCodePoints(base, MAX_TOKEN_NAME_LENGTH - [...suffix].length)}${suffix}`;
    if (!takenNames.has(normalizeTokenName(candidate))) return candidate;
  }
}

/** v1: never-expiring stays never-expiring; otherwise the old token's lifetime again, from now. */
function v1SuccessorExpiry(old: PersonalAccessToken, now: number): string | null {
  if (old.expirationDate === null && old.userAwareTokenNeverExpires === true) return null;
  const lifetime = Date.parse(old.expirationDate ?? '') - Date.parse(old.created ?? '');
  const expiresAt = Number.isFinite(lifetime) && lifetime > 0 ? now + Math.max(lifetime, DAY_MS) : addMonthsUtc(now, V3_MAX_EXPIRATION_MONTHS);
  return new Date(expiresAt).toISOString();
}

/** Same scopes (a null scope is the explicit "all rights") and access-token validity; v3 takes the default expiry. */
export function successorRequest(old: PersonalAccessToken, family: ApiFamily, name: string, now: number): CreateTokenRequest {
  const request: CreateTokenRequest = { name, scope: old.scope === null || old.scope.length === 0 ? [ALL_SCOPES] : [...old.scope] };
  const validity = old.accessTokenValiditySeconds;
  if (validity !== null && validateAccessTokenValiditySeconds(validity) === undefined) request.accessTokenValiditySeconds = validity;
  if (family === 'v1') {
    const expiry = v1SuccessorExpiry(old, now);
    if (expiry === null) request.userAwareTokenNeverExpires = true;
    else request.expirationDate = expiry;
  }
  return request;
}

/** What a rotation starts from: the caller's own tokens, the one to replace, and a name for its successor. */
export interface RotationTarget {
  old: PersonalAccessToken;
  mine: PersonalAccessToken[];
  proposedName: string;
  /** The caller already holds MAX_TOKENS_PER_OWNER tokens. */
  atLimit: boolean;
}

/** Only the caller's own tokens can be rotated: the successor is always created for the caller. */
export function rotationTarget(mine: PersonalAccessToken[], tokenId: string, now: number): RotationTarget {
  const old = mine.find((token) => token.id === tokenId);
  if (old === undefined) {
    throw new PatError(
      'invalid-input',
      t('Token {0} is not one of your own tokens in this tenant (it belongs to someone else or no longer exists). Only your own tokens can be rotated, because the successor is created for you; its owner can rotate it.', stripUnsafeCharacters(tokenId).slice(0, 80)),
    );
  }
  return {
    old,
    mine,
    proposedName: proposeSuccessorName(old.name, mine.map((token) => token.name), now),
    atLimit: mine.length >= MAX_TOKENS_PER_OWNER,
  };
}

/** Lists the caller's own tokens and finds the one to rotate. */
export async function prepareRotation(service: PatService, tenantId: string, tokenId: string, now: number, signal?: AbortSignal): Promise<RotationTarget> {
  return rotationTarget(await service.listTokens(tenantId, signal, MINE), tokenId, now);
}

/** The caller's own tokens, e.g. to pick one to rotate. */
export function listOwnTokens(service: PatService, tenantId: string, signal?: AbortSignal): Promise<PersonalAccessToken[]> {
  return service.listTokens(tenantId, signal, MINE);
}

/** Problem with a successor name the user chose, or undefined. */
export function checkSuccessorName(name: string, mine: readonly PersonalAccessToken[]): string | undefined {
  const problem = validateTokenName(name);
  if (problem !== undefined) return problem;
  const wanted = normalizeTokenName(name);
  const clash = mine.find((token) => normalizeTokenName(token.name) === wanted);
  return clash === undefined ? undefined : t('You already have a token named {0}; names must be unique among your tokens.', quoted(clash.name));
}

/** Creates the successor (secret stored by the service before it returns); a 400 at the cap becomes TokenLimitError. */
export async function createSuccessor(
  service: PatService,
  tenantId: string,
  target: RotationTarget,
  options: { name?: string; now: number; forTenantCredentials?: boolean },
  signal?: AbortSignal,
): Promise<CreateTokenOutcome> {
  const name = normalizeTokenName(options.name ?? target.proposedName);
  const problem = checkSuccessorName(name, target.mine);
  if (problem !== undefined) throw new PatError('invalid-input', problem);
  const request = successorRequest(target.old, service.getTenant(tenantId).apiFamily, name, options.now);
  try {
    return await service.createToken(tenantId, request, signal);
  } catch (error) {
    const limit = tokenLimitOf(error);
    if (limit !== undefined) throw new TokenLimitError(limit, options.forTenantCredentials ?? false, error as PatError);
    throw error;
  }
}

/** The same failure in the words of the step it broke, keeping the server's details for the message and the log. */
function stepFailure(error: unknown, message: string): PatError {
  const cause = isPatError(error) ? error : undefined;
  const kind = cause === undefined || CREDENTIAL_KINDS.has(cause.kind) ? 'http' : cause.kind;
  return new PatError(kind, message, {
    status: cause?.status,
    serverMessage: cause?.serverMessage,
    detailCode: cause?.detailCode,
    trackingId: cause?.trackingId,
    cause: error,
  });
}

/** Deletes the old token once its successor exists with a stored secret; a failure says the old one still exists. */
export async function deleteOldToken(
  service: PatService,
  tenantId: string,
  old: PersonalAccessToken,
  successor: PersonalAccessToken,
  signal?: AbortSignal,
): Promise<void> {
  try {
    await service.deleteToken(tenantId, old.id, signal);
  } catch (error) {
    throw stepFailure(
      error,
      t('The successor {0} (client ID {1}) was created and its secret is stored, but deleting the old token {2} failed, so the old token still exists: {3} Delete it once nothing uses it.', quoted(successor.name), successor.id, quoted(old.name), errorText(error)),
    );
  }
}

export interface TokenRotationRequest {
  tenantId: string;
  tokenId: string;
  name?: string;
  deleteOld: boolean;
  now?: number;
}

export interface TokenRotation {
  old: PersonalAccessToken;
  outcome: CreateTokenOutcome;
  oldDeleted: boolean;
}

/** Rotates without asking: the old token goes only if asked to and only after the successor's secret is stored. */
export async function rotateToken(service: PatService, request: TokenRotationRequest, signal?: AbortSignal): Promise<TokenRotation> {
  const now = request.now ?? Date.now();
  if (request.tokenId === (await service.signInClientId(request.tenantId))) {
    throw new PatError(
      'invalid-input',
      t('This tenant signs in with this token: rotate it with Rotate Tenant Credentials, which switches the stored credentials to the successor before the old token is deleted.'),
    );
  }
  const target = await prepareRotation(service, request.tenantId, request.tokenId, now, signal);
  if (target.atLimit) throw new TokenLimitError(MAX_TOKENS_PER_OWNER, false);
  const outcome = await createSuccessor(service, request.tenantId, target, { name: request.name, now }, signal);
  if (!outcome.secretSaved || !request.deleteOld) return { old: target.old, outcome, oldDeleted: false };
  await deleteOldToken(service, request.tenantId, target.old, outcome.token, signal);
  return { old: target.old, outcome, oldDeleted: true };
}

export interface TenantCredentialRotation {
  old: PersonalAccessToken;
  successor: PersonalAccessToken;
}

/** The caller's own token the tenant signs in with; explains when it signs in with an API client instead. */
export async function tenantSignInToken(service: PatService, tenantId: string, now: number, signal?: AbortSignal): Promise<RotationTarget> {
  const clientId = await service.signInClientId(tenantId);
  if (clientId === undefined) {
    throw new PatError('credentials-missing', t('No credentials are stored in VS Code for this tenant, so there is nothing to rotate; enter them with Update Credentials.'));
  }
  const mine = await service.listTokens(tenantId, signal, MINE);
  if (!mine.some((token) => token.id === clientId)) {
    throw new PatError(
      'invalid-input',
      t("This tenant signs in with client ID {0}, which is not one of your personal access tokens: it is an API client (or another user's token). API-client credentials are rotated in the tenant's admin UI; then enter the new ones with Update Credentials.", clientId),
    );
  }
  return rotationTarget(mine, clientId, now);
}

/**
 * Best effort: a new token that is of no use (its secret could not be kept, or it could not take over) is deleted
 * again, on a deadline of its own. Says which happened, for the message.
 */
export async function discardNewToken(service: PatService, tenantId: string, token: PersonalAccessToken): Promise<string> {
  try {
    await service.deleteToken(tenantId, token.id, AbortSignal.timeout(CLEANUP_TIMEOUT_MS));
    return t('The new token {0} was deleted again', quoted(token.name));
  } catch (error) {
    return t('Deleting the new token {0} (client ID {1}) failed too ({2}), so it still exists: delete it yourself', quoted(token.name), token.id, errorText(error));
  }
}

/**
 * Creates a successor of the tenant's sign-in token, proves and stores it as the tenant's credentials, then deletes
 * the old token with the new credentials. Whatever fails, the stored credentials work: before the switch they are
 * the old ones (and the successor is deleted again), after it the new ones (and the old token may remain).
 */
export async function rotateTenantCredentials(
  service: PatService,
  tenantId: string,
  options: { name?: string; now?: number; target?: RotationTarget } = {},
  signal?: AbortSignal,
): Promise<TenantCredentialRotation> {
  const now = options.now ?? Date.now();
  const target = options.target ?? (await tenantSignInToken(service, tenantId, now, signal));
  if (target.atLimit) throw new TokenLimitError(MAX_TOKENS_PER_OWNER, true);
  const outcome = await createSuccessor(service, tenantId, target, { name: options.name, now, forTenantCredentials: true }, signal);
  const successor = outcome.token;
  try {
    const secret = outcome.secretSaved ? await service.getStoredSecret(tenantId, successor.id) : outcome.secret;
    if (secret === undefined) throw new PatError('secret-storage', t('VS Code could not read back the secret it just stored.'));
    await service.updateCredentials(tenantId, { clientId: successor.id, clientSecret: secret }, signal);
  } catch (error) {
    const cleanup = await discardNewToken(service, tenantId, successor);
    throw stepFailure(
      error,
      t('The tenant keeps its old credentials ({0}), which still work: the new token could not take over ({1}). {2}.', quoted(target.old.name), errorText(error), cleanup),
    );
  }
  try {
    await service.deleteToken(tenantId, target.old.id, signal);
  } catch (error) {
    throw stepFailure(
      error,
      t('The tenant now signs in with the new token {0} (client ID {1}), but deleting the old token {2} failed, so it still exists: {3} Delete it once nothing else uses it.', quoted(successor.name), successor.id, quoted(target.old.name), errorText(error)),
    );
  }
  return { old: target.old, successor };
}

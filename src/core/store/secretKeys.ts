// The only place where SecretStorage keys and the extension's KeyValueStore keys are built.
// Keys are made from the tenant's random id and server token ids only, never from user text,
// so renaming a tenant or editing its URL never moves or exposes a secret.
import { PatError } from '../errors';
import { t } from '../l10n';

const NAMESPACE = 'sailpointPat';
const TENANT_PREFIX = `${NAMESPACE}.tenant.`;

/** KeyValueStore key holding the array of tenant records. */
export const TENANTS_KEY = `${NAMESPACE}.tenants`;

/** KeyValueStore key of the sessions other extensions signed in with (ids, tenant ids and scopes; no token). */
export const AUTH_SESSIONS_KEY = `${NAMESPACE}.authSessions`;

/** Ids are UUIDs (tenants) or 32-hex / UUID strings (tokens); the cap only stops absurd input. */
const SAFE_ID = /^[A-Za-z0-9_-]{1,128}$/;

export function isSafeId(id: unknown): id is string {
  return typeof id === 'string' && SAFE_ID.test(id);
}

/** Why an id was refused; never echoes the id, which may be hostile text. */
export function unsafeIdMessage(what: string): string {
  return t("The {0} id is not valid: an id is 1 to 128 letters, digits, '-' or '_' (no dots, slashes, escapes or spaces).", what);
}

/** The id itself when it is safe as a key part and a URL path segment; else PatError('invalid-input'). */
export function checkedId(id: unknown, what: string): string {
  if (!isSafeId(id)) {
    throw new PatError('invalid-input', unsafeIdMessage(what));
  }
  return id;
}

export function credentialsKey(tenantId: string): string {
  return `${TENANT_PREFIX}${checkedId(tenantId, 'tenant')}.credentials`;
}

export function tokenSecretKey(tenantId: string, tokenId: string): string {
  return `${TENANT_PREFIX}${checkedId(tenantId, 'tenant')}.token.${checkedId(tokenId, 'token')}.secret`;
}

/** KeyValueStore key of the list of token ids whose secret is stored (ids are not secrets). */
export function storedSecretIndexKey(tenantId: string): string {
  return `${TENANT_PREFIX}${checkedId(tenantId, 'tenant')}.storedSecretTokenIds`;
}

export interface ParsedSecretKey {
  tenantId: string;
  /** Present for a token secret, absent for the tenant's credentials. */
  tokenId?: string;
}

/** The inverse of credentialsKey / tokenSecretKey; undefined for any other key. */
export function parseSecretKey(key: string): ParsedSecretKey | undefined {
  if (!key.startsWith(TENANT_PREFIX)) {
    return undefined;
  }
  const parts = key.slice(TENANT_PREFIX.length).split('.');
  const [tenantId] = parts;
  if (!isSafeId(tenantId)) {
    return undefined;
  }
  if (parts.length === 2 && parts[1] === 'credentials') {
    return { tenantId };
  }
  const tokenId = parts[2];
  if (parts.length === 4 && parts[1] === 'token' && parts[3] === 'secret' && isSafeId(tokenId)) {
    return { tenantId, tokenId };
  }
  return undefined;
}

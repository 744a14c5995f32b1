// The domain as the extension sees it, independent of the wire format of either API family.

export type ApiFamily = 'v3' | 'v1';

/** Whose tokens a tenant lists: the caller's own, one identity's, or every token in the tenant. */
export type OwnerFilter =
  | { kind: 'me' }
  | { kind: 'all' }
  | { kind: 'identity'; identityId: string; label?: string };

export interface TokenListQuery {
  owner: OwnerFilter;
  /** Server-side filter `lastUsed isnull`. */
  neverUsed?: boolean;
  /** Server-side filter `lastUsed le <ISO date-time>`; combined with neverUsed by `or`. */
  lastUsedBefore?: string;
}

export interface Tenant {
  /** Stable random id; secret keys are built from it, never from user text. */
  id: string;
  displayName: string;
  /** Normalised API base URL without a trailing slash, e.g. https://acme.api.identitynow.com */
  baseUrl: string;
  apiFamily: ApiFamily;
  /** What the tenant node lists; absent means the caller's own tokens. */
  listQuery?: TokenListQuery;
}

export interface Credentials {
  clientId: string;
  clientSecret: string;
}

export interface TokenOwner {
  type: string;
  id: string;
  name: string | null;
}

/** A token as listed or patched. Optional wire fields that are missing become null. */
export interface PersonalAccessToken {
  /** The PAT's client id. */
  id: string;
  name: string;
  /** null means the server grants sp:scopes:all. */
  scope: string[] | null;
  owner: TokenOwner | null;
  created: string | null;
  lastUsed: string | null;
  managed: boolean;
  accessTokenValiditySeconds: number | null;
  expirationDate: string | null;
  /** v1 only. */
  userAwareTokenNeverExpires: boolean | null;
}

export interface CreateTokenRequest {
  name: string;
  /** Never empty: choosing every right is the explicit list ['sp:scopes:all']. */
  scope: string[];
  accessTokenValiditySeconds?: number;
  expirationDate?: string;
  /** v1 only: required with no expirationDate. */
  userAwareTokenNeverExpires?: boolean;
}

export interface CreatedToken {
  token: PersonalAccessToken;
  /** The PAT's client secret; shown once by the server. */
  secret: string;
}

export interface TokenPatch {
  name?: string;
  scope?: string[];
  /** v1 only; null removes the expiry. */
  expirationDate?: string | null;
  /** v1 only. */
  userAwareTokenNeverExpires?: boolean;
}

/** What the token endpoint says about the caller, kept to label the tenant and spot its own PAT. */
export interface AccessTokenInfo {
  accessToken: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  identityId: string | null;
  tenantName: string | null;
}

export const ALL_SCOPES = 'sp:scopes:all';

/** What signs a process in to a tenant: the SAIL_ variables of SailPoint's CLI and SDKs (ops/envLines.ts). */
export interface EnvCredentials {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
}

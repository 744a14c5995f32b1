// The one facade the UI talks to. The UI never builds URLs, requests or secret keys itself.
import type { EnvCredentials } from './envLines';
import type {
  AccessTokenInfo,
  ApiFamily,
  Credentials,
  CreateTokenRequest,
  PersonalAccessToken,
  Tenant,
  TokenListQuery,
  TokenPatch,
} from './model';
import type { PatError } from './errors';

export interface NewTenant {
  /** What the user typed: `acme`, a UI or API host, or a full API base URL. */
  url: string;
  displayName?: string;
  apiFamily?: ApiFamily;
  credentials: Credentials;
}

export type CreateTokenOutcome =
  | { token: PersonalAccessToken; secretSaved: true }
  /** The token exists but SecretStorage refused the secret: the UI must show it once, in a modal. */
  | { token: PersonalAccessToken; secretSaved: false; secret: string; error: PatError };

export interface PatService {
  listTenants(): Tenant[];
  /** Throws PatError('invalid-input') for an unknown id. */
  getTenant(tenantId: string): Tenant;

  /** Validates the URL, proves the credentials by minting an access token, then saves. Nothing is saved on failure. */
  addTenant(input: NewTenant, signal?: AbortSignal): Promise<Tenant>;
  /** Proves the new credentials against the tenant's own URL before replacing the stored ones. */
  updateCredentials(tenantId: string, credentials: Credentials, signal?: AbortSignal): Promise<void>;
  renameTenant(tenantId: string, displayName: string): Promise<void>;
  setListQuery(tenantId: string, query: TokenListQuery): Promise<void>;
  /** Forgets the tenant and deletes every secret stored for it. */
  removeTenant(tenantId: string): Promise<void>;
  /** False when SecretStorage has no (or undecryptable) credentials: ask the user again. */
  hasCredentials(tenantId: string): Promise<boolean>;
  /** The client id the tenant signs in with (not a secret), to mark the tenant's own PAT. */
  signInClientId(tenantId: string): Promise<string | undefined>;

  /** Lists with the given query, or else the tenant's own list query (default: the caller's own tokens). */
  listTokens(tenantId: string, signal?: AbortSignal, query?: TokenListQuery): Promise<PersonalAccessToken[]>;
  /** Creates, then writes the secret to SecretStorage before returning. Never retried automatically. */
  createToken(tenantId: string, request: CreateTokenRequest, signal?: AbortSignal): Promise<CreateTokenOutcome>;
  updateToken(tenantId: string, tokenId: string, patch: TokenPatch, signal?: AbortSignal): Promise<PersonalAccessToken>;
  /** Deletes on the server, then the stored secret. */
  deleteToken(tenantId: string, tokenId: string, signal?: AbortSignal): Promise<void>;

  /** Ids of the tenant's tokens whose secret is stored here (no SecretStorage reads). */
  storedSecretTokenIds(tenantId: string): ReadonlySet<string>;
  getStoredSecret(tenantId: string, tokenId: string): Promise<string | undefined>;
  forgetStoredSecret(tenantId: string, tokenId: string): Promise<void>;

  /**
   * What a process needs to sign in as the token whose secret is stored here, or (without tokenId) as the tenant
   * itself. Throws PatError('invalid-input') when no such secret is stored, 'credentials-missing' for the tenant.
   */
  signInEnvironment(tenantId: string, tokenId?: string): Promise<EnvCredentials>;
  /** The tenant's current access token (minted from its stored credentials when none is valid), for other extensions. */
  accessToken(tenantId: string, signal?: AbortSignal): Promise<AccessTokenInfo>;

  /** Maps a SecretStorage key (from onDidChange in another window) to the tenant it belongs to. */
  tenantIdForSecretKey(key: string): string | undefined;
  /** Drops what is cached for a tenant (access token, sign-in client id), e.g. after another window changed its secrets. */
  forgetSession(tenantId: string): void;
}

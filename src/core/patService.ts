// The one facade the UI talks to: tenants and their secrets from the registry, one HTTP session per tenant.
// The UI never builds URLs, requests or secret keys itself.
import type { AccessTokenCache } from './client/auth';
import { isPatError, PatError } from './errors';
import type { HttpClientOptions } from './client/http';
import { loadOnce } from './lazyLoad';
import type { RequestGate, RequestGateOptions } from './client/limits';
import type { AccessTokenInfo, ApiFamily, CreateTokenRequest, Credentials, EnvCredentials, PersonalAccessToken, Tenant, TokenListQuery, TokenPatch } from './model';
import type { IdentitiesApi, IdentityMatch, IdentityRecord } from './client/identitiesApi';
import type { PatApi } from './client/patApi';
import { type Clock, type KeyValueStore, type Logger, type SecretStore, systemClock } from './ports';
import { defaultRedactor, redactingLogger } from './client/redact';
import { type CredentialsLookup, TenantExistsError, TenantRegistry, type TenantRegistryOptions } from './store/tenantRegistry';
import { unknownTenant } from './store/tenantRecords';
import { normalizeTenantUrl } from './tenantUrl';
import { trimCredentials, validateCredentials, validateScopes, validateTokenName } from './validation';
import { t } from './l10n';

export interface NewTenant {
  /** What the user typed: `acme`, a UI or API host, or a full API base URL. */
  url: string;
  displayName?: string;
  apiFamily?: ApiFamily;
  credentials: Credentials;
}

/** An identity found by name (Identities API), as the list query's identity step shows it. */
export type { IdentityMatch };

export type CreateTokenOutcome =
  | { token: PersonalAccessToken; secretSaved: true }
  /** The token exists but SecretStorage refused the secret: the UI must show it once, in a modal. */
  | { token: PersonalAccessToken; secretSaved: false; secret: string; error: PatError };

export interface PatServiceOptions {
  kv: KeyValueStore;
  secrets: SecretStore;
  logger: Logger;
  clock?: Clock;
  /** Passed to every tenant's HttpClient; tests and benchmarks tune timeouts and retries here. */
  http?: Omit<HttpClientOptions, 'gate' | 'logger' | 'clock'>;
  /** Per-tenant concurrency and client-side rate limit. */
  gate?: Omit<RequestGateOptions, 'clock'>;
  registry?: TenantRegistryOptions;
}

interface TenantSession {
  baseUrl: string;
  apiFamily: Tenant['apiFamily'];
  auth: AccessTokenCache;
  api: PatApi;
  identities: IdentitiesApi;
}

/** The network stack, loaded on the first request. */
const loadNetwork = loadOnce(() => import('./client/network.js'));

const DEFAULT_LIST_QUERY: TokenListQuery = { owner: { kind: 'me' } };

function invalidInput(message: string): PatError {
  return new PatError('invalid-input', message);
}

/** Whether SecretStorage holds credentials for the tenant, and whether they were proven against its URL as it is now. */
export type CredentialsState = 'present' | 'missing' | 'url-changed';

function urlChanged(tenant: Tenant): PatError {
  return new PatError(
    'credentials-url-changed',
    t('The URL of tenant "{0}" changed to {1} since its credentials were entered, so nothing is sent there: enter its credentials again.', tenant.displayName, new URL(tenant.baseUrl).host),
  );
}

function check(problem: string | undefined): void {
  if (problem !== undefined) {
    throw invalidInput(problem);
  }
}

export class PatService {
  private readonly registry: TenantRegistry;
  private readonly logger: Logger;
  private readonly clock: Clock;
  private readonly sessions = new Map<string, TenantSession>();
  /** Per tenant, outside the session: a 429 pause, the in-flight cap and the pacing outlive a credentials change. */
  private readonly gates = new Map<string, RequestGate>();
  private readonly signInClientIds = new Map<string, string>();
  /** Deletes under way, so a double click sends one request. */
  private readonly deletes = new Map<string, Promise<void>>();
  /** Per tenant, the owner of each token whose secret is stored, as last seen: a list of that owner's tokens proves absence. */
  private readonly storedSecretOwners = new Map<string, Map<string, string>>();
  /** Per tenant, when each token was deleted here, so a list that started earlier cannot bring it back. */
  private readonly deletedAt = new Map<string, Map<string, number>>();
  /** Each tenant's last list, kept by reference (no copy), so the log can name a deleted token. */
  private readonly lastListed = new Map<string, readonly PersonalAccessToken[]>();
  /**
   * Each tenant's credentials lookup by the URL it was checked against, read once: every SecretStorage read is a round
   * trip to the window, and a first list asked three times. Forgotten when the credentials change, here or elsewhere.
   */
  private readonly credentialLookups = new Map<string, Promise<CredentialsLookup>>();
  private sequence = 0;

  constructor(private readonly options: PatServiceOptions) {
    this.registry = new TenantRegistry(options.kv, options.secrets, options.registry);
    this.logger = redactingLogger(options.logger);
    this.clock = options.clock ?? systemClock;
  }

  listTenants(): Tenant[] {
    return this.registry.list();
  }

  /** Throws PatError('invalid-input') for an unknown id. */
  getTenant(tenantId: string): Tenant {
    const tenant = this.registry.get(tenantId);
    if (!tenant) {
      throw unknownTenant(tenantId);
    }
    return tenant;
  }

  /** The tenant already added for what the user typed (normalised as Add Tenant does); undefined for none or bad input. */
  tenantWithUrl(input: string): Tenant | undefined {
    const url = normalizeTenantUrl(input);
    return url.ok ? this.registry.withBaseUrl(url.baseUrl) : undefined;
  }

  /**
   * Validates the URL, proves the credentials by minting an access token, then saves. Nothing is saved on failure.
   * A URL already added is refused with TenantExistsError before any request: one tenant per URL.
   */
  async addTenant(input: NewTenant, signal?: AbortSignal): Promise<Tenant> {
    const url = normalizeTenantUrl(input.url);
    if (!url.ok) {
      throw invalidInput(url.reason);
    }
    const existing = this.registry.withBaseUrl(url.baseUrl);
    if (existing) {
      throw new TenantExistsError(existing);
    }
    const credentials = this.checkedCredentials(input.credentials);
    await this.proveCredentials(url.baseUrl, credentials, signal);
    const displayName = input.displayName?.trim() || url.tenantName || new URL(url.baseUrl).host;
    const tenant = await this.registry.add({ displayName, baseUrl: url.baseUrl, apiFamily: input.apiFamily ?? 'v3' }, credentials);
    this.rememberCredentials(tenant.id, tenant.baseUrl, credentials);
    this.signInClientIds.set(tenant.id, credentials.clientId);
    this.logger.info(`Added tenant ${tenant.displayName} (${tenant.baseUrl}, ${tenant.apiFamily}).`);
    return tenant;
  }

  /** Proves the new credentials against the tenant's own URL before replacing the stored ones. */
  async updateCredentials(tenantId: string, credentials: Credentials, signal?: AbortSignal): Promise<void> {
    const tenant = this.getTenant(tenantId);
    const checked = this.checkedCredentials(credentials);
    await this.proveCredentials(tenant.baseUrl, checked, signal);
    await this.registry.setCredentials(tenantId, checked, tenant.baseUrl);
    this.forgetCredentials(tenantId);
    this.rememberCredentials(tenantId, tenant.baseUrl, checked);
    this.forgetAccessToken(tenantId);
    this.signInClientIds.set(tenantId, checked.clientId);
    this.logger.info(`Updated the credentials of tenant ${tenant.displayName}.`);
  }

  async renameTenant(tenantId: string, displayName: string): Promise<void> {
    await this.registry.update(tenantId, { displayName });
  }

  /** Which PAT API the tenant's tokens are managed through; its cached session stays valid (same sign-in). */
  async setApiFamily(tenantId: string, apiFamily: ApiFamily): Promise<void> {
    await this.registry.update(tenantId, { apiFamily });
  }

  async setListQuery(tenantId: string, query: TokenListQuery): Promise<void> {
    await this.registry.update(tenantId, { listQuery: query });
  }

  /** Forgets the tenant and deletes every secret stored for it. */
  async removeTenant(tenantId: string): Promise<void> {
    const tenant = this.getTenant(tenantId);
    await this.registry.remove(tenantId);
    this.forgetCredentials(tenantId);
    this.sessions.delete(tenantId);
    this.gates.delete(tenantId);
    this.signInClientIds.delete(tenantId);
    this.deletedAt.delete(tenantId);
    this.lastListed.delete(tenantId);
    this.storedSecretOwners.delete(tenantId);
    this.logger.info(`Removed tenant ${tenant.displayName} and its stored secrets.`);
  }

  /** False when SecretStorage has no (or undecryptable) credentials: ask the user again. */
  async hasCredentials(tenantId: string): Promise<boolean> {
    return (await this.credentialsState(tenantId)) !== 'missing';
  }

  /** "url-changed": credentials are stored, but for another URL than the tenant's record names now. */
  async credentialsState(tenantId: string): Promise<CredentialsState> {
    return (await this.lookUpCredentials(tenantId)).state;
  }

  /** The client id the tenant signs in with (not a secret), to mark the tenant's own PAT. */
  async signInClientId(tenantId: string): Promise<string | undefined> {
    const cached = this.signInClientIds.get(tenantId);
    if (cached !== undefined) {
      return cached;
    }
    const lookup = await this.lookUpCredentials(tenantId);
    if (lookup.state !== 'present') {
      return lookup.state === 'url-changed' ? lookup.clientId : undefined;
    }
    this.signInClientIds.set(tenantId, lookup.credentials.clientId);
    return lookup.credentials.clientId;
  }

  /** Lists with the given query, or else the tenant's own list query (default: the caller's own tokens). */
  async listTokens(tenantId: string, signal?: AbortSignal, query?: TokenListQuery): Promise<PersonalAccessToken[]> {
    const tenant = this.getTenant(tenantId);
    const startedAt = this.nextSequence();
    // Taken before the request: a secret stored later may belong to a token this list cannot contain yet.
    const storedBefore = this.registry.storedSecretTokenIds(tenantId);
    const { api, auth } = await this.session(tenant);
    const effectiveQuery = query ?? tenant.listQuery ?? DEFAULT_LIST_QUERY;
    const tokens = await api.list(effectiveQuery, signal);
    if (storedBefore.size > 0) {
      // The access token the list just used is cached, so this sends nothing.
      const callerId = await auth.get().then((info) => info.identityId, () => null);
      await this.forgetSecretsOfVanishedTokens(tenantId, effectiveQuery, callerId, storedBefore, tokens);
    }
    this.lastListed.set(tenantId, tokens);
    const deleted = this.deletedAt.get(tenantId);
    return deleted ? tokens.filter((token) => (deleted.get(token.id) ?? -1) < startedAt) : tokens;
  }

  /** Identities whose name starts with `text`, for a person to pick by name (GET /identities/v1, `name sw`). */
  async searchIdentities(tenantId: string, text: string, signal?: AbortSignal): Promise<IdentityMatch[]> {
    const { identities } = await this.session(this.getTenant(tenantId));
    return identities.searchByName(text, signal);
  }

  /** The identities among `ids` the tenant knows (GET /identities/v1 in batches); a 403 means no right to read identities. */
  async lookUpIdentities(tenantId: string, ids: readonly string[], signal?: AbortSignal): Promise<IdentityRecord[]> {
    const { identities } = await this.session(this.getTenant(tenantId));
    return identities.findByIds(ids, signal);
  }

  /** Whom the tenant's credentials act for, from the (cached) access token; null when the token endpoint did not say. */
  async callerIdentityId(tenantId: string, signal?: AbortSignal): Promise<string | null> {
    const { auth } = await this.session(this.getTenant(tenantId));
    return (await auth.get(signal)).identityId;
  }

  /**
   * Creates, then writes the secret to SecretStorage before returning. Re-sent only once after a 429 (not processed),
   * else never. A tenant removed meanwhile gets no secret: it comes back as secretSaved: false, to be shown once.
   */
  async createToken(tenantId: string, request: CreateTokenRequest, signal?: AbortSignal): Promise<CreateTokenOutcome> {
    const tenant = this.getTenant(tenantId);
    check(validateTokenName(request.name));
    check(validateScopes(request.scope));
    const { api } = await this.session(tenant);
    const created = await api.create({ ...request, name: request.name.trim() }, signal);
    this.logger.info(`Created token ${created.token.name} (${created.token.id}) in ${tenant.displayName}.`);
    this.rememberOwner(tenantId, created.token);
    try {
      await this.registry.storeTokenSecret(tenantId, created.token.id, created.secret);
      return { token: created.token, secretSaved: true };
    } catch (error) {
      const failure = error instanceof PatError ? error : new PatError('secret-storage', t('SecretStorage refused the new secret.'), { cause: error });
      this.logger.error(`The secret of token ${created.token.id} could not be stored: ${failure.message}`);
      return { token: created.token, secretSaved: false, secret: created.secret, error: failure };
    }
  }

  async updateToken(tenantId: string, tokenId: string, patch: TokenPatch, signal?: AbortSignal): Promise<PersonalAccessToken> {
    const tenant = this.getTenant(tenantId);
    if (patch.name !== undefined) {
      check(validateTokenName(patch.name));
    }
    if (patch.scope !== undefined) {
      check(validateScopes(patch.scope));
    }
    const normalized = patch.name === undefined ? patch : { ...patch, name: patch.name.trim() };
    const { api } = await this.session(tenant);
    const token = await api.update(tokenId, normalized, signal);
    this.logger.info(`Updated token ${token.name} (${token.id}) in ${tenant.displayName}.`);
    return token;
  }

  /** Deletes on the server, then the stored secret. */
  deleteToken(tenantId: string, tokenId: string, signal?: AbortSignal): Promise<void> {
    const key = `${tenantId}\u0000${tokenId}`;
    const running = this.deletes.get(key);
    if (running) {
      return running;
    }
    const deletion = this.deleteOnce(tenantId, tokenId, signal).finally(() => this.deletes.delete(key));
    this.deletes.set(key, deletion);
    return deletion;
  }

  /** Ids of the tenant's tokens whose secret is stored here (no SecretStorage reads). */
  storedSecretTokenIds(tenantId: string): ReadonlySet<string> {
    return this.registry.storedSecretTokenIds(tenantId);
  }

  async getStoredSecret(tenantId: string, tokenId: string): Promise<string | undefined> {
    const secret = await this.registry.getTokenSecret(tenantId, tokenId);
    if (secret !== undefined) {
      defaultRedactor.register(secret);
    }
    return secret;
  }

  async forgetStoredSecret(tenantId: string, tokenId: string): Promise<void> {
    await this.registry.deleteTokenSecret(tenantId, tokenId);
  }

  /**
   * For a SecretStorage change event: undefined when the key is not ours or holds what this window last wrote to it
   * (VS Code fires the event for this window's own writes too). For a change from elsewhere, new credentials drop only
   * the cached access token and sign-in client id (the tenant's 429 pause and pacing stay), a token secret's change is
   * mirrored in the stored-secret index, and the tenant id is returned so the view can refresh it.
   */
  async secretChangedElsewhere(key: string): Promise<string | undefined> {
    const changed = await this.registry.changedElsewhere(key);
    if (changed === undefined) {
      return undefined;
    }
    if (changed.tokenId === undefined) {
      this.forgetCredentials(changed.tenantId);
      this.forgetAccessToken(changed.tenantId);
      this.signInClientIds.delete(changed.tenantId);
    } else {
      await this.registry.syncStoredSecretIndex(changed.tenantId, changed.tokenId);
    }
    return changed.tenantId;
  }

  /**
   * What a process needs to sign in as the token whose secret is stored here, or (without tokenId) as the tenant
   * itself. Throws PatError('invalid-input') when no such secret is stored, 'credentials-missing' for the tenant.
   */
  async signInEnvironment(tenantId: string, tokenId?: string): Promise<EnvCredentials> {
    const tenant = this.getTenant(tenantId);
    if (tokenId === undefined) {
      const credentials = await this.credentialsOf(tenantId, tenant.baseUrl);
      if (!credentials) {
        throw new PatError('credentials-missing', t('No client ID and secret of tenant {0} are stored in VS Code.', tenant.displayName));
      }
      return { baseUrl: tenant.baseUrl, ...credentials };
    }
    // A token secret was issued by the tenant at the URL its credentials are bound to: never handed out for another.
    if ((await this.lookUpCredentials(tenantId, tenant.baseUrl)).state === 'url-changed') {
      throw urlChanged(tenant);
    }
    const secret = await this.getStoredSecret(tenantId, tokenId);
    if (secret === undefined) {
      throw invalidInput(t('No secret of token {0} is stored in VS Code; it is shown only when the token is created.', tokenId));
    }
    return { baseUrl: tenant.baseUrl, clientId: tokenId, clientSecret: secret };
  }

  /** The tenant's current access token (minted from its stored credentials when none is valid), for other extensions. */
  async accessToken(tenantId: string, signal?: AbortSignal): Promise<AccessTokenInfo> {
    const { auth } = await this.session(this.getTenant(tenantId));
    return await auth.get(signal);
  }

  /** The tenant's access token if one is cached and still valid; no request, no session built. */
  cachedAccessToken(tenantId: string): AccessTokenInfo | undefined {
    return this.sessions.get(tenantId)?.auth.peek();
  }

  /** Forgets the cached access token (a session was signed out), so whoever asks next gets a freshly minted one. */
  dropAccessToken(tenantId: string): void {
    this.forgetAccessToken(tenantId);
  }

  private async deleteOnce(tenantId: string, tokenId: string, signal?: AbortSignal): Promise<void> {
    const tenant = this.getTenant(tenantId);
    const { api } = await this.session(tenant);
    try {
      await api.delete(tokenId, signal);
    } catch (error) {
      // A 404 means the token is gone (deleted elsewhere): its secret can never be used again, so it goes too.
      if (isPatError(error, 'not-found')) {
        await this.forgetDeleted(tenantId, tokenId);
      }
      throw error;
    }
    await this.forgetDeleted(tenantId, tokenId);
    const name = this.lastListed.get(tenantId)?.find((token) => token.id === tokenId)?.name;
    this.logger.info(`Deleted token ${name === undefined ? tokenId : `${name} (${tokenId})`} in ${tenant.displayName}.`);
  }

  private async forgetDeleted(tenantId: string, tokenId: string): Promise<void> {
    this.rememberDeleted(tenantId, tokenId);
    this.storedSecretOwners.get(tenantId)?.delete(tokenId);
    if (this.registry.storedSecretTokenIds(tenantId).has(tokenId)) {
      await this.registry.deleteTokenSecret(tenantId, tokenId);
    }
  }

  /**
   * Drops the stored secret of each token that was stored before the list started and is missing from it, but only
   * when the list would have included it: every token, or the tokens of the owner it was last seen with. A filtered
   * list ("never used", "not used since") proves nothing about absence.
   */
  private async forgetSecretsOfVanishedTokens(
    tenantId: string,
    query: TokenListQuery,
    callerId: string | null,
    storedBefore: ReadonlySet<string>,
    tokens: readonly PersonalAccessToken[],
  ): Promise<void> {
    const listed = new Map(tokens.filter((token) => storedBefore.has(token.id)).map((token) => [token.id, token]));
    listed.forEach((token) => this.rememberOwner(tenantId, token));
    if (query.neverUsed === true || query.lastUsedBefore !== undefined) {
      return;
    }
    const listedOwner = query.owner.kind === 'me' ? callerId : query.owner.kind === 'identity' ? query.owner.identityId : undefined;
    const owners = this.storedSecretOwners.get(tenantId);
    for (const tokenId of storedBefore) {
      const provesAbsence = query.owner.kind === 'all' || (listedOwner !== null && listedOwner !== undefined && owners?.get(tokenId) === listedOwner);
      if (!listed.has(tokenId) && provesAbsence) {
        this.logger.info(`Token ${tokenId} is no longer on the tenant; its stored secret is deleted.`);
        await this.forgetDeleted(tenantId, tokenId);
      }
    }
  }

  private rememberOwner(tenantId: string, token: PersonalAccessToken): void {
    if (token.owner === null) {
      return;
    }
    let owners = this.storedSecretOwners.get(tenantId);
    if (!owners) {
      owners = new Map();
      this.storedSecretOwners.set(tenantId, owners);
    }
    owners.set(token.id, token.owner.id);
  }

  private rememberDeleted(tenantId: string, tokenId: string): void {
    let deleted = this.deletedAt.get(tenantId);
    if (!deleted) {
      deleted = new Map();
      this.deletedAt.set(tenantId, deleted);
    }
    deleted.set(tokenId, this.nextSequence());
  }

  private nextSequence(): number {
    return ++this.sequence;
  }

  private checkedCredentials(credentials: Credentials): Credentials {
    check(validateCredentials(credentials));
    const trimmed = trimCredentials(credentials);
    defaultRedactor.register(trimmed.clientSecret);
    return trimmed;
  }

  private async proveCredentials(baseUrl: string, credentials: Credentials, signal?: AbortSignal): Promise<void> {
    // A throwaway client: credentials for a new URL are only ever sent to that URL's token endpoint.
    const { HttpClient, mintAccessToken } = await loadNetwork();
    const http = new HttpClient({ ...this.options.http, logger: this.logger, clock: this.clock });
    await mintAccessToken(http, baseUrl, credentials, signal);
  }

  /** The credentials only when proven against `baseUrl` (default: the record's URL now); else PatError('credentials-url-changed'). */
  private async credentialsOf(tenantId: string, baseUrl?: string): Promise<Credentials | undefined> {
    const lookup = await this.lookUpCredentials(tenantId, baseUrl);
    if (lookup.state === 'url-changed') {
      throw urlChanged(this.getTenant(tenantId));
    }
    if (lookup.state === 'missing') {
      return undefined;
    }
    const { credentials } = lookup;
    defaultRedactor.register(credentials.clientSecret);
    this.signInClientIds.set(tenantId, credentials.clientId);
    return credentials;
  }

  private async session(tenant: Tenant): Promise<TenantSession> {
    const { AccessTokenCache, HttpClient, IdentitiesApi, PatApi, RequestGate } = await loadNetwork();
    // From here on synchronous, so callers racing for a new tenant's session still share one.
    const existing = this.sessions.get(tenant.id);
    if (existing && existing.baseUrl === tenant.baseUrl && existing.apiFamily === tenant.apiFamily) {
      return existing;
    }
    let gate = this.gates.get(tenant.id);
    if (!gate) {
      gate = new RequestGate({ ...this.options.gate, clock: this.clock });
      this.gates.set(tenant.id, gate);
    }
    const http = new HttpClient({ ...this.options.http, logger: this.logger, clock: this.clock, gate });
    const auth = new AccessTokenCache({ http, baseUrl: tenant.baseUrl, clock: this.clock, credentials: () => this.credentialsOf(tenant.id, tenant.baseUrl) });
    const api = new PatApi({ baseUrl: tenant.baseUrl, apiFamily: tenant.apiFamily, http, auth, logger: this.logger });
    const identities = new IdentitiesApi({ baseUrl: tenant.baseUrl, http, auth, logger: this.logger });
    const session = { baseUrl: tenant.baseUrl, apiFamily: tenant.apiFamily, auth, api, identities };
    this.sessions.set(tenant.id, session);
    return session;
  }

  /**
   * The registry's lookup, shared by every caller until the credentials change. A lookup that finds none, or fails, is
   * not kept: credentials that arrive later (or a keychain that unlocks) are read next time.
   */
  private lookUpCredentials(tenantId: string, baseUrl: string | undefined = this.registry.get(tenantId)?.baseUrl): Promise<CredentialsLookup> {
    const key = `${tenantId}\u0000${baseUrl ?? ''}`;
    let lookup = this.credentialLookups.get(key);
    if (lookup === undefined) {
      lookup = this.registry.getCredentials(tenantId, baseUrl);
      this.credentialLookups.set(key, lookup);
      const shared = lookup;
      const keepOnlyFound = (found?: CredentialsLookup): void => {
        if (found?.state !== 'present' && this.credentialLookups.get(key) === shared) this.credentialLookups.delete(key);
      };
      shared.then(keepOnlyFound, () => keepOnlyFound());
    }
    return lookup;
  }

  /** Credentials just stored are in hand: the first list after Add Tenant or Update Credentials needs no round trip to read them back. */
  private rememberCredentials(tenantId: string, baseUrl: string, credentials: Credentials): void {
    this.credentialLookups.set(`${tenantId}\u0000${baseUrl}`, Promise.resolve({ state: 'present', credentials }));
  }

  private forgetCredentials(tenantId: string): void {
    for (const key of this.credentialLookups.keys()) if (key.startsWith(`${tenantId}\u0000`)) this.credentialLookups.delete(key);
  }

  /** New credentials need a new access token; the session's HTTP client and its gate stay. */
  private forgetAccessToken(tenantId: string): void {
    this.sessions.get(tenantId)?.auth.clear();
  }
}

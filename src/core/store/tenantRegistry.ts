// core/store: what the extension keeps between sessions, in the stores the host lends it (see ../ports.ts).
// The registry of tenants: their records in the KeyValueStore, their credentials and token secrets in the SecretStore.
import { isPatError, PatError } from '../errors';
import type { Credentials, Tenant } from '../model';
import type { KeyValueStore, SecretStore } from '../ports';
import {
  TENANTS_KEY,
  credentialsKey,
  isSafeId,
  type ParsedSecretKey,
  parseSecretKey,
  storedSecretIndexKey,
  tokenSecretKey,
} from './secretKeys';
import { trimCredentials, validateCredentials, validateDisplayName } from '../validation';
import { normalizeTenantUrl } from '../tenantUrl';
import { t } from '../l10n';
import { asRecord, isApiFamily, parseListQuery, rawTenantRecords, readStoredSecretTokenIds, readTenants } from './tenantRecords';

export interface TenantRegistryOptions {
  /** Makes tenant ids; tests inject a predictable one. */
  newId?: () => string;
}

type TenantChanges = Partial<Omit<Tenant, 'id' | 'baseUrl'>>;

/** Credentials as stored: with the API base URL they were proven against (absent in what older builds stored). */
interface BoundCredentials {
  credentials: Credentials;
  baseUrl: string | undefined;
}

/** What SecretStorage holds for a tenant, judged against the URL its record names now. */
export type CredentialsLookup =
  | { state: 'present'; credentials: Credentials }
  | { state: 'missing' }
  /** Stored for another URL (or for none): never to be sent; the client id alone, which is no secret, is kept. */
  | { state: 'url-changed'; clientId: string };

function parseCredentials(json: string): BoundCredentials | undefined {
  try {
    const value = asRecord(JSON.parse(json));
    if (typeof value?.clientId === 'string' && typeof value.clientSecret === 'string' && value.clientId !== '' && value.clientSecret !== '') {
      const baseUrl = typeof value.baseUrl === 'string' ? value.baseUrl : undefined;
      return { credentials: { clientId: value.clientId, clientSecret: value.clientSecret }, baseUrl };
    }
  } catch {
    // Unparseable: treated as missing below.
  }
  return undefined;
}

/** The secret's JSON: the URL travels inside it, so a changed record cannot re-point credentials. */
function credentialsJson(credentials: Credentials, baseUrl: string): string {
  return JSON.stringify({ ...credentials, baseUrl });
}

/** An error naming the tenant that already has the URL, so the UI can offer its Update Credentials instead. */
export class TenantExistsError extends PatError {
  constructor(readonly existing: Tenant) {
    super('invalid-input', t('Tenant "{0}" already uses {1}: update its credentials instead of adding it again.', existing.displayName, existing.baseUrl));
    this.name = 'TenantExistsError';
  }
}

function invalidInput(message: string): PatError {
  return new PatError('invalid-input', message);
}

function storageError(message: string, cause: unknown): PatError {
  return new PatError('secret-storage', message, { cause });
}

function checkedBaseUrl(baseUrl: string): string {
  const url = normalizeTenantUrl(baseUrl);
  if (!url.ok) {
    throw invalidInput(url.reason);
  }
  return url.baseUrl;
}

function checkedCredentials(credentials: Credentials): Credentials {
  const problem = validateCredentials(credentials);
  if (problem !== undefined) {
    throw invalidInput(problem);
  }
  return trimCredentials(credentials);
}

function checkedChanges(changes: TenantChanges): TenantChanges {
  const checked: TenantChanges = {};
  if (changes.displayName !== undefined) {
    const problem = validateDisplayName(changes.displayName);
    if (problem !== undefined) {
      throw invalidInput(problem);
    }
    checked.displayName = changes.displayName.trim();
  }
  if (changes.apiFamily !== undefined) {
    if (!isApiFamily(changes.apiFamily)) {
      throw invalidInput(t('The API family must be v3 or v1.'));
    }
    checked.apiFamily = changes.apiFamily;
  }
  if (changes.listQuery !== undefined) {
    const listQuery = parseListQuery(changes.listQuery);
    if (!listQuery) {
      throw invalidInput(t('The token list query is not valid.'));
    }
    checked.listQuery = listQuery;
  }
  return checked;
}

/**
 * The tenants (records in the KeyValueStore) and everything secret about them (in the SecretStore).
 * Writes are serialised so that concurrent commands never lose each other's changes.
 */
export class TenantRegistry {
  private readonly newId: () => string;
  private writeQueue: Promise<unknown> = Promise.resolve();
  /** What this registry last wrote to each SecretStorage key (undefined: deleted), to tell its own change events from others'. */
  private readonly lastWritten = new Map<string, string | undefined>();

  constructor(
    private readonly state: KeyValueStore,
    private readonly secrets: SecretStore,
    options: TenantRegistryOptions = {},
  ) {
    // Kept because it measured faster (bench/README.md): the global Web Crypto; node:crypto loaded Node's streams at activation.
    this.newId = options.newId ?? (() => globalThis.crypto.randomUUID());
  }

  /** One tenant per id and per URL: of records that share either (e.g. from Settings Sync), the first counts. */
  list(): Tenant[] {
    return readTenants(this.state);
  }

  /** The tenant whose API base URL (in normal form) this is. */
  withBaseUrl(baseUrl: string): Tenant | undefined {
    return this.list().find((tenant) => tenant.baseUrl === baseUrl);
  }

  get(id: string): Tenant | undefined {
    return this.list().find((tenant) => tenant.id === id);
  }

  /** Saves credentials first and then the record, so a listed tenant never lacks credentials through our fault. */
  add(fields: Omit<Tenant, 'id'>, credentials: Credentials): Promise<Tenant> {
    return this.serialized(async () => {
      const baseUrl = checkedBaseUrl(fields.baseUrl);
      const secret = checkedCredentials(credentials);
      const existing = this.withBaseUrl(baseUrl);
      if (existing) {
        throw new TenantExistsError(existing);
      }
      const id = this.newId();
      if (!isSafeId(id) || this.get(id)) {
        throw invalidInput(t('Could not make a unique tenant id.'));
      }
      const tenant: Tenant = { id, displayName: fields.displayName, baseUrl, apiFamily: fields.apiFamily, ...checkedChanges(fields) };
      await this.storeSecret(credentialsKey(id), credentialsJson(secret, baseUrl), t('Could not save the tenant credentials'));
      try {
        await this.writeRecords([...this.rawRecords(), tenant]);
      } catch (error) {
        await this.deleteQuietly(credentialsKey(id));
        throw storageError(t('Could not save the tenant; nothing was saved.'), error);
      }
      return tenant;
    });
  }

  update(id: string, changes: TenantChanges): Promise<Tenant> {
    return this.serialized(async () => {
      this.require(id);
      return await this.changeRecord(id, checkedChanges(changes));
    });
  }

  /** Deletes every secret first; the record goes only when they are all gone, so a retry can finish the job. */
  remove(id: string): Promise<void> {
    return this.serialized(async () => {
      const tokenKeys = (): string[] => [...this.storedSecretTokenIds(id)].map((tokenId) => tokenSecretKey(id, tokenId));
      try {
        for (const key of [credentialsKey(id), ...tokenKeys()]) {
          await this.deleteSecret(key);
        }
        await this.writeRecords(this.rawRecords().filter((entry) => asRecord(entry)?.id !== id));
        // Another window may have indexed a secret meanwhile; it checks for the tenant after indexing, we after removing.
        for (const key of tokenKeys()) {
          await this.deleteSecret(key);
        }
        await this.state.update(storedSecretIndexKey(id), undefined);
      } catch (error) {
        throw storageError(t('Could not remove every secret of the tenant; try removing it again.'), error);
      }
    });
  }

  /**
   * The credentials when they were proven against `baseUrl` (by default the URL the tenant's record names now).
   * "missing" means "ask the user again", never "the tenant is gone". A corrupt entry is deleted.
   */
  async getCredentials(id: string, baseUrl: string | undefined = this.get(id)?.baseUrl): Promise<CredentialsLookup> {
    const key = credentialsKey(id);
    const json = await this.secrets.get(key);
    if (json === undefined) {
      return { state: 'missing' };
    }
    const stored = parseCredentials(json);
    if (!stored) {
      await this.deleteQuietly(key);
      return { state: 'missing' };
    }
    if (baseUrl === undefined || stored.baseUrl !== baseUrl) {
      return { state: 'url-changed', clientId: stored.credentials.clientId };
    }
    return { state: 'present', credentials: stored.credentials };
  }

  /**
   * Stores credentials proven against `provenBaseUrl`, which must still be the tenant's URL. Credentials that were bound
   * to another URL mean the token secrets stored here belong to a tenant at that URL: they are deleted with them.
   */
  setCredentials(id: string, credentials: Credentials, provenBaseUrl: string): Promise<void> {
    return this.serialized(async () => {
      const tenant = this.require(id);
      if (tenant.baseUrl !== provenBaseUrl) {
        throw invalidInput(t('The URL of tenant "{0}" changed while its credentials were being checked; nothing was saved. Enter them again.', tenant.displayName));
      }
      const secret = checkedCredentials(credentials);
      const key = credentialsKey(id);
      const previousJson = await this.readSecretQuietly(key);
      const previous = previousJson === undefined ? undefined : parseCredentials(previousJson);
      await this.storeSecret(key, credentialsJson(secret, provenBaseUrl), t('Could not save the credentials'));
      if (previous !== undefined && previous.baseUrl !== provenBaseUrl) {
        await this.deleteTokenSecretsOf(id);
      }
    });
  }

  /**
   * Throws PatError('secret-storage') when the secret could not be stored; it is then not indexed as stored. A tenant
   * removed before or during the write (here or in another window) gets no secret: nothing could ever delete it.
   */
  storeTokenSecret(tenantId: string, tokenId: string, secret: string): Promise<void> {
    return this.serialized(async () => {
      const key = tokenSecretKey(tenantId, tokenId);
      this.requireForSecret(tenantId);
      await this.storeSecret(key, secret, t('Could not save the token secret'));
      try {
        await this.writeIndex(tenantId, (ids) => ids.add(tokenId));
        this.requireForSecret(tenantId);
      } catch (error) {
        // An unindexed secret, or one of a removed tenant, could never be cleaned up by remove(), so it is not kept.
        await this.deleteQuietly(key);
        await this.writeIndex(tenantId, (ids) => ids.delete(tokenId)).catch(() => undefined);
        throw isPatError(error) ? error : storageError(t('Could not save the token secret.'), error);
      }
    });
  }

  async getTokenSecret(tenantId: string, tokenId: string): Promise<string | undefined> {
    return await this.secrets.get(tokenSecretKey(tenantId, tokenId));
  }

  deleteTokenSecret(tenantId: string, tokenId: string): Promise<void> {
    return this.serialized(async () => {
      try {
        await this.deleteSecret(tokenSecretKey(tenantId, tokenId));
        await this.writeIndex(tenantId, (ids) => ids.delete(tokenId));
      } catch (error) {
        throw storageError(t('Could not delete the stored token secret.'), error);
      }
    });
  }

  /**
   * Makes the stored-secret index agree with SecretStorage for one token after another window changed its secret:
   * SecretStorage keeps each key apart, while the index shares one globalState value that windows can overwrite.
   */
  syncStoredSecretIndex(tenantId: string, tokenId: string): Promise<void> {
    return this.serialized(async () => {
      const stored = (await this.readSecretQuietly(tokenSecretKey(tenantId, tokenId))) !== undefined;
      if (stored === this.storedSecretTokenIds(tenantId).has(tokenId) || (stored && !this.get(tenantId))) {
        return;
      }
      await this.writeIndex(tenantId, (ids) => (stored ? ids.add(tokenId) : ids.delete(tokenId)));
    });
  }

  storedSecretTokenIds(tenantId: string): ReadonlySet<string> {
    return readStoredSecretTokenIds(this.state, tenantId);
  }

  /**
   * Whether a SecretStorage change event came from elsewhere (another window): the key is re-read and compared with what
   * this registry last wrote to it. undefined for a key that is not ours.
   */
  async changedElsewhere(key: string): Promise<ParsedSecretKey | undefined> {
    const parsed = parseSecretKey(key);
    if (parsed === undefined) {
      return undefined;
    }
    if (this.lastWritten.has(key) && (await this.readSecretQuietly(key)) === this.lastWritten.get(key)) {
      return undefined;
    }
    return parsed;
  }

  private async deleteTokenSecretsOf(tenantId: string): Promise<void> {
    try {
      for (const tokenId of this.storedSecretTokenIds(tenantId)) {
        await this.deleteSecret(tokenSecretKey(tenantId, tokenId));
      }
      await this.state.update(storedSecretIndexKey(tenantId), undefined);
    } catch (error) {
      throw storageError(t('The new credentials are saved, but the token secrets stored for the old URL could not all be deleted; try again.'), error);
    }
  }

  private serialized<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.writeQueue.then(operation);
    this.writeQueue = result.catch(() => undefined);
    return result;
  }

  private requireForSecret(tenantId: string): void {
    if (!this.get(tenantId)) {
      throw new PatError('secret-storage', t('The tenant was removed while the token was being created, so its secret was not stored.'));
    }
  }

  private require(id: string): Tenant {
    const tenant = this.get(id);
    if (!tenant) {
      throw invalidInput(t('This tenant no longer exists.'));
    }
    return tenant;
  }

  private rawRecords(): unknown[] {
    return rawTenantRecords(this.state);
  }

  /** Unknown entries are written back untouched, so a newer version's data survives an older one. */
  private async writeRecords(records: unknown[]): Promise<void> {
    await this.state.update(TENANTS_KEY, records);
  }

  /**
   * Applies the changes to the record as stored now, not to a copy read before an await: another window's change to
   * other fields of the same tenant (or to other tenants) survives.
   */
  private async changeRecord(id: string, changes: Partial<Tenant>): Promise<Tenant> {
    const records = this.rawRecords().map((entry) => (asRecord(entry)?.id === id ? { ...asRecord(entry), ...changes } : entry));
    await this.writeRecords(records);
    return this.require(id);
  }


  private async writeIndex(tenantId: string, change: (ids: Set<string>) => unknown): Promise<void> {
    const ids = new Set(this.storedSecretTokenIds(tenantId));
    change(ids);
    await this.state.update(storedSecretIndexKey(tenantId), ids.size === 0 ? undefined : [...ids]);
  }

  /** Remembered before the write, because VS Code may fire the change event before the promise settles. */
  private async deleteSecret(key: string): Promise<void> {
    this.lastWritten.set(key, undefined);
    await this.secrets.delete(key);
  }

  private async storeSecret(key: string, value: string, failure: string): Promise<void> {
    try {
      this.lastWritten.set(key, value);
      await this.secrets.store(key, value);
    } catch (error) {
      throw storageError(t('{0}: the system keychain refused it.', failure), error);
    }
  }

  private async readSecretQuietly(key: string): Promise<string | undefined> {
    try {
      return await this.secrets.get(key);
    } catch {
      return undefined;
    }
  }

  private async deleteQuietly(key: string): Promise<void> {
    try {
      await this.deleteSecret(key);
    } catch {
      // Best effort during a rollback or clean-up.
    }
  }
}

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

function parseCredentials(json: string): Credentials | undefined {
  try {
    const value = asRecord(JSON.parse(json));
    if (typeof value?.clientId === 'string' && typeof value.clientSecret === 'string' && value.clientId !== '' && value.clientSecret !== '') {
      return { clientId: value.clientId, clientSecret: value.clientSecret };
    }
  } catch {
    // Unparseable: treated as missing below.
  }
  return undefined;
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

  list(): Tenant[] {
    return readTenants(this.state);
  }

  get(id: string): Tenant | undefined {
    return this.list().find((tenant) => tenant.id === id);
  }

  /** Saves credentials first and then the record, so a listed tenant never lacks credentials through our fault. */
  add(fields: Omit<Tenant, 'id'>, credentials: Credentials): Promise<Tenant> {
    return this.serialized(async () => {
      const baseUrl = checkedBaseUrl(fields.baseUrl);
      const secret = checkedCredentials(credentials);
      const id = this.newId();
      if (!isSafeId(id) || this.get(id)) {
        throw invalidInput(t('Could not make a unique tenant id.'));
      }
      const tenant: Tenant = { id, displayName: fields.displayName, baseUrl, apiFamily: fields.apiFamily, ...checkedChanges(fields) };
      await this.storeSecret(credentialsKey(id), JSON.stringify(secret), t('Could not save the tenant credentials'));
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

  /** A new URL means a possibly different tenant, so the credentials are replaced in the same step. */
  changeBaseUrl(id: string, baseUrl: string, credentials: Credentials): Promise<Tenant> {
    return this.serialized(async () => {
      this.require(id);
      const changes = { baseUrl: checkedBaseUrl(baseUrl) };
      const secret = checkedCredentials(credentials);
      const key = credentialsKey(id);
      const previous = await this.readSecretQuietly(key);
      await this.storeSecret(key, JSON.stringify(secret), t('Could not save the new credentials; the tenant is unchanged'));
      try {
        return await this.changeRecord(id, changes);
      } catch (error) {
        await (previous === undefined ? this.deleteQuietly(key) : this.storeQuietly(key, previous));
        throw storageError(t('Could not save the new tenant URL; the tenant is unchanged.'), error);
      }
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

  /** undefined means "ask the user again", never "the tenant is gone". A corrupt entry is deleted. */
  async getCredentials(id: string): Promise<Credentials | undefined> {
    const key = credentialsKey(id);
    const json = await this.secrets.get(key);
    if (json === undefined) {
      return undefined;
    }
    const credentials = parseCredentials(json);
    if (!credentials) {
      await this.deleteQuietly(key);
    }
    return credentials;
  }

  setCredentials(id: string, credentials: Credentials): Promise<void> {
    return this.serialized(async () => {
      this.require(id);
      const secret = checkedCredentials(credentials);
      await this.storeSecret(credentialsKey(id), JSON.stringify(secret), t('Could not save the credentials'));
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

  private async storeQuietly(key: string, value: string): Promise<void> {
    try {
      this.lastWritten.set(key, value);
      await this.secrets.store(key, value);
    } catch {
      // Best effort during a rollback; the original error is what the user needs to see.
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

// core/store: what the extension keeps between sessions, in the stores the host lends it (see ../ports.ts).
// The registry of tenants: their records in the KeyValueStore, their credentials and token secrets in the SecretStore.
import { PatError } from '../errors';
import type { ApiFamily, Credentials, Tenant, TokenListQuery } from '../model';
import type { KeyValueStore, SecretStore } from '../ports';
import {
  TENANTS_KEY,
  credentialsKey,
  isSafeId,
  parseSecretKey,
  storedSecretIndexKey,
  tokenSecretKey,
} from './secretKeys';
import { trimCredentials, validateCredentials, validateDisplayName } from '../validation';
import { normalizeTenantUrl } from '../tenantUrl';

export interface TenantRegistryOptions {
  /** Makes tenant ids; tests inject a predictable one. */
  newId?: () => string;
}

type TenantChanges = Partial<Omit<Tenant, 'id' | 'baseUrl'>>;

function isApiFamily(value: unknown): value is ApiFamily {
  return value === 'v3' || value === 'v1';
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** A list query read back from storage, or undefined when it is missing or garbled. */
function parseListQuery(value: unknown): TokenListQuery | undefined {
  const record = asRecord(value);
  const owner = asRecord(record?.owner);
  if (!record || !owner) {
    return undefined;
  }
  let parsedOwner: TokenListQuery['owner'];
  if (owner.kind === 'me' || owner.kind === 'all') {
    parsedOwner = { kind: owner.kind };
  } else if (owner.kind === 'identity' && isSafeId(owner.identityId)) {
    parsedOwner = { kind: 'identity', identityId: owner.identityId, ...(typeof owner.label === 'string' ? { label: owner.label } : {}) };
  } else {
    return undefined;
  }
  return {
    owner: parsedOwner,
    ...(typeof record.neverUsed === 'boolean' ? { neverUsed: record.neverUsed } : {}),
    ...(typeof record.lastUsedBefore === 'string' ? { lastUsedBefore: record.lastUsedBefore } : {}),
  };
}

/** A tenant record read back from storage; undefined when it cannot be trusted. */
function parseTenant(value: unknown): Tenant | undefined {
  const record = asRecord(value);
  if (!record || !isSafeId(record.id) || typeof record.displayName !== 'string' || typeof record.baseUrl !== 'string') {
    return undefined;
  }
  const url = normalizeTenantUrl(record.baseUrl);
  // Only a URL that is already in normal form is trusted, so edited storage cannot redirect credentials.
  if (!url.ok || url.baseUrl !== record.baseUrl) {
    return undefined;
  }
  const apiFamily = record.apiFamily === undefined ? 'v3' : record.apiFamily;
  if (!isApiFamily(apiFamily)) {
    return undefined;
  }
  const listQuery = parseListQuery(record.listQuery);
  return { id: record.id, displayName: record.displayName, baseUrl: record.baseUrl, apiFamily, ...(listQuery ? { listQuery } : {}) };
}

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
      throw invalidInput('The API family must be v3 or v1.');
    }
    checked.apiFamily = changes.apiFamily;
  }
  if (changes.listQuery !== undefined) {
    const listQuery = parseListQuery(changes.listQuery);
    if (!listQuery) {
      throw invalidInput('The token list query is not valid.');
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

  constructor(
    private readonly state: KeyValueStore,
    private readonly secrets: SecretStore,
    options: TenantRegistryOptions = {},
  ) {
    // The global Web Crypto: importing node:crypto would load Node's stream stack at activation (about 10 ms).
    this.newId = options.newId ?? (() => globalThis.crypto.randomUUID());
  }

  list(): Tenant[] {
    const seen = new Set<string>();
    const tenants: Tenant[] = [];
    for (const entry of this.rawRecords()) {
      const tenant = parseTenant(entry);
      if (tenant && !seen.has(tenant.id)) {
        seen.add(tenant.id);
        tenants.push(tenant);
      }
    }
    return tenants;
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
        throw invalidInput('Could not make a unique tenant id.');
      }
      const tenant: Tenant = { id, displayName: fields.displayName, baseUrl, apiFamily: fields.apiFamily, ...checkedChanges(fields) };
      await this.storeSecret(credentialsKey(id), JSON.stringify(secret), 'Could not save the tenant credentials');
      try {
        await this.writeRecords([...this.rawRecords(), tenant]);
      } catch (error) {
        await this.deleteQuietly(credentialsKey(id));
        throw storageError('Could not save the tenant; nothing was saved.', error);
      }
      return tenant;
    });
  }

  update(id: string, changes: TenantChanges): Promise<Tenant> {
    return this.serialized(async () => {
      const tenant = this.require(id);
      const updated: Tenant = { ...tenant, ...checkedChanges(changes) };
      await this.replaceRecord(updated);
      return updated;
    });
  }

  /** A new URL means a possibly different tenant, so the credentials are replaced in the same step. */
  changeBaseUrl(id: string, baseUrl: string, credentials: Credentials): Promise<Tenant> {
    return this.serialized(async () => {
      const tenant = this.require(id);
      const updated: Tenant = { ...tenant, baseUrl: checkedBaseUrl(baseUrl) };
      const secret = checkedCredentials(credentials);
      const key = credentialsKey(id);
      const previous = await this.readSecretQuietly(key);
      await this.storeSecret(key, JSON.stringify(secret), 'Could not save the new credentials; the tenant is unchanged');
      try {
        await this.replaceRecord(updated);
      } catch (error) {
        await (previous === undefined ? this.deleteQuietly(key) : this.storeQuietly(key, previous));
        throw storageError('Could not save the new tenant URL; the tenant is unchanged.', error);
      }
      return updated;
    });
  }

  /** Deletes every secret first; the record goes only when they are all gone, so a retry can finish the job. */
  remove(id: string): Promise<void> {
    return this.serialized(async () => {
      const keys = [credentialsKey(id), ...[...this.storedSecretTokenIds(id)].map((tokenId) => tokenSecretKey(id, tokenId))];
      try {
        for (const key of keys) {
          await this.secrets.delete(key);
        }
        await this.state.update(storedSecretIndexKey(id), undefined);
        await this.writeRecords(this.rawRecords().filter((entry) => asRecord(entry)?.id !== id));
      } catch (error) {
        throw storageError('Could not remove every secret of the tenant; try removing it again.', error);
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
      await this.storeSecret(credentialsKey(id), JSON.stringify(secret), 'Could not save the credentials');
    });
  }

  /** Throws PatError('secret-storage') when the secret could not be stored; it is then not indexed as stored. */
  storeTokenSecret(tenantId: string, tokenId: string, secret: string): Promise<void> {
    return this.serialized(async () => {
      const key = tokenSecretKey(tenantId, tokenId);
      await this.storeSecret(key, secret, 'Could not save the token secret');
      try {
        await this.writeIndex(tenantId, (ids) => ids.add(tokenId));
      } catch (error) {
        // An unindexed secret could never be cleaned up by remove(), so it is not kept.
        await this.deleteQuietly(key);
        throw storageError('Could not save the token secret.', error);
      }
    });
  }

  async getTokenSecret(tenantId: string, tokenId: string): Promise<string | undefined> {
    return await this.secrets.get(tokenSecretKey(tenantId, tokenId));
  }

  deleteTokenSecret(tenantId: string, tokenId: string): Promise<void> {
    return this.serialized(async () => {
      try {
        await this.secrets.delete(tokenSecretKey(tenantId, tokenId));
        await this.writeIndex(tenantId, (ids) => ids.delete(tokenId));
      } catch (error) {
        throw storageError('Could not delete the stored token secret.', error);
      }
    });
  }

  storedSecretTokenIds(tenantId: string): ReadonlySet<string> {
    const stored = this.state.get<unknown>(storedSecretIndexKey(tenantId));
    return new Set(Array.isArray(stored) ? stored.filter(isSafeId) : []);
  }

  tenantIdForSecretKey(key: string): string | undefined {
    return parseSecretKey(key)?.tenantId;
  }

  private serialized<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.writeQueue.then(operation);
    this.writeQueue = result.catch(() => undefined);
    return result;
  }

  private require(id: string): Tenant {
    const tenant = this.get(id);
    if (!tenant) {
      throw invalidInput('This tenant no longer exists.');
    }
    return tenant;
  }

  private rawRecords(): unknown[] {
    const stored = this.state.get<unknown>(TENANTS_KEY);
    return Array.isArray(stored) ? stored : [];
  }

  /** Unknown entries are written back untouched, so a newer version's data survives an older one. */
  private async writeRecords(records: unknown[]): Promise<void> {
    await this.state.update(TENANTS_KEY, records);
  }

  private async replaceRecord(tenant: Tenant): Promise<void> {
    await this.writeRecords(this.rawRecords().map((entry) => (asRecord(entry)?.id === tenant.id ? tenant : entry)));
  }

  private async writeIndex(tenantId: string, change: (ids: Set<string>) => unknown): Promise<void> {
    const ids = new Set(this.storedSecretTokenIds(tenantId));
    change(ids);
    await this.state.update(storedSecretIndexKey(tenantId), ids.size === 0 ? undefined : [...ids]);
  }

  private async storeSecret(key: string, value: string, failure: string): Promise<void> {
    try {
      await this.secrets.store(key, value);
    } catch (error) {
      throw storageError(`${failure}: the system keychain refused it.`, error);
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
      await this.secrets.store(key, value);
    } catch {
      // Best effort during a rollback; the original error is what the user needs to see.
    }
  }

  private async deleteQuietly(key: string): Promise<void> {
    try {
      await this.secrets.delete(key);
    } catch {
      // Best effort during a rollback or clean-up.
    }
  }
}

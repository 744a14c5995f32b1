// The read side of the tenant registry: tenant records and the stored-secret index, read from the KeyValueStore.
// Apart from TenantRegistry, because the tree's first tenant rows need only this and activation loads what they need.
import type { ApiFamily, Tenant, TokenListQuery } from '../model';
import { PatError } from '../errors';
import type { KeyValueStore } from '../ports';
import { TENANTS_KEY, isSafeId, storedSecretIndexKey } from './secretKeys';
import { normalizeTenantUrl } from '../tenantUrl';
import { isSavedDisplayName } from '../labelCheck';
import { t } from '../l10n';

export function isApiFamily(value: unknown): value is ApiFamily {
  return value === 'v3' || value === 'v1';
}

export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** A list query read back from storage, or undefined when it is missing or garbled. */
export function parseListQuery(value: unknown): TokenListQuery | undefined {
  const record = asRecord(value);
  const owner = asRecord(record?.owner);
  if (!record || !owner) {
    return undefined;
  }
  let parsedOwner: TokenListQuery['owner'];
  if (owner.kind === 'me' || owner.kind === 'all') {
    parsedOwner = { kind: owner.kind };
  } else if (owner.kind === 'identity' && isSafeId(owner.identityId)) {
    // The label is shown in the tree: one that Add Tenant's name check would refuse is dropped, the query kept.
    const label = isSavedDisplayName(owner.label) ? { label: owner.label } : {};
    parsedOwner = { kind: 'identity', identityId: owner.identityId, ...label };
  } else {
    return undefined;
  }
  return {
    owner: parsedOwner,
    ...(typeof record.neverUsed === 'boolean' ? { neverUsed: record.neverUsed } : {}),
    ...(typeof record.lastUsedBefore === 'string' ? { lastUsedBefore: record.lastUsedBefore } : {}),
  };
}

/**
 * A tenant record read back from storage, which Settings Sync may have filled from another machine; undefined when it
 * cannot be trusted. It is checked as Add Tenant checks input.
 */
function parseTenant(value: unknown): Tenant | undefined {
  const record = asRecord(value);
  if (!record || !isSafeId(record.id) || !isSavedDisplayName(record.displayName) || typeof record.baseUrl !== 'string') {
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

/** The records as stored, trusted or not: unknown entries are written back untouched. */
export function rawTenantRecords(state: KeyValueStore): unknown[] {
  const stored = state.get<unknown>(TENANTS_KEY);
  return Array.isArray(stored) ? stored : [];
}

/** The tenants whose records can be trusted, each id and each URL once (the first record wins). */
export function readTenants(state: KeyValueStore): Tenant[] {
  const seen = new Set<string>();
  const tenants: Tenant[] = [];
  for (const entry of rawTenantRecords(state)) {
    const tenant = parseTenant(entry);
    if (tenant && !seen.has(tenant.id) && !seen.has(tenant.baseUrl)) {
      seen.add(tenant.id).add(tenant.baseUrl);
      tenants.push(tenant);
    }
  }
  return tenants;
}

/** Ids of the tenant's tokens whose secret is stored (the index in the KeyValueStore; no SecretStorage read). */
export function readStoredSecretTokenIds(state: KeyValueStore, tenantId: string): ReadonlySet<string> {
  const stored = state.get<unknown>(storedSecretIndexKey(tenantId));
  return new Set(Array.isArray(stored) ? stored.filter(isSafeId) : []);
}

/** What getTenant throws for an id no tenant has. */
export function unknownTenant(tenantId: string): PatError {
  return new PatError('invalid-input', t('No tenant with id "{0}" is configured.', tenantId));
}

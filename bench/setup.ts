// A PatService on in-memory stores and a fake tenant identity it signs in as: the starting point of every section.
import type { FakeIdentity, FakeTenant } from '../test/fake-tenant/server';
import { PatService, type PatServiceOptions } from '../src/core/patService';
import { silentLogger } from '../src/core/ports';
import { MemoryKeyValueStore, MemorySecretStore } from './memoryStores';

export type ManagerTuning = Pick<PatServiceOptions, 'http' | 'gate'>;

export function newManager(tuning: ManagerTuning = {}): PatService {
  return new PatService({ kv: new MemoryKeyValueStore(), secrets: new MemorySecretStore(), logger: silentLogger, ...tuning });
}

export interface SignedInTenant {
  tenantId: string;
  identity: FakeIdentity;
  clientId: string;
  clientSecret: string;
}

/** A new admin identity with an API client, added to the manager as a tenant (this proves the credentials once). */
export async function addSignedInTenant(manager: PatService, fake: FakeTenant, name: string): Promise<SignedInTenant> {
  const identity = fake.addIdentity(name, { admin: true });
  const { clientId, clientSecret } = fake.addApiClient(identity.id);
  // One URL is one tenant: a second tenant of the same fake reaches it at another address.
  const url = manager.tenantWithUrl(fake.baseUrl) === undefined ? fake.baseUrl : await fake.secondBaseUrl();
  const tenant = await manager.addTenant({ url, displayName: name, credentials: { clientId, clientSecret } });
  return { tenantId: tenant.id, identity, clientId, clientSecret };
}

/** Token names in a scrambled order, so sorting them for the tree is real work. */
export function seedTokens(fake: FakeTenant, ownerId: string, count: number, prefix = 'bench token'): string[] {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const scrambled = (i * 7919) % count;
    ids.push(fake.addToken(ownerId, { name: `${prefix} ${scrambled}`, scope: ['sp:scopes:default'] }).id);
  }
  return ids;
}

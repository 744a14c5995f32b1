import * as assert from 'node:assert/strict';
import { PatError } from '../../src/core/errors';
import { PatService } from '../../src/core/patService';
import { silentLogger } from '../../src/core/ports';
import { tenantFix, tenantProblemHeadline, tenantStateForError } from '../../src/ui/view/presentation';
import { parseSecretKey, TENANTS_KEY } from '../../src/core/store/secretKeys';
import { applyTenantSync, tenantKeysForSync } from '../../src/core/store/tenantSync';
import { TenantRegistry } from '../../src/core/store/tenantRegistry';
import { MemoryKeyValueStore, MemorySecretStore } from './helpers/memoryStores';

const CLIENT_SECRET = 'client-secret-that-must-stay-here-0123456789';
const TOKEN_SECRET = 'token-secret-that-must-stay-here-9876543210';

/** A machine with two tenants, one with a stored token secret and a custom list query. */
async function firstMachine(): Promise<{ kv: MemoryKeyValueStore; secrets: MemorySecretStore }> {
  const kv = new MemoryKeyValueStore();
  const secrets = new MemorySecretStore();
  const registry = new TenantRegistry(kv, secrets);
  const acme = await registry.add({ displayName: 'Acme prod', baseUrl: 'https://acme.api.identitynow.com', apiFamily: 'v3' }, { clientId: 'acme-client', clientSecret: CLIENT_SECRET });
  await registry.add({ displayName: 'Local', baseUrl: 'http://127.0.0.1:8080', apiFamily: 'v1', listQuery: { owner: { kind: 'all' } } }, { clientId: 'local-client', clientSecret: CLIENT_SECRET });
  await registry.storeTokenSecret(acme.id, 'aaaabbbbccccdddd0000111122223333', TOKEN_SECRET);
  return { kv, secrets };
}

/** What Settings Sync would carry: the values of the keys set for sync, nothing else. */
function carried(kv: MemoryKeyValueStore, keys: readonly string[]): MemoryKeyValueStore {
  const other = new MemoryKeyValueStore();
  for (const key of keys) if (kv.values.has(key)) other.seed(key, kv.get(key));
  return other;
}

describe('tenant list sync', () => {
  it('sets exactly the tenant list for sync, and nothing when the setting is off', () => {
    const calls: (readonly string[])[] = [];
    const state = { setKeysForSync: (keys: readonly string[]) => calls.push(keys) };
    applyTenantSync(state, true);
    applyTenantSync(state, false);
    assert.deepEqual(calls, [[TENANTS_KEY], []]);
  });

  it('no synced key is a secret key, and no synced value holds a secret or this machine\'s stored-secret index', async () => {
    const { kv } = await firstMachine();
    const keys = tenantKeysForSync(true);
    assert.ok(keys.every((key) => parseSecretKey(key) === undefined));
    const text = JSON.stringify(keys.map((key) => kv.get(key)));
    assert.ok(!text.includes(CLIENT_SECRET) && !text.includes(TOKEN_SECRET), 'a secret would sync');
    assert.ok(!text.includes('aaaabbbbccccdddd0000111122223333'), "this machine's stored-secret index would sync");
    assert.ok(text.includes('Acme prod') && text.includes('"kind":"all"') && text.includes('"v1"'), 'names, list choice or API family would not sync');
  });

  it('a tenant arriving on another machine is listed as it was, without credentials, and shows "credentials missing: click to enter them"', async () => {
    const { kv } = await firstMachine();
    const arrived = new PatService({ kv: carried(kv, tenantKeysForSync(true)), secrets: new MemorySecretStore(), logger: silentLogger });
    const tenants = arrived.listTenants();
    assert.deepEqual(tenants.map((tenant) => [tenant.displayName, tenant.baseUrl, tenant.apiFamily]), [
      ['Acme prod', 'https://acme.api.identitynow.com', 'v3'],
      ['Local', 'http://127.0.0.1:8080', 'v1'],
    ]);
    assert.deepEqual(tenants[1].listQuery, { owner: { kind: 'all' } });
    assert.equal(await arrived.hasCredentials(tenants[0].id), false);
    assert.equal(arrived.storedSecretTokenIds(tenants[0].id).size, 0);
    // What the tree shows for it (see PatTreeDataProvider.load): a state with its fix, not an error.
    const state = tenantStateForError(new PatError('credentials-missing', 'No client ID and secret are stored in VS Code for this tenant.'));
    assert.equal(state, 'credentials-missing');
    assert.equal(tenantProblemHeadline(state), 'Credentials missing: click to enter them');
    assert.equal(tenantFix(state), 'updateCredentials');
  });

  it('with the setting off, another machine gets no tenant', async () => {
    const { kv } = await firstMachine();
    const arrived = new PatService({ kv: carried(kv, tenantKeysForSync(false)), secrets: new MemorySecretStore(), logger: silentLogger });
    assert.deepEqual(arrived.listTenants(), []);
  });
});

import * as assert from 'node:assert/strict';
import { isPatError } from '../../src/core/errors';
import type { Credentials, Tenant } from '../../src/core/model';
import { TENANTS_KEY, credentialsKey, storedSecretIndexKey, tokenSecretKey } from '../../src/core/store/secretKeys';
import { type CredentialsLookup, TenantExistsError, TenantRegistry } from '../../src/core/store/tenantRegistry';
import { MemoryKeyValueStore, MemorySecretStore } from './helpers/memoryStores';

const CREDENTIALS: Credentials = { clientId: '0f3a2c4e6b8d0f1a3c5e7b9d1f2a4c6e', clientSecret: 'canary-secret-+&=%#-1234567890' };
const OTHER_CREDENTIALS: Credentials = { clientId: 'f7a1e2b4-3c5d-4e6f-8a9b-0c1d2e3f4a5b', clientSecret: 'second-canary-secret' };
const ACME = { displayName: 'Acme prod', baseUrl: 'https://acme.api.identitynow.com', apiFamily: 'v3' } as const;

const MISSING: CredentialsLookup = { state: 'missing' };
const present = (credentials: Credentials): CredentialsLookup => ({ state: 'present', credentials });

function setUp(): { registry: TenantRegistry; state: MemoryKeyValueStore; secrets: MemorySecretStore } {
  const state = new MemoryKeyValueStore();
  const secrets = new MemorySecretStore();
  let next = 0;
  const registry = new TenantRegistry(state, secrets, { newId: () => `tenant-${++next}` });
  return { registry, state, secrets };
}

async function rejectsWith(promise: Promise<unknown>, kind: 'secret-storage' | 'invalid-input'): Promise<void> {
  await assert.rejects(promise, (error) => isPatError(error, kind));
}

describe('TenantRegistry', () => {
  describe('add', () => {
    it('stores the credentials as one JSON secret before the record, and lists tenants in insertion order', async () => {
      const { registry, secrets } = setUp();
      const acme = await registry.add(ACME, CREDENTIALS);
      const demo = await registry.add({ displayName: 'Demo', baseUrl: 'acme.identitynow-demo.com', apiFamily: 'v1' }, OTHER_CREDENTIALS);
      assert.deepEqual(acme, { id: 'tenant-1', ...ACME });
      assert.equal(demo.baseUrl, 'https://acme.api.identitynow-demo.com', 'the URL is normalised');
      assert.deepEqual(registry.list().map((tenant) => tenant.id), ['tenant-1', 'tenant-2']);
      assert.deepEqual(registry.get('tenant-2'), demo);
      assert.deepEqual(JSON.parse(secrets.values.get(credentialsKey('tenant-1'))!), { ...CREDENTIALS, baseUrl: ACME.baseUrl }, 'bound to the URL');
      assert.deepEqual(await registry.getCredentials('tenant-2'), present(OTHER_CREDENTIALS));
    });

    it('uses crypto.randomUUID ids by default', async () => {
      const registry = new TenantRegistry(new MemoryKeyValueStore(), new MemorySecretStore());
      const tenant = await registry.add(ACME, CREDENTIALS);
      assert.match(tenant.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    });

    it('trims pasted credentials and display names', async () => {
      const { registry } = setUp();
      const tenant = await registry.add({ ...ACME, displayName: '  Acme  ' }, { clientId: ` ${CREDENTIALS.clientId}\n`, clientSecret: `${CREDENTIALS.clientSecret} ` });
      assert.equal(tenant.displayName, 'Acme');
      assert.deepEqual(await registry.getCredentials(tenant.id), present(CREDENTIALS));
    });

    it('saves nothing when the secret store refuses the credentials', async () => {
      const { registry, state, secrets } = setUp();
      secrets.failStore = () => true;
      await rejectsWith(registry.add(ACME, CREDENTIALS), 'secret-storage');
      assert.deepEqual(registry.list(), []);
      assert.equal(state.values.size, 0);
    });

    it('rolls the credentials back when the record cannot be written', async () => {
      const { registry, state, secrets } = setUp();
      state.failUpdate = () => true;
      await rejectsWith(registry.add(ACME, CREDENTIALS), 'secret-storage');
      assert.equal(secrets.values.size, 0);
      assert.deepEqual(secrets.calls, [`store ${credentialsKey('tenant-1')}`, `delete ${credentialsKey('tenant-1')}`]);
      assert.deepEqual(registry.list(), []);
    });

    it('rejects invalid URLs, names, families and credentials before storing anything', async () => {
      const { registry, secrets } = setUp();
      await rejectsWith(registry.add({ ...ACME, baseUrl: 'https://acme.api.identitynow.com@evil.com' }, CREDENTIALS), 'invalid-input');
      await rejectsWith(registry.add({ ...ACME, displayName: ' ' }, CREDENTIALS), 'invalid-input');
      await rejectsWith(registry.add({ ...ACME, apiFamily: 'v2' as 'v3' }, CREDENTIALS), 'invalid-input');
      await rejectsWith(registry.add(ACME, { clientId: 'id with space', clientSecret: 'secret-value' }), 'invalid-input');
      await rejectsWith(registry.add(ACME, { clientId: CREDENTIALS.clientId, clientSecret: 'a\nb' }), 'invalid-input');
      assert.deepEqual(secrets.calls, []);
    });

    it('refuses an id generator that returns an unsafe or duplicate id', async () => {
      const unsafe = new TenantRegistry(new MemoryKeyValueStore(), new MemorySecretStore(), { newId: () => '../evil' });
      await rejectsWith(unsafe.add(ACME, CREDENTIALS), 'invalid-input');
      const same = new TenantRegistry(new MemoryKeyValueStore(), new MemorySecretStore(), { newId: () => 'same' });
      await same.add(ACME, CREDENTIALS);
      await rejectsWith(same.add(ACME, CREDENTIALS), 'invalid-input');
      assert.equal(same.list().length, 1);
    });

    it('loses no tenant when adds run concurrently', async () => {
      const { registry } = setUp();
      await Promise.all([1, 2, 3, 4, 5].map((n) => registry.add({ ...ACME, displayName: `T${n}`, baseUrl: `https://t${n}.api.identitynow.com` }, CREDENTIALS)));
      assert.deepEqual(registry.list().map((tenant) => tenant.displayName), ['T1', 'T2', 'T3', 'T4', 'T5']);
    });
  });

  describe('reading stored records', () => {
    it('skips garbled, unknown, duplicate and redirected entries without crashing', async () => {
      const { registry, state } = setUp();
      const good = { id: 'good', displayName: 'Good', baseUrl: 'https://acme.api.identitynow.com', apiFamily: 'v1' };
      state.seed(TENANTS_KEY, [
        null,
        42,
        'text',
        [],
        {},
        { id: 'a.b', displayName: 'x', baseUrl: 'https://acme.api.identitynow.com', apiFamily: 'v3' },
        { id: 'nourl', displayName: 'x', apiFamily: 'v3' },
        { id: 'evil', displayName: 'x', baseUrl: 'https://acme.api.identitynow.com@evil.com', apiFamily: 'v3' },
        { id: 'unnormal', displayName: 'x', baseUrl: 'acme', apiFamily: 'v3' },
        { id: 'http', displayName: 'x', baseUrl: 'http://acme.api.identitynow.com', apiFamily: 'v3' },
        { id: 'family', displayName: 'x', baseUrl: 'https://acme.api.identitynow.com', apiFamily: 'v9' },
        good,
        { ...good, displayName: 'Duplicate' },
        { id: 'old', displayName: 'Old', baseUrl: 'http://127.0.0.1:8080', listQuery: { owner: { kind: 'nobody' } } },
        { id: 'query', displayName: 'Q', baseUrl: 'https://isc.example.com/api', apiFamily: 'v3', listQuery: { owner: { kind: 'identity', identityId: 'abc123', label: 'Ann' }, neverUsed: true, extra: 1 } },
      ]);
      assert.deepEqual(registry.list(), [
        good,
        { id: 'old', displayName: 'Old', baseUrl: 'http://127.0.0.1:8080', apiFamily: 'v3' },
        { id: 'query', displayName: 'Q', baseUrl: 'https://isc.example.com/api', apiFamily: 'v3', listQuery: { owner: { kind: 'identity', identityId: 'abc123', label: 'Ann' }, neverUsed: true } },
      ]);
      await registry.add({ ...ACME, baseUrl: 'https://other.api.identitynow.com' }, CREDENTIALS);
      assert.equal(state.get<unknown[]>(TENANTS_KEY)!.length, 16, 'entries it does not understand are kept, not dropped');
    });

    it('treats a non-array record list as empty', () => {
      const { registry, state } = setUp();
      state.seed(TENANTS_KEY, { id: 'x' });
      assert.deepEqual(registry.list(), []);
      assert.equal(registry.get('x'), undefined);
    });
  });

  describe('update', () => {
    it('changes the name, family and list query, never the id or URL', async () => {
      const { registry } = setUp();
      const tenant = await registry.add(ACME, CREDENTIALS);
      const sneaky = { displayName: 'Renamed', apiFamily: 'v1', listQuery: { owner: { kind: 'all' } }, id: 'other', baseUrl: 'https://evil.example.com' } as Partial<Tenant>;
      const updated = await registry.update(tenant.id, sneaky);
      const expected: Tenant = { ...tenant, displayName: 'Renamed', apiFamily: 'v1', listQuery: { owner: { kind: 'all' } } };
      assert.deepEqual(updated, expected);
      assert.deepEqual(registry.get(tenant.id), expected);
    });

    it('rejects invalid changes and unknown tenants', async () => {
      const { registry } = setUp();
      const tenant = await registry.add(ACME, CREDENTIALS);
      await rejectsWith(registry.update(tenant.id, { displayName: 'a\u202Eb' }), 'invalid-input');
      await rejectsWith(registry.update(tenant.id, { listQuery: { owner: { kind: 'identity', identityId: 'a b' } } }), 'invalid-input');
      await rejectsWith(registry.update('missing', { displayName: 'x' }), 'invalid-input');
      assert.deepEqual(registry.get(tenant.id), tenant);
    });

    it('reports a failed write and keeps the old record', async () => {
      const { registry, state } = setUp();
      const tenant = await registry.add(ACME, CREDENTIALS);
      state.failUpdate = () => true;
      await assert.rejects(registry.update(tenant.id, { displayName: 'New' }));
      assert.deepEqual(registry.get(tenant.id), tenant);
    });
  });

  describe('credentials', () => {
    it('answers "missing" (ask again) when the store cannot decrypt them, and keeps the tenant', async () => {
      const { registry, secrets } = setUp();
      const tenant = await registry.add(ACME, CREDENTIALS);
      secrets.dropOnGet = () => true;
      assert.deepEqual(await registry.getCredentials(tenant.id), MISSING);
      assert.deepEqual(registry.list(), [tenant]);
    });

    it('deletes corrupt entries and answers "missing"', async () => {
      const { registry, secrets } = setUp();
      const tenant = await registry.add(ACME, CREDENTIALS);
      for (const corrupt of ['not json', '{}', '[]', 'null', '{"clientId":"x"}', '{"clientId":1,"clientSecret":"y"}', '{"clientId":"","clientSecret":"y"}']) {
        secrets.values.set(credentialsKey(tenant.id), corrupt);
        assert.deepEqual(await registry.getCredentials(tenant.id), MISSING, corrupt);
        assert.equal(secrets.values.has(credentialsKey(tenant.id)), false, corrupt);
      }
      assert.deepEqual(registry.list(), [tenant]);
    });

    it('setCredentials replaces them, and a refused store is reported', async () => {
      const { registry, secrets } = setUp();
      const tenant = await registry.add(ACME, CREDENTIALS);
      await registry.setCredentials(tenant.id, OTHER_CREDENTIALS, ACME.baseUrl);
      assert.deepEqual(await registry.getCredentials(tenant.id), present(OTHER_CREDENTIALS));
      secrets.failStore = () => true;
      await rejectsWith(registry.setCredentials(tenant.id, CREDENTIALS, ACME.baseUrl), 'secret-storage');
      assert.deepEqual(await registry.getCredentials(tenant.id), present(OTHER_CREDENTIALS));
      await rejectsWith(registry.setCredentials('missing', CREDENTIALS, ACME.baseUrl), 'invalid-input');
    });

    it('credentials count only for the URL they were proven against', async () => {
      const { registry, state, secrets } = setUp();
      const tenant = await registry.add(ACME, CREDENTIALS);
      await registry.storeTokenSecret(tenant.id, 'token-1', 'secret-one');
      const elsewhere = 'https://evil.example.com';
      await state.update(TENANTS_KEY, [{ ...tenant, baseUrl: elsewhere }]);
      assert.deepEqual(await registry.getCredentials(tenant.id), { state: 'url-changed', clientId: CREDENTIALS.clientId });
      assert.deepEqual(await registry.getCredentials(tenant.id, ACME.baseUrl), present(CREDENTIALS));
      await rejectsWith(registry.setCredentials(tenant.id, OTHER_CREDENTIALS, ACME.baseUrl), 'invalid-input');
      assert.deepEqual(JSON.parse(secrets.values.get(credentialsKey(tenant.id))!), { ...CREDENTIALS, baseUrl: ACME.baseUrl }, 'unchanged');
      await registry.setCredentials(tenant.id, OTHER_CREDENTIALS, elsewhere);
      assert.deepEqual(await registry.getCredentials(tenant.id), present(OTHER_CREDENTIALS));
      assert.deepEqual([...registry.storedSecretTokenIds(tenant.id)], [], 'the old URL\'s token secrets went with its credentials');
      assert.equal(await registry.getTokenSecret(tenant.id, 'token-1'), undefined);
    });

    it('a second tenant on the same URL is refused, naming the first', async () => {
      const { registry, secrets } = setUp();
      await registry.add(ACME, CREDENTIALS);
      await assert.rejects(registry.add({ ...ACME, displayName: 'Again', baseUrl: 'acme' }, OTHER_CREDENTIALS), (error) => {
        assert.ok(error instanceof TenantExistsError);
        assert.equal(error.existing.id, 'tenant-1');
        assert.match(error.message, /Acme prod/);
        return true;
      });
      assert.equal(secrets.values.size, 1);
      assert.equal(registry.withBaseUrl(ACME.baseUrl)?.id, 'tenant-1');
    });
  });

  describe('token secrets', () => {
    const TOKEN = '9b2f4e8c1a7d4b3e8f6a0c5d2e9b1f47';
    const SECRET = 'a'.repeat(64);

    it('stores, indexes, reads and deletes a token secret', async () => {
      const { registry } = setUp();
      const tenant = await registry.add(ACME, CREDENTIALS);
      await registry.storeTokenSecret(tenant.id, TOKEN, SECRET);
      await registry.storeTokenSecret(tenant.id, 'other-token', 'b'.repeat(64));
      assert.deepEqual([...registry.storedSecretTokenIds(tenant.id)], [TOKEN, 'other-token']);
      assert.equal(await registry.getTokenSecret(tenant.id, TOKEN), SECRET);
      await registry.deleteTokenSecret(tenant.id, TOKEN);
      assert.equal(await registry.getTokenSecret(tenant.id, TOKEN), undefined);
      assert.deepEqual([...registry.storedSecretTokenIds(tenant.id)], ['other-token']);
    });

    it('keeps the index in the key-value store so the tree needs no secret reads', async () => {
      const { registry, state, secrets } = setUp();
      const tenant = await registry.add(ACME, CREDENTIALS);
      await registry.storeTokenSecret(tenant.id, TOKEN, SECRET);
      const reads = secrets.calls.filter((call) => call.startsWith('get')).length;
      assert.deepEqual([...registry.storedSecretTokenIds(tenant.id)], [TOKEN]);
      assert.equal(secrets.calls.filter((call) => call.startsWith('get')).length, reads);
      assert.deepEqual(state.get(storedSecretIndexKey(tenant.id)), [TOKEN]);
      assert.ok(!JSON.stringify([...state.values.values()]).includes(SECRET), 'no secret in the key-value store');
    });

    it('reports a refused store as an error and never indexes it', async () => {
      const { registry, secrets } = setUp();
      const tenant = await registry.add(ACME, CREDENTIALS);
      secrets.failStore = () => true;
      await rejectsWith(registry.storeTokenSecret(tenant.id, TOKEN, SECRET), 'secret-storage');
      assert.equal(registry.storedSecretTokenIds(tenant.id).size, 0);
    });

    it('removes the stored secret when the index cannot be written, so none is left unaccounted for', async () => {
      const { registry, state, secrets } = setUp();
      const tenant = await registry.add(ACME, CREDENTIALS);
      state.failUpdate = () => true;
      await rejectsWith(registry.storeTokenSecret(tenant.id, TOKEN, SECRET), 'secret-storage');
      assert.equal(secrets.values.has(tokenSecretKey(tenant.id, TOKEN)), false);
    });

    it('keeps the index entry when the secret could not be deleted', async () => {
      const { registry, secrets } = setUp();
      const tenant = await registry.add(ACME, CREDENTIALS);
      await registry.storeTokenSecret(tenant.id, TOKEN, SECRET);
      secrets.failDelete = () => true;
      await rejectsWith(registry.deleteTokenSecret(tenant.id, TOKEN), 'secret-storage');
      assert.deepEqual([...registry.storedSecretTokenIds(tenant.id)], [TOKEN]);
    });

    it('refuses token ids that are not safe in a key', async () => {
      const { registry } = setUp();
      const tenant = await registry.add(ACME, CREDENTIALS);
      await rejectsWith(registry.storeTokenSecret(tenant.id, 'x.credentials', SECRET), 'invalid-input');
      await assert.rejects(registry.getTokenSecret(tenant.id, '../x'), (error) => isPatError(error, 'invalid-input'));
    });

    it('ignores garbage in the index', () => {
      const { registry, state } = setUp();
      state.seed(storedSecretIndexKey('t1'), ['ok-id', 'a.b', 7, null]);
      assert.deepEqual([...registry.storedSecretTokenIds('t1')], ['ok-id']);
      state.seed(storedSecretIndexKey('t2'), { ok: true });
      assert.equal(registry.storedSecretTokenIds('t2').size, 0);
    });
  });

  describe('remove', () => {
    it('deletes the record, the credentials, every token secret and the index', async () => {
      const { registry, state, secrets } = setUp();
      const acme = await registry.add(ACME, CREDENTIALS);
      const other = await registry.add({ ...ACME, displayName: 'Other', baseUrl: 'https://other.api.identitynow.com' }, OTHER_CREDENTIALS);
      await registry.storeTokenSecret(acme.id, 'token-1', 'c'.repeat(64));
      await registry.storeTokenSecret(acme.id, 'token-2', 'd'.repeat(64));
      await registry.storeTokenSecret(other.id, 'token-3', 'e'.repeat(64));
      await registry.remove(acme.id);
      assert.deepEqual(registry.list(), [other]);
      assert.deepEqual([...secrets.values.keys()].sort(), [credentialsKey(other.id), tokenSecretKey(other.id, 'token-3')].sort());
      assert.equal(state.get(storedSecretIndexKey(acme.id)), undefined);
      assert.deepEqual([...registry.storedSecretTokenIds(other.id)], ['token-3']);
    });

    it('keeps the tenant listed when a secret cannot be deleted, so removing again can finish', async () => {
      const { registry, secrets } = setUp();
      const tenant = await registry.add(ACME, CREDENTIALS);
      await registry.storeTokenSecret(tenant.id, 'token-1', 'c'.repeat(64));
      secrets.failDelete = (key) => key === tokenSecretKey(tenant.id, 'token-1');
      await rejectsWith(registry.remove(tenant.id), 'secret-storage');
      assert.deepEqual(registry.list(), [tenant]);
      secrets.failDelete = () => false;
      await registry.remove(tenant.id);
      assert.deepEqual(registry.list(), []);
      assert.equal(secrets.values.size, 0);
    });

    it('is harmless for an unknown tenant', async () => {
      const { registry } = setUp();
      const tenant = await registry.add(ACME, CREDENTIALS);
      await registry.remove('missing');
      assert.deepEqual(registry.list(), [tenant]);
    });
  });

  describe('changedElsewhere (SecretStorage change events)', () => {
    it("ignores this registry's own writes and deletes, and reports another registry's (another window's) for our keys only", async () => {
      const { registry, state, secrets } = setUp();
      const tenant = await registry.add(ACME, CREDENTIALS);
      await registry.storeTokenSecret(tenant.id, 'token-1', 'secret-one');
      await registry.storeTokenSecret(tenant.id, 'token-2', 'secret-two');
      await registry.deleteTokenSecret(tenant.id, 'token-2');
      for (const key of [credentialsKey(tenant.id), tokenSecretKey(tenant.id, 'token-1'), tokenSecretKey(tenant.id, 'token-2')]) {
        assert.equal(await registry.changedElsewhere(key), undefined, key);
      }
      const otherWindow = new TenantRegistry(state, secrets);
      await otherWindow.setCredentials(tenant.id, OTHER_CREDENTIALS, tenant.baseUrl);
      await otherWindow.storeTokenSecret(tenant.id, 'token-2', 'secret-two-again');
      assert.deepEqual(await registry.changedElsewhere(credentialsKey(tenant.id)), { tenantId: tenant.id });
      assert.deepEqual(await registry.changedElsewhere(tokenSecretKey(tenant.id, 'token-2')), { tenantId: tenant.id, tokenId: 'token-2' });
      assert.deepEqual(await registry.changedElsewhere(tokenSecretKey(tenant.id, 'never-written-here')), { tenantId: tenant.id, tokenId: 'never-written-here' });
      assert.equal(await registry.changedElsewhere('github.auth'), undefined);
      assert.equal(await registry.changedElsewhere(TENANTS_KEY), undefined);
    });
  });

  describe('two windows over one shared store', () => {
    it('a token secret stored while the tenant is removed elsewhere is not left behind, and the storer is told', async () => {
      for (const storeFirst of [true, false]) {
        const { registry: windowA, state, secrets } = setUp();
        const windowB = new TenantRegistry(state, secrets);
        const tenant = await windowA.add(ACME, CREDENTIALS);
        const store = (): Promise<unknown> => windowB.storeTokenSecret(tenant.id, 'late-token', 'late-secret').then(() => 'stored', (error: unknown) => error);
        const [stored] = storeFirst ? await Promise.all([store(), windowA.remove(tenant.id)]) : (await Promise.all([windowA.remove(tenant.id), store()])).reverse();
        assert.deepEqual(windowA.list(), []);
        assert.deepEqual([...secrets.values.keys()], [], `orphaned secret (store first: ${storeFirst})`);
        assert.ok(isPatError(stored, 'secret-storage'), `the storer must hear that the secret was not stored (store first: ${storeFirst})`);
        assert.match((stored as Error).message, /tenant was removed/);
      }
    });

    it('Remove Tenant also deletes a secret another window indexed while the removal was deleting secrets', async () => {
      const { registry: windowA, state, secrets } = setUp();
      const windowB = new TenantRegistry(state, secrets);
      const tenant = await windowA.add(ACME, CREDENTIALS);
      let storedByB: Promise<void> | undefined;
      // Window A's keychain is slow: B stores and indexes its secret (the tenant still exists) while A deletes the credentials.
      const slowForA = {
        get: (key: string) => secrets.get(key),
        store: (key: string, value: string) => secrets.store(key, value),
        delete: async (key: string) => {
          storedByB ??= windowB.storeTokenSecret(tenant.id, 'token-b', 'secret-b');
          await storedByB;
          await secrets.delete(key);
        },
      };
      await new TenantRegistry(state, slowForA).remove(tenant.id);
      assert.ok(storedByB !== undefined);
      await storedByB;
      assert.deepEqual(windowA.list(), []);
      assert.deepEqual([...secrets.values.keys()], [], 'no secret is left under the removed tenant');
    });

    it('a create that finishes after Remove Tenant stores nothing', async () => {
      const { registry, secrets } = setUp();
      const tenant = await registry.add(ACME, CREDENTIALS);
      await registry.remove(tenant.id);
      await rejectsWith(registry.storeTokenSecret(tenant.id, 'token-1', 'secret-one'), 'secret-storage');
      assert.equal(secrets.values.size, 0);
      assert.equal(secrets.calls.filter((call) => call.startsWith('store ')).length, 1, 'only the credentials were ever stored');
    });

    it('an index entry lost to another window overwriting the index is restored from SecretStorage, so Remove Tenant still deletes the secret', async () => {
      const { registry: windowA, state, secrets } = setUp();
      const windowB = new TenantRegistry(state, secrets);
      const tenant = await windowA.add(ACME, CREDENTIALS);
      await windowB.storeTokenSecret(tenant.id, 'token-b', 'secret-b');
      // What globalState does across windows: a window writes its whole, older copy and B's entry is gone.
      await state.update(storedSecretIndexKey(tenant.id), undefined);
      await windowA.syncStoredSecretIndex(tenant.id, 'token-b');
      assert.deepEqual([...windowA.storedSecretTokenIds(tenant.id)], ['token-b']);
      await windowB.deleteTokenSecret(tenant.id, 'token-b');
      await windowB.storeTokenSecret(tenant.id, 'token-c', 'secret-c');
      await state.update(storedSecretIndexKey(tenant.id), ['token-b', 'token-c']);
      await windowA.syncStoredSecretIndex(tenant.id, 'token-b');
      assert.deepEqual([...windowA.storedSecretTokenIds(tenant.id)], ['token-c'], 'a deleted secret leaves the index');
      await windowA.remove(tenant.id);
      assert.equal(secrets.values.size, 0);
    });
  });
});

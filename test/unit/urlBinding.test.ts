// Issue 19 §1 items 1 and 8: credentials are bound to the URL they were proven against, synced records are checked
// as Add Tenant checks input, and one URL is one tenant. Everything runs against two fake tenants over loopback.
import * as assert from 'node:assert/strict';
import { isPatError } from '../../src/core/errors';
import { PatService } from '../../src/core/patService';
import { TENANTS_KEY, credentialsKey } from '../../src/core/store/secretKeys';
import { FakeTenant } from '../fake-tenant/server';
import { MemoryKeyValueStore, MemorySecretStore } from './helpers/memoryStores';
import { capturingLogger } from './helpers/assertions';

describe('Credentials bound to their URL, and one tenant per URL', () => {
  let home: FakeTenant;
  let attacker: FakeTenant;
  let secrets: MemorySecretStore;
  let kv: MemoryKeyValueStore;
  let service: PatService;
  let credentials: { clientId: string; clientSecret: string };

  beforeEach(async () => {
    home = await FakeTenant.start();
    attacker = await FakeTenant.start();
    const ada = home.addIdentity('Ada Admin', { admin: true });
    const signIn = home.addToken(ada.id, { name: 'VS Code' });
    credentials = { clientId: signIn.id, clientSecret: signIn.secret };
    secrets = new MemorySecretStore();
    kv = new MemoryKeyValueStore();
    service = new PatService({ kv, secrets, logger: capturingLogger([]), http: { retry: { maxAttempts: 1 } } });
  });

  afterEach(async () => {
    await home.stop();
    await attacker.stop();
  });

  /** What Settings Sync does: replaces the whole tenant list with the one from another machine. */
  async function syncArrives(records: unknown[]): Promise<void> {
    await kv.update(TENANTS_KEY, records);
  }

  function records(): Record<string, unknown>[] {
    return kv.get<Record<string, unknown>[]>(TENANTS_KEY) ?? [];
  }

  async function rejectsWithKind(promise: Promise<unknown>, kind: string, message?: RegExp): Promise<void> {
    await assert.rejects(promise, (error: unknown) => {
      assert.ok(isPatError(error), String(error));
      assert.equal(error.kind, kind, error.message);
      if (message) assert.match(error.message, message);
      return true;
    });
  }

  describe('a synced list that keeps an id but re-points its URL', () => {
    it('sends 0 requests to the new host: no sign-in, no list, no access token, no signed-in environment', async () => {
      const tenant = await service.addTenant({ url: home.baseUrl, displayName: 'Home', credentials });
      const created = await service.createToken(tenant.id, { name: 'CI', scope: ['sp:scopes:default'] });
      assert.equal(created.secretSaved, true);
      await syncArrives(records().map((record) => ({ ...record, baseUrl: attacker.baseUrl })));
      home.resetRequests();

      assert.equal(service.getTenant(tenant.id).baseUrl, attacker.baseUrl);
      await rejectsWithKind(service.listTokens(tenant.id), 'credentials-url-changed', /URL .*changed.*enter its credentials again/i);
      await rejectsWithKind(service.accessToken(tenant.id), 'credentials-url-changed');
      await rejectsWithKind(service.signInEnvironment(tenant.id), 'credentials-url-changed');
      await rejectsWithKind(service.signInEnvironment(tenant.id, created.token.id), 'credentials-url-changed');
      await rejectsWithKind(service.createToken(tenant.id, { name: 'x', scope: ['sp:scopes:default'] }), 'credentials-url-changed');
      assert.equal(attacker.count(), 0);
      assert.equal(home.count(), 0);
      assert.equal(await service.credentialsState(tenant.id), 'url-changed');
    });

    it('also when a session for the old URL was already open with a cached access token', async () => {
      const tenant = await service.addTenant({ url: home.baseUrl, displayName: 'Home', credentials });
      await service.listTokens(tenant.id);
      await syncArrives(records().map((record) => ({ ...record, baseUrl: attacker.baseUrl })));
      await rejectsWithKind(service.listTokens(tenant.id), 'credentials-url-changed');
      assert.equal(attacker.count(), 0);
    });

    it('credentials entered again are proven against the new URL and bound to it; the old URL\'s token secrets go', async () => {
      const tenant = await service.addTenant({ url: home.baseUrl, displayName: 'Home', credentials });
      const created = await service.createToken(tenant.id, { name: 'CI', scope: ['sp:scopes:default'] });
      await syncArrives(records().map((record) => ({ ...record, baseUrl: attacker.baseUrl })));
      const mallory = attacker.addIdentity('Mallory', { admin: true });
      const theirs = attacker.addToken(mallory.id, { name: 'theirs' });
      await service.updateCredentials(tenant.id, { clientId: theirs.id, clientSecret: theirs.secret });
      assert.equal(await service.credentialsState(tenant.id), 'present');
      assert.equal(service.storedSecretTokenIds(tenant.id).size, 0);
      assert.equal(await service.getStoredSecret(tenant.id, created.token.id), undefined);
      assert.deepEqual((await service.listTokens(tenant.id)).map((token) => token.name), ['theirs']);
    });

    it('credentials stored without a URL (before binding) are treated as bound to no URL: entered again, never sent', async () => {
      const tenant = await service.addTenant({ url: home.baseUrl, displayName: 'Home', credentials });
      await secrets.store(credentialsKey(tenant.id), JSON.stringify(credentials));
      // Such credentials come from a version before binding, so a window that starts with them finds them.
      const nextWindow = new PatService({ kv, secrets, logger: capturingLogger([]), http: { retry: { maxAttempts: 1 } } });
      home.resetRequests();
      await rejectsWithKind(nextWindow.listTokens(tenant.id), 'credentials-url-changed');
      assert.equal(home.count(), 0);
    });
  });

  describe('synced records are checked as Add Tenant checks input', () => {
    const good = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
      id: 'synced-1',
      displayName: 'Synced',
      baseUrl: 'https://acme.api.identitynow.com',
      apiFamily: 'v3',
      ...extra,
    });

    it('keeps a well-formed record', async () => {
      await syncArrives([good()]);
      assert.deepEqual(service.listTenants().map((tenant) => tenant.id), ['synced-1']);
    });

    for (const [why, record] of [
      ['a URL not in normal form', good({ baseUrl: 'https://acme.api.identitynow.com/' })],
      ['a plain-http URL off loopback', good({ baseUrl: 'http://evil.example.com' })],
      ['a URL with credentials in it', good({ baseUrl: 'https://user:pass@evil.example.com' })],
      ['a name over 100 characters', good({ displayName: 'x'.repeat(101) })],
      ['an empty name', good({ displayName: '  ' })],
      ['a name with a line break', good({ displayName: 'Acme\nProduction' })],
      ['a name with a text-direction control', good({ displayName: 'Acme \u202Enoitcudorp' })],
      ['a name with surrounding spaces', good({ displayName: ' Acme ' })],
      ['an id with a dot', good({ id: '../credentials' })],
      ['an unknown API family', good({ apiFamily: 'v2' })],
    ] as const) {
      it(`drops a record with ${why}`, async () => {
        await syncArrives([record]);
        assert.deepEqual(service.listTenants(), []);
      });
    }

    it('drops a hostile list label but keeps the record', async () => {
      await syncArrives([good({ listQuery: { owner: { kind: 'identity', identityId: 'abc', label: 'evil\n[x](command:y)' } } })]);
      const [tenant] = service.listTenants();
      assert.deepEqual(tenant.listQuery, { owner: { kind: 'identity', identityId: 'abc' } });
    });
  });

  describe('one tenant per URL', () => {
    it('Add Tenant on a URL already added is refused naming the existing tenant, before any request', async () => {
      const first = await service.addTenant({ url: home.baseUrl, displayName: 'Acme Production', credentials });
      home.resetRequests();
      await assert.rejects(
        service.addTenant({ url: `${home.baseUrl}/`, displayName: 'Again', credentials }),
        (error: unknown) => {
          assert.ok(isPatError(error, 'invalid-input'));
          assert.match(error.message, /Acme Production/);
          assert.match(error.message, /already/);
          return true;
        },
      );
      assert.equal(home.count(), 0);
      assert.deepEqual(service.listTenants().map((tenant) => tenant.id), [first.id]);
      assert.equal(service.tenantWithUrl(`${home.baseUrl}/`)?.id, first.id);
      assert.equal(service.tenantWithUrl('https://other.api.identitynow.com'), undefined);
      assert.equal(service.tenantWithUrl('not a url at all'), undefined);
    });

    it('a synced list with the same URL twice shows it once: the first record', async () => {
      await syncArrives([
        { id: 'one', displayName: 'One', baseUrl: 'https://acme.api.identitynow.com', apiFamily: 'v3' },
        { id: 'two', displayName: 'Two', baseUrl: 'https://acme.api.identitynow.com', apiFamily: 'v1' },
        { id: 'three', displayName: 'Three', baseUrl: 'https://other.api.identitynow.com', apiFamily: 'v3' },
      ]);
      assert.deepEqual(service.listTenants().map((tenant) => tenant.id), ['one', 'three']);
      assert.throws(() => service.getTenant('two'), (error: unknown) => isPatError(error, 'invalid-input'));
    });
  });
});

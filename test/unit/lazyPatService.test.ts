// Activation builds a facade instead of PatService: the tenant rows read the stored records, and everything else loads
// the service on first use. The facade must answer exactly as the service does, and never load it for a read.
import * as assert from 'node:assert/strict';
import { PatError } from '../../src/core/errors';
import { lazyPatService } from '../../src/core/lazyPatService';
import { PatService } from '../../src/core/patService';
import { FakeTenant } from '../fake-tenant/server';
import { MemoryKeyValueStore, MemorySecretStore } from './helpers/memoryStores';
import { capturingLogger } from './helpers/assertions';

describe('the PatService facade activation builds', () => {
  let fake: FakeTenant;
  let kv: MemoryKeyValueStore;
  let service: PatService;
  let loads: number;
  let facade: PatService;
  let credentials: { clientId: string; clientSecret: string };

  beforeEach(async () => {
    fake = await FakeTenant.start();
    const ada = fake.addIdentity('Ada Admin', { admin: true });
    const signIn = fake.addToken(ada.id, { name: 'VS Code' });
    credentials = { clientId: signIn.id, clientSecret: signIn.secret };
    kv = new MemoryKeyValueStore();
    service = new PatService({ kv, secrets: new MemorySecretStore(), logger: capturingLogger([]) });
    loads = 0;
    facade = lazyPatService(kv, () => {
      loads++;
      return Promise.resolve(service);
    });
  });

  afterEach(async () => {
    await fake.stop();
  });

  it('reads the tenants, a tenant and the stored-secret ids as the service does, without loading it', async () => {
    const tenant = await service.addTenant({ url: fake.baseUrl, displayName: 'Fake', credentials });
    const created = await service.createToken(tenant.id, { name: 'CI', scope: ['sp:scopes:default'] });
    // A record nobody may trust (its URL is not in normal form) is left out by both.
    const records = kv.get<unknown[]>('sailpointPat.tenants') ?? [];
    await kv.update('sailpointPat.tenants', [...records, { id: 'edited', displayName: 'Evil', baseUrl: 'https://evil.example.com/../x' }]);

    assert.deepEqual(facade.listTenants(), service.listTenants());
    assert.equal(facade.listTenants().length, 1);
    assert.deepEqual(facade.getTenant(tenant.id), service.getTenant(tenant.id));
    assert.deepEqual([...facade.storedSecretTokenIds(tenant.id)], [created.token.id]);
    assert.deepEqual([...facade.storedSecretTokenIds(tenant.id)], [...service.storedSecretTokenIds(tenant.id)]);
    assert.equal(loads, 0, 'a synchronous read loaded the service');
  });

  it('peeks at and drops the access token of the loaded service, and has none before it loads', async () => {
    const tenant = await service.addTenant({ url: fake.baseUrl, displayName: 'Fake', credentials });
    assert.equal(facade.cachedAccessToken(tenant.id), undefined);
    facade.dropAccessToken(tenant.id);
    assert.equal(loads, 0, 'peeking loaded the service');
    const minted = await facade.accessToken(tenant.id);
    assert.equal(facade.cachedAccessToken(tenant.id)?.accessToken, minted.accessToken);
    facade.dropAccessToken(tenant.id);
    assert.equal(facade.cachedAccessToken(tenant.id), undefined, 'a signed-out session kept its access token');
  });

  it('throws the service’s own error for an unknown or hostile tenant id, without loading it', () => {
    for (const id of ['nope', '../../etc', '']) {
      const messageOf = (read: () => unknown): string => {
        try {
          read();
        } catch (error) {
          assert.ok(error instanceof PatError && error.kind === 'invalid-input');
          return error.message;
        }
        return assert.fail(`no error for ${JSON.stringify(id)}`);
      };
      assert.equal(messageOf(() => facade.getTenant(id)), messageOf(() => service.getTenant(id)));
    }
    assert.equal(loads, 0);
  });

  it('loads the service on the first call that returns a promise and forwards every call with its arguments', async () => {
    const tenant = await facade.addTenant({ url: fake.baseUrl, displayName: 'Through the facade', credentials });
    assert.equal(loads, 1);
    assert.deepEqual(service.getTenant(tenant.id).displayName, 'Through the facade');
    const tokens = await facade.listTokens(tenant.id);
    assert.deepEqual(tokens.map((token) => token.name), ['VS Code']);
    await assert.rejects(facade.renameTenant(tenant.id, ''), (error: unknown) => error instanceof PatError && error.kind === 'invalid-input');
    assert.equal(loads, 3, 'each call asks the loader (loadOnce in activation makes that one load)');
  });

  it('is not a thenable and cannot be changed, so awaiting or patching it does nothing surprising', async () => {
    assert.equal((facade as unknown as { then?: unknown }).then, undefined);
    assert.equal(await Promise.resolve(facade), facade);
    assert.ok(Object.isFrozen(facade));
    assert.throws(() => {
      (facade as unknown as Record<string, unknown>).listTenants = () => [];
    }, TypeError);
    assert.equal(loads, 0);
  });

  it('names only methods PatService has (the compiler checks that it names all of them)', () => {
    const unknown = Object.keys(facade).filter((name) => typeof (PatService.prototype as unknown as Record<string, unknown>)[name] !== 'function');
    assert.deepEqual(unknown, []);
  });
});

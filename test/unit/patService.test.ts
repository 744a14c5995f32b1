import * as assert from 'node:assert/strict';
import { PatError } from '../../src/core/errors';
import { PatService } from '../../src/core/patService';
import { FakeTenant } from '../fake-tenant/server';
import { MemoryKeyValueStore, MemorySecretStore } from './helpers/memoryStores';
import { capturingLogger } from './helpers/assertions';

describe('PatService (the service the UI uses) against the fake tenant', () => {
  let fake: FakeTenant;
  let secrets: MemorySecretStore;
  let kv: MemoryKeyValueStore;
  let logLines: string[];
  let manager: PatService;
  let credentials: { clientId: string; clientSecret: string };
  let identityId: string;

  beforeEach(async () => {
    fake = await FakeTenant.start();
    const ada = fake.addIdentity('Ada Admin', { admin: true });
    identityId = ada.id;
    const signIn = fake.addToken(ada.id, { name: 'VS Code' });
    credentials = { clientId: signIn.id, clientSecret: signIn.secret };
    secrets = new MemorySecretStore();
    kv = new MemoryKeyValueStore();
    logLines = [];
    manager = new PatService({ kv, secrets, logger: capturingLogger(logLines), http: { retry: { baseDelayMs: 5, maxDelayMs: 20 } } });
  });

  afterEach(async () => {
    await fake.stop();
  });

  async function addTenant(): Promise<string> {
    const tenant = await manager.addTenant({ url: fake.baseUrl, displayName: 'Fake', credentials });
    return tenant.id;
  }

  it('adds a tenant only after its credentials mint an access token, and stores nothing when they are wrong', async () => {
    await assert.rejects(
      manager.addTenant({ url: fake.baseUrl, credentials: { clientId: credentials.clientId, clientSecret: 'wrong-secret-value' } }),
      (error: unknown) => error instanceof PatError && error.kind === 'credentials-rejected',
    );
    assert.deepEqual(manager.listTenants(), []);
    assert.equal(secrets.values.size, 0);

    const tenantId = await addTenant();
    assert.equal(manager.getTenant(tenantId).baseUrl, fake.baseUrl);
    assert.equal(await manager.hasCredentials(tenantId), true);
    assert.equal(await manager.signInClientId(tenantId), credentials.clientId);
  });

  it('rejects a bad tenant URL before any request is sent', async () => {
    await assert.rejects(
      manager.addTenant({ url: 'https://acme.api.identitynow.com@evil.com', credentials }),
      (error: unknown) => error instanceof PatError && error.kind === 'invalid-input',
    );
    assert.equal(fake.count(), 0);
    assert.deepEqual(manager.listTenants(), []);
  });

  it('stores a created token secret before returning and never returns the secret when it was saved', async () => {
    const tenantId = await addTenant();
    const outcome = await manager.createToken(tenantId, { name: 'CI pipeline', scope: ['sp:scopes:default'] });
    assert.equal(outcome.secretSaved, true);
    assert.equal('secret' in outcome, false);
    const serverSecret = fake.tokens().find((token) => token.id === outcome.token.id)?.secret;
    assert.ok(serverSecret);
    assert.equal(await manager.getStoredSecret(tenantId, outcome.token.id), serverSecret);
    assert.ok(manager.storedSecretTokenIds(tenantId).has(outcome.token.id));
    assert.ok(logLines.every((line) => !line.includes(serverSecret) && !line.includes(credentials.clientSecret)));
  });

  it('hands the secret back exactly once, marked unsaved, when SecretStorage refuses it', async () => {
    const tenantId = await addTenant();
    secrets.failStore = (key) => key.includes('.token.');
    const outcome = await manager.createToken(tenantId, { name: 'Terraform', scope: ['sp:scopes:default'] });
    assert.equal(outcome.secretSaved, false);
    assert.ok(!outcome.secretSaved && outcome.secret.length > 0 && outcome.error.kind === 'secret-storage');
    assert.equal(manager.storedSecretTokenIds(tenantId).has(outcome.token.id), false);
  });

  it('refuses an empty scope list and an invalid name without sending anything', async () => {
    const tenantId = await addTenant();
    fake.resetRequests();
    await assert.rejects(manager.createToken(tenantId, { name: 'No scopes', scope: [] }), /scope/i);
    await assert.rejects(manager.createToken(tenantId, { name: '   ', scope: ['sp:scopes:default'] }));
    assert.equal(fake.count({ method: 'POST' }), 0);
  });

  it('sends one DELETE for a double click and deletes the stored secret with the token', async () => {
    const tenantId = await addTenant();
    const { token } = await manager.createToken(tenantId, { name: 'Postman', scope: ['sp:scopes:default'] });
    fake.resetRequests();
    await Promise.all([manager.deleteToken(tenantId, token.id), manager.deleteToken(tenantId, token.id)]);
    assert.equal(fake.count({ method: 'DELETE' }), 1);
    assert.equal(await manager.getStoredSecret(tenantId, token.id), undefined);
    assert.equal(manager.storedSecretTokenIds(tenantId).has(token.id), false);
  });

  it('does not bring back a token deleted while a refresh was in flight', async () => {
    const tenantId = await addTenant();
    const { token } = await manager.createToken(tenantId, { name: 'Short lived', scope: ['sp:scopes:default'] });
    // The list answer is computed at once and then trickled, so it still carries the token deleted meanwhile.
    fake.inject({ fault: { kind: 'trickle', intervalMs: 20, bytesPerChunk: 40 }, match: { method: 'GET' } });
    const listing = manager.listTokens(tenantId);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await manager.deleteToken(tenantId, token.id);
    const listed = await listing;
    assert.ok(!listed.some((item) => item.id === token.id), 'the deleted token came back');
    assert.ok(listed.some((item) => item.id === credentials.clientId));
  });

  it('lists what the tenant is set to list: mine by default, then every token', async () => {
    const tenantId = await addTenant();
    const other = fake.addIdentity('Sam Dev');
    fake.addToken(other.id, { name: 'Sam token' });
    const mine = await manager.listTokens(tenantId);
    assert.ok(mine.every((token) => token.owner?.id === identityId));
    await manager.setListQuery(tenantId, { owner: { kind: 'all' } });
    const all = await manager.listTokens(tenantId);
    assert.ok(all.some((token) => token.name === 'Sam token'));
  });

  it('lists with a one-off query without changing what the tenant lists', async () => {
    const tenantId = await addTenant();
    const used = fake.addToken(identityId, { name: 'Used yesterday', lastUsed: new Date(Date.now() - 86_400_000).toISOString() });
    const idle = fake.addToken(identityId, { name: 'Never used', lastUsed: null });
    const neverUsed = await manager.listTokens(tenantId, undefined, { owner: { kind: 'me' }, neverUsed: true });
    assert.ok(neverUsed.some((token) => token.id === idle.id));
    assert.ok(neverUsed.every((token) => token.lastUsed === null));
    assert.ok((await manager.listTokens(tenantId)).some((token) => token.id === used.id));
    assert.equal(manager.getTenant(tenantId).listQuery, undefined);
  });

  it('renames and re-scopes a token, and refuses an empty scope patch', async () => {
    const tenantId = await addTenant();
    const { token } = await manager.createToken(tenantId, { name: 'Old name', scope: ['sp:scopes:default'] });
    const renamed = await manager.updateToken(tenantId, token.id, { name: 'New name' });
    assert.equal(renamed.name, 'New name');
    const rescoped = await manager.updateToken(tenantId, token.id, { scope: ['idn:access-request:manage'] });
    assert.deepEqual(rescoped.scope, ['idn:access-request:manage']);
    await assert.rejects(manager.updateToken(tenantId, token.id, { scope: [] }), /scope/i);
  });

  it('checks new credentials against the tenant before replacing the old ones', async () => {
    const tenantId = await addTenant();
    await assert.rejects(manager.updateCredentials(tenantId, { clientId: credentials.clientId, clientSecret: 'not-the-secret' }));
    assert.equal(await manager.signInClientId(tenantId), credentials.clientId);
    const second = fake.addToken(identityId, { name: 'Second sign-in' });
    await manager.updateCredentials(tenantId, { clientId: second.id, clientSecret: second.secret });
    assert.equal(await manager.signInClientId(tenantId), second.id);
    assert.ok((await manager.listTokens(tenantId)).length > 0);
  });

  it('signs in again with what SecretStorage holds after forgetSession (another window changed the credentials)', async () => {
    const tenantId = await addTenant();
    await manager.listTokens(tenantId);
    const second = fake.addToken(identityId, { name: 'Changed elsewhere' });
    const other = new PatService({ kv, secrets, logger: capturingLogger([]) });
    await other.updateCredentials(tenantId, { clientId: second.id, clientSecret: second.secret });
    manager.forgetSession(tenantId);
    assert.equal(await manager.signInClientId(tenantId), second.id);
    fake.resetRequests();
    await manager.listTokens(tenantId);
    const mint = fake.requests.find((request) => request.path === '/oauth/token');
    assert.ok(mint?.body.includes(`client_id=${second.id}`), 'the next list did not sign in with the new credentials');
  });

  it('removes a tenant together with every secret stored for it', async () => {
    const tenantId = await addTenant();
    await manager.createToken(tenantId, { name: 'Kept secret', scope: ['sp:scopes:default'] });
    assert.ok(secrets.values.size >= 2);
    await manager.removeTenant(tenantId);
    assert.equal(secrets.values.size, 0);
    assert.deepEqual(manager.listTenants(), []);
    assert.throws(() => manager.getTenant(tenantId), PatError);
  });

  it('treats credentials VS Code can no longer decrypt as missing, not as a gone tenant', async () => {
    const tenantId = await addTenant();
    const fresh = new PatService({ kv, secrets, logger: capturingLogger([]) });
    secrets.dropOnGet = (key) => key.endsWith('.credentials');
    assert.equal(await fresh.hasCredentials(tenantId), false);
    assert.equal(fresh.listTenants().length, 1);
    await assert.rejects(fresh.listTokens(tenantId), (error: unknown) => error instanceof PatError && error.kind === 'credentials-missing');
  });
});

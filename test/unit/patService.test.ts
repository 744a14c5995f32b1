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

  it('logs a create once, and a delete by name and id (issue 22 §4)', async () => {
    const tenantId = await addTenant();
    const outcome = await manager.createToken(tenantId, { name: 'Log me', scope: ['sp:scopes:default'] });
    assert.equal(logLines.filter((line) => line.includes('Created token')).length, 1, logLines.join('\n'));
    await manager.listTokens(tenantId);
    await manager.deleteToken(tenantId, outcome.token.id);
    assert.ok(logLines.some((line) => line.includes(`Deleted token Log me (${outcome.token.id})`)), logLines.join('\n'));
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

  /** Delivers every SecretStorage change event to the manager, as extension.ts does; collects what it reports. */
  function deliverChangeEvents(to: PatService): Array<string | undefined> {
    const reported: Array<string | undefined> = [];
    secrets.listeners.push((key) => void to.secretChangedElsewhere(key).then((tenantId) => reported.push(tenantId)));
    return reported;
  }

  const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 20));

  it("ignores the change events of its own writes: create, copy, rename, delete, list and update credentials sign in once each", async () => {
    const reported = deliverChangeEvents(manager);
    const tenantId = await addTenant();
    fake.resetRequests();
    await manager.listTokens(tenantId);
    const { token } = await manager.createToken(tenantId, { name: 'Session', scope: ['sp:scopes:default'] });
    await settle();
    assert.ok((await manager.getStoredSecret(tenantId, token.id)) !== undefined);
    await manager.updateToken(tenantId, token.id, { name: 'Session renamed' });
    await manager.deleteToken(tenantId, token.id);
    await settle();
    await manager.listTokens(tenantId);
    assert.equal(fake.count({ path: '/oauth/token' }), 1, 'one sign-in serves the whole session');
    assert.ok(reported.length >= 3, 'the events did arrive');
    assert.deepEqual(reported.filter((tenantId) => tenantId !== undefined), [], 'none of them counts as a change from elsewhere');
  });

  it('after another window changes the credentials, drops only the access token and signs in with the new ones', async () => {
    const reported = deliverChangeEvents(manager);
    const tenantId = await addTenant();
    await manager.listTokens(tenantId);
    const second = fake.addToken(identityId, { name: 'Changed elsewhere' });
    const otherWindow = new PatService({ kv, secrets, logger: capturingLogger([]) });
    await otherWindow.updateCredentials(tenantId, { clientId: second.id, clientSecret: second.secret });
    await settle();
    assert.deepEqual(reported.filter((each) => each !== undefined), [tenantId], 'only the change from elsewhere is reported, to refresh the tenant');
    assert.equal(await manager.signInClientId(tenantId), second.id);
    fake.resetRequests();
    await manager.listTokens(tenantId);
    const mint = fake.requests.find((request) => request.path === '/oauth/token');
    assert.ok(mint?.body.includes(`client_id=${second.id}`), 'the next list did not sign in with the new credentials');
  });

  it('answers the cached access token without signing in, and drops it on request so the next one is fresh (issue 19 items 4, 5)', async () => {
    const tenantId = await addTenant();
    fake.resetRequests();
    assert.equal(manager.cachedAccessToken(tenantId), undefined);
    assert.equal(fake.count({ path: '/oauth/token' }), 0, 'asking the cache signed in');
    const minted = await manager.accessToken(tenantId);
    assert.equal(manager.cachedAccessToken(tenantId)?.accessToken, minted.accessToken);
    manager.dropAccessToken(tenantId);
    assert.equal(manager.cachedAccessToken(tenantId), undefined);
    const next = await manager.accessToken(tenantId);
    assert.notEqual(next.accessToken, minted.accessToken);
    assert.equal(fake.count({ path: '/oauth/token' }), 2);
  });

  it("keeps a tenant's 429 pause across a credentials change, here and from another window", async () => {
    const paused = new PatService({ kv, secrets, logger: capturingLogger([]), http: { retry: { maxAttempts: 1 } } });
    deliverChangeEvents(paused);
    const tenant = await paused.addTenant({ url: fake.baseUrl, displayName: 'Fake', credentials });
    await paused.listTokens(tenant.id);
    for (const change of ['here', 'elsewhere'] as const) {
      fake.inject({ fault: { kind: 'rate-limit', retryAfter: '1' }, match: { method: 'GET' } });
      await assert.rejects(paused.listTokens(tenant.id), (error: unknown) => error instanceof PatError && error.kind === 'rate-limited');
      const limitedAt = fake.requests.filter((request) => request.status === 429).at(-1)!.at;
      const next = fake.addToken(identityId, { name: `Next sign-in ${change}` });
      const writer = change === 'here' ? paused : new PatService({ kv, secrets, logger: capturingLogger([]) });
      await writer.updateCredentials(tenant.id, { clientId: next.id, clientSecret: next.secret });
      await settle();
      await paused.listTokens(tenant.id);
      const listedAt = fake.requests.filter((request) => request.method === 'GET').at(-1)!.at;
      assert.ok(listedAt - limitedAt >= 900, `the list after a change ${change} went out ${listedAt - limitedAt} ms after the 429 (Retry-After: 1)`);
    }
  });

  it('drops the stored secret of a token deleted elsewhere or answered 404, but not after a filtered list', async () => {
    const tenantId = await addTenant();
    const made = async (name: string): Promise<string> => (await manager.createToken(tenantId, { name, scope: ['sp:scopes:default'] })).token.id;
    const [goneFromList, goneOnDelete, keptForFilter] = [await made('gone-from-list'), await made('gone-on-delete'), await made('kept-for-filter')];
    const deleteOnServer = async (tokenId: string): Promise<void> => {
      const admin = new PatService({ kv: new MemoryKeyValueStore(), secrets: new MemorySecretStore(), logger: capturingLogger([]) });
      const other = await admin.addTenant({ url: fake.baseUrl, credentials });
      await admin.deleteToken(other.id, tokenId);
    };
    await deleteOnServer(goneFromList);
    await deleteOnServer(keptForFilter);
    await manager.listTokens(tenantId, undefined, { owner: { kind: 'me' }, neverUsed: true });
    assert.ok(manager.storedSecretTokenIds(tenantId).has(keptForFilter), 'a filtered list proves nothing');
    await manager.listTokens(tenantId);
    assert.deepEqual([...manager.storedSecretTokenIds(tenantId)].sort(), [goneOnDelete].sort(), 'my full list no longer has them');
    await deleteOnServer(goneOnDelete);
    await assert.rejects(manager.deleteToken(tenantId, goneOnDelete), (error: unknown) => error instanceof PatError && error.kind === 'not-found');
    assert.deepEqual([...manager.storedSecretTokenIds(tenantId)], []);
    assert.deepEqual([...secrets.values.keys()].filter((key) => key.includes('.token.')), []);
  });

  it("keeps the stored secret of a token a caller's own list cannot show (it belongs to the previous sign-in identity)", async () => {
    const tenantId = await addTenant();
    const { token } = await manager.createToken(tenantId, { name: 'made-as-ada', scope: ['sp:scopes:default'] });
    const carol = fake.addIdentity('Carol');
    const carolsSignIn = fake.addToken(carol.id, { name: 'carol sign-in' });
    await manager.updateCredentials(tenantId, { clientId: carolsSignIn.id, clientSecret: carolsSignIn.secret });
    assert.ok(!(await manager.listTokens(tenantId)).some((listed) => listed.id === token.id));
    assert.ok(manager.storedSecretTokenIds(tenantId).has(token.id));
  });

  it('a create that finishes after Remove Tenant hands the secret back instead of storing it', async () => {
    const tenantId = await addTenant();
    fake.inject({ fault: { kind: 'delay', ms: 300 }, match: { method: 'POST', path: '/v3/personal-access-tokens' } });
    const creating = manager.createToken(tenantId, { name: 'Late', scope: ['sp:scopes:default'] });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await manager.removeTenant(tenantId);
    const outcome = await creating;
    assert.equal(outcome.secretSaved, false);
    assert.ok(!outcome.secretSaved && outcome.secret.length > 0 && /tenant was removed/.test(outcome.error.message));
    assert.equal(secrets.values.size, 0, 'nothing is left in SecretStorage');
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

  it('reads a tenant\'s credentials from SecretStorage once for a window\'s first list, however many parts of it ask (issue 20 §3)', async () => {
    const tenantId = await addTenant();
    const nextWindow = new PatService({ kv, secrets, logger: capturingLogger([]) });
    secrets.calls.length = 0;
    const [present, clientId, tokens] = await Promise.all([nextWindow.hasCredentials(tenantId), nextWindow.signInClientId(tenantId), nextWindow.listTokens(tenantId)]);
    assert.equal(present, true);
    assert.equal(clientId, credentials.clientId);
    assert.ok(tokens.length > 0);
    nextWindow.dropAccessToken(tenantId);
    await nextWindow.listTokens(tenantId);
    const reads = secrets.calls.filter((call) => call.startsWith('get ') && call.endsWith('.credentials'));
    assert.deepEqual(reads, [`get sailpointPat.tenant.${tenantId}.credentials`], 'each SecretStorage read is a round trip to the window');
  });

  it('lists a tenant just added, or just given new credentials, without reading back from SecretStorage what it just stored', async () => {
    const credentialReads = (): string[] => secrets.calls.filter((call) => call.startsWith('get ') && call.endsWith('.credentials'));
    const tenantId = await addTenant();
    secrets.calls.length = 0;
    assert.ok((await manager.listTokens(tenantId)).length > 0);
    assert.deepEqual(credentialReads(), [], 'the first list after Add Tenant read the credentials back: a round trip to the window');
    const second = fake.addToken(identityId, { name: 'Replacement' });
    await manager.updateCredentials(tenantId, { clientId: second.id, clientSecret: second.secret });
    fake.resetRequests();
    secrets.calls.length = 0;
    await manager.listTokens(tenantId);
    const mint = fake.requests.find((request) => request.path === '/oauth/token');
    assert.ok(mint?.body.includes(`client_id=${second.id}`), 'the list after Update Credentials did not sign in with the new credentials');
    assert.deepEqual(credentialReads(), [], 'the first list after Update Credentials read the credentials back');
  });

  it('reads the credentials again once Update Credentials replaced them, and never signs in with the old ones', async () => {
    const tenantId = await addTenant();
    await manager.listTokens(tenantId);
    const second = fake.addToken(identityId, { name: 'Replacement' });
    await manager.updateCredentials(tenantId, { clientId: second.id, clientSecret: second.secret });
    fake.resetRequests();
    await manager.listTokens(tenantId);
    const mint = fake.requests.find((request) => request.path === '/oauth/token');
    assert.ok(mint?.body.includes(`client_id=${second.id}`), 'the list after Update Credentials did not sign in with the new credentials');
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

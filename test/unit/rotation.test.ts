import * as assert from 'node:assert/strict';
import { isPatError, PatError } from '../../src/core/errors';
import type { PersonalAccessToken } from '../../src/core/model';
import { PatService } from '../../src/core/patService';
import { silentLogger } from '../../src/core/ports';
import {
  proposeSuccessorName,
  rotateTenantCredentials,
  rotateToken,
  successorRequest,
  TokenLimitError,
  tokenLimitOf,
} from '../../src/core/ops/rotation';
import { MAX_TOKENS_PER_OWNER } from '../../src/core/ops/owners';
import { credentialsKey } from '../../src/core/store/secretKeys';
import { MAX_TOKEN_NAME_LENGTH } from '../../src/core/validation';
import { FakeTenant, type FakeIdentity, type FakeToken } from '../fake-tenant/server';
import { MemoryKeyValueStore, MemorySecretStore } from './helpers/memoryStores';
import { rejection } from './helpers/assertions';

const NOW = Date.parse('2026-11-28T10:00:00Z');
const DAY = 86_400_000;

function token(fields: Partial<PersonalAccessToken> = {}): PersonalAccessToken {
  return {
    id: 'a'.repeat(32),
    name: 'CI pipeline',
    scope: ['sp:scopes:default'],
    owner: null,
    created: new Date(NOW - 100 * DAY).toISOString(),
    lastUsed: null,
    managed: false,
    accessTokenValiditySeconds: 3600,
    expirationDate: new Date(NOW + 80 * DAY).toISOString(),
    userAwareTokenNeverExpires: null,
    ...fields,
  };
}

describe('rotation: successor names and requests', () => {
  it('proposes a dated name, replacing an earlier rotation suffix instead of stacking it', () => {
    assert.equal(proposeSuccessorName('CI pipeline', [], NOW), 'CI pipeline (rotated 2026-11-28)');
    assert.equal(proposeSuccessorName('CI pipeline (rotated 2026-05-01)', [], NOW), 'CI pipeline (rotated 2026-11-28)');
    assert.equal(proposeSuccessorName('CI pipeline (rotated 2026-05-01 #3)', [], NOW), 'CI pipeline (rotated 2026-11-28)');
  });

  it('keeps the proposal unique among the owner\'s names and within the name limit', () => {
    const taken = ['CI pipeline (rotated 2026-11-28)', 'CI pipeline (rotated 2026-11-28 #2)'];
    assert.equal(proposeSuccessorName('CI pipeline', taken, NOW), 'CI pipeline (rotated 2026-11-28 #3)');
    const long = proposeSuccessorName('x'.repeat(MAX_TOKEN_NAME_LENGTH), [], NOW);
    assert.equal([...long].length, MAX_TOKEN_NAME_LENGTH);
    assert.ok(long.endsWith(' (rotated 2026-11-28)'));
    const emoji = proposeSuccessorName('🚀'.repeat(MAX_TOKEN_NAME_LENGTH), [], NOW);
    assert.equal([...emoji].length, MAX_TOKEN_NAME_LENGTH);
  });

  it('drops characters that would make the proposal invalid', () => {
    assert.equal(proposeSuccessorName('evil\u202Ename\nnext', [], NOW), 'evilname next (rotated 2026-11-28)');
    assert.equal(proposeSuccessorName('\u202E', [], NOW), 'Token (rotated 2026-11-28)');
  });

  it('copies scopes and access-token validity; a null scope becomes the explicit all-rights scope', () => {
    assert.deepEqual(successorRequest(token(), 'v3', 'next', NOW), { name: 'next', scope: ['sp:scopes:default'], accessTokenValiditySeconds: 3600 });
    assert.deepEqual(successorRequest(token({ scope: null, accessTokenValiditySeconds: null }), 'v3', 'next', NOW), {
      name: 'next',
      scope: ['sp:scopes:all'],
    });
  });

  it('v1: a never-expiring token stays never-expiring; an expiring one gets its lifetime again from now', () => {
    const never = successorRequest(token({ expirationDate: null, userAwareTokenNeverExpires: true }), 'v1', 'next', NOW);
    assert.equal(never.userAwareTokenNeverExpires, true);
    assert.equal(never.expirationDate, undefined);
    const expiring = successorRequest(token(), 'v1', 'next', NOW);
    assert.equal(expiring.expirationDate, new Date(NOW + 180 * DAY).toISOString());
    assert.equal(expiring.userAwareTokenNeverExpires, undefined);
    const unknownCreation = successorRequest(token({ created: null }), 'v1', 'next', NOW);
    assert.equal(unknownCreation.expirationDate, '2027-05-28T10:00:00.000Z');
  });

  it('recognises the create\'s 400 at the cap, and nothing else', () => {
    const cap = new PatError('http', 'Creating token failed (400).', {
      status: 400,
      serverMessage: 'Cannot create personal access token: the owner already has the maximum of 7 personal access tokens.',
    });
    assert.equal(tokenLimitOf(cap), 7);
    assert.equal(tokenLimitOf(new PatError('http', 'x', { status: 400, serverMessage: "A personal access token named 'a' already exists for this owner." })), undefined);
    assert.equal(tokenLimitOf(new PatError('server', 'x', { status: 500, serverMessage: 'maximum of 10' })), undefined);
    assert.equal(tokenLimitOf(new Error('maximum')), undefined);
  });
});

describe('rotation against the fake tenant', function () {
  this.timeout(20_000);
  let fake: FakeTenant;
  let ada: FakeIdentity;
  let signIn: FakeToken;
  let secrets: MemorySecretStore;
  let manager: PatService;
  let tenantId: string;

  async function start(options: { maxTokensPerOwner?: number; family?: 'v3' | 'v1' } = {}): Promise<void> {
    fake = await FakeTenant.start({ maxTokensPerOwner: options.maxTokensPerOwner });
    ada = fake.addIdentity('Ada Admin', { admin: true });
    signIn = fake.addToken(ada.id, { name: 'VS Code', scope: ['sp:my-personal-access-tokens:manage'], accessTokenValiditySeconds: 1800 });
    secrets = new MemorySecretStore();
    manager = new PatService({
      kv: new MemoryKeyValueStore(),
      secrets,
      logger: silentLogger,
      http: { retry: { baseDelayMs: 5, maxDelayMs: 20 } },
    });
    const tenant = await manager.addTenant({
      url: fake.baseUrl,
      credentials: { clientId: signIn.id, clientSecret: signIn.secret },
      apiFamily: options.family ?? 'v3',
    });
    tenantId = tenant.id;
  }

  afterEach(async () => {
    await fake.stop();
  });

  function serverToken(id: string): FakeToken | undefined {
    return fake.tokens().find((each) => each.id === id);
  }

  /** Lists with a freshly minted access token, so the stored credentials themselves are proven to work. */
  async function listWithFreshSignIn(): Promise<string[]> {
    fake.expireAccessTokens();
    return (await manager.listTokens(tenantId)).map((each) => each.name).sort();
  }

  describe('rotateToken', () => {
    it('creates a successor with the same scopes and validity and keeps the old one unless asked to delete it', async () => {
      await start();
      const old = fake.addToken(ada.id, { name: 'CI pipeline', scope: ['idn:sources:read', 'sp:scopes:default'], accessTokenValiditySeconds: 900 });
      const kept = await rotateToken(manager, { tenantId, tokenId: old.id, deleteOld: false, now: NOW });
      assert.equal(kept.oldDeleted, false);
      assert.ok(kept.outcome.secretSaved);
      const successor = serverToken(kept.outcome.token.id)!;
      assert.equal(successor.name, 'CI pipeline (rotated 2026-11-28)');
      assert.deepEqual(successor.scope, ['idn:sources:read', 'sp:scopes:default']);
      assert.equal(successor.accessTokenValiditySeconds, 900);
      assert.equal(await manager.getStoredSecret(tenantId, successor.id), successor.secret);
      assert.ok(serverToken(old.id));

      const replaced = await rotateToken(manager, { tenantId, tokenId: successor.id, name: 'CI pipeline v3', deleteOld: true, now: NOW });
      assert.equal(replaced.oldDeleted, true);
      assert.equal(serverToken(successor.id), undefined);
      assert.equal(manager.storedSecretTokenIds(tenantId).has(successor.id), false, 'the deleted token\'s stored secret is gone too');
      assert.equal(serverToken(replaced.outcome.token.id)?.name, 'CI pipeline v3');
    });

    it('sends the delete only after the successor exists and its secret is stored', async () => {
      await start();
      const old = fake.addToken(ada.id, { name: 'ordered' });
      fake.resetRequests();
      secrets.calls.length = 0;
      await rotateToken(manager, { tenantId, tokenId: old.id, deleteOld: true, now: NOW });
      const methods = fake.requests.map((request) => `${request.method} ${request.path.replace(/\/[0-9a-f]{32}$/, '/{id}')}`);
      assert.deepEqual(methods, ['POST /oauth/token', 'GET /v3/personal-access-tokens', 'POST /v3/personal-access-tokens', 'DELETE /v3/personal-access-tokens/{id}']);
      assert.ok(secrets.calls.some((call) => call.startsWith('store ') && call.includes('.token.')));
    });

    it('keeps the successor and says the old token still exists when the delete fails', async () => {
      await start();
      const old = fake.addToken(ada.id, { name: 'Backup job' });
      fake.inject({ fault: { kind: 'status', status: 403 }, match: { method: 'DELETE' } });
      const error = await rejection(rotateToken(manager, { tenantId, tokenId: old.id, deleteOld: true, now: NOW }));
      assert.match(error.message, /old token "Backup job" failed, so the old token still exists/);
      const successor = fake.tokens().find((each) => each.name === 'Backup job (rotated 2026-11-28)');
      assert.ok(successor, 'the successor was kept');
      assert.match(error.message, new RegExp(successor.id));
      assert.ok(serverToken(old.id));
      assert.equal(await manager.getStoredSecret(tenantId, successor.id), successor.secret);
    });

    it('keeps the old token when the successor\'s secret could not be stored', async () => {
      await start();
      const old = fake.addToken(ada.id, { name: 'unsaved' });
      secrets.failStore = (key) => key.includes('.token.');
      const result = await rotateToken(manager, { tenantId, tokenId: old.id, deleteOld: true, now: NOW });
      assert.equal(result.outcome.secretSaved, false);
      assert.equal(result.oldDeleted, false);
      assert.ok(serverToken(old.id));
    });

    it('explains the 10-token limit before creating anything', async () => {
      await start();
      for (let index = 1; index < MAX_TOKENS_PER_OWNER; index++) fake.addToken(ada.id, { name: `token ${index}` });
      const old = fake.tokens().find((each) => each.name === 'token 1')!;
      fake.resetRequests();
      const error = await rejection(rotateToken(manager, { tenantId, tokenId: old.id, deleteOld: true, now: NOW }));
      assert.ok(error instanceof TokenLimitError);
      assert.match(error.message, /already have 10 personal access tokens.*delete the old token first/);
      assert.equal(fake.count({ method: 'POST', path: '/v3/personal-access-tokens' }), 0);
    });

    it('turns the server\'s 400 at its cap into the same explanation', async () => {
      await start({ maxTokensPerOwner: 2 });
      const old = fake.addToken(ada.id, { name: 'second' });
      const error = await rejection(rotateToken(manager, { tenantId, tokenId: old.id, deleteOld: false, now: NOW }));
      assert.ok(error instanceof TokenLimitError);
      assert.equal(error.limit, 2);
      assert.equal(error.status, 400);
      assert.equal(fake.tokens().length, 2);
    });

    it("refuses another owner's token and the token the tenant signs in with, without creating anything", async () => {
      await start();
      const bob = fake.addIdentity('Bob');
      const bobs = fake.addToken(bob.id, { name: 'bobs' });
      const foreign = await rejection(rotateToken(manager, { tenantId, tokenId: bobs.id, deleteOld: true }));
      assert.equal(foreign.kind, 'invalid-input');
      assert.match(foreign.message, /not one of your own tokens/);
      const own = await rejection(rotateToken(manager, { tenantId, tokenId: signIn.id, deleteOld: true }));
      assert.match(own.message, /Rotate Tenant Credentials/);
      assert.equal(fake.count({ method: 'POST', path: '/v3/personal-access-tokens' }), 0);
      assert.equal(fake.tokens().length, 2);
    });

    it('v1: a never-expiring token\'s successor never expires either', async () => {
      await start({ family: 'v1' });
      const old = fake.addToken(ada.id, { name: 'break-glass', expirationDate: null, userAwareTokenNeverExpires: true });
      const result = await rotateToken(manager, { tenantId, tokenId: old.id, deleteOld: false, now: NOW });
      const successor = serverToken(result.outcome.token.id)!;
      assert.equal(successor.expirationDate, null);
      assert.equal(successor.userAwareTokenNeverExpires, true);
    });
  });

  describe('rotateTenantCredentials', () => {
    it('switches the stored credentials to a proven successor, then deletes the old token with the new credentials', async () => {
      await start();
      fake.resetRequests();
      const result = await rotateTenantCredentials(manager, tenantId, { now: NOW });
      assert.equal(result.old.id, signIn.id);
      assert.equal(await manager.signInClientId(tenantId), result.successor.id);
      assert.equal(serverToken(signIn.id), undefined);
      const successor = serverToken(result.successor.id)!;
      assert.deepEqual(successor.scope, ['sp:my-personal-access-tokens:manage']);
      assert.equal(successor.accessTokenValiditySeconds, 1800);
      const deleteAt = fake.requests.findIndex((request) => request.method === 'DELETE');
      const lastSignIn = fake.requests.slice(0, deleteAt).filter((request) => request.path === '/oauth/token').pop();
      assert.equal(new URLSearchParams(lastSignIn?.body).get('client_id'), successor.id, 'the old token was deleted with the new credentials');
      assert.deepEqual(await listWithFreshSignIn(), ['VS Code (rotated 2026-11-28)']);
      assert.equal(fake.requests.at(-2)?.path, '/oauth/token');
      assert.equal(new URLSearchParams(fake.requests.at(-2)?.body).get('client_id'), successor.id);
    });

    it('explains that API-client credentials are rotated in the admin UI', async () => {
      await start();
      const apiClient = fake.addApiClient(ada.id);
      await manager.updateCredentials(tenantId, apiClient);
      const error = await rejection(rotateTenantCredentials(manager, tenantId));
      assert.match(error.message, /API client.*admin UI/);
      assert.equal(fake.count({ method: 'POST', path: '/v3/personal-access-tokens' }), 0);
    });

    it('keeps the old credentials and deletes the successor when it cannot sign in', async () => {
      await start();
      await manager.listTokens(tenantId);
      fake.inject({ fault: { kind: 'status', status: 500 }, match: { method: 'POST', path: '/oauth/token' }, times: 4 });
      const error = await rejection(rotateTenantCredentials(manager, tenantId, { now: NOW }));
      assert.match(error.message, /keeps its old credentials .*was deleted again/);
      assert.notEqual(error.kind, 'credentials-rejected');
      assert.equal(await manager.signInClientId(tenantId), signIn.id);
      assert.deepEqual(fake.tokens().map((each) => each.id), [signIn.id]);
      assert.deepEqual(await listWithFreshSignIn(), ['VS Code']);
    });

    it('keeps the old credentials and deletes the successor when the switch cannot be stored', async () => {
      await start();
      secrets.failStore = (key) => key === credentialsKey(tenantId);
      const error = await rejection(rotateTenantCredentials(manager, tenantId, { now: NOW }));
      assert.match(error.message, /keeps its old credentials/);
      secrets.failStore = () => false;
      assert.equal(await manager.signInClientId(tenantId), signIn.id);
      assert.deepEqual(fake.tokens().map((each) => each.id), [signIn.id]);
      assert.deepEqual(await listWithFreshSignIn(), ['VS Code']);
    });

    it('says the successor still exists when deleting it after a failed switch fails too', async () => {
      await start();
      await manager.listTokens(tenantId);
      fake.inject({ fault: { kind: 'status', status: 400, body: '{"error":"invalid_client"}' }, match: { method: 'POST', path: '/oauth/token' } });
      fake.inject({ fault: { kind: 'status', status: 403 }, match: { method: 'DELETE' } });
      const error = await rejection(rotateTenantCredentials(manager, tenantId, { now: NOW }));
      assert.equal(error.kind, 'http', 'no "update credentials" offer: the stored ones still work');
      assert.match(error.message, /keeps its old credentials.*failed too .*still exists: delete it yourself/);
      assert.equal(await manager.signInClientId(tenantId), signIn.id);
      assert.deepEqual((await listWithFreshSignIn()).sort(), ['VS Code', 'VS Code (rotated 2026-11-28)']);
    });

    it('keeps the new credentials and says the old token still exists when deleting it fails', async () => {
      await start();
      fake.inject({ fault: { kind: 'status', status: 500 }, match: { method: 'DELETE' }, times: 4 });
      const error = await rejection(rotateTenantCredentials(manager, tenantId, { now: NOW }));
      assert.match(error.message, /now signs in with the new token .*old token "VS Code" failed, so it still exists/);
      const successor = fake.tokens().find((each) => each.id !== signIn.id)!;
      assert.equal(await manager.signInClientId(tenantId), successor.id);
      assert.deepEqual(await listWithFreshSignIn(), ['VS Code', 'VS Code (rotated 2026-11-28)']);
      assert.equal(new URLSearchParams(fake.requests.at(-2)?.body).get('client_id'), successor.id);
    });

    it('explains the limit without offering to delete the token the tenant signs in with', async () => {
      await start();
      for (let index = 1; index < MAX_TOKENS_PER_OWNER; index++) fake.addToken(ada.id, { name: `token ${index}` });
      const error = await rejection(rotateTenantCredentials(manager, tenantId));
      assert.ok(error instanceof TokenLimitError && error.forTenantCredentials);
      assert.doesNotMatch(error.message, /delete the old token first/);
      assert.equal(fake.tokens().length, MAX_TOKENS_PER_OWNER);
      assert.equal(await manager.signInClientId(tenantId), signIn.id);
    });

    it('never leaves a cancelled rotation half done: cancelling before the create changes nothing', async () => {
      await start();
      const abort = new AbortController();
      abort.abort(new PatError('cancelled', 'Cancelled.'));
      const error = await rejection(rotateTenantCredentials(manager, tenantId, {}, abort.signal));
      assert.ok(isPatError(error, 'cancelled'));
      assert.deepEqual(fake.tokens().map((each) => each.id), [signIn.id]);
    });
  });
});

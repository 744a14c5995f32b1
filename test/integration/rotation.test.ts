// Rotating a token and a tenant's own credentials through the automation contract, including every failure point:
// afterwards the tokens are listed with a freshly minted access token, which proves the stored credentials work.
import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { FakeTenant, type FakeIdentity, type FakeToken } from '../fake-tenant/server';
import { canarySecret, rejectsWith, rememberSecret, removeAllTenants, run, tokensOf } from './helpers';

const ROTATED = / \(rotated \d{4}-\d{2}-\d{2}\)$/;

async function addTenant(fake: FakeTenant, credentials: { clientId: string; clientSecret: string }, displayName: string): Promise<string> {
  const result = await run<{ tenantId: string }>('sailpointPat.addTenant', { url: fake.baseUrl, displayName, ...credentials });
  return result.tenantId;
}

function addPat(fake: FakeTenant, owner: FakeIdentity, name: string, fields: Partial<FakeToken> = {}): FakeToken {
  const token = fake.addToken(owner.id, { name, scope: ['sp:scopes:default'], secret: canarySecret('rotation-seed'), ...fields });
  return token;
}

function serverToken(fake: FakeTenant, id: string): FakeToken | undefined {
  return fake.tokens().find((token) => token.id === id);
}

function rememberAll(fake: FakeTenant): void {
  fake.tokens().forEach((token) => rememberSecret(token.secret));
}

/** Lists with a new access token, so the tenant's stored credentials themselves must work. */
async function listWithFreshSignIn(fake: FakeTenant, tenantId: string): Promise<Map<string, vscode.TreeItem>> {
  fake.expireAccessTokens();
  await run('sailpointPat.refresh', { tenantId });
  const tokens = await tokensOf(tenantId);
  assert.ok(tokens.size > 0, 'the tenant lists no tokens: its credentials do not work');
  return tokens;
}

function signInNodeName(tokens: Map<string, vscode.TreeItem>): string | undefined {
  return [...tokens].find(([, item]) => /\+own\b/.test(item.contextValue ?? ''))?.[0];
}

function lastSignInClientId(fake: FakeTenant): string | null {
  const signIn = fake.requests.filter((request) => request.path === '/oauth/token' && request.status === 200).pop();
  return new URLSearchParams(signIn?.body ?? '').get('client_id');
}

describe('rotation', function () {
  this.timeout(40_000);
  let fake: FakeTenant;
  let ada: FakeIdentity;
  let tenantId: string;

  before(async () => {
    await removeAllTenants();
    fake = await FakeTenant.start();
    ada = fake.addIdentity('Ada Admin', { admin: true });
    const signIn = addPat(fake, ada, 'VS Code sign-in', { scope: ['sp:my-personal-access-tokens:manage'], accessTokenValiditySeconds: 1800 });
    tenantId = await addTenant(fake, { clientId: signIn.id, clientSecret: signIn.secret }, 'Rotation');
  });

  afterEach(() => {
    fake.clearFaults();
    rememberAll(fake);
  });

  after(async () => {
    await removeAllTenants();
    await fake.stop();
  });

  describe('rotateToken', () => {
    let pipeline: FakeToken;

    it('keeps the old token with deleteOld: false; the successor has the same scopes and validity and a stored secret', async () => {
      pipeline = addPat(fake, ada, 'CI pipeline', { scope: ['idn:sources:read', 'sp:scopes:default'], accessTokenValiditySeconds: 900 });
      const result = await run<Record<string, unknown>>('sailpointPat.rotateToken', { tenantId, tokenId: pipeline.id, deleteOld: false });
      assert.deepEqual(Object.keys(result), ['tokenId']);
      const successor = serverToken(fake, String(result.tokenId));
      assert.ok(successor);
      rememberSecret(successor.secret);
      assert.match(successor.name, ROTATED);
      assert.deepEqual(successor.scope, ['idn:sources:read', 'sp:scopes:default']);
      assert.equal(successor.accessTokenValiditySeconds, 900);
      assert.ok(serverToken(fake, pipeline.id), 'the old token was kept');
      const tokens = await tokensOf(tenantId);
      assert.ok(tokens.has('CI pipeline'));
      assert.equal(tokens.get(successor.name)?.contextValue, 'token+secret');
      await run('sailpointPat.deleteToken', { tenantId, tokenId: successor.id });
    });

    it('deletes the old token with deleteOld: true, after the successor exists under the chosen name', async () => {
      const result = await run<{ tokenId: string }>('sailpointPat.rotateToken', { tenantId, tokenId: pipeline.id, name: 'CI pipeline v2', deleteOld: true });
      assert.equal(serverToken(fake, pipeline.id), undefined);
      assert.equal(serverToken(fake, result.tokenId)?.name, 'CI pipeline v2');
      const posted = fake.requests.findIndex((request) => request.method === 'POST' && request.path === '/v3/personal-access-tokens');
      const deleted = fake.requests.findIndex((request) => request.method === 'DELETE' && request.path.endsWith(pipeline.id));
      assert.ok(posted >= 0 && deleted > posted, 'the delete came after the create');
      const tokens = await tokensOf(tenantId);
      assert.ok(!tokens.has('CI pipeline'));
      assert.equal(tokens.get('CI pipeline v2')?.contextValue, 'token+secret');
      pipeline = serverToken(fake, result.tokenId)!;
    });

    it('keeps the successor and says the old token still exists when the delete fails', async () => {
      fake.inject({ fault: { kind: 'status', status: 500 }, match: { method: 'DELETE' }, times: 4 });
      await rejectsWith('sailpointPat.rotateToken', { tenantId, tokenId: pipeline.id, name: 'CI pipeline v3', deleteOld: true }, /old token "CI pipeline v2" failed, so the old token still exists/);
      assert.ok(serverToken(fake, pipeline.id), 'the old token still exists');
      const successor = fake.tokens().find((token) => token.name === 'CI pipeline v3');
      assert.ok(successor, 'the successor was kept');
      const tokens = await tokensOf(tenantId);
      assert.ok(tokens.has('CI pipeline v2'));
      assert.equal(tokens.get('CI pipeline v3')?.contextValue, 'token+secret', 'the successor\'s secret is stored');
    });

    it("refuses another owner's token and the tenant's own sign-in token, creating nothing", async () => {
      const bob = fake.addIdentity('Bob');
      const bobs = addPat(fake, bob, 'bobs-script');
      const before = fake.tokens().length;
      await rejectsWith('sailpointPat.rotateToken', { tenantId, tokenId: bobs.id, deleteOld: true }, /not one of your own tokens/);
      const own = fake.tokens().find((token) => token.name === 'VS Code sign-in')!;
      await rejectsWith('sailpointPat.rotateToken', { tenantId, tokenId: own.id, deleteOld: true }, /Rotate Tenant Credentials/);
      await rejectsWith('sailpointPat.rotateToken', { tenantId, tokenId: pipeline.id }, /"deleteOld" must be true or false/);
      assert.equal(fake.tokens().length, before);
    });

    it('explains the 10-token limit with a way forward instead of creating a token', async () => {
      const mine = fake.tokens().filter((token) => token.ownerId === ada.id).length;
      for (let index = mine; index < 10; index++) addPat(fake, ada, `filler ${index}`);
      await rejectsWith(
        'sailpointPat.rotateToken',
        { tenantId, tokenId: pipeline.id, deleteOld: true },
        /already have 10 personal access tokens, the most a user may hold.*Find Unused Tokens.*delete the old token first/,
      );
      await rejectsWith('sailpointPat.rotateTenantCredentials', { tenantId }, /already have 10 personal access tokens(?!.*delete the old token first)/);
      assert.equal(fake.tokens().filter((token) => token.ownerId === ada.id).length, 10);
      for (const filler of fake.tokens().filter((token) => token.name.startsWith('filler '))) {
        await run('sailpointPat.deleteToken', { tenantId, tokenId: filler.id });
      }
    });

    it("turns the server's 400 at a lower cap into the same explanation, not a raw 400", async () => {
      const capped = await FakeTenant.start({ maxTokensPerOwner: 2 });
      try {
        const carol = capped.addIdentity('Carol');
        const signIn = addPat(capped, carol, 'carol-sign-in');
        const other = addPat(capped, carol, 'carol-script');
        const cappedId = await addTenant(capped, { clientId: signIn.id, clientSecret: signIn.secret }, 'Capped');
        await rejectsWith('sailpointPat.rotateToken', { tenantId: cappedId, tokenId: other.id, deleteOld: false }, /already have 2 personal access tokens, the most a user may hold/);
        assert.equal(capped.tokens().length, 2);
        await run('sailpointPat.removeTenant', { tenantId: cappedId });
      } finally {
        await capped.stop();
      }
    });
  });

  describe('rotateTenantCredentials', () => {
    it('switches the tenant to a proven successor and deletes the old sign-in token with the new credentials', async () => {
      const old = fake.tokens().find((token) => token.name === 'VS Code sign-in')!;
      const { tokenId } = await run<{ tokenId: string }>('sailpointPat.rotateTenantCredentials', { tenantId });
      const successor = serverToken(fake, tokenId);
      assert.ok(successor);
      rememberSecret(successor.secret);
      assert.equal(serverToken(fake, old.id), undefined, 'the old sign-in token is deleted');
      assert.deepEqual(successor.scope, ['sp:my-personal-access-tokens:manage']);
      assert.equal(successor.accessTokenValiditySeconds, 1800);
      const deleteAt = fake.requests.findIndex((request) => request.method === 'DELETE' && request.path.endsWith(old.id));
      const signInBefore = fake.requests.slice(0, deleteAt).filter((request) => request.path === '/oauth/token').pop();
      assert.equal(new URLSearchParams(signInBefore?.body ?? '').get('client_id'), successor.id, 'the old token was deleted with the new credentials');
      const tokens = await listWithFreshSignIn(fake, tenantId);
      assert.equal(signInNodeName(tokens), successor.name);
      assert.equal(lastSignInClientId(fake), successor.id);
    });

    it('keeps the old credentials and deletes the successor when the successor cannot sign in', async () => {
      await listWithFreshSignIn(fake, tenantId);
      const before = fake.tokens().map((token) => token.id).sort();
      const signInName = signInNodeName(await tokensOf(tenantId));
      // The tenant's access token is cached, so the next sign-in is the successor's proof.
      fake.inject({ fault: { kind: 'status', status: 500 }, match: { method: 'POST', path: '/oauth/token' }, times: 4 });
      await rejectsWith('sailpointPat.rotateTenantCredentials', { tenantId }, /keeps its old credentials .*The new token .* was deleted again/);
      assert.deepEqual(fake.tokens().map((token) => token.id).sort(), before, 'no token added or lost');
      fake.clearFaults();
      const tokens = await listWithFreshSignIn(fake, tenantId);
      assert.equal(signInNodeName(tokens), signInName);
      assert.equal(lastSignInClientId(fake), fake.tokens().find((token) => token.name === signInName)?.id);
    });

    it('keeps the new credentials and says the old token still exists when deleting it fails', async () => {
      const oldName = signInNodeName(await tokensOf(tenantId))!;
      fake.inject({ fault: { kind: 'status', status: 500 }, match: { method: 'DELETE' }, times: 4 });
      await rejectsWith('sailpointPat.rotateTenantCredentials', { tenantId }, /now signs in with the new token .*but deleting the old token .* failed, so it still exists/);
      fake.clearFaults();
      const tokens = await listWithFreshSignIn(fake, tenantId);
      assert.ok(tokens.has(oldName), 'the old token still exists');
      const newName = signInNodeName(tokens);
      assert.ok(newName !== undefined && newName !== oldName, 'the tenant signs in with the successor');
      assert.equal(lastSignInClientId(fake), fake.tokens().find((token) => token.name === newName)?.id);
    });

    it('explains that a tenant signing in with an API client is rotated in the admin UI', async () => {
      const apiClient = fake.addApiClient(ada.id);
      rememberSecret(apiClient.clientSecret);
      const before = fake.tokens().length;
      await run('sailpointPat.updateCredentials', { tenantId, ...apiClient });
      await rejectsWith('sailpointPat.rotateTenantCredentials', { tenantId }, /API client.*admin UI/);
      assert.equal(fake.tokens().length, before);
      await rejectsWith('sailpointPat.rotateTenantCredentials', { tenantId: 'no-such-tenant' }, /No tenant/);
    });
  });
});

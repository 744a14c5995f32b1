// One tenant session in the real VS Code: its own SecretStorage writes cost no sign-in and no 429 pause, and ids from
// argument objects never reach a URL. Counted at the fake tenant, which sees every request.
import * as assert from 'node:assert/strict';
import { FakeTenant } from '../fake-tenant/server';
import { rejectsWith, rememberSecret, run, sleep, tokensOf } from './helpers';
import { withTenant } from './withTenant';

const SIGN_IN = { method: 'POST', path: '/oauth/token' };
/** Long enough for SecretStorage.onDidChange to reach the extension host after a write. */
const EVENT_DELIVERY_MS = 400;

describe('one tenant session', () => {
  let fake: FakeTenant;
  let tenantId: string;

  withTenant({ displayName: 'Session', signInToken: { name: 'VS Code sign-in' } }, (added) => ({ fake, tenantId } = added));

  async function createToken(name: string): Promise<string> {
    const { tokenId } = await run<{ tokenId: string }>('sailpointPat.createToken', { tenantId, name, scope: ['sp:scopes:default'] });
    rememberSecret(fake.tokens().find((token) => token.id === tokenId)!.secret);
    return tokenId;
  }

  it('signs in once for create, copy secret, rename, delete and refresh', async () => {
    fake.resetRequests();
    await tokensOf(tenantId);
    const tokenId = await createToken('session-token');
    await sleep(EVENT_DELIVERY_MS);
    await run('sailpointPat.copyTokenSecret', { tenantId, tokenId });
    await run('sailpointPat.renameToken', { tenantId, tokenId, name: 'session-token-renamed' });
    await sleep(EVENT_DELIVERY_MS);
    await run('sailpointPat.deleteToken', { tenantId, tokenId });
    await sleep(EVENT_DELIVERY_MS);
    await run('sailpointPat.refresh', { tenantId });
    assert.ok(!(await tokensOf(tenantId)).has('session-token-renamed'));
    assert.equal(fake.count({ method: 'DELETE' }), 1, 'the session really ran');
    assert.equal(fake.count(SIGN_IN), 1, 'one sign-in serves the whole session');
  });

  it("keeps the tenant's 429 pause when a secret is written meanwhile", async () => {
    const tokenId = await createToken('paused-token');
    fake.resetRequests();
    fake.inject({ fault: { kind: 'rate-limit', retryAfter: '3' }, match: { method: 'PATCH' } });
    const renaming = run('sailpointPat.renameToken', { tenantId, tokenId, name: 'paused-token-renamed' });
    for (let waited = 0; !fake.requests.some((request) => request.status === 429); waited += 20) {
      assert.ok(waited < 5000, 'the rename never reached the tenant');
      await sleep(20);
    }
    const limitedAt = fake.requests.find((request) => request.status === 429)!.at;
    await run('sailpointPat.forgetTokenSecret', { tenantId, tokenId });
    await sleep(EVENT_DELIVERY_MS);
    // Lists at once, outside the tree: the request goes out as soon as the tenant's gate lets it.
    await run('sailpointPat.findUnusedTokens', { tenantId, neverUsed: true });
    await renaming;
    const early = fake.requests.filter((request) => request.at > limitedAt && request.at - limitedAt < 2500);
    assert.deepEqual(early.map((request) => `${request.method} ${request.path} after ${request.at - limitedAt} ms`), [], 'a request went out during the pause');
    assert.ok(fake.count({ method: 'GET' }) >= 1, 'the search did list');
    assert.ok((await tokensOf(tenantId)).has('paused-token-renamed'));
  });

  it('refuses token ids that would walk the URL, with a clear message and no request', async () => {
    fake.resetRequests();
    for (const tokenId of ['.', '..', '../..', '%2e%2e', 'a/b', '?', '#', ' ', 'x'.repeat(129)]) {
      const why = /"tokenId" must be an id of 1 to 128 letters, digits|"tokenId" must be a non-empty string/;
      await rejectsWith('sailpointPat.renameToken', { tenantId, tokenId, name: 'walked' }, why);
      await rejectsWith('sailpointPat.editTokenScopes', { tenantId, tokenId, scope: ['sp:scopes:default'] }, why);
      await rejectsWith('sailpointPat.deleteToken', { tenantId, tokenId }, why);
      await rejectsWith('sailpointPat.rotateToken', { tenantId, tokenId, deleteOld: true }, why);
      await rejectsWith('sailpointPat.copyTokenSecret', { tenantId, tokenId }, why);
      await rejectsWith('sailpointPat.deleteTokens', { items: [{ tenantId, tokenId }] }, /"items" must be .* valid ids/);
    }
    assert.deepEqual(fake.requests.map((request) => `${request.method} ${request.path}`), [], 'no request reached the tenant');
  });
});

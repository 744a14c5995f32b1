// A tenant that rejects the credentials or cannot be reached shows it in the tree, with the fix as a child.
import * as assert from 'node:assert/strict';
import { FakeTenant } from '../fake-tenant/server';
import { canarySecret, children, labelOf, rememberSecret, removeAllTenants, run, tenantElement, tokensOf } from './helpers';

async function addTenant(fake: FakeTenant, clientId: string, clientSecret: string, displayName: string): Promise<string> {
  const result = await run<{ tenantId: string }>('sailpointPat.addTenant', { url: fake.baseUrl, displayName, clientId, clientSecret });
  return result.tenantId;
}

describe('error states in the tree', () => {
  before(removeAllTenants);
  after(removeAllTenants);

  it('rejected credentials: the tenant says so and its child offers Update Credentials, which fixes it', async () => {
    const fake = await FakeTenant.start();
    try {
      const owner = fake.addIdentity('Carol');
      const signIn = fake.addToken(owner.id, { name: 'carol-sign-in', secret: canarySecret('carol-sign-in') });
      const tenantId = await addTenant(fake, signIn.id, signIn.secret, 'Carol');
      fake.addToken(owner.id, { name: 'carols-token', secret: canarySecret('carol-token') });
      const tokens = await tokensOf(tenantId);
      assert.equal(tokens.get('carol-sign-in')?.contextValue, 'token+own');
      assert.ok(tokens.has('carols-token'));

      // Deleting the token the tenant signs in with locks the extension out once its access token expires.
      await run('sailpointPat.deleteToken', { tenantId, tokenId: signIn.id });
      fake.expireAccessTokens();
      await run('sailpointPat.refresh', { tenantId });

      const [problem, ...rest] = await children(await tenantElement(tenantId));
      assert.equal(rest.length, 0);
      assert.equal(problem.contextValue, 'message+updateCredentials');
      assert.match(labelOf(problem), /Credentials rejected/);
      assert.equal(problem.command?.command, 'sailpointPat.updateCredentials');
      assert.equal((await tenantElement(tenantId)).contextValue, 'tenant+credentials-rejected');

      const replacement = fake.addApiClient(owner.id);
      rememberSecret(replacement.clientSecret);
      await run('sailpointPat.updateCredentials', { tenantId, ...replacement });
      assert.ok((await tokensOf(tenantId)).has('carols-token'));
      assert.equal((await tenantElement(tenantId)).contextValue, 'tenant+ok');
    } finally {
      await fake.stop();
    }
  });

  it('unreachable: the tenant says so and its child offers Retry; no pop-up, no exception out of the tree', async () => {
    const fake = await FakeTenant.start();
    const owner = fake.addIdentity('Dave');
    const credentials = fake.addApiClient(owner.id);
    rememberSecret(credentials.clientSecret);
    const tenantId = await addTenant(fake, credentials.clientId, credentials.clientSecret, 'Dave');
    await fake.stop();
    await run('sailpointPat.refresh', { tenantId });

    const [problem, ...rest] = await children(await tenantElement(tenantId));
    assert.equal(rest.length, 0);
    assert.equal(problem.contextValue, 'message+retry');
    assert.equal(problem.command?.command, 'sailpointPat.refresh');
    assert.equal((await tenantElement(tenantId)).contextValue, 'tenant+unreachable');
    await assert.rejects(() => Promise.resolve(run('sailpointPat.createToken', { tenantId, name: 'x', scope: ['sp:scopes:default'] })));
  });
});

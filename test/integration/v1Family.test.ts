// The v1 API family in the UI: never-expiring tokens only when asked for explicitly, Change Expiry, and v3's refusal.
import * as assert from 'node:assert/strict';
import { FakeTenant, type FakeToken } from '../fake-tenant/server';
import { canarySecret, rejectsWith, rememberSecret, removeAllTenants, run, tokensOf } from './helpers';

const DAY = 86_400_000;

function isoDay(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

describe('the v1 API family', function () {
  this.timeout(30_000);
  let fake: FakeTenant;
  let v1TenantId: string;
  let v3TenantId: string;
  let foreverId: string;

  function serverToken(id: string): FakeToken {
    const token = fake.tokens().find((each) => each.id === id);
    assert.ok(token, `the fake tenant has no token ${id}`);
    return token;
  }

  before(async () => {
    await removeAllTenants();
    fake = await FakeTenant.start();
    const ada = fake.addIdentity('Ada Admin', { admin: true });
    const signIn = fake.addToken(ada.id, { name: 'v1 sign-in', secret: canarySecret('v1-sign-in') });
    const credentials = { clientId: signIn.id, clientSecret: signIn.secret };
    ({ tenantId: v1TenantId } = await run<{ tenantId: string }>('sailpointPat.addTenant', { url: fake.baseUrl, displayName: 'Successor API', apiFamily: 'v1', ...credentials }));
    // One URL is one tenant: the same fake tenant at its second address.
    ({ tenantId: v3TenantId } = await run<{ tenantId: string }>('sailpointPat.addTenant', { url: await fake.secondBaseUrl(), displayName: 'Classic API', apiFamily: 'v3', ...credentials }));
  });

  afterEach(() => {
    fake.tokens().forEach((token) => rememberSecret(token.secret));
  });

  after(async () => {
    await removeAllTenants();
    await fake.stop();
  });

  it('refuses to create a v1 token without an expiry unless neverExpires: true acknowledges it', async () => {
    await rejectsWith('sailpointPat.createToken', { tenantId: v1TenantId, name: 'forever', scope: ['sp:scopes:default'] }, /"neverExpires": true/);
    await rejectsWith(
      'sailpointPat.createToken',
      { tenantId: v1TenantId, name: 'forever', scope: ['sp:scopes:default'], neverExpires: true, expirationDate: '2030-01-01T00:00:00Z' },
      /either "expirationDate" or "neverExpires"/,
    );
    await rejectsWith('sailpointPat.createToken', { tenantId: v1TenantId, name: 'forever', scope: ['sp:scopes:default'], neverExpires: 'yes' }, /"neverExpires" must be true or false/);
    assert.ok(!fake.tokens().some((token) => token.name === 'forever'));
  });

  it('creates a never-expiring v1 token with neverExpires: true, sending userAwareTokenNeverExpires', async () => {
    const { tokenId } = await run<{ tokenId: string }>('sailpointPat.createToken', { tenantId: v1TenantId, name: 'forever', scope: ['sp:scopes:default'], neverExpires: true });
    foreverId = tokenId;
    const created = serverToken(tokenId);
    assert.equal(created.expirationDate, null);
    assert.equal(created.userAwareTokenNeverExpires, true);
    const body = JSON.parse(fake.requests.filter((request) => request.method === 'POST' && request.path === '/personal-access-tokens/v1').pop()!.body);
    assert.equal(body.userAwareTokenNeverExpires, true);
    assert.equal('expirationDate' in body, false);
    const node = (await tokensOf(v1TenantId)).get('forever');
    assert.equal(node?.contextValue, 'token+secret+v1');
    assert.match(String(node?.description), /never expires$/);
  });

  it('editTokenExpiry sets a date on a v1 token', async () => {
    const day = isoDay(Date.now() + 30 * DAY);
    await run('sailpointPat.editTokenExpiry', { tenantId: v1TenantId, tokenId: foreverId, expirationDate: day });
    const token = serverToken(foreverId);
    assert.equal(token.expirationDate, `${day}T23:59:59.000Z`);
    assert.equal(token.userAwareTokenNeverExpires, false);
    assert.match(String((await tokensOf(v1TenantId)).get('forever')?.description), /expires in (30|29) days$/);
  });

  it('editTokenExpiry with null makes the token never expire, acknowledging it in the same patch', async () => {
    await run('sailpointPat.editTokenExpiry', { tenantId: v1TenantId, tokenId: foreverId, expirationDate: null });
    const token = serverToken(foreverId);
    assert.equal(token.expirationDate, null);
    assert.equal(token.userAwareTokenNeverExpires, true);
    const patch = JSON.parse(fake.requests.filter((request) => request.method === 'PATCH').pop()!.body);
    assert.deepEqual(patch, [
      { op: 'replace', path: '/userAwareTokenNeverExpires', value: true },
      { op: 'replace', path: '/expirationDate', value: null },
    ]);
    assert.match(String((await tokensOf(v1TenantId)).get('forever')?.description), /never expires$/);
  });

  it('editTokenExpiry refuses a past date, a missing argument and a bad one, changing nothing', async () => {
    await rejectsWith('sailpointPat.editTokenExpiry', { tenantId: v1TenantId, tokenId: foreverId, expirationDate: '2001-01-01' }, /must be in the future/);
    await rejectsWith('sailpointPat.editTokenExpiry', { tenantId: v1TenantId, tokenId: foreverId }, /"expirationDate" must be a date-time string, or null/);
    await rejectsWith('sailpointPat.editTokenExpiry', { tenantId: v1TenantId, tokenId: foreverId, expirationDate: 'next tuesday' }, /ISO date-time/);
    assert.equal(serverToken(foreverId).expirationDate, null);
  });

  it('rotating a never-expiring v1 token gives a successor that never expires either', async () => {
    const { tokenId } = await run<{ tokenId: string }>('sailpointPat.rotateToken', { tenantId: v1TenantId, tokenId: foreverId, deleteOld: true });
    const successor = serverToken(tokenId);
    assert.equal(successor.expirationDate, null);
    assert.equal(successor.userAwareTokenNeverExpires, true);
    assert.ok(!fake.tokens().some((token) => token.id === foreverId));
    foreverId = tokenId;
  });

  it('on v3: no never-expiring tokens, no expiry changes, and no +v1 in the context value', async () => {
    await rejectsWith('sailpointPat.editTokenExpiry', { tenantId: v3TenantId, tokenId: foreverId, expirationDate: null }, /v3 API cannot change a token's expiry/);
    await rejectsWith('sailpointPat.createToken', { tenantId: v3TenantId, name: 'forever3', scope: ['sp:scopes:default'], neverExpires: true }, /v1 API family/);
    assert.equal(serverToken(foreverId).expirationDate, null);
    assert.ok(!fake.tokens().some((token) => token.name === 'forever3'));
    const v3Token = [...(await tokensOf(v3TenantId)).values()].find((item) => item.id?.endsWith(foreverId));
    assert.ok(v3Token);
    assert.doesNotMatch(v3Token.contextValue ?? '', /\+v1\b/);
  });
});

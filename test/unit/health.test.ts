// Token health in core: over the fake tenant, a token for each flag and one with none, owners looked up where the
// list holds others' tokens, and a tenant that fails reported while the others are counted.
import * as assert from 'node:assert/strict';
import { collectHealth, HEALTH_FLAGS, isRiskiest, tokenFlags, type HealthFlag, type HealthReport } from '../../src/core/ops/health';
import { PatService } from '../../src/core/patService';
import { silentLogger } from '../../src/core/ports';
import { FakeTenant, type FakeIdentity } from '../fake-tenant/server';
import { rejection } from './helpers/assertions';
import { MemoryKeyValueStore, MemorySecretStore } from './helpers/memoryStores';

const DAY = 86_400_000;

function daysFromNow(days: number): string {
  return new Date(Date.now() + days * DAY).toISOString();
}

describe('token health', () => {
  let fake: FakeTenant;
  let ada: FakeIdentity;
  let service: PatService;
  const settings = (): { now: number; expiryWarningDays: number; unusedDays: number } => ({ now: Date.now(), expiryWarningDays: 14, unusedDays: 90 });

  /** Used yesterday, created a week ago, expires in 100 days, one narrow scope: nothing to flag. */
  const healthy = (): Parameters<FakeTenant['addToken']>[1] => ({
    scope: ['idn:sources:read'],
    created: daysFromNow(-7),
    lastUsed: daysFromNow(-1),
    expirationDate: daysFromNow(100),
  });

  async function tenantSignedInAs(identity: FakeIdentity, apiFamily: 'v3' | 'v1' = 'v3'): Promise<string> {
    const pat = fake.addToken(identity.id, { ...healthy(), name: 'sign-in' });
    service = new PatService({ kv: new MemoryKeyValueStore(), secrets: new MemorySecretStore(), logger: silentLogger, http: { retry: { baseDelayMs: 5, maxAttempts: 2 } } });
    const tenant = await service.addTenant({ url: fake.baseUrl, apiFamily, credentials: { clientId: pat.id, clientSecret: pat.secret } });
    return tenant.id;
  }

  function flagsByName(report: HealthReport): Map<string, HealthFlag[]> {
    return new Map(report.tokens.map(({ token, flags }) => [token.name, flags]));
  }

  beforeEach(async () => {
    fake = await FakeTenant.start();
    ada = fake.addIdentity('Ada Admin', { admin: true });
  });

  afterEach(async () => {
    await fake.stop();
  });

  it('gives each token exactly its own flag, and none to a healthy one', async () => {
    fake.addToken(ada.id, { ...healthy(), name: 'healthy' });
    fake.addToken(ada.id, { ...healthy(), name: 'expired', expirationDate: daysFromNow(-2) });
    fake.addToken(ada.id, { ...healthy(), name: 'expiresSoon', expirationDate: daysFromNow(5) });
    fake.addToken(ada.id, { ...healthy(), name: 'neverExpires', expirationDate: null });
    fake.addToken(ada.id, { ...healthy(), name: 'neverUsed', lastUsed: null });
    fake.addToken(ada.id, { ...healthy(), name: 'unused', lastUsed: daysFromNow(-91) });
    fake.addToken(ada.id, { ...healthy(), name: 'allRights', scope: null });
    fake.addToken(ada.id, { ...healthy(), name: 'allRights explicit', scope: ['sp:scopes:all', 'idn:sources:read'] });
    const tenantId = await tenantSignedInAs(ada);
    const report = await collectHealth(service, service.listTenants(), settings());
    const flags = flagsByName(report);
    assert.deepEqual(flags.get('healthy'), []);
    assert.deepEqual(flags.get('sign-in'), []);
    for (const flag of ['expired', 'expiresSoon', 'neverExpires', 'neverUsed', 'unused', 'allRights'] as const) assert.deepEqual(flags.get(flag), [flag], flag);
    assert.deepEqual(flags.get('allRights explicit'), ['allRights']);
    assert.equal(report.tenants.length, 1);
    assert.equal(report.tenants[0].tenant.id, tenantId);
    assert.equal(report.tenants[0].total, 9);
    assert.deepEqual(report.tenants[0].flagged, { expired: 1, expiresSoon: 1, neverExpires: 1, neverUsed: 1, unused: 1, ownerInactive: 0, allRights: 2 });
    assert.deepEqual(report.failedTenants, []);
  });

  it('counts a token never used as unused only once it is older than the unused period', async () => {
    fake.addToken(ada.id, { ...healthy(), name: 'new and never used', lastUsed: null, created: daysFromNow(-10) });
    fake.addToken(ada.id, { ...healthy(), name: 'old and never used', lastUsed: null, created: daysFromNow(-120) });
    await tenantSignedInAs(ada);
    const flags = flagsByName(await collectHealth(service, service.listTenants(), settings()));
    assert.deepEqual(flags.get('new and never used'), ['neverUsed']);
    assert.deepEqual(flags.get('old and never used'), ['neverUsed', 'unused']);
    const shorter = flagsByName(await collectHealth(service, service.listTenants(), { ...settings(), unusedDays: 5 }));
    assert.deepEqual(shorter.get('new and never used'), ['neverUsed', 'unused']);
  });

  it("flags v1's never-expiring token with all rights as the riskiest", async () => {
    fake.addToken(ada.id, { ...healthy(), name: 'forever', expirationDate: null, userAwareTokenNeverExpires: true, scope: null });
    await tenantSignedInAs(ada, 'v1');
    const report = await collectHealth(service, service.listTenants(), settings());
    const forever = flagsByName(report).get('forever') ?? [];
    assert.deepEqual(forever, ['neverExpires', 'allRights']);
    assert.ok(isRiskiest(forever));
    assert.ok(!isRiskiest(flagsByName(report).get('sign-in') ?? []));
  });

  it('flags tokens of inactive and deleted owners when the tenant lists others, looking owners up once', async () => {
    const leaver = fake.addIdentity('Leaver Lea', { identityStatus: 'TERMINATED' });
    const gone = fake.addIdentity('Gone Gus');
    fake.addToken(leaver.id, { ...healthy(), name: 'lea-token' });
    fake.addToken(gone.id, { ...healthy(), name: 'gus-token' });
    fake.addToken(fake.addIdentity('Active Al').id, { ...healthy(), name: 'al-token' });
    fake.removeIdentity(gone.id);
    const tenantId = await tenantSignedInAs(ada);
    await service.setListQuery(tenantId, { owner: { kind: 'all' } });
    fake.resetRequests();
    const report = await collectHealth(service, service.listTenants(), settings());
    assert.equal(fake.count({ method: 'GET', path: '/identities/v1' }), 1);
    const flags = flagsByName(report);
    assert.deepEqual(flags.get('lea-token'), ['ownerInactive']);
    assert.deepEqual(flags.get('gus-token'), ['ownerInactive']);
    assert.deepEqual(flags.get('al-token'), []);
    const lea = report.tokens.find(({ token }) => token.name === 'lea-token');
    assert.equal(lea?.ownerStatus?.text, 'terminated');
    assert.equal(report.tenants[0].flagged.ownerInactive, 2);
  });

  it("lists by the tenant's own query: my tokens only, unless it lists all", async () => {
    fake.addToken(fake.addIdentity('Bob').id, { ...healthy(), name: 'bob-token', scope: null });
    const tenantId = await tenantSignedInAs(ada);
    assert.deepEqual([...flagsByName(await collectHealth(service, service.listTenants(), settings())).keys()], ['sign-in']);
    await service.setListQuery(tenantId, { owner: { kind: 'all' } });
    assert.deepEqual(flagsByName(await collectHealth(service, service.listTenants(), settings())).get('bob-token'), ['allRights']);
  });

  it('reports a failing tenant with its message and still counts the others, in the order given', async () => {
    const first = await tenantSignedInAs(ada);
    const broken = await service.addTenant({ url: fake.baseUrl, credentials: { clientId: fake.addToken(ada.id, healthy()).id, clientSecret: 'x'.repeat(32) } }).catch(() => undefined);
    assert.equal(broken, undefined, 'a wrong secret is refused when added');
    const other = await FakeTenant.start();
    try {
      const bea = other.addIdentity('Bea', { admin: true });
      const pat = other.addToken(bea.id, { ...healthy(), name: 'other sign-in' });
      const second = (await service.addTenant({ url: other.baseUrl, credentials: { clientId: pat.id, clientSecret: pat.secret } })).id;
      other.inject({ match: { method: 'GET', path: '/v3/personal-access-tokens' }, fault: { kind: 'status', status: 403, body: '{"messages":[{"text":"list refused"}]}' }, times: 5 });
      const report = await collectHealth(service, service.listTenants(), settings());
      assert.deepEqual(report.tenants.map(({ tenant }) => tenant.id), [first]);
      assert.equal(report.failedTenants.length, 1);
      assert.equal(report.failedTenants[0].tenant.id, second);
      assert.match(report.failedTenants[0].message, /list refused/);
    } finally {
      await other.stop();
    }
  });

  it('refuses an unused period or warning that is not a whole number of days in range', async () => {
    await tenantSignedInAs(ada);
    for (const unusedDays of [-1, 1.5, Number.NaN, 100_000]) {
      const error = await rejection(collectHealth(service, service.listTenants(), { ...settings(), unusedDays }));
      assert.equal(error.kind, 'invalid-input');
      assert.match(error.message, /whole number of days/);
    }
  });

  it('keeps the flags in one fixed order and ignores an unreadable last-use date', () => {
    const token = {
      id: 'a',
      name: 'odd',
      scope: [],
      owner: null,
      created: 'not a date',
      lastUsed: 'garbage',
      managed: false,
      accessTokenValiditySeconds: null,
      expirationDate: daysFromNow(-1),
      userAwareTokenNeverExpires: null,
    };
    assert.deepEqual(tokenFlags(token, settings(), { kind: 'gone', text: 'gone' }), ['expired', 'ownerInactive', 'allRights']);
    assert.deepEqual([...HEALTH_FLAGS], ['expired', 'expiresSoon', 'neverExpires', 'neverUsed', 'unused', 'ownerInactive', 'allRights']);
  });
});

// Owner hygiene in core: statuses looked up in counted batches against the fake tenant, the 10-token budget,
// whose tokens may be changed, and Find Unused Tokens' "owner inactive".
import * as assert from 'node:assert/strict';
import { IDENTITY_BATCH_SIZE } from '../../src/core/client/identitiesApi';
import { findUnusedTokens } from '../../src/core/ops/bulkDelete';
import { collectInventory, inventoryCsv, inventoryRows } from '../../src/core/ops/inventory';
import { isOthersToken, lookUpOwners, ownerStatusOf, tokenCountsByOwner } from '../../src/core/ops/owners';
import { PatService } from '../../src/core/patService';
import { silentLogger } from '../../src/core/ports';
import { budgetText, presentToken, tokenTooltipLines } from '../../src/ui/view/tokenPresentation';
import { FakeTenant, type FakeIdentity } from '../fake-tenant/server';
import { MemoryKeyValueStore, MemorySecretStore } from './helpers/memoryStores';

describe('owner hygiene', () => {
  let fake: FakeTenant;
  let service: PatService;
  let tenantId: string;
  let ada: FakeIdentity;

  async function signInAs(identity: FakeIdentity): Promise<string> {
    const pat = fake.addToken(identity.id, { name: `sign-in ${identity.name}` });
    service = new PatService({ kv: new MemoryKeyValueStore(), secrets: new MemorySecretStore(), logger: silentLogger, http: { retry: { baseDelayMs: 5, maxAttempts: 2 } } });
    const tenant = await service.addTenant({ url: fake.baseUrl, credentials: { clientId: pat.id, clientSecret: pat.secret } });
    await service.setListQuery(tenant.id, { owner: { kind: 'all' } });
    return tenant.id;
  }

  beforeEach(async () => {
    fake = await FakeTenant.start();
    ada = fake.addIdentity('Ada Admin', { admin: true });
    const gone = fake.addIdentity('Gone Gus');
    fake.addToken(fake.addIdentity('Leaver Lea', { identityStatus: 'TERMINATED' }).id, { name: 'lea-token', lastUsed: new Date().toISOString() });
    fake.addToken(fake.addIdentity('Lifecycle Lou', { lifecycleState: 'inactive' }).id, { name: 'lou-token', lastUsed: new Date().toISOString() });
    fake.addToken(fake.addIdentity('Loose Uma', { correlated: false }).id, { name: 'uma-token', lastUsed: new Date().toISOString() });
    fake.addToken(gone.id, { name: 'gus-token', lastUsed: new Date().toISOString() });
    fake.removeIdentity(gone.id);
    tenantId = await signInAs(ada);
  });

  afterEach(async () => {
    await fake.stop();
  });

  it('classifies identity statuses and lifecycle states', () => {
    assert.deepEqual(ownerStatusOf({ identityStatus: 'LOCKED', lifecycleState: 'active' }), { kind: 'inactive', text: 'locked' });
    assert.deepEqual(ownerStatusOf({ identityStatus: 'ACTIVE', lifecycleState: 'Terminated' }), { kind: 'inactive', text: 'lifecycle terminated' });
    assert.deepEqual(ownerStatusOf({ identityStatus: null, lifecycleState: null }), { kind: 'active', text: 'active' });
  });

  it('looks every owner up once, marks the deleted one gone, and counts uncorrelated identities as present', async () => {
    const tokens = await service.listTokens(tenantId);
    fake.resetRequests();
    const lookup = await lookUpOwners(service, tenantId, tokens);
    assert.equal(fake.count({ method: 'GET', path: '/identities/v1' }), 1);
    const byName = new Map(tokens.map((token) => [token.name, lookup.statuses.get(token.owner?.id ?? '')?.text]));
    assert.equal(byName.get('lea-token'), 'terminated');
    assert.equal(byName.get('lou-token'), 'lifecycle inactive');
    assert.equal(byName.get('gus-token'), 'gone');
    assert.equal(byName.get('uma-token'), 'active', 'defaultFilter=NONE was not sent: an uncorrelated owner looks deleted');
    assert.equal(fake.requests[0].query.defaultFilter, 'NONE');
  });

  it(`asks in batches of ${IDENTITY_BATCH_SIZE} ids: 250 owners take 3 requests, not 250`, async () => {
    for (let i = 0; i < 250; i++) fake.addToken(fake.addIdentity(`Owner ${i}`, { identityStatus: i === 249 ? 'DISABLED' : 'ACTIVE' }).id, { name: `t${i}` });
    const tokens = await service.listTokens(tenantId);
    fake.resetRequests();
    const lookup = await lookUpOwners(service, tenantId, tokens);
    assert.equal(fake.count({ path: '/identities/v1' }), 3);
    const last = tokens.find((token) => token.name === 't249');
    assert.equal(lookup.statuses.get(last?.owner?.id ?? '')?.kind, 'inactive');
    assert.ok(fake.requests.every((request) => request.status === 200));
  });

  it('without the right to read identities reports forbidden once and throws nothing', async () => {
    const reader = fake.addIdentity('Admin without identities', { admin: true, readsIdentities: false });
    tenantId = await signInAs(reader);
    const tokens = await service.listTokens(tenantId);
    const lookup = await lookUpOwners(service, tenantId, tokens);
    assert.equal(lookup.forbidden, true);
    assert.equal(lookup.statuses.size, 0);
    const inventory = await collectInventory(service);
    assert.match(inventory[0].ownerStatusProblem ?? '', /403/);
    assert.ok(inventoryRows(inventory).every((row) => row.ownerStatus === 'unknown'));
  });

  it('finds tokens of inactive or deleted owners as unused, and the inventory carries their status', async () => {
    const search = await findUnusedTokens(service, [service.getTenant(tenantId)], { neverUsed: false, ownerInactive: true }, Date.now());
    assert.deepEqual(search.found.map((each) => each.token.name).sort(), ['gus-token', 'lea-token', 'lou-token']);
    const csv = inventoryCsv(inventoryRows(await collectInventory(service)));
    assert.match(csv, /lea-token,Leaver Lea,[0-9a-f]{32},terminated,/);
    assert.match(csv, /gus-token,Gone Gus,[0-9a-f]{32},gone,/);
  });

  it('shows the status, the n/10 budget and the others flag on a token', () => {
    const token = { id: 'x', name: 'lea-token', scope: ['sp:scopes:default'], owner: { type: 'IDENTITY', id: 'lea', name: 'Lea' }, created: null, lastUsed: null, managed: false, accessTokenValiditySeconds: null, expirationDate: null, userAwareTokenNeverExpires: null };
    const owners = { statuses: new Map([['lea', { kind: 'inactive' as const, text: 'terminated' }]]), counts: tokenCountsByOwner(Array(10).fill(token)), callerIdentityId: 'ada' };
    const options = { now: Date.now(), expiryWarningDays: 14, secretStored: false, isOwnCredential: false, owners };
    const view = presentToken(token, options);
    assert.match(view.description, /^owner terminated · /);
    assert.equal(view.icon.id, 'person');
    assert.match(view.contextValue, /\+others\b/);
    const tooltip = tokenTooltipLines(token, options).map((line) => `${line.label}: ${line.value}`).join('\n');
    assert.match(tooltip, /Owner status: terminated: this token still works/);
    assert.match(tooltip, /Owner's tokens: 10\/10: at ISC's limit/);
    assert.ok(!presentToken(token, { ...options, owners: { ...owners, callerIdentityId: 'lea' } }).contextValue.includes('+others'));
    assert.equal(budgetText(3), '3/10');
    assert.equal(isOthersToken(token, null), false, 'an unknown caller must not hide the edits');
    // Never expiring with all rights outranks the owner in the icon; the description still names both.
    const riskiest = presentToken({ ...token, scope: null }, options);
    assert.equal(riskiest.icon.id, 'flame');
    assert.match(riskiest.description, /^riskiest · owner terminated · all rights · /);
  });
});

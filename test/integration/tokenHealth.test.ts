// Token Health in the real VS Code against the fake tenant: the automation contract's exact shape over two tenants
// (a token for each flag, one with none), one tenant by id, the unused-days setting, a failing tenant, hostile ids.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { FakeTenant, type FakeIdentity } from '../fake-tenant/server';
import { asPerson, canaries, canarySecret, ESCAPE, eventually, extensionApi, extensionLog, messagesIn, rejectsWith, rememberSecret, removeAllTenants, run, sleep, tokensOf, tooltipOf } from './helpers';

/** The overview's page as the extension set it; with a message, hands it over as if the page had posted it. */
function overview(message?: unknown): Thenable<{ open: boolean; html: string }> {
  return vscode.commands.executeCommand('sailpointPat.test.healthOverview', message === undefined ? undefined : { message });
}

const DAY = 86_400_000;
const FLAGS = ['expired', 'expiresSoon', 'neverExpires', 'neverUsed', 'unused', 'ownerInactive', 'allRights'];

interface HealthResult {
  tenants: { tenantId: string; total: number; flagged: Record<string, number> }[];
  tokens: { tenantId: string; tokenId: string; name: string; owner: { id: string; name: string | null; status?: string }; flags: string[] }[];
  failedTenants: { tenantId: string; message: string }[];
}

function daysFromNow(days: number): string {
  return new Date(Date.now() + days * DAY).toISOString();
}

/** Used yesterday, expires in 100 days, one narrow scope: nothing to flag. */
function healthy(name: string): Parameters<FakeTenant['addToken']>[1] {
  return { name, scope: ['idn:sources:read'], created: daysFromNow(-7), lastUsed: daysFromNow(-1), expirationDate: daysFromNow(100), secret: canarySecret(`token-health-${name.replace(/\W/g, '-')}`) };
}

describe('token health: the tokenHealth command', function () {
  this.timeout(60_000);
  let acme: FakeTenant;
  let sandbox: FakeTenant;
  let ada: FakeIdentity;
  let acmeId: string;
  let sandboxId: string;

  async function addTenant(fake: FakeTenant, owner: FakeIdentity, displayName: string): Promise<string> {
    const pat = fake.addToken(owner.id, healthy(`${displayName} sign-in`));
    rememberSecret(pat.secret);
    return (await run<{ tenantId: string }>('sailpointPat.addTenant', { url: fake.baseUrl, displayName, clientId: pat.id, clientSecret: pat.secret })).tenantId;
  }

  before(async () => {
    await removeAllTenants();
    acme = await FakeTenant.start();
    ada = acme.addIdentity('Ada Admin', { admin: true });
    const lea = acme.addIdentity('Lea Leaver', { identityStatus: 'TERMINATED' });
    acme.addToken(ada.id, healthy('healthy'));
    acme.addToken(ada.id, { ...healthy('expired'), expirationDate: daysFromNow(-2) });
    acme.addToken(ada.id, { ...healthy('expiresSoon'), expirationDate: daysFromNow(5) });
    acme.addToken(ada.id, { ...healthy('neverExpires'), expirationDate: null });
    acme.addToken(ada.id, { ...healthy('neverUsed'), lastUsed: null });
    acme.addToken(ada.id, { ...healthy('unused'), lastUsed: daysFromNow(-120) });
    acme.addToken(ada.id, { ...healthy('allRights'), scope: null });
    acme.addToken(ada.id, { ...healthy('<img src=x onerror=alert(1)>'), expirationDate: null, scope: ['sp:scopes:all'] });
    acme.addToken(lea.id, healthy('ownerInactive'));
    acmeId = await addTenant(acme, ada, 'Acme Health');
    await run('sailpointPat.setTenantListQuery', { tenantId: acmeId, query: { owner: { kind: 'all' } } });
    sandbox = await FakeTenant.start();
    const bea = sandbox.addIdentity('Bea Builder', { admin: true });
    sandbox.addToken(bea.id, { ...healthy('used ten days ago'), lastUsed: daysFromNow(-10) });
    sandboxId = await addTenant(sandbox, bea, 'Sandbox Health');
  });

  after(async () => {
    await vscode.workspace.getConfiguration('sailpointPat').update('unusedDays', undefined, vscode.ConfigurationTarget.Global);
    await removeAllTenants();
    await acme.stop();
    await sandbox.stop();
  });

  it('gives every tenant in the order of the tree, each token its own flags, and the exact shape of the contract', async () => {
    const result = await run<HealthResult>('sailpointPat.tokenHealth', {});
    assert.deepEqual(Object.keys(result).sort(), ['failedTenants', 'tenants', 'tokens']);
    assert.deepEqual(result.tenants.map((each) => each.tenantId), [acmeId, sandboxId]);
    const acmeSummary = result.tenants[0];
    assert.deepEqual(Object.keys(acmeSummary).sort(), ['flagged', 'tenantId', 'total']);
    assert.equal(acmeSummary.total, 10);
    assert.deepEqual(acmeSummary.flagged, { expired: 1, expiresSoon: 1, neverExpires: 2, neverUsed: 1, unused: 1, ownerInactive: 1, allRights: 2 });
    assert.deepEqual(Object.keys(acmeSummary.flagged), FLAGS);
    const byName = new Map(result.tokens.map((token) => [token.name, token]));
    for (const flag of FLAGS) assert.deepEqual(byName.get(flag)?.flags, [flag], flag);
    assert.deepEqual(byName.get('healthy')?.flags, []);
    assert.deepEqual(byName.get('<img src=x onerror=alert(1)>')?.flags, ['neverExpires', 'allRights'], 'a hostile name is data, returned as it is');
    const inactive = byName.get('ownerInactive');
    assert.deepEqual(Object.keys(inactive ?? {}).sort(), ['flags', 'name', 'owner', 'tenantId', 'tokenId']);
    assert.deepEqual(inactive?.owner, { id: inactive?.owner.id, name: 'Lea Leaver', status: 'terminated' });
    assert.equal(inactive?.tenantId, acmeId);
    assert.deepEqual(result.failedTenants, []);
    const json = JSON.stringify(result);
    for (const secret of canaries) assert.ok(!json.includes(secret), 'the result holds no secret');
  });

  it('checks one tenant given by id, and follows sailpointPat.unusedDays', async () => {
    const one = await run<HealthResult>('sailpointPat.tokenHealth', { tenantId: sandboxId });
    assert.deepEqual(one.tenants.map((each) => each.tenantId), [sandboxId]);
    assert.ok(one.tokens.every((token) => token.tenantId === sandboxId));
    assert.deepEqual(one.tokens.find((token) => token.name === 'used ten days ago')?.flags, []);
    await vscode.workspace.getConfiguration('sailpointPat').update('unusedDays', 5, vscode.ConfigurationTarget.Global);
    const stricter = await run<HealthResult>('sailpointPat.tokenHealth', { tenantId: sandboxId });
    assert.deepEqual(stricter.tokens.find((token) => token.name === 'used ten days ago')?.flags, ['unused']);
    await vscode.workspace.getConfiguration('sailpointPat').update('unusedDays', undefined, vscode.ConfigurationTarget.Global);
  });

  it('reports a tenant that cannot list its tokens and still checks the others', async () => {
    sandbox.inject({ match: { method: 'GET', path: '/v3/personal-access-tokens' }, fault: { kind: 'status', status: 403, body: '{"messages":[{"text":"not allowed to list"}]}' }, times: 5 });
    try {
      const result = await run<HealthResult>('sailpointPat.tokenHealth', {});
      assert.deepEqual(result.tenants.map((each) => each.tenantId), [acmeId]);
      assert.equal(result.failedTenants.length, 1);
      assert.equal(result.failedTenants[0].tenantId, sandboxId);
      assert.match(result.failedTenants[0].message, /not allowed to list/);
    } finally {
      sandbox.clearFaults();
    }
  });

  it('refuses a hostile or unknown tenant id with a clear message and sends nothing', async () => {
    acme.resetRequests();
    await rejectsWith('sailpointPat.tokenHealth', { tenantId: '../x' }, /argument "tenantId" must be an id/);
    await rejectsWith('sailpointPat.tokenHealth', { tenantId: 'no-such-tenant' }, /No tenant with id "no-such-tenant"/);
    await rejectsWith('sailpointPat.tokenHealth', { tenantId: 42 }, /argument "tenantId" must be a non-empty string/);
    assert.equal(acme.requests.length, 0);
  });

  it('marks the token that never expires and grants all rights as the riskiest in the tree, its hostile name as text', async () => {
    const rows = await tokensOf(acmeId);
    const risky = rows.get('<img src=x onerror=alert(1)>');
    assert.ok(risky, 'the row is labelled with the name as written');
    assert.equal((risky.iconPath as vscode.ThemeIcon).id, 'flame');
    assert.match(String(risky.description), /^riskiest · all rights · /);
    const tooltip = await tooltipOf(risky);
    assert.match(tooltip, /the riskiest kind of token \\\(flame icon\\\)/);
    assert.match(tooltip, /Needs attention:\*\* Never expires · All rights/);
    assert.match(tooltip, /\\<img src\\=x/, 'the tooltip escapes the name');
    assert.doesNotMatch(tooltip, /(^|[^\\])<img/);
    assert.notEqual((rows.get('allRights')?.iconPath as vscode.ThemeIcon).id, 'flame', 'all rights alone is a flag, not the riskiest mark');
    assert.match(String(rows.get('neverExpires')?.description), /never expires$/, 'a v3 answer without a date never expires');
  });

  it('opens the overview as a page of inert data under a nonce-only CSP, with no secret in it', async () => {
    await run('sailpointPat.showTokenHealth', {});
    const { open, html } = await overview();
    assert.ok(open);
    assert.match(html, /content="default-src 'none'; style-src 'nonce-[0-9a-f]{32}'; script-src 'nonce-[0-9a-f]{32}';"/);
    assert.ok(!html.includes('<img'), 'the hostile name is not markup');
    assert.ok(html.includes('\\u003cimg src=x onerror=alert(1)\\u003e'), 'it is there as escaped text');
    for (const secret of canaries) assert.ok(!html.includes(secret), 'the page holds no secret');
  });

  it('reveals a token in the tree when the page asks, and ignores unknown messages and ids the page was not shown', async () => {
    await run('sailpointPat.showTokenHealth', {});
    const view = (await extensionApi()).treeView;
    const target = (await run<HealthResult>('sailpointPat.tokenHealth', { tenantId: acmeId })).tokens.find((token) => token.name === 'expiresSoon');
    assert.ok(target);
    await overview({ type: 'reveal', tenantId: acmeId, tokenId: target.tokenId });
    await eventually(async () => Promise.resolve(view.selection.some((node) => node.id === `token:${acmeId}:${target.tokenId}`)), 'the token is selected in the tree');
    const hostile = [
      { type: 'reveal', tenantId: acmeId, tokenId: 'f'.repeat(32) },
      { type: 'reveal', tenantId: sandboxId, tokenId: target.tokenId },
      { type: 'copySecret', tenantId: acmeId, tokenId: target.tokenId },
      { type: 'runCommand', command: 'sailpointPat.deleteToken', args: [{ tenantId: acmeId, tokenId: target.tokenId }] },
      { type: 'reveal', tenantId: '../../x', tokenId: '..' },
      'reveal',
    ];
    const before = view.selection.map((node) => node.id);
    acme.resetRequests();
    for (const message of hostile) await overview(message);
    await sleep(300);
    assert.deepEqual(view.selection.map((node) => node.id), before, 'nothing else was revealed');
    assert.equal(acme.requests.filter((request) => request.method !== 'GET').length, 0, 'nothing was changed on the tenant');
    assert.ok(acme.tokens().some((token) => token.id === target.tokenId));
    assert.match(extensionLog(), /sent a message that is not allowed; it was ignored/);
  });

  it('tells a person how many tokens need attention, and opens the overview of the same report on request', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    assert.equal((await overview()).open, false);
    const shown = await asPerson('sailpointPat.tokenHealth', [ESCAPE]);
    assert.deepEqual(messagesIn(shown), ['8 of 12 tokens in 2 tenant(s) need attention.']);
    assert.equal((await overview()).open, false, 'dismissed: no overview');
    acme.resetRequests();
    await asPerson('sailpointPat.tokenHealth', ['Show Overview']);
    assert.equal((await overview()).open, true);
    assert.equal(acme.count({ method: 'GET', path: '/v3/personal-access-tokens' }), 1, 'the overview draws the report the summary counted');
  });

  it('tells a person with no tenant to add one instead of counting nothing; a script gets the empty report', async () => {
    await removeAllTenants();
    for (const command of ['sailpointPat.tokenHealth', 'sailpointPat.showTokenHealth']) {
      assert.deepEqual(messagesIn(await asPerson(command, [ESCAPE])), ['No tenant yet: add one first with "SailPoint PAT: Add Tenant".'], command);
    }
    assert.deepEqual(await run('sailpointPat.tokenHealth', {}), { tenants: [], tokens: [], failedTenants: [] });
  });
});

// Owner hygiene in the real VS Code against the fake tenant: an inactive owner's token marked and found, a 403 on
// identities said once on the tenant, no Rename / Edit Scopes / Rotate on another identity's token, n/10 per owner and
// the warning Create Token gives at 10.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { FakeTenant, type FakeIdentity } from '../fake-tenant/server';
import { asPerson, canarySecret, ESCAPE, EXTENSION_ID, extensionLog, rejectsWith, rememberSecret, removeAllTenants, run, tenantElement, tokensOf, tooltipOf, userDataDir } from './helpers';

interface MenuItem {
  command: string;
  when?: string;
}


/** Whether the token menu's `when` regex (viewItem =~ /…/) offers the command on a row with this context value. */
function offered(command: string, contextValue: string): boolean {
  const menus = (vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { contributes: { menus: Record<string, MenuItem[]> } }).contributes.menus;
  const items = menus['view/item/context'].filter((item) => item.command === command);
  assert.ok(items.length > 0, `${command} has no tree menu entry`);
  return items.some((item) => {
    const pattern = /viewItem =~ \/(.*)\/\s*$/.exec(item.when ?? '')?.[1];
    assert.ok(pattern !== undefined, `${command}: no viewItem regex in "${item.when ?? ''}"`);
    return new RegExp(pattern).test(contextValue);
  });
}

describe('owner hygiene: owner status, the 10-token budget, only what the server allows', function () {
  this.timeout(60_000);
  let fake: FakeTenant;
  let ada: FakeIdentity;
  let tenantId: string;

  let tenantsAdded = 0;
  async function addTenant(identity: FakeIdentity, displayName: string): Promise<string> {
    const pat = fake.addToken(identity.id, { name: `${displayName} sign-in`, secret: canarySecret(`owners-${displayName.replace(/\W/g, '-')}`) });
    rememberSecret(pat.secret);
    // One URL is one tenant: each tenant after the first reaches the same fake tenant at another address.
    const url = tenantsAdded++ === 0 ? fake.baseUrl : await fake.secondBaseUrl();
    const added = await run<{ tenantId: string }>('sailpointPat.addTenant', { url, displayName, clientId: pat.id, clientSecret: pat.secret });
    await run('sailpointPat.setTenantListQuery', { tenantId: added.tenantId, query: { owner: { kind: 'all' } } });
    return added.tenantId;
  }

  before(async () => {
    await removeAllTenants();
    fake = await FakeTenant.start();
    ada = fake.addIdentity('Ada Admin', { admin: true });
    const sam = fake.addIdentity('Sam Dev');
    const lea = fake.addIdentity('Lea Leaver', { identityStatus: 'TERMINATED', lifecycleState: 'inactive' });
    fake.addToken(sam.id, { name: 'sams-token', lastUsed: new Date().toISOString(), secret: canarySecret('owners-sam') });
    fake.addToken(lea.id, { name: 'leas-backdoor', lastUsed: new Date().toISOString(), secret: canarySecret('owners-lea') });
    for (let i = 0; i < 8; i++) fake.addToken(ada.id, { name: `ada-${i}`, lastUsed: new Date().toISOString(), secret: canarySecret(`owners-ada-${i}`) });
    tenantId = await addTenant(ada, 'Owners');
  });

  after(async () => {
    await removeAllTenants();
    await fake.stop();
  });

  it("marks an inactive owner's token in the tree and finds it with Find Unused Tokens, in one identities request", async () => {
    fake.resetRequests();
    const tokens = await tokensOf(tenantId);
    assert.equal(fake.count({ method: 'GET', path: '/identities/v1' }), 1, 'owners are looked up once per list load, not per token');
    const backdoor = tokens.get('leas-backdoor');
    assert.ok(backdoor);
    assert.match(String(backdoor.description), /^Lea Leaver · owner terminated · /);
    assert.equal((backdoor.iconPath as vscode.ThemeIcon).id, 'person');
    assert.match(await tooltipOf(backdoor), /Owner status:\*\* terminated\\: this token still works/);
    assert.doesNotMatch(String(tokens.get('sams-token')?.description), /owner/);
    assert.match(String(tokens.get('sams-token')?.description), /^Sam Dev · /, "another identity's token names its owner");
    assert.doesNotMatch(String(tokens.get('ada-0')?.description), /Ada Admin/, 'my own token needs no owner name');

    const found = await run<{ tokens: { name: string; ownerStatus?: string }[] }>('sailpointPat.findUnusedTokens', { tenantId, ownerInactive: true });
    assert.deepEqual(found.tokens.map((each) => [each.name, each.ownerStatus]), [['leas-backdoor', 'terminated']]);
  });

  it("Find Unused Tokens and its delete modal name the owner of another identity's token", async () => {
    fake.resetRequests();
    const shown = await asPerson('sailpointPat.findUnusedTokens', ['Owner inactive', ['leas-backdoor'], ESCAPE], { node: await tenantElement(tenantId) });
    const picker = shown.find((each) => each.kind === 'pickMany');
    assert.ok(picker, `no picker: ${JSON.stringify(shown)}`);
    assert.match(picker.descriptions?.[picker.options?.indexOf('leas-backdoor') ?? -1] ?? '', /^Lea Leaver · owner terminated · /);
    const modal = shown.find((each) => each.kind === 'confirm');
    assert.match(modal?.detail ?? '', /^• "leas-backdoor" \(Owners\), owned by Lea Leaver$/m);
    assert.equal(fake.count({ method: 'DELETE' }), 0, 'Escape at the modal still deleted');
  });

  it("shows each owner's count out of 10 in the token tooltip", async () => {
    const tokens = await tokensOf(tenantId);
    assert.match(await tooltipOf(tokens.get('ada-0') as vscode.TreeItem), /Owner's tokens:\*\* 9\\\/10/);
    fake.addToken(ada.id, { name: 'ada-tenth', secret: canarySecret('owners-ada-tenth') });
    await run('sailpointPat.refresh', { tenantId });
    const refreshed = await tokensOf(tenantId);
    assert.match(await tooltipOf(refreshed.get('ada-0') as vscode.TreeItem), /Owner's tokens:\*\* 10\\\/10\\: at ISC\\'s limit/);
    assert.match(await tooltipOf(refreshed.get('sams-token') as vscode.TreeItem), /Owner's tokens:\*\* 1\\\/10/);
  });

  it('Create Token at 10 own tokens warns before sending: Escape sends nothing, Create Anyway sends', async () => {
    const owned = (): number => fake.tokens().filter((each) => each.ownerId === ada.id).length;
    for (let i = owned(); i < 10; i++) rememberSecret(fake.addToken(ada.id, { name: `ada-filler-${i}`, secret: canarySecret(`owners-filler-${i}`) }).secret);
    const createsSent = (): number => fake.count({ method: 'POST', path: '/v3/personal-access-tokens' });
    fake.resetRequests();

    const escaped = await asPerson('sailpointPat.createToken', [ESCAPE], { node: await tenantElement(tenantId) });
    assert.equal(escaped.length, 1, `more than the warning was shown: ${JSON.stringify(escaped)}`);
    assert.equal(escaped[0].severity, 'warning modal');
    assert.equal(escaped[0].text, 'You already have 10/10 tokens in "Owners".');
    assert.deepEqual(escaped[0].options, ['Find Unused Tokens', 'Create Anyway']);
    assert.equal(createsSent(), 0, 'Escape at the warning still sent a create');

    // The fake refuses the eleventh as ISC does; what matters is that the person could choose to try.
    const anyway = await asPerson('sailpointPat.createToken', ['Create Anyway', 'eleventh', ['sp:scopes:default'], '1 hour', '', ESCAPE], {
      node: await tenantElement(tenantId),
    });
    assert.equal(createsSent(), 1, 'Create Anyway did not send the create');
    assert.ok(anyway.some((each) => each.severity === 'error' && /limit|10/i.test(each.text)), `no limit error shown: ${JSON.stringify(anyway)}`);
  });

  it("offers no Rename, Edit Scopes or Rotate on another identity's token, and a script gets a clear error before any request", async () => {
    const tokens = await tokensOf(tenantId);
    const others = tokens.get('sams-token')?.contextValue ?? '';
    const own = tokens.get('ada-0')?.contextValue ?? '';
    assert.match(others, /\+others\b/);
    assert.doesNotMatch(own, /\+others\b/);
    for (const command of ['sailpointPat.renameToken', 'sailpointPat.editTokenScopes', 'sailpointPat.rotateToken']) {
      assert.equal(offered(command, others), false, `${command} is offered on another identity's token`);
      assert.equal(offered(command, own), true, `${command} is no longer offered on one's own token`);
    }
    assert.equal(offered('sailpointPat.deleteToken', others), true, "an admin may still delete another identity's token");

    const samsId = fake.tokens().find((each) => each.name === 'sams-token')?.id ?? '';
    fake.resetRequests();
    await rejectsWith('sailpointPat.renameToken', { tenantId, tokenId: samsId, name: 'hijacked' }, /Rename is not possible on "sams-token": it belongs to "Sam Dev"/);
    await rejectsWith('sailpointPat.editTokenScopes', { tenantId, tokenId: samsId, scope: ['sp:scopes:all'] }, /Edit Scopes is not possible/);
    await rejectsWith('sailpointPat.rotateToken', { tenantId, tokenId: samsId, deleteOld: true }, /Rotate is not possible/);
    assert.deepEqual(fake.requests.map((each) => `${each.method} ${each.path}`), [], 'a request reached the tenant');
    assert.equal(fake.tokens().find((each) => each.id === samsId)?.name, 'sams-token');
  });

  it('without the right to read identities says so once on the tenant and still lists every token', async () => {
    const auditor = fake.addIdentity('Auditor', { admin: true, readsIdentities: false });
    const auditTenant = await addTenant(auditor, 'No identities');
    try {
      const tokens = await tokensOf(auditTenant);
      assert.ok(tokens.has('leas-backdoor') && tokens.has('sams-token'), 'the tokens are not listed');
      assert.doesNotMatch(String(tokens.get('leas-backdoor')?.description), /owner/);
      const tenantTooltip = await tenantElement(auditTenant).then((item) => (typeof item.tooltip === 'string' ? item.tooltip : (item.tooltip?.value ?? '')));
      assert.match(tenantTooltip, /Owner status:\*\* not available\\: these credentials may not read identities \\\(403\\\)/);
      await run('sailpointPat.refresh', { tenantId: auditTenant });
      await tokensOf(auditTenant);
      assert.equal(fake.requests.filter((each) => each.path === '/identities/v1' && each.status === 403).length >= 2, true);
      if (userDataDir !== '') {
        const said = extensionLog().match(/Owner status of tenant "No identities" not available/g) ?? [];
        assert.equal(said.length, 1, 'the refusal was logged more than once');
      }
      const found = await run<{ tokens: unknown[] }>('sailpointPat.findUnusedTokens', { tenantId: auditTenant, neverUsed: true });
      assert.ok(Array.isArray(found.tokens), 'Find Unused Tokens stopped working');
    } finally {
      await run('sailpointPat.removeTenant', { tenantId: auditTenant });
    }
  });
});

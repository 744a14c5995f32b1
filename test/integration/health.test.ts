// Expiry badge, Find Unused Tokens and Delete Tokens (bulk) in the real VS Code, against the fake tenant.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { FakeTenant, type FakeIdentity } from '../fake-tenant/server';
import { canarySecret, eventually, EXTENSION_ID, extensionApi, extensionLog, rejectsWith, rememberSecret, run, sleep, tenantElement, tokensOf, userDataDir, type PatExtensionApi } from './helpers';
import { withTenant } from './withTenant';

const DAY = 86_400_000;

interface FoundToken {
  tenantId: string;
  tokenId: string;
  name: string;
  managed: boolean;
  signsInTenant: boolean;
}

interface BulkResult {
  deleted: { tenantId: string; tokenId: string }[];
  failed: { tenantId: string; tokenId: string; message: string }[];
}

interface MenuItem {
  command: string;
  when?: string;
}

async function treeView(): Promise<PatExtensionApi['treeView']> {
  return (await extensionApi()).treeView;
}

async function badgeValue(): Promise<number | undefined> {
  return (await treeView()).badge?.value;
}

/** Configuration events and log writes arrive asynchronously. */
function iso(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * DAY).toISOString();
}

describe('token health: expiry badge, unused tokens, bulk delete', function () {
  this.timeout(60_000);
  let fake: FakeTenant;
  let ada: FakeIdentity;
  let tenantId: string;

  function seed(name: string, fields: Parameters<FakeTenant['addToken']>[1] = {}, owner = ada): string {
    const token = fake.addToken(owner.id, { name, scope: ['sp:scopes:default'], secret: canarySecret(`health-${name}`), ...fields });
    return token.id;
  }

  withTenant({ displayName: 'Health', seed: seedAll }, (added) => ({ fake, tenantId } = added));

  function seedAll(tenant: FakeTenant, admin: FakeIdentity): void {
    fake = tenant;
    ada = admin;
    const bob = fake.addIdentity('Bob Builder');
    seed('never-used');
    seed('workflow', { managed: true });
    seed('old', { lastUsed: iso(-200) });
    seed('recent', { lastUsed: iso(-1) });
    seed('expiring', { lastUsed: iso(-1), expirationDate: iso(3) });
    seed('expired', { lastUsed: iso(-1), expirationDate: iso(-2) });
    seed('bobs-unused', {}, bob);
  }

  after(async () => {
    await vscode.workspace.getConfiguration('sailpointPat').update('expiryWarningDays', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('sailpointPat').update('expiryNotifications', undefined, vscode.ConfigurationTarget.Global);
  });

  it('registers the commands and contributes them to the palette and the tree', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    const ids = ['sailpointPat.findUnusedTokens', 'sailpointPat.deleteTokens', 'sailpointPat.exportInventory', 'sailpointPat.copyTokenAsEnv'];
    for (const id of ids) assert.ok(registered.has(id), `${id} is not registered`);
    const menus = (vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { contributes: { menus: Record<string, MenuItem[]> } }).contributes.menus;
    const palette = new Map(menus.commandPalette.map((item) => [item.command, item.when]));
    for (const id of ids) assert.equal(palette.get(id), 'sailpointPat.hasTenants', id);
    const onTenant = menus['view/item/context'].filter((item) => item.command === 'sailpointPat.findUnusedTokens');
    assert.ok(onTenant.some((item) => /viewItem =~ \/\^tenant/.test(item.when ?? '')));
    const asEnv = menus['view/item/context'].filter((item) => item.command === 'sailpointPat.copyTokenAsEnv');
    assert.ok(asEnv.length > 0 && asEnv.every((item) => (item.when ?? '').includes('\\+secret')), 'Copy as Environment shows where no secret is stored');
    const title = menus['view/title'].map((item) => item.command);
    assert.ok(title.includes('sailpointPat.findUnusedTokensInAnyTenant') && title.includes('sailpointPat.exportInventory'));
    assert.ok(!title.includes('sailpointPat.findUnusedTokens'), 'the title would search only the focused tenant');
  });

  it('counts expired and soon-expiring tokens in the view badge once the tenant has loaded, and follows the setting', async () => {
    assert.ok((await tokensOf(tenantId)).has('expiring'));
    // The badge's code loads with the first token list, so it may follow the list by a moment.
    await eventually(async () => (await badgeValue()) === 2, 'the badge counts the expired and the soon-expiring token');
    assert.match((await treeView()).badge?.tooltip ?? '', /1 expired, 1 expiring within 14 days/);
    await vscode.workspace.getConfiguration('sailpointPat').update('expiryWarningDays', 0, vscode.ConfigurationTarget.Global);
    await eventually(async () => (await badgeValue()) === 1, 'the badge counts only the expired token');
    await vscode.workspace.getConfiguration('sailpointPat').update('expiryWarningDays', 200, vscode.ConfigurationTarget.Global);
    await eventually(async () => (await badgeValue()) === 6, 'the badge counts every token of the caller expiring within 200 days');
    await vscode.workspace.getConfiguration('sailpointPat').update('expiryWarningDays', undefined, vscode.ConfigurationTarget.Global);
    await eventually(async () => (await badgeValue()) === 2, 'the badge is back to 2');
  });

  // The reminder is a notification a test cannot read; the log line it writes is the evidence.
  if (userDataDir !== '') {
    it('with expiryNotifications on, reminds about the loaded tokens once a day, not again after a reload', async () => {
      const reminders = (): string[] => extensionLog().match(/Expiry reminder: .*/g) ?? [];
      assert.deepEqual(reminders(), [], 'a reminder came while the setting was off');
      await vscode.workspace.getConfiguration('sailpointPat').update('expiryNotifications', true, vscode.ConfigurationTarget.Global);
      await eventually(() => Promise.resolve(reminders().length > 0), 'the reminder is logged', 100);
      assert.deepEqual(reminders(), ['Expiry reminder: 2 token(s) expired or expiring soon.']);
      await run('sailpointPat.refresh', { tenantId });
      assert.ok((await tokensOf(tenantId)).has('expiring'));
      await sleep(3000);
      assert.equal(reminders().length, 1, 'a second reminder on the same day');
    });
  }

  it('findUnusedTokens uses the server-side filters with the tenant\'s owner choice', async () => {
    fake.resetRequests();
    const never = await run<{ tokens: FoundToken[] }>('sailpointPat.findUnusedTokens', { tenantId, neverUsed: true });
    assert.deepEqual(never.tokens.map((each) => each.name).sort(), ['never-used', 'workflow']);
    assert.equal(never.tokens.find((each) => each.name === 'workflow')?.managed, true);
    assert.ok(never.tokens.every((each) => each.tenantId === tenantId && each.signsInTenant === false));
    const list = fake.requests.find((each) => each.method === 'GET' && each.query.filters !== undefined);
    assert.equal(list?.query['owner-id'], 'me');
    assert.equal(list?.query.filters, 'lastUsed isnull');

    const either = await run<{ tokens: FoundToken[] }>('sailpointPat.findUnusedTokens', { tenantId, neverUsed: true, unusedSinceDays: 30 });
    assert.deepEqual(either.tokens.map((each) => each.name).sort(), ['never-used', 'old', 'workflow']);
    const since = await run<{ tokens: FoundToken[] }>('sailpointPat.findUnusedTokens', { unusedSinceDays: 30 });
    assert.deepEqual(since.tokens.map((each) => each.name), ['old']);

    await run('sailpointPat.setTenantListQuery', { tenantId, query: { owner: { kind: 'all' } } });
    const all = await run<{ tokens: FoundToken[] }>('sailpointPat.findUnusedTokens', { tenantId, neverUsed: true });
    assert.deepEqual(all.tokens.map((each) => each.name).sort(), ['bobs-unused', 'never-used', 'workflow']);
    await run('sailpointPat.setTenantListQuery', { tenantId, query: { owner: { kind: 'me' } } });
  });

  it('Find Unused Tokens in the view title asks which tenants, although VS Code passes it the focused node', async () => {
    const second = fake.addToken(ada.id, { name: 'second-sign-in', secret: canarySecret('health-second-sign-in') });
    rememberSecret(second.secret);
    // One URL is one tenant: the same fake tenant at its second address.
    const { tenantId: otherId } = await run<{ tenantId: string }>('sailpointPat.addTenant', {
      url: await fake.secondBaseUrl(),
      displayName: 'Health again',
      clientId: second.id,
      clientSecret: second.secret,
    });
    try {
      await tokensOf(otherId);
      fake.resetRequests();
      // Searches (filtered lists) by sign-in: each tenant signs in with its own access token.
      const searchedTenants = (): number =>
        new Set(fake.requests.filter((each) => each.query.filters !== undefined).map((each) => each.headers.authorization)).size;
      const focused = await tenantElement(tenantId);
      let settled = false;
      const search = Promise.resolve(vscode.commands.executeCommand('sailpointPat.findUnusedTokensInAnyTenant', focused, [focused])).finally(() => {
        settled = true;
      });
      // Takes the first answer of each question, "All tenants" and then "Never used", as Enter would.
      for (let i = 0; i < 100 && searchedTenants() < 2 && !settled; i++) {
        await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
        await sleep(100);
      }
      assert.equal(searchedTenants(), 2, 'only the focused tenant was searched');
      // The found tokens are offered for deletion; Escape deletes none.
      for (let i = 0; i < 100 && !settled; i++) {
        await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
        await sleep(100);
      }
      await search;
      assert.ok(fake.tokens().some((token) => token.name === 'never-used'), 'a token was deleted');
    } finally {
      await run('sailpointPat.removeTenant', { tenantId: otherId });
    }
  });

  it('findUnusedTokens refuses bad criteria before any request', async () => {
    fake.resetRequests();
    await rejectsWith('sailpointPat.findUnusedTokens', { tenantId }, /never used, not used for some days, owner inactive, or a mix/);
    await rejectsWith('sailpointPat.findUnusedTokens', { tenantId, unusedSinceDays: 0 }, /whole number from 1 to 3650/);
    await rejectsWith('sailpointPat.findUnusedTokens', { tenantId, unusedSinceDays: 2.5 }, /whole number from 1 to 3650/);
    await rejectsWith('sailpointPat.findUnusedTokens', { tenantId, neverUsed: 'yes' }, /"neverUsed" must be true or false/);
    await rejectsWith('sailpointPat.findUnusedTokens', { tenantId: 'no-such-tenant', neverUsed: true }, /No tenant/);
    assert.equal(fake.requests.filter((each) => each.query.filters !== undefined).length, 0);
  });

  it('deleteTokens refuses bad items and then deletes nothing', async () => {
    const keep = seed('keep-me');
    await rejectsWith('sailpointPat.deleteTokens', { items: [] }, /"items" must be a non-empty array/);
    await rejectsWith('sailpointPat.deleteTokens', { items: [{ tenantId, tokenId: '' }] }, /"items"/);
    await rejectsWith('sailpointPat.deleteTokens', { items: [{ tenantId, tokenId: keep }, { tenantId: 'no-such-tenant', tokenId: 'x' }] }, /No tenant/);
    assert.ok(fake.tokens().some((each) => each.id === keep));
  });

  it('deleteTokens absorbs 429s, reports a real 404 as failed, goes on after it, and updates the tree', async () => {
    const doomed = ['bulk-1', 'bulk-2', 'bulk-3', 'bulk-4'].map((name) => seed(name));
    const gone = seed('bulk-gone');
    await run('sailpointPat.refresh', { tenantId });
    assert.ok((await tokensOf(tenantId)).has('bulk-1'));
    fake.resetRequests();
    fake.inject({ fault: { kind: 'status', status: 404 }, match: { method: 'DELETE', path: `/v3/personal-access-tokens/${gone}` } });
    fake.inject({ fault: { kind: 'rate-limit', retryAfter: '1' }, match: { method: 'DELETE' }, times: 3 });
    const items = [...doomed, gone, 'no-such-token'].map((tokenId) => ({ tenantId, tokenId }));

    const result = await run<BulkResult>('sailpointPat.deleteTokens', { items });

    assert.deepEqual(result.deleted.map((each) => each.tokenId).sort(), [...doomed].sort());
    assert.deepEqual(result.failed.map((each) => each.tokenId), [gone, 'no-such-token']);
    for (const failure of result.failed) assert.match(failure.message, /^Not found on the tenant: it may have been deleted already\. .*404/);
    assert.equal(fake.requests.filter((each) => each.fault === 'rate-limit').length, 3, 'the 429s were not hit');
    assert.ok(!fake.tokens().some((each) => doomed.includes(each.id)));
    const names = [...(await tokensOf(tenantId)).keys()];
    assert.ok(!names.some((name) => /^bulk-\d$/.test(name)), 'a deleted token is still in the tree');
    assert.ok(names.includes('bulk-gone'));
  });

  it('deleteTokens deletes a token listed twice once', async () => {
    const twice = seed('twice');
    fake.resetRequests();
    const result = await run<BulkResult>('sailpointPat.deleteTokens', { items: [{ tenantId, tokenId: twice }, { tenantId, tokenId: twice }] });
    assert.equal(result.deleted.length, 1);
    assert.equal(fake.count({ method: 'DELETE' }), 1);
  });
});

// The view's text filter in the real VS Code: a person filters on name, owner and scope (words in any order), sees
// the filter in the view's description, and clears it in one click; "Needs attention" narrows to flagged tokens;
// another extension's hostile text stays inert.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { FakeIdentity, FakeTenant } from '../fake-tenant/server';
import { asPerson, canarySecret, children, EXTENSION_ID, extensionApi, labelOf, rejectsWith, rememberSecret, run, tenantElement, tokensOf } from './helpers';
import { withTenant } from './withTenant';

async function viewDescription(): Promise<string | undefined> {
  return ((await extensionApi()).treeView as Pick<vscode.TreeView<vscode.TreeItem>, 'description'>).description;
}

async function names(tenantId: string): Promise<string[]> {
  return [...(await tokensOf(tenantId)).keys()].sort();
}

describe('the text filter on name, owner and scope', function () {
  this.timeout(60_000);
  let tenantId: string;

  function seed(tenant: FakeTenant, ada: FakeIdentity): void {
    const sam = tenant.addIdentity('Sam Dev');
    // The one token with no health flag: it expires in six months, was used today and holds one scope.
    rememberSecret(tenant.addToken(ada.id, { name: 'ci deploy', scope: ['idn:accounts:read'], lastUsed: new Date().toISOString(), secret: canarySecret('filter-seed') }).secret);
    rememberSecret(tenant.addToken(sam.id, { name: 'nightly export', scope: ['sp:scopes:default'], secret: canarySecret('filter-seed') }).secret);
  }

  withTenant({ displayName: 'Filter', signInToken: { name: 'ada sign-in', scope: ['sp:scopes:all'] }, seed }, async (added) => {
    ({ tenantId } = added);
    await run('sailpointPat.setTenantListQuery', { tenantId, query: { owner: { kind: 'all' } } });
  });

  after(async () => {
    await run('sailpointPat.clearTokenFilter', {});
  });

  it('filters on a scope, on the owner by words in any order, shows the filter in the view, and clears in one click', async () => {
    assert.deepEqual(await names(tenantId), ['ada sign-in', 'ci deploy', 'nightly export']);
    await asPerson('sailpointPat.filterTokens', ['ACCOUNTS']);
    assert.deepEqual(await names(tenantId), ['ci deploy']);
    assert.equal(await viewDescription(), 'Filter: ACCOUNTS');
    const again = await asPerson('sailpointPat.filterTokens', ['dev sam']);
    assert.equal(again[0].value, 'ACCOUNTS', 'the current filter is offered for editing');
    assert.deepEqual(await names(tenantId), ['nightly export']);

    const titleMenu = (vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { contributes: { menus: Record<string, { command: string; when?: string; group?: string }[]> } })
      .contributes.menus['view/title'];
    const clear = titleMenu.find((item) => item.command === 'sailpointPat.clearTokenFilter');
    assert.match(clear?.when ?? '', /sailpointPat\.tokenFilterActive/);
    assert.match(clear?.group ?? '', /^navigation/, 'clearing is not one click in the view title');
    await asPerson('sailpointPat.clearTokenFilter', []);
    assert.deepEqual(await names(tenantId), ['ada sign-in', 'ci deploy', 'nightly export']);
    assert.equal(await viewDescription(), undefined);
  });

  it('"Needs attention" shows only flagged tokens (the flags of tokenHealth), combines with the text filter, and clears in one click', async () => {
    const health = await run<{ tokens: { name: string; flags: string[] }[] }>('sailpointPat.tokenHealth', { tenantId });
    const flagged = health.tokens.filter((token) => token.flags.length > 0).map((token) => token.name).sort();
    assert.deepEqual(flagged, ['ada sign-in', 'nightly export'], 'the fixture has one token without flags');

    await asPerson('sailpointPat.showOnlyNeedingAttention', []);
    assert.deepEqual(await names(tenantId), flagged);
    assert.equal(await viewDescription(), 'Needs attention');
    const titleMenu = (vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { contributes: { menus: Record<string, { command: string; when?: string; group?: string }[]> } })
      .contributes.menus['view/title'];
    const every = titleMenu.find((item) => item.command === 'sailpointPat.showEveryToken');
    assert.match(every?.when ?? '', /sailpointPat\.attentionFilterActive/);
    assert.match(titleMenu.find((item) => item.command === 'sailpointPat.showOnlyNeedingAttention')?.when ?? '', /!sailpointPat\.attentionFilterActive/);

    await asPerson('sailpointPat.filterTokens', ['deploy']);
    assert.deepEqual(await names(tenantId), [], 'ci deploy matches the words but needs no attention');
    assert.equal(await viewDescription(), 'Needs attention · Filter: deploy');
    const rows = await children(await tenantElement(tenantId));
    assert.deepEqual(rows.map((row) => [labelOf(row), row.contextValue]), [['No token here needs attention and matches the filter', 'filterEmpty']]);

    await asPerson('sailpointPat.showEveryToken', []);
    assert.deepEqual(await names(tenantId), ['ci deploy']);
    assert.equal(await viewDescription(), 'Filter: deploy');

    await asPerson('sailpointPat.showOnlyNeedingAttention', []);
    await asPerson('sailpointPat.clearTokenFilter', []);
    assert.deepEqual(await names(tenantId), ['ada sign-in', 'ci deploy', 'nightly export']);
    assert.equal(await viewDescription(), undefined);
  });

  it('another extension switching "Needs attention" gets nothing back and can only hide rows', async () => {
    assert.equal(await run('sailpointPat.showOnlyNeedingAttention', { tenantId: '../../x', text: '<img src=x>' }), undefined);
    assert.equal(await viewDescription(), 'Needs attention');
    assert.deepEqual(await names(tenantId), ['ada sign-in', 'nightly export']);
    assert.equal(await run('sailpointPat.showEveryToken', { anything: true }), undefined);
    assert.equal(await viewDescription(), undefined);
    assert.equal((await names(tenantId)).length, 3);
  });

  it("another extension's filter: a non-string is refused and changes nothing; hostile text is shown inert", async () => {
    await rejectsWith('sailpointPat.filterTokens', { text: 42 }, /"text"/);
    assert.equal(await viewDescription(), undefined);
    await run('sailpointPat.filterTokens', { text: 'x\u202e[y](command:evil)\n' });
    assert.doesNotMatch((await viewDescription()) ?? '', /[\u202e\n]|\]\(/);
    assert.deepEqual(await names(tenantId), []);
    await run('sailpointPat.filterTokens', { text: '' });
    assert.equal(await viewDescription(), undefined, 'an empty filter is no filter');
    assert.equal((await names(tenantId)).length, 3);
  });
});

// The view's text filter in the real VS Code: a person filters on name, owner and scope (words in any order), sees
// the filter in the view's description, and clears it in one click; another extension's hostile text stays inert.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { FakeIdentity, FakeTenant } from '../fake-tenant/server';
import { asPerson, canarySecret, EXTENSION_ID, extensionApi, rejectsWith, rememberSecret, run, tokensOf } from './helpers';
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
    rememberSecret(tenant.addToken(ada.id, { name: 'ci deploy', scope: ['idn:accounts:read'], secret: canarySecret('filter-seed') }).secret);
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

// What a tenant's row says after a change, as the workbench reads it: VS Code redraws the node the tree's change
// event names (getTreeItem on that node), without listing the root again.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { FakeIdentity, FakeTenant } from '../fake-tenant/server';
import { canarySecret, children, provider, rememberSecret, run, tenantElement } from './helpers';
import { withTenant } from './withTenant';

/** The tenant's row as the workbench redraws it after the next change event that names it. */
async function redrawnRow(tenantId: string, change: () => Thenable<unknown>): Promise<vscode.TreeItem> {
  const tree = await provider();
  assert.ok(tree.onDidChangeTreeData, 'the tree has no change event');
  const named = new Promise<vscode.TreeItem>((resolve) => {
    const subscription = tree.onDidChangeTreeData!((changed) => {
      const nodes = changed === undefined || changed === null ? [] : Array.isArray(changed) ? changed : [changed];
      const node = nodes.find((each: vscode.TreeItem) => each.id === `tenant:${tenantId}`);
      if (node === undefined) return;
      subscription.dispose();
      resolve(node);
    });
  });
  await change();
  return tree.getTreeItem(await named);
}

function tooltipText(item: vscode.TreeItem): string {
  return typeof item.tooltip === 'string' ? item.tooltip : (item.tooltip?.value ?? '');
}

describe('tenant row after Choose What the Tenant Lists', () => {
  let tenantId: string;

  function seed(tenant: FakeTenant, admin: FakeIdentity): void {
    const day = 86_400_000;
    const expired = { name: 'row-expired', lastUsed: null, managed: true, expirationDate: new Date(Date.now() - day).toISOString() };
    rememberSecret(tenant.addToken(admin.id, { ...expired, secret: canarySecret('row-expired') }).secret);
  }

  withTenant({ displayName: 'Row tenant', seed }, async (added) => {
    ({ tenantId } = added);
    await tenantElement(tenantId);
  });

  it('says in its description and tooltip what the tenant now lists', async () => {
    const all = await redrawnRow(tenantId, () => run('sailpointPat.setTenantListQuery', { tenantId, query: { owner: { kind: 'all' } } }));
    assert.match(String(all.description), / · all tokens$/);
    assert.match(tooltipText(all), /\*\*Lists:\*\* all tokens/);
    const mine = await redrawnRow(tenantId, () => run('sailpointPat.setTenantListQuery', { tenantId, query: { owner: { kind: 'me' }, neverUsed: true } }));
    assert.match(String(mine.description), / · my tokens, never used$/);
    assert.match(tooltipText(mine), /\*\*Lists:\*\* my tokens\\, never used/);
  });

  it('says in words what the icons of its rows show, for screen readers', async () => {
    const tree = await provider();
    const tokenRows = (await children(await tenantElement(tenantId))).map((each) => tree.getTreeItem(each) as vscode.TreeItem);
    const tenantRow = await tree.getTreeItem(await tenantElement(tenantId));
    assert.match(tenantRow.accessibilityInformation?.label ?? '', /^Tenant Row tenant: ok\. /);
    const expired = tokenRows.find((row) => row.label === 'row-expired');
    assert.match(expired?.accessibilityInformation?.label ?? '', /^Token row-expired: expired, never used, managed by the platform\. /);
  });
});

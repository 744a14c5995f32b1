// The token rows as VS Code reads them (issue 20 §3): each field of a row built for a list load is what the row's
// presentation says for that token, whatever the row builder shares or skips to build 10,000 rows fast.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { PatService } from '../../src/core/patService';
import { silentLogger } from '../../src/core/ports';
import { TenantNode } from '../../src/ui/tree/nodes';
import { isTokenNode } from '../../src/ui/tree/patNode';
import { PatTreeDataProvider } from '../../src/ui/tree/patTreeDataProvider';
import type { TokenNode } from '../../src/ui/tree/tokenRows';
import { presentToken } from '../../src/ui/view/tokenPresentation';
import { FakeTenant } from '../fake-tenant/server';
import { MemoryKeyValueStore, MemorySecretStore } from '../unit/helpers/memoryStores';
import { rememberSecret } from './helpers';

const DAY = 86_400_000;

function inDays(days: number): string {
  return new Date(Date.now() + days * DAY).toISOString();
}

describe('token rows: every field as the presentation says', function () {
  this.timeout(30_000);
  let fake: FakeTenant;
  let tree: PatTreeDataProvider;
  let tenant: TenantNode;
  let rows: TokenNode[];

  before(async () => {
    fake = await FakeTenant.start();
    const admin = fake.addIdentity('Ada Admin', { admin: true });
    fake.addToken(admin.id, { name: 'plain', scope: ['sp:scopes:default'], lastUsed: inDays(-3) });
    fake.addToken(admin.id, { name: 'expired', expirationDate: inDays(-2), lastUsed: inDays(-40) });
    fake.addToken(admin.id, { name: 'soon', expirationDate: inDays(3), scope: ['idn:accounts:read', 'idn:sources:read'] });
    fake.addToken(admin.id, { name: 'managed', managed: true, lastUsed: inDays(-400) });
    fake.addToken(admin.id, { name: 'riskiest', expirationDate: null, userAwareTokenNeverExpires: true, scope: null });
    fake.addToken(admin.id, { name: '\u202eevil\nname\u0000', scope: ['x\u202e:y'], lastUsed: 'not a date' });
    const { clientId, clientSecret } = fake.addApiClient(admin.id);
    rememberSecret(clientSecret);
    const service = new PatService({ kv: new MemoryKeyValueStore(), secrets: new MemorySecretStore(), logger: silentLogger });
    await service.addTenant({ url: fake.baseUrl, displayName: 'Rows', credentials: { clientId, clientSecret } });
    tree = new PatTreeDataProvider(service, silentLogger);
    const [root] = await tree.getChildren();
    assert.ok(root instanceof TenantNode);
    tenant = root;
    rows = (await tree.loadedChildren(tenant)).filter(isTokenNode);
  });

  after(async () => {
    tree.dispose();
    await fake.stop();
  });

  it('gives each row the label, description, icon, context value and screen-reader words of its token', () => {
    assert.equal(rows.length, 6);
    for (const row of rows) {
      const view = presentToken(row.token, { now: Date.now(), expiryWarningDays: 14, secretStored: row.secretStored, isOwnCredential: row.isOwnCredential, apiFamily: 'v3', owners: row.ownerFacts });
      const icon = row.iconPath as vscode.ThemeIcon;
      assert.deepEqual(
        { label: row.label, description: row.description, icon: icon.id, color: icon.color, contextValue: row.contextValue, said: row.accessibilityInformation?.label },
        { label: view.label, description: view.description, icon: view.icon.id, color: view.icon.color === undefined ? undefined : new vscode.ThemeColor(view.icon.color), contextValue: view.contextValue, said: view.accessibilityLabel },
        row.token.name,
      );
      assert.equal(row.id, `token:${tenant.tenantId}:${row.token.id}`);
      assert.equal(row.collapsibleState, vscode.TreeItemCollapsibleState.None);
      assert.equal(row.tooltip, undefined, 'a row builds its tooltip on hover, not with the list');
      assert.equal(row.busyLabel, undefined);
    }
    const shown = rows.map((row) => `${typeof row.label === 'string' ? row.label : ''} ${String(row.description)} ${row.accessibilityInformation?.label}`).join(' ');
    for (const unsafe of ['\u202e', '\n', '\u0000']) assert.ok(!shown.includes(unsafe), `a row shows ${JSON.stringify(unsafe)}`);
  });

  it('shows a busy row with its spinner and words, then drops the tooltip it had so the next hover builds it anew', async () => {
    const row = rows.find((each) => each.token.name === 'plain');
    assert.ok(row);
    await tree.resolveTreeItem(row, row);
    assert.ok(row.tooltip !== undefined, 'hovering built no tooltip');
    row.busyLabel = 'Deleting…';
    row.render();
    assert.equal(row.description, 'Deleting…');
    assert.equal((row.iconPath as vscode.ThemeIcon).id, 'loading~spin');
    assert.match(row.accessibilityInformation?.label ?? '', /^Token plain: .* Deleting…$/);
    assert.equal(row.tooltip, undefined);
  });

  it('is told apart from other rows by isTokenNode, as commands and the selection do', () => {
    assert.ok(rows.every((row) => isTokenNode(row) && row.kind === 'token'));
    assert.ok(!isTokenNode(tenant));
  });
});

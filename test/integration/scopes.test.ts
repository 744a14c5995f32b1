// The scope catalogue in the real VS Code: Pick by API in the Edit Scopes picker proposes the fewest scopes, and a
// token's tooltip flags scopes the catalogue does not know.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { FakeIdentity, FakeTenant } from '../fake-tenant/server';
import { canarySecret, rememberSecret, sleep, tokensOf, tooltipOf } from './helpers';
import { withTenant } from './withTenant';

/** Presses a key in the open picker, by the command the key runs. */
const KEYS = {
  space: 'quickInput.toggleCheckbox',
  down: 'workbench.action.quickOpenSelectNext',
  enter: 'workbench.action.acceptSelectedQuickOpenItem',
} as const;

async function press(key: keyof typeof KEYS, times = 1): Promise<void> {
  for (let i = 0; i < times; i++) {
    await vscode.commands.executeCommand(KEYS[key]);
    await sleep(150);
  }
}

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 100 && !condition(); i++) await sleep(100);
  assert.ok(condition(), what);
}

describe('scope catalogue', () => {
  let fake: FakeTenant;
  let tenantId: string;

  function seed(tenant: FakeTenant, ada: FakeIdentity): void {
    for (const [name, scope] of [
      ['typo-script', ['idn:accounts:read', 'idn:acounts:manage']],
      ['hostile-scope', ['[click](command:workbench.action.quit) $(zap)']],
      ['everything', ['sp:scopes:all']],
      ['metadata-sync', ['sp:scopes:default']],
    ] as const) {
      rememberSecret(tenant.addToken(ada.id, { name, scope: [...scope], secret: canarySecret(`scopes-${name}`) }).secret);
    }
  }

  withTenant({ displayName: 'Scopes', seed }, (added) => ({ fake, tenantId } = added));

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  });

  it('flags a scope the catalogue does not know in the token tooltip, and only that one', async () => {
    const tokens = await tokensOf(tenantId);
    const tooltip = await tooltipOf(tokens.get('typo-script')!);
    assert.match(tooltip, /\*\*Unknown scopes:\*\* idn\\:acounts\\:manage\\: not in SailPoint\\'s API specs/);
    assert.doesNotMatch(tooltip.split('Unknown scopes')[1], /idn\\:accounts\\:read/);
  });

  it('flags a hostile scope as plain text: no link, command or icon can form in the tooltip', async () => {
    const tooltip = await tooltipOf((await tokensOf(tenantId)).get('hostile-scope')!);
    assert.match(tooltip, /\*\*Unknown scopes:\*\* \\\[click\\\]\\\(command\\:workbench\\\.action\\\.quit\\\) \\\$\\\(zap\\\)/);
  });

  it('keeps sp:scopes:all as all rights, with no unknown-scope flag', async () => {
    const everything = (await tokensOf(tenantId)).get('everything')!;
    assert.match(String(everything.description), /^all rights · /);
    assert.doesNotMatch(await tooltipOf(everything), /Unknown scopes/);
  });

  it('Edit Scopes › Pick by API proposes the fewest scopes for operations chosen by their exact URL', async () => {
    const node = (await tokensOf(tenantId)).get('metadata-sync')!;
    const tokenId = fake.tokens().find((token) => token.name === 'metadata-sync')!.id;
    fake.resetRequests();
    const editing = Promise.resolve(vscode.commands.executeCommand('sailpointPat.editTokenScopes', node));
    await sleep(1500);
    // The scope pick: rows are Pick by API…, Other scopes…, then the current sp:scopes:default (ticked); no row
    // has the focus until the first arrow key. Ticks Pick by API, unticks sp:scopes:default.
    await press('down');
    await press('space');
    await press('down', 2);
    await press('space');
    await press('enter');
    await sleep(3000);
    // Every operation of every API version, v3 first, sorted by path: GET /v3/access-profiles, POST it,
    // POST …/bulk-delete, DELETE …/{id}, GET …/{id}, PATCH …/{id}, GET …/{id}/entitlements. Chooses the three GETs.
    await press('down');
    await press('space');
    await press('down', 4);
    await press('space');
    await press('down', 2);
    await press('space');
    await press('enter');
    await sleep(1500);
    // The proposal, ticked: accepted as it is.
    await press('enter');
    await waitFor(() => fake.requests.some((request) => request.method === 'PATCH'), 'no PATCH was sent');
    await editing;
    // v3 grants the three GETs with idn:access-profile:read alone: one scope, no manage scope.
    assert.deepEqual(fake.tokens().find((token) => token.id === tokenId)?.scope, ['idn:access-profile:read']);
  });
});

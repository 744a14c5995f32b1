// The scope catalogue in the real VS Code: Pick by API in the Edit Scopes picker proposes the fewest scopes, and a
// token's tooltip flags scopes the catalogue does not know.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { FakeIdentity, FakeTenant } from '../fake-tenant/server';
import { asPerson, canarySecret, rememberSecret, tokensOf, tooltipOf } from './helpers';
import { withTenant } from './withTenant';

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
    // The title-bar button, with sp:scopes:default unticked; then the three GETs of /v3/access-profiles; then the proposal.
    const shown = await asPerson(
      'sailpointPat.editTokenScopes',
      [{ press: 'Pick by API…', ticked: [] }, ['GET /v3/access-profiles', 'GET /v3/access-profiles/{id}', 'GET /v3/access-profiles/{id}/entitlements'], ['idn:access-profile:read']],
      { node },
    );
    assert.deepEqual(shown[0].actions, ['Pick by API…', 'Other scopes…']);
    assert.ok(!shown[0].options?.some((label) => label.includes('Pick by API')), 'Pick by API is a row Toggle all would tick');
    assert.deepEqual(shown[2].options, ['idn:access-profile:read'], 'more than the fewest scopes were proposed');
    // v3 grants the three GETs with idn:access-profile:read alone: one scope, no manage scope.
    assert.deepEqual(fake.tokens().find((token) => token.id === tokenId)?.scope, ['idn:access-profile:read']);
  });

  it('Edit Scopes › typing words in any order finds the scope, v3 before v1, and keeps the scopes ticked before', async () => {
    const node = (await tokensOf(tenantId)).get('typo-script')!;
    const shown = await asPerson('sailpointPat.editTokenScopes', [{ type: 'read sources', tick: ['idn:accounts:read', 'idn:sources:read'] }], { node });
    assert.equal(shown[0].options?.[0], 'idn:sources:read', `found first: ${shown[0].options?.slice(0, 3).join(', ')}`);
    assert.deepEqual(fake.tokens().find((token) => token.name === 'typo-script')?.scope, ['idn:accounts:read', 'idn:sources:read']);
  });
});

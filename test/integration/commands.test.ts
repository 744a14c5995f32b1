// Every command through the automation contract, against the fake tenant, checking the tree after each.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { FakeTenant, type FakeIdentity } from '../fake-tenant/server';
import {
  canarySecret,
  children,
  eventually,
  labelOf,
  rejectsWith,
  rememberSecret,
  removeAllTenants,
  run,
  sleep,
  tenantElement,
  tokensOf,
  tooltipOf,
} from './helpers';

/** The output channel's name (src/ui/log.ts LOG_CHANNEL_NAME). */
const LOG_CHANNEL_NAME = 'SailPoint PAT Manager';

describe('commands through the automation contract', () => {
  let fake: FakeTenant;
  let ada: FakeIdentity;
  let bob: FakeIdentity;
  let clientId: string;
  let clientSecret: string;
  let tenantId: string;
  let createdId: string;

  before(async () => {
    await removeAllTenants();
    fake = await FakeTenant.start();
    ada = fake.addIdentity('Ada Admin', { admin: true });
    bob = fake.addIdentity('Bob Builder');
    ({ clientId, clientSecret } = fake.addApiClient(ada.id));
    rememberSecret(clientSecret);
    rememberSecret(fake.addToken(ada.id, { name: 'nightly-export', scope: ['sp:scopes:default'], secret: canarySecret('seeded-token') }).secret);
    rememberSecret(fake.addToken(bob.id, { name: 'bobs-script', scope: ['idn:accounts:read'], secret: canarySecret('bobs-token') }).secret);
  });

  after(async () => {
    await removeAllTenants();
    await vscode.workspace.getConfiguration('sailpointPat').update('clipboardClearSeconds', undefined, vscode.ConfigurationTarget.Global);
    await vscode.env.clipboard.writeText('');
    await fake.stop();
  });

  it('shows the welcome (no tenant element) before any tenant is added', async () => {
    assert.deepEqual(await children(), []);
  });

  it('addTenant refuses wrong credentials and saves nothing', async () => {
    await rejectsWith(
      'sailpointPat.addTenant',
      { url: fake.baseUrl, clientId, clientSecret: canarySecret('wrong-secret') },
      /credential|client|rejected|refused/i,
    );
    assert.deepEqual(await children(), []);
  });

  it('addTenant verifies the credentials, saves the tenant and resolves with its id', async () => {
    const result = await run<{ tenantId: string }>('sailpointPat.addTenant', {
      url: fake.baseUrl,
      displayName: 'Fake prod',
      clientId,
      clientSecret,
      apiFamily: 'v3',
    });
    assert.equal(typeof result.tenantId, 'string');
    tenantId = result.tenantId;
    const tenant = await tenantElement(tenantId);
    assert.equal(labelOf(tenant), 'Fake prod');
    assert.equal(tenant.description, `${new URL(fake.baseUrl).host} · my tokens`);
  });

  it("lists the caller's own tokens under the tenant, with description and a plain-text-safe tooltip", async () => {
    const tokens = await tokensOf(tenantId);
    assert.deepEqual([...tokens.keys()], ['nightly-export']);
    const token = tokens.get('nightly-export')!;
    assert.match(String(token.description), /^sp:scopes:default · never used · expires in /);
    assert.match(await tooltipOf(token), /Ada Admin/);
    assert.equal((await tenantElement(tenantId)).contextValue, 'tenant+ok');
  });

  it('createToken stores the secret and resolves with the token id only', async () => {
    const result = await run<Record<string, unknown>>('sailpointPat.createToken', {
      tenantId,
      name: 'ci-deploy',
      scope: ['idn:sources:read', 'sp:scopes:default'],
      accessTokenValiditySeconds: 3600,
    });
    assert.deepEqual(Object.keys(result), ['tokenId']);
    createdId = String(result.tokenId);
    const created = fake.tokens().find((token) => token.id === createdId);
    assert.ok(created, 'the fake tenant has no such token');
    rememberSecret(created.secret);
    assert.deepEqual(created.scope, ['idn:sources:read', 'sp:scopes:default']);
    const node = (await tokensOf(tenantId)).get('ci-deploy');
    assert.ok(node, 'the new token is not in the tree');
    assert.equal(node.contextValue, 'token+secret');
    assert.equal(node.id, `token:${tenantId}:${createdId}`);
  });

  it('createToken refuses an empty scope list instead of granting everything', async () => {
    await rejectsWith('sailpointPat.createToken', { tenantId, name: 'too-broad', scope: [] }, /at least one scope/i);
    assert.ok(!fake.tokens().some((token) => token.name === 'too-broad'));
  });

  it('copyTokenSecret writes the stored secret and clears it after the configured delay', async () => {
    await vscode.workspace.getConfiguration('sailpointPat').update('clipboardClearSeconds', 1, vscode.ConfigurationTarget.Global);
    const secret = fake.tokens().find((token) => token.id === createdId)!.secret;
    await run('sailpointPat.copyTokenSecret', { tenantId, tokenId: createdId });
    assert.ok((await vscode.env.clipboard.readText()) === secret, 'the clipboard does not hold the secret');
    await sleep(1800);
    assert.equal(await vscode.env.clipboard.readText(), '');
  });

  it('copyTokenId writes the client id', async () => {
    await run('sailpointPat.copyTokenId', { tenantId, tokenId: createdId });
    assert.equal(await vscode.env.clipboard.readText(), createdId);
  });

  it('renameToken renames on the tenant and in the tree', async () => {
    await run('sailpointPat.renameToken', { tenantId, tokenId: createdId, name: 'ci-deploy-v2' });
    assert.equal(fake.tokens().find((token) => token.id === createdId)?.name, 'ci-deploy-v2');
    const tokens = await tokensOf(tenantId);
    assert.ok(tokens.has('ci-deploy-v2'));
    assert.ok(!tokens.has('ci-deploy'));
  });

  it('editTokenScopes replaces the scopes', async () => {
    await run('sailpointPat.editTokenScopes', { tenantId, tokenId: createdId, scope: ['idn:accounts:read'] });
    assert.deepEqual(fake.tokens().find((token) => token.id === createdId)?.scope, ['idn:accounts:read']);
    const node = (await tokensOf(tenantId)).get('ci-deploy-v2')!;
    assert.match(String(node.description), /^idn:accounts:read · /);
  });

  it('setTenantListQuery switches between all tokens, one identity and filters, shown in the description', async () => {
    await run('sailpointPat.setTenantListQuery', { tenantId, query: { owner: { kind: 'all' } } });
    assert.deepEqual([...(await tokensOf(tenantId)).keys()].sort(), ['bobs-script', 'ci-deploy-v2', 'nightly-export']);
    assert.match(String((await tenantElement(tenantId)).description), / · all tokens$/);

    await run('sailpointPat.setTenantListQuery', { tenantId, query: { owner: { kind: 'identity', identityId: bob.id, label: 'Bob' } } });
    assert.deepEqual([...(await tokensOf(tenantId)).keys()], ['bobs-script']);
    assert.match(String((await tenantElement(tenantId)).description), / · tokens of Bob$/);

    await run('sailpointPat.setTenantListQuery', { tenantId, query: { owner: { kind: 'all' }, neverUsed: true } });
    assert.match(String((await tenantElement(tenantId)).description), / · all tokens, never used$/);

    await run('sailpointPat.setTenantListQuery', { tenantId, query: { owner: { kind: 'me' } } });
    assert.deepEqual([...(await tokensOf(tenantId)).keys()].sort(), ['ci-deploy-v2', 'nightly-export']);
  });

  it('refresh shows a token created elsewhere, for one tenant and for all', async () => {
    rememberSecret(fake.addToken(ada.id, { name: 'made-in-web-ui', scope: ['sp:scopes:default'], secret: canarySecret('web-token') }).secret);
    await run('sailpointPat.refresh', { tenantId });
    assert.ok((await tokensOf(tenantId)).has('made-in-web-ui'));
    await run('sailpointPat.refresh', {});
    assert.ok((await tokensOf(tenantId)).has('made-in-web-ui'));
    await rejectsWith('sailpointPat.refresh', { tenantId: 'no-such-tenant' }, /./);
  });

  it('refreshAll from the view title reloads every tenant, although VS Code passes it the focused node', async () => {
    const second = fake.addToken(ada.id, { name: 'second-sign-in', secret: canarySecret('second-sign-in') });
    const { tenantId: otherId } = await run<{ tenantId: string }>('sailpointPat.addTenant', {
      url: fake.baseUrl,
      displayName: 'Fake again',
      clientId: second.id,
      clientSecret: second.secret,
    });
    await tokensOf(otherId);
    rememberSecret(fake.addToken(ada.id, { name: 'made-for-refresh-all', secret: canarySecret('refresh-all') }).secret);
    const focused = await tenantElement(tenantId);
    await vscode.commands.executeCommand('sailpointPat.refreshAll', focused, [focused]);
    assert.ok((await tokensOf(otherId)).has('made-for-refresh-all'), 'the tenant that was not focused was not reloaded');
    await run('sailpointPat.removeTenant', { tenantId: otherId });
  });

  it('forgetTokenSecret drops the stored secret; Copy Secret then says none is stored', async () => {
    await run('sailpointPat.forgetTokenSecret', { tenantId, tokenId: createdId });
    assert.equal((await tokensOf(tenantId)).get('ci-deploy-v2')?.contextValue, 'token');
    await rejectsWith('sailpointPat.copyTokenSecret', { tenantId, tokenId: createdId }, /No secret .* is stored/);
  });

  it('deleteToken deletes on the tenant and removes the node', async () => {
    await run('sailpointPat.deleteToken', { tenantId, tokenId: createdId });
    assert.ok(!fake.tokens().some((token) => token.id === createdId));
    assert.ok(!(await tokensOf(tenantId)).has('ci-deploy-v2'));
  });

  it('renameTenant changes the label', async () => {
    await run('sailpointPat.renameTenant', { tenantId, displayName: 'Fake staging' });
    assert.equal(labelOf(await tenantElement(tenantId)), 'Fake staging');
  });

  it('openInWebUi says when a tenant has no known web UI (a local host)', async () => {
    await rejectsWith('sailpointPat.openInWebUi', { tenantId }, /web UI address .* is not known/);
  });

  it('showLog shows the extension log, for a person and for a script', async () => {
    const logShown = (): boolean =>
      vscode.window.visibleTextEditors.some((editor) => editor.document.uri.scheme === 'output' && decodeURIComponent(editor.document.uri.toString()).includes(LOG_CHANNEL_NAME));
    for (const args of [undefined, {}]) {
      await vscode.commands.executeCommand('workbench.action.closePanel');
      await eventually(() => Promise.resolve(!logShown()), 'the panel closed');
      assert.equal(await run('sailpointPat.showLog', args), undefined);
      await eventually(() => Promise.resolve(logShown()), `the ${LOG_CHANNEL_NAME} channel shown (${args === undefined ? 'person' : 'script'})`);
    }
  });

  it('updateCredentials refuses wrong ones and keeps the old, then accepts new ones', async () => {
    await rejectsWith('sailpointPat.updateCredentials', { tenantId, clientId, clientSecret: canarySecret('wrong-update') }, /./);
    assert.equal((await tenantElement(tenantId)).contextValue, 'tenant+ok');
    const rotated = fake.addApiClient(ada.id);
    rememberSecret(rotated.clientSecret);
    await run('sailpointPat.updateCredentials', { tenantId, clientId: rotated.clientId, clientSecret: rotated.clientSecret });
    assert.ok((await tokensOf(tenantId)).has('nightly-export'));
  });

  it('rejects bad argument objects with a message that names the problem', async () => {
    await rejectsWith('sailpointPat.renameToken', { tenantId, tokenId: 'x' }, /"name" must be a non-empty string/);
    await rejectsWith('sailpointPat.deleteToken', { tenantId: 'no-such-tenant', tokenId: 'x' }, /./);
    await rejectsWith('sailpointPat.setTenantListQuery', { tenantId, query: { owner: { kind: 'everyone' } } }, /query\.owner/);
  });

  it('removeTenant forgets the tenant; the tree is back to its welcome state', async () => {
    await run('sailpointPat.removeTenant', { tenantId });
    assert.deepEqual(await children(), []);
  });
});

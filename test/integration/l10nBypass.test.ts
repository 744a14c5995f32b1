// The bypass test: with a pseudo-locale translator in the extension (every vowel of our words accented), a few
// flows run as a person; no sentence of the English bundle may appear in what the prompts, notifications, modals
// and tree showed. One that does was written without t(), so no translation could ever reach it.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { FakeTenant, type FakeIdentity } from '../fake-tenant/server';
import { pseudoLocalised as pseudo } from '../../src/ui/pseudoLocale';
import { asPerson, canarySecret, children, ESCAPE, extensionApi, rememberSecret, removeAllTenants, run, tenantElement, tokensOf, tooltipOf, type Shown } from './helpers';

const REPO_ROOT = path.resolve(__dirname, '../../..');

/** The English runs of our own words in the default bundle: the text between placeholders, two words or more. */
function englishFragments(): string[] {
  const bundle = JSON.parse(readFileSync(path.join(REPO_ROOT, 'l10n', 'bundle.l10n.json'), 'utf8')) as Record<string, string>;
  return Object.keys(bundle)
    .flatMap((message) => message.split(/\{\d+\}|\$\([^)]*\)/))
    .map((fragment) => fragment.trim())
    .filter((fragment) => fragment.length >= 8 && /[A-Za-z]{2,} [A-Za-z]{2,}/.test(fragment));
}

/** The health overview's strings as the page receives them: the inert JSON data element, decoded. */
function overviewStrings(html: string): string[] {
  const json = /<script type="application\/json" id="data"[^>]*>(.*?)<\/script>/s.exec(html)?.[1] ?? '{}';
  const strings: string[] = [];
  const visit = (value: unknown): void => {
    if (typeof value === 'string') strings.push(value);
    else if (Array.isArray(value)) value.forEach(visit);
    else if (value !== null && typeof value === 'object') Object.values(value).forEach(visit);
  };
  visit(JSON.parse(json));
  return strings;
}

function textsOf(shown: readonly Shown[]): string[] {
  return shown.flatMap((each) => [each.title, each.text, each.detail, each.problem, ...(each.options ?? []), ...(each.selected ?? []), ...each.refused]).filter((text): text is string => text !== undefined && text !== '');
}

describe('every sentence a person sees goes through the bundle (pseudo-locale bypass test)', function () {
  this.timeout(60_000);
  let fake: FakeTenant;
  let ada: FakeIdentity;
  const seen: string[] = [];

  before(async () => {
    await removeAllTenants();
    fake = await FakeTenant.start();
    ada = fake.addIdentity('Ada Admin', { admin: true });
    rememberSecret(fake.addToken(ada.id, { name: 'zz-nightly', scope: ['sp:scopes:default'], secret: canarySecret('seed') }).secret);
    await vscode.commands.executeCommand('sailpointPat.test.pseudoLocale', true);
  });

  after(async () => {
    await vscode.commands.executeCommand('sailpointPat.test.pseudoLocale', false);
    await removeAllTenants();
    await vscode.env.clipboard.writeText('');
    await fake.stop();
  });

  it('runs Add Tenant (with a refused host and a refused secret), Create Token, a failing Rename, Find Unused and Delete in the pseudo-locale', async () => {
    const { clientId, clientSecret } = fake.addApiClient(ada.id);
    rememberSecret(clientSecret);
    const wrong = canarySecret('wrong-secret');
    seen.push(...textsOf(await asPerson('sailpointPat.addTenant', ['https://', fake.baseUrl, 'Pseudo Prod', clientId, wrong, clientSecret])));
    const tenant = (await children())[0];
    assert.ok(tenant, 'Add Tenant added no tenant');
    const tenantId = (tenant.id ?? '').replace(/^tenant:/, '');

    seen.push(...textsOf(await asPerson('sailpointPat.createToken', ['zz-made', [], ['sp:scopes:default'], pseudo('1 hour'), '', ESCAPE], { node: await tenantElement(tenantId) })));
    const made = fake.tokens().find((token) => token.name === 'zz-made');
    assert.ok(made, 'Create Token created nothing');
    rememberSecret(made.secret);

    fake.inject({ fault: { kind: 'status', status: 400 }, match: { method: 'PATCH' }, times: 1 });
    const renameNode = (await tokensOf(tenantId)).get('zz-made');
    assert.ok(renameNode);
    seen.push(...textsOf(await asPerson('sailpointPat.renameToken', ['zz-renamed', ESCAPE], { node: renameNode })));

    seen.push(...textsOf(await asPerson('sailpointPat.findUnusedTokens', [pseudo('Never used'), ['zz-nightly'], ESCAPE], { node: await tenantElement(tenantId) })));

    const node = (await tokensOf(tenantId)).get('zz-made');
    assert.ok(node);
    seen.push(...textsOf(await asPerson('sailpointPat.deleteToken', [pseudo('Delete Token')], { node })));
    assert.equal(fake.tokens().find((token) => token.name === 'zz-made'), undefined, 'the pseudo-locale button did not delete');

    await run('sailpointPat.refresh', { tenantId });
    const rows = [await tenantElement(tenantId), ...(await tokensOf(tenantId)).values()];
    for (const row of rows) seen.push(String(row.description ?? ''), await tooltipOf(row));
  });

  it('runs Check Token Health with its overview, Filter Tokens and Scopes This Code Needs in the pseudo-locale', async () => {
    seen.push(...textsOf(await asPerson('sailpointPat.tokenHealth', [ESCAPE])));
    await asPerson('sailpointPat.showTokenHealth', []);
    const page = await vscode.commands.executeCommand<{ open: boolean; html: string }>('sailpointPat.test.healthOverview');
    assert.ok(page.open, 'the health overview did not open');
    seen.push(...overviewStrings(page.html));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');

    seen.push(...textsOf(await asPerson('sailpointPat.filterTokens', ['nightly'])));
    seen.push(((await extensionApi()).treeView as Pick<vscode.TreeView<vscode.TreeItem>, 'description'>).description ?? '');
    await run('sailpointPat.clearTokenFilter', {});

    const scripts = path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, 'code-scan', 'scripts');
    seen.push(...textsOf(await asPerson('sailpointPat.scopesForCode', [ESCAPE], { resources: [vscode.Uri.file(scripts)] })));
  });

  it('no English sentence of the default bundle appears in what was shown, and the pseudo-locale did reach it', () => {
    assert.ok(seen.length > 20, `too little was captured to judge: ${seen.length}`);
    assert.ok(seen.filter((text) => /[áéíóöüÁÉÍÖÜ]/.test(text)).length > 20, 'the pseudo-locale translator was not in use');
    const fragments = englishFragments();
    const bypasses = seen.flatMap((text) => fragments.filter((fragment) => text.includes(fragment)).map((fragment) => `"${fragment}" in: ${text}`));
    assert.deepEqual(bypasses, []);
  });
});

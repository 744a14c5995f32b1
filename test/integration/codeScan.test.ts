// Scopes This Code Needs and Check Token Against This Code in the real VS Code, over the scripts in
// test/fixtures/workspace/code-scan (written for these tests), with the real catalogue and the fake tenant.
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { FakeIdentity, FakeTenant } from '../fake-tenant/server';
import { asPerson, canarySecret, ESCAPE, rejectsWith, rememberSecret, run, sleep } from './helpers';
import { withTenant } from './withTenant';

interface ScanResult {
  calls: { file: string; line: number; method: string; path: string; operationId: string; scopes: string[] }[];
  scopes: string[];
  unmatched: { file: string; line: number; text: string }[];
}

const workspace = (): string => vscode.workspace.workspaceFolders![0].uri.fsPath;
const scripts = (): string => path.join(workspace(), 'code-scan', 'scripts');
const hostile = (): string => path.join(workspace(), 'code-scan', 'hostile');
const LEAST = ['idn:sources:manage', 'sp:my-personal-access-tokens:read'];

/** Hover text without what appendText adds: backslashes before Markdown punctuation, &nbsp; for spaces. */
function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n')
    .replace(/&nbsp;/g, ' ')
    .replace(/\\(.)/g, '$1');
}

describe('code scan', () => {
  let fake: FakeTenant;
  let tenantId: string;
  let checkedTokenId: string;

  function seed(tenant: FakeTenant, ada: FakeIdentity): void {
    const checked = tenant.addToken(ada.id, { name: 'reads-sources', scope: ['idn:sources:read', 'idn:accounts:read'], secret: canarySecret('codescan-checked') });
    rememberSecret(checked.secret);
    checkedTokenId = checked.id;
  }

  withTenant({ displayName: 'Code', seed }, (added) => ({ fake, tenantId } = added));

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('hovering over a call in a file opened before any scan shows its operation and scopes, as plain text', async () => {
    // Runs first in this suite, before any scan in the window (with PAT_TESTS_GREP='code scan').
    const file = path.join(workspace(), 'code-scan', 'hover-before-scan.sh');
    writeFileSync(file, '#!/bin/sh\ncurl -s "$ISC_URL/v3/sources" -H "Authorization: Bearer $TOKEN"\n');
    try {
      const document = await vscode.workspace.openTextDocument(file);
      await vscode.window.showTextDocument(document);
      let hovers: vscode.Hover[] = [];
      for (let attempt = 0; attempt < 20 && !hoverText(hovers).includes('SailPoint ISC'); attempt++) {
        if (attempt > 0) await sleep(200);
        hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(1, 25));
      }
      const text = hoverText(hovers);
      assert.match(text, /SailPoint ISC: GET \/v3\/sources \(listSources\)/);
      assert.match(text, /Granted by any one of: .*idn:sources:read/);
      const ours = hovers.flatMap((hover) => hover.contents).filter((content) => typeof content !== 'string' && content.value.includes('SailPoint'));
      assert.ok(ours.length > 0 && ours.every((content) => (content as { isTrusted?: boolean }).isTrusted !== true), 'the hover is trusted Markdown');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      rmSync(file, { force: true });
    }
  });

  it('scopesForCode: a script gets every call with file, line, method, path, operationId and scopes, and the least privilege', async () => {
    const result = await run<ScanResult>('sailpointPat.scopesForCode', { paths: [scripts()] });
    assert.deepEqual(
      result.calls.map((call) => `${path.relative(workspace(), call.file)}:${call.line} ${call.method} ${call.path} ${call.operationId}`),
      [
        'code-scan/scripts/create.ps1:3 POST /v3/sources createSource',
        'code-scan/scripts/list.sh:2 GET /v3/sources listSources',
        'code-scan/scripts/list.sh:3 GET /v3/personal-access-tokens listPersonalAccessTokens',
      ],
    );
    assert.ok(result.calls[1].scopes.includes('idn:sources:read') && result.calls[1].scopes.includes('idn:sources:manage'));
    assert.deepEqual(result.scopes, LEAST);
    assert.deepEqual(result.unmatched, []);
    const onlyReading = await run<ScanResult>('sailpointPat.scopesForCode', { paths: [path.join(scripts(), 'list.sh')] });
    assert.deepEqual(onlyReading.scopes, ['idn:sources:read', 'sp:my-personal-access-tokens:read']);
  });

  it('scopesForCode skips what files.exclude and search.exclude hide', async () => {
    const files = vscode.workspace.getConfiguration('files');
    const search = vscode.workspace.getConfiguration('search');
    try {
      await files.update('exclude', { '**/create.ps1': true }, vscode.ConfigurationTarget.Global);
      await search.update('exclude', { 'code-scan/scripts/list.sh': true }, vscode.ConfigurationTarget.Global);
      const result = await run<ScanResult>('sailpointPat.scopesForCode', { paths: [scripts()] });
      assert.deepEqual(result, { calls: [], scopes: [], unmatched: [] });
    } finally {
      await files.update('exclude', undefined, vscode.ConfigurationTarget.Global);
      await search.update('exclude', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('scopesForCode refuses paths outside the workspace folders, relative paths and non-strings, and reads nothing', async () => {
    await rejectsWith('sailpointPat.scopesForCode', { paths: [tmpdir()] }, /inside a workspace folder/);
    await rejectsWith('sailpointPat.scopesForCode', { paths: ['code-scan/scripts'] }, /inside a workspace folder/);
    await rejectsWith('sailpointPat.scopesForCode', { paths: [42] }, /paths/);
    await rejectsWith('sailpointPat.scopesForCode', { paths: [] }, /names no file or folder/);
  });

  it('checkTokenAgainstCode: the calls that would get 403 and the scopes no call needs', async () => {
    const result = await run<{ missing: { file: string; line: number; operationId: string; scopes: string[] }[]; excess: string[] }>(
      'sailpointPat.checkTokenAgainstCode',
      { tenantId, tokenId: checkedTokenId, paths: [scripts()] },
    );
    assert.deepEqual(
      result.missing.map((call) => `${path.basename(call.file)}:${call.line} ${call.operationId}`),
      ['create.ps1:3 createSource', 'list.sh:3 listPersonalAccessTokens'],
    );
    assert.deepEqual(result.excess, ['idn:accounts:read']);
    await rejectsWith('sailpointPat.checkTokenAgainstCode', { tenantId, tokenId: 'no-such-token', paths: [scripts()] }, /No token with id no-such-token/);
  });

  it('a person right-clicks a folder, picks Create Token with These Scopes, and the tenant holds a token with exactly those scopes', async () => {
    const shown = await asPerson('sailpointPat.scopesForCode', ['Create Token with These Scopes…', 'from-code', LEAST, '1 hour', '', ESCAPE], {
      resources: [vscode.Uri.file(scripts())],
    });
    const options = shown.find((each) => each.kind === 'pickOne')?.options ?? [];
    assert.ok(options.includes('GET /v3/personal-access-tokens'), JSON.stringify(shown, null, 1));
    assert.ok(options.includes('$(key) idn:sources:manage') && options.includes('$(key) sp:my-personal-access-tokens:read'));
    const scopeStep = shown.find((each) => each.kind === 'pickMany');
    assert.deepEqual(scopeStep?.selected, LEAST, 'the scope step did not start from the scan result');
    const made = fake.tokens().find((token) => token.name === 'from-code');
    assert.ok(made, 'no token was created');
    rememberSecret(made.secret);
    assert.deepEqual([...(made.scope ?? [])].sort(), LEAST);
  });

  it('a person picks a call and the editor opens the file at its line', async () => {
    await asPerson('sailpointPat.scopesForCode', ['GET /v3/personal-access-tokens'], { resources: [vscode.Uri.file(scripts())] });
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.fsPath, path.join(scripts(), 'list.sh'));
    assert.equal(editor.selection.active.line, 2);
  });

  it('a person checks a token, sees the 403s and the excess scope, and is offered Edit Scopes', async () => {
    const shown = await asPerson('sailpointPat.checkTokenAgainstCode', ['reads-sources', ESCAPE], { resources: [vscode.Uri.file(scripts())] });
    const check = shown.filter((each) => each.kind === 'pickOne').at(-1);
    assert.match(check?.text ?? '', /reads-sources: 2 call\(s\) would get 403, 1 excess scope\(s\)\./);
    assert.deepEqual(check?.options?.slice(0, 1), ['$(edit) Edit Scopes of This Token…']);
    assert.ok(check?.options?.includes('$(circle-slash) idn:accounts:read'));
  });

  it('hovering over a recognised call shows its operation and scopes, from the catalogue only', async () => {
    const document = await vscode.workspace.openTextDocument(path.join(scripts(), 'list.sh'));
    await vscode.window.showTextDocument(document);
    let text = '';
    for (let attempt = 0; attempt < 20 && !text.includes('SailPoint ISC'); attempt++) {
      text = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(1, 60)));
      if (!text.includes('SailPoint ISC')) await sleep(200);
    }
    assert.match(text, /SailPoint ISC: GET \/v3\/sources \(listSources\)/);
    assert.match(text, /Granted by any one of: .*idn:sources:read/);
    const none = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(0, 3)));
    assert.doesNotMatch(none, /SailPoint ISC/);
  });

  describe('a hostile workspace gets nothing', () => {
    let outside: string;
    before(() => {
      outside = mkdtempSync(path.join(tmpdir(), 'codescan-outside-'));
      writeFileSync(path.join(outside, 'secret-calls.sh'), 'curl "$ISC_URL/v3/personal-access-tokens"\n');
      symlinkSync(outside, path.join(hostile(), 'escape'));
      symlinkSync(path.join(outside, 'secret-calls.sh'), path.join(hostile(), 'escape.sh'));
    });
    after(() => {
      rmSync(path.join(hostile(), 'escape'), { force: true });
      rmSync(path.join(hostile(), 'escape.sh'), { force: true });
      rmSync(outside, { recursive: true, force: true });
    });

    it('follows no link out of the folder and runs nothing it reads', async () => {
      const result = await run<ScanResult>('sailpointPat.scopesForCode', { paths: [hostile()] });
      const files = new Set([...result.calls, ...result.unmatched].map((call) => path.basename(call.file)));
      assert.deepEqual([...files], ['$(zap)[open](command:workbench.action.quit).sh']);
      assert.ok(!result.calls.some((call) => call.operationId === 'listPersonalAccessTokens'), 'a call behind a symbolic link was read');
      for (const folder of [workspace(), hostile(), process.cwd()]) assert.ok(!existsSync(path.join(folder, 'scan-ran-code')), 'the scan ran code from a file');
    });

    it('shows hostile file names and text as plain text: no theme icon, link or command forms', async () => {
      const shown = await asPerson('sailpointPat.scopesForCode', [ESCAPE], { resources: [vscode.Uri.file(hostile())] });
      const labels = shown.find((each) => each.kind === 'pickOne')?.options ?? [];
      assert.ok(labels.length > 0, JSON.stringify(shown));
      for (const label of labels) {
        const text = label.replace(/^\$\([a-z-]+\) /, '');
        assert.ok(!text.includes('$(') && !text.includes(']('), `not inert: ${label}`);
      }
      const document = await vscode.workspace.openTextDocument(path.join(hostile(), '$(zap)[open](command:workbench.action.quit).sh'));
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(2, 20));
      for (const content of hovers.flatMap((hover) => hover.contents)) {
        if (typeof content === 'string') continue;
        assert.ok(content instanceof vscode.MarkdownString ? content.isTrusted !== true : true, 'a trusted hover');
        assert.doesNotMatch(content.value, /command:|\]\(|zap/);
      }
    });
  });
});

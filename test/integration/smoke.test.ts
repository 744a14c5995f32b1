import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID } from './helpers';

// Set by test/runner/run-vscode-tests.mjs; absent when the tests run in desktop VS Code.
const launcherUserDataDir = process.env.SAILPOINT_PAT_TEST_USER_DATA_DIR;

describe('the extension inside a real VS Code', () => {
  it('is installed from the development path and activates', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not loaded`);
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  it('has the fixture workspace open', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'no workspace folder is open');
    assert.equal(path.basename(folder.uri.path), 'workspace');
    const readme = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, 'README.md'));
    assert.match(Buffer.from(readme).toString('utf8'), /Integration test workspace/);
  });

  if (launcherUserDataDir) {
    it('runs in the remote extension host of the web workbench', () => {
      const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
      assert.equal(vscode.env.uiKind, vscode.UIKind.Web);
      assert.ok(vscode.env.remoteName, 'remoteName should name the server connection');
      assert.equal(extension.extensionKind, vscode.ExtensionKind.Workspace);
    });

    it('can see the user-data folder VS Code writes to', () => {
      assert.ok(fs.statSync(launcherUserDataDir).isDirectory());
      assert.ok(fs.readdirSync(launcherUserDataDir).includes('logs'), 'VS Code wrote no logs folder');
    });
  } else {
    it('runs in the local extension host of desktop VS Code', () => {
      const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
      assert.equal(vscode.env.uiKind, vscode.UIKind.Desktop);
      assert.equal(vscode.env.remoteName, undefined);
      assert.equal(extension.extensionKind, vscode.ExtensionKind.UI);
    });
  }
});

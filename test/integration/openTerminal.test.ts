// Open Terminal Signed In: the SAIL_ variables reach that terminal's process, which is transient, and no file.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { FakeTenant } from '../fake-tenant/server';
import { canarySecret, rejectsWith, rememberSecret, removeAllTenants, run, sandboxFilesHolding, sleep, tenantElement, tokensOf } from './helpers';

/** The terminal VS Code opened with this name, waiting briefly for it to appear. */
async function terminalNamed(name: string): Promise<vscode.Terminal> {
  for (let waited = 0; waited < 5000; waited += 100) {
    const terminal = vscode.window.terminals.find((each) => each.name === name);
    if (terminal !== undefined) return terminal;
    await sleep(100);
  }
  assert.fail(`no terminal named ${name}`);
}

async function fileText(file: string): Promise<string> {
  for (let waited = 0; waited < 10_000; waited += 100) {
    if (fs.existsSync(file) && fs.readFileSync(file, 'utf8').endsWith('\n')) return fs.readFileSync(file, 'utf8').trim();
    await sleep(100);
  }
  assert.fail(`the terminal did not write ${file}`);
}

describe('Open Terminal Signed In', function () {
  this.timeout(60_000);
  let fake: FakeTenant;
  let tenantId: string;
  let tenantClientId: string;
  let tokenId: string;
  let tokenSecret: string;

  before(async () => {
    await removeAllTenants();
    fake = await FakeTenant.start();
    const owner = fake.addIdentity('Tess Terminal', { admin: true });
    const signIn = fake.addToken(owner.id, { name: 'terminal-sign-in', secret: canarySecret('terminal-sign-in') });
    tenantClientId = signIn.id;
    ({ tenantId } = await run<{ tenantId: string }>('sailpointPat.addTenant', { url: fake.baseUrl, displayName: 'Terminal tenant', clientId: signIn.id, clientSecret: signIn.secret }));
    ({ tokenId } = await run<{ tokenId: string }>('sailpointPat.createToken', { tenantId, name: 'term-token', scope: ['sp:scopes:default'] }));
    tokenSecret = fake.tokens().find((token) => token.id === tokenId)!.secret;
    rememberSecret(tokenSecret);
  });

  after(async () => {
    vscode.window.terminals.filter((each) => each.name.startsWith('SailPoint:')).forEach((each) => each.dispose());
    await removeAllTenants();
    await fake.stop();
  });

  it('opens a transient terminal named after the token whose process alone holds its SAIL_ variables', async () => {
    const { name } = await run<{ name: string }>('sailpointPat.openTerminal', { tenantId, tokenId });
    const terminal = await terminalNamed(name);
    assert.equal(name, 'SailPoint: ' + tokenId);
    const options = terminal.creationOptions as vscode.TerminalOptions;
    assert.equal(options.isTransient, true, 'terminal persistence would save its environment');
    assert.deepEqual(options.env, { SAIL_BASE_URL: fake.baseUrl, SAIL_CLIENT_ID: tokenId, SAIL_CLIENT_SECRET: tokenSecret });

    // The shell sees them: it writes the id and the secret's length (never the secret) to a file.
    const proof = path.join(os.tmpdir(), `terminal-env-${Date.now()}.txt`);
    terminal.sendText(`echo "$SAIL_BASE_URL $SAIL_CLIENT_ID \${#SAIL_CLIENT_SECRET}" > '${proof}'`);
    assert.equal(await fileText(proof), `${fake.baseUrl} ${tokenId} ${tokenSecret.length}`);
    fs.rmSync(proof);

    // Layout and state are written after changes settle; give them time, then look for the secret on disk.
    await sleep(3000);
    assert.deepEqual(sandboxFilesHolding(tokenSecret), []);
  });

  it('from the tree: a token row opens a terminal named after the token; a tenant row signs in as the tenant', async () => {
    const row = (await tokensOf(tenantId)).get('term-token');
    assert.ok(row, 'the token row is missing');
    await vscode.commands.executeCommand('sailpointPat.openTerminal', row);
    const tokenTerminal = await terminalNamed('SailPoint: term-token');
    assert.equal((tokenTerminal.creationOptions as vscode.TerminalOptions).env?.SAIL_CLIENT_ID, tokenId);

    await vscode.commands.executeCommand('sailpointPat.openTerminal', await tenantElement(tenantId));
    const tenantTerminal = await terminalNamed('SailPoint: Terminal tenant');
    const options = tenantTerminal.creationOptions as vscode.TerminalOptions;
    assert.equal(options.isTransient, true);
    assert.equal(options.env?.SAIL_CLIENT_ID, tenantClientId);
    assert.equal(options.env?.SAIL_BASE_URL, fake.baseUrl);
  });

  it('refuses a token whose secret is not stored here, and odd ids, opening nothing', async () => {
    const before = vscode.window.terminals.length;
    const other = fake.addToken(fake.addIdentity('Nobody').id, { name: 'not-mine', secret: canarySecret('terminal-not-stored') });
    await rejectsWith('sailpointPat.openTerminal', { tenantId, tokenId: other.id }, /No secret of token/);
    await rejectsWith('sailpointPat.openTerminal', { tenantId, tokenId: '../..' }, /"tokenId" must be an id/);
    await rejectsWith('sailpointPat.openTerminal', { tenantId: 'no-such-tenant' }, /No tenant/);
    await sleep(300);
    assert.equal(vscode.window.terminals.length, before);
  });
});

// Open Terminal Signed In: the SAIL_ variables reach that terminal's process, which is transient, and no file, and
// no terminal object other extensions read; a script's call opens one only after a person confirms it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { FakeTenant } from '../fake-tenant/server';
import { asPerson, asScriptWithPerson, canarySecret, rejectsWith, rememberSecret, run, sandboxFilesHolding, sleep, tenantElement, terminalNamed, tokensOf } from './helpers';
import { withTenant } from './withTenant';

async function fileText(file: string): Promise<string> {
  for (let waited = 0; waited < 10_000; waited += 100) {
    if (fs.existsSync(file) && fs.readFileSync(file, 'utf8').endsWith('\n')) return fs.readFileSync(file, 'utf8').trim();
    await sleep(100);
  }
  assert.fail(`the terminal did not write ${file}`);
}

/** What the shell in the terminal sees: it writes the base URL, the client id and the secret's length (never the secret). */
async function shellSees(terminal: vscode.Terminal): Promise<string> {
  const proof = path.join(os.tmpdir(), `terminal-env-${Date.now()}-${Math.random().toString(36).slice(2)}.txt`);
  terminal.sendText(`echo "$SAIL_BASE_URL $SAIL_CLIENT_ID \${#SAIL_CLIENT_SECRET}" > '${proof}'`);
  const seen = await fileText(proof);
  fs.rmSync(proof);
  return seen;
}

/** No SAIL_ value is readable from the terminal object every extension gets (issue 19 item 2). */
function assertNothingVisible(terminal: vscode.Terminal, secrets: readonly string[]): void {
  const options = terminal.creationOptions as vscode.TerminalOptions;
  assert.equal(options.isTransient, true, 'terminal persistence would save its environment');
  assert.deepEqual(Object.keys(options.env ?? {}).filter((name) => name.startsWith('SAIL_')), [], 'the SAIL_ variables are readable from creationOptions');
  const visible = JSON.stringify(options);
  for (const secret of secrets) assert.ok(!visible.includes(secret), 'a secret is readable from creationOptions');
}

describe('Open Terminal Signed In', function () {
  this.timeout(60_000);
  let fake: FakeTenant;
  let tenantId: string;
  let tenantClientId: string;
  let tenantClientSecret: string;
  let tokenId: string;
  let tokenSecret: string;

  withTenant({ displayName: 'Terminal tenant', adminName: 'Tess Terminal', signInToken: { name: 'terminal-sign-in' } }, async (added) => {
    ({ fake, tenantId, clientId: tenantClientId, clientSecret: tenantClientSecret } = added);
    ({ tokenId } = await run<{ tokenId: string }>('sailpointPat.createToken', { tenantId, name: 'term-token', scope: ['sp:scopes:default'] }));
    tokenSecret = fake.tokens().find((token) => token.id === tokenId)!.secret;
    rememberSecret(tokenSecret);
  });

  after(() => {
    vscode.window.terminals.filter((each) => each.name.startsWith('SailPoint:')).forEach((each) => each.dispose());
  });

  it('a script asks, a person confirms in a modal naming the tenant and host: a transient terminal whose process alone holds the variables', async () => {
    const { result, shown } = await asScriptWithPerson<{ name: string }>('sailpointPat.openTerminal', { tenantId, tokenId }, ['Open Terminal Signed In']);
    const terminal = await terminalNamed(result.name);
    assert.equal(result.name, 'SailPoint: ' + tokenId);
    const modal = shown.find((each) => each.kind === 'confirm');
    assert.ok(modal, 'no modal asked the person');
    assert.ok(modal.text.includes('Terminal tenant') && modal.text.includes(new URL(fake.baseUrl).host), modal.text);
    assert.match(modal.text, new RegExp(`the secret of token ${tokenId}`));
    assertNothingVisible(terminal, [tokenSecret]);
    assert.equal(await shellSees(terminal), `${fake.baseUrl} ${tokenId} ${tokenSecret.length}`);

    // Layout and state are written after changes settle; give them time, then look for the secret on disk.
    await sleep(3000);
    assert.deepEqual(sandboxFilesHolding(tokenSecret), []);
  });

  it('a script alone opens nothing: the modal VS Code refuses in a test run stands for a person who said no', async () => {
    const before = vscode.window.terminals.length;
    await rejectsWith('sailpointPat.openTerminal', { tenantId, tokenId }, /needs a person to confirm it/);
    await rejectsWith('sailpointPat.openTerminal', { tenantId }, /needs a person to confirm it/);
    const declined = await vscode.commands.executeCommand<{ failure?: string; shown: { kind: string; text: string }[] }>('sailpointPat.test.runWithAnswers', {
      command: 'sailpointPat.openTerminal',
      args: { tenantId },
      answers: [{ escape: true }],
    });
    assert.match(declined.failure ?? '', /needs a person to confirm it/);
    assert.match(declined.shown[0]?.text ?? '', /the tenant's own sign-in credentials/);
    await sleep(300);
    assert.equal(vscode.window.terminals.length, before);
  });

  it('from the tree: a token row opens a terminal named after the token; a tenant row signs in as the tenant', async () => {
    const row = (await tokensOf(tenantId)).get('term-token');
    assert.ok(row, 'the token row is missing');
    await vscode.commands.executeCommand('sailpointPat.openTerminal', row);
    const tokenTerminal = await terminalNamed('SailPoint: term-token');
    assertNothingVisible(tokenTerminal, [tokenSecret]);
    assert.equal(await shellSees(tokenTerminal), `${fake.baseUrl} ${tokenId} ${tokenSecret.length}`);

    await vscode.commands.executeCommand('sailpointPat.openTerminal', await tenantElement(tenantId));
    const tenantTerminal = await terminalNamed('SailPoint: Terminal tenant');
    assertNothingVisible(tenantTerminal, [tenantClientSecret]);
    assert.equal(await shellSees(tenantTerminal), `${fake.baseUrl} ${tenantClientId} ${tenantClientSecret.length}`);
  });

  it('from the palette: a token whose secret is stored is offered first, the tenant\'s own sign-in credentials last', async () => {
    vscode.window.terminals.filter((each) => each.name === 'SailPoint: term-token').forEach((each) => each.dispose());
    await sleep(300);
    const shown = await asPerson('sailpointPat.openTerminal', ['term-token']);
    const pick = shown.find((each) => each.kind === 'pickOne');
    assert.ok(pick?.options, 'no choice of whose credentials');
    assert.equal(pick.options[0].replace(/^\$\([a-z-]+\)\s*/, ''), 'term-token');
    assert.equal(pick.options[pick.options.length - 1].replace(/^\$\([a-z-]+\)\s*/, ''), 'Terminal tenant');
    const terminal = await terminalNamed('SailPoint: term-token');
    assertNothingVisible(terminal, [tokenSecret]);
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

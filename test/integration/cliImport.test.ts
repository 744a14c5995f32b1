// Import Tenants from SailPoint CLI against a real ~/.sailpoint/config.yaml in the launcher's sandbox HOME.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { FakeTenant } from '../fake-tenant/server';
import { actAsUser, asPerson, canarySecret, children, EXTENSION_ID, extensionApi, labelOf, messagesIn, rejectsWith, rememberSecret, removeAllTenants, run, SANDBOX_DIR } from './helpers';

const COMMAND = 'sailpointPat.importFromSailPointCli';

function writeCliConfig(text: string): void {
  const dir = path.join(os.homedir(), '.sailpoint');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'config.yaml'), text);
}

/** The CLI's own layout (viper writes lower-case keys); secrets are in the OS keyring, not here. */
function cliConfig(environments: Record<string, { baseurl?: string; tenanturl?: string }>): string {
  const lines = ['activeenvironment: fake', 'authtype: pat', 'environments:'];
  for (const [name, urls] of Object.entries(environments)) {
    lines.push(`  ${JSON.stringify(name)}:`);
    for (const [key, value] of Object.entries(urls)) lines.push(`    ${key}: ${JSON.stringify(value)}`);
  }
  return `${lines.join('\n')}\n`;
}

describe('Import Tenants from SailPoint CLI', function () {
  // Writes into HOME: only where HOME is the launcher's sandbox, never a developer's own.
  if (SANDBOX_DIR === undefined || !os.homedir().startsWith(SANDBOX_DIR)) return;
  this.timeout(60_000);
  let fake: FakeTenant;
  let other: FakeTenant;
  let adminId: string;

  before(async () => {
    await removeAllTenants();
    fs.rmSync(path.join(os.homedir(), '.sailpoint'), { recursive: true, force: true });
    fake = await FakeTenant.start();
    other = await FakeTenant.start();
    adminId = fake.addIdentity('Cleo CLI', { admin: true }).id;
  });

  after(async () => {
    fs.rmSync(path.join(os.homedir(), '.sailpoint'), { recursive: true, force: true });
    await removeAllTenants();
    await fake.stop();
    await other.stop();
  });

  it('says clearly when the file is missing, is not YAML, or lists no environments', async () => {
    await rejectsWith(COMMAND, {}, /No SailPoint CLI configuration was found at ~\/\.sailpoint\/config\.yaml( on [^)]+\))?:/);
    writeCliConfig('environments:\n  fake: [unclosed\n    baseurl: : :\n');
    // In a remote window (code-server's is one) the message says which machine's file it read.
    const runsThere = vscode.extensions.getExtension(EXTENSION_ID)?.extensionKind === vscode.ExtensionKind.Workspace;
    const machine = runsThere ? 'the remote machine' : 'this computer, not the remote machine';
    const place = vscode.env.remoteName === undefined ? '' : ` on ${machine} \\(${vscode.env.remoteName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\)`;
    await rejectsWith(COMMAND, {}, new RegExp(`~/\\.sailpoint/config\\.yaml${place} is not a SailPoint CLI configuration .*not valid YAML \\(line \\d+\\)`));
    writeCliConfig('activeenvironment: fake\nauthtype: pat\n');
    await rejectsWith(COMMAND, {}, /lists no environments/);
    assert.deepEqual(await children(), []);
  });

  it('offers only the environments not yet added, with usable URLs', async () => {
    const otherSignIn = other.addApiClient(other.addIdentity('Olga', { admin: true }).id);
    rememberSecret(otherSignIn.clientSecret);
    const { tenantId } = await run<{ tenantId: string }>('sailpointPat.addTenant', { url: other.baseUrl, displayName: 'Already here', ...otherSignIn });
    writeCliConfig(
      cliConfig({ fake: { baseurl: fake.baseUrl }, again: { baseurl: `${other.baseUrl}/` }, 'ftp-one': { tenanturl: 'ftp://files.example.com' }, empty: {} }),
    );
    const { environments } = await run<{ environments: { name: string; baseUrl: string }[] }>(COMMAND, {});
    assert.deepEqual(environments, [{ name: 'fake', baseUrl: fake.baseUrl }]);
    await run('sailpointPat.removeTenant', { tenantId });
  });

  it('verifies credentials before anything is saved', async () => {
    const signIn = fake.addApiClient(adminId);
    await rejectsWith(COMMAND, { environment: 'fake', clientId: signIn.clientId, clientSecret: canarySecret('cli-wrong') }, /rejected/i);
    assert.deepEqual(await children(), []);
  });

  it('through the prompts: the multi-pick, then each environment\'s client ID and secret, adds the tenant', async () => {
    const otherAdmin = other.addIdentity('Otto', { admin: true });
    writeCliConfig(cliConfig({ fake: { baseurl: fake.baseUrl }, 'other env': { baseurl: other.baseUrl } }));
    // Typed through the page, so not canaries: the launcher's request line carries them.
    const fakeSignIn = fake.addApiClient(adminId);
    const otherSignIn = other.addApiClient(otherAdmin.id);
    const command = Promise.resolve(vscode.commands.executeCommand(COMMAND));
    const offered = await actAsUser({ action: 'quickInput', expect: 'Import Tenants from SailPoint CLI' });
    assert.match(offered, /fake/);
    assert.match(offered, /other env/);
    for (const [name, signIn] of [['fake', fakeSignIn], ['other env', otherSignIn]] as const) {
      await actAsUser({ action: 'quickInput', expect: `Import ${name} from SailPoint CLI (1/2)`, text: signIn.clientId });
      await actAsUser({ action: 'quickInput', expect: `Import ${name} from SailPoint CLI (2/2)`, text: signIn.clientSecret });
    }
    await command;
    const tenants = await children();
    assert.deepEqual(tenants.map(labelOf).sort(), ['fake', 'other env']);
    // Nothing left to offer now.
    await rejectsWith(COMMAND, {}, /Every environment in ~\/\.sailpoint\/config\.yaml( on [^)]+\))? is already a tenant here/);
  });

  it('refuses a file over 1 MB or with more than 500 environments, and reads merge keys as the CLI does (issue 19 item 6)', async () => {
    writeCliConfig(`${cliConfig({ fake: { baseurl: fake.baseUrl } })}# ${'x'.repeat(1024 * 1024)}\n`);
    await rejectsWith(COMMAND, {}, /config\.yaml( on [^)]+\))? is not a SailPoint CLI configuration this extension can read: it is larger than 1 MB/);
    const many: Record<string, { baseurl: string }> = {};
    for (let i = 0; i < 501; i++) many[`env${i}`] = { baseurl: `https://t${i}.api.identitynow.com` };
    writeCliConfig(cliConfig(many));
    await rejectsWith(COMMAND, {}, /more than 500 environments/);
    writeCliConfig('defaults: &defaults\n  baseurl: https://merged.api.identitynow.com\nenvironments:\n  merged:\n    <<: *defaults\n');
    const { environments } = await run<{ environments: { name: string; baseUrl: string }[] }>(COMMAND, {});
    assert.deepEqual(environments, [{ name: 'merged', baseUrl: 'https://merged.api.identitynow.com' }]);
  });

  it('a script importing an environment whose URL is already a tenant is refused, naming the tenant (issue 19 item 8)', async () => {
    writeCliConfig(cliConfig({ fake: { baseurl: fake.baseUrl } }));
    await rejectsWith(COMMAND, { environment: 'fake', clientId: 'x-client', clientSecret: canarySecret('cli-dup') }, /Tenant "fake" already uses http:\/\/127\.0\.0\.1:\d+/);
  });

  it('through the prompts: a failing environment is named and the import moves on; skipped ones are listed with why; the imported tenant is selected (issue 22 §4)', async () => {
    const third = await FakeTenant.start();
    try {
      const thirdAdmin = third.addIdentity('Tess', { admin: true });
      const good = third.addToken(thirdAdmin.id, { name: 'cli-good', secret: canarySecret('cli-good') });
      const refused = canarySecret('cli-refused');
      const unreachable = 'http://127.0.0.1:9';
      writeCliConfig(
        cliConfig({ 'refusing one': { baseurl: `${other.baseUrl}/` }, fake: { baseurl: fake.baseUrl }, 'third one': { baseurl: third.baseUrl }, 'ftp-one': { tenanturl: 'ftp://files.example.com' }, gone: { baseurl: unreachable } }),
      );
      await run('sailpointPat.removeTenant', { tenantId: (await children()).find((row) => labelOf(row) === 'other env')!.id!.replace(/^tenant:/, '') });
      const otherAdmin = other.addIdentity('Olaf', { admin: true });
      const otherToken = other.addToken(otherAdmin.id, { name: 'cli-other' });
      const shown = await asPerson(COMMAND, [['refusing one', 'third one'], otherToken.id, refused, good.id, good.secret]);
      assert.deepEqual(shown[0].options, ['refusing one', 'third one', 'gone']);
      const messages = messagesIn(shown);
      assert.equal(messages.length, 1, `one summary, no toast to wait behind: ${JSON.stringify(messages)}`);
      const [summary] = messages;
      assert.match(summary, /^Imported 1 of 2 environments from the SailPoint CLI\./);
      assert.match(summary, /refusing one: the tenant rejected the client ID and secret/i);
      assert.match(summary, /fake: already added as "fake"/);
      assert.match(summary, /ftp-one: /);
      assert.ok(!summary.includes(refused));
      const labels = (await children()).map(labelOf);
      assert.ok(labels.includes('third one') && !labels.includes('refusing one'), JSON.stringify(labels));
      const api = await extensionApi();
      assert.deepEqual(api.treeView.selection.map(labelOf), ['third one']);
    } finally {
      await third.stop();
    }
  });
});

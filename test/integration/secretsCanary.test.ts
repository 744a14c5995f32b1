// Runs after every other integration file (index.ts loads it last, and it checks so): no secret they used, and no
// secret any fake tenant issued, may appear in the extension's log, in any file VS Code wrote, or in the tree.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { FakeTenant, issuedSecrets } from '../fake-tenant/server';
import { canaries, canarySecret, children, labelOf, removeAllTenants, rememberSecret, run, sleep, tooltipOf } from './helpers';

// The launcher's sandbox (home, tmp, user data) and the user-data folder, which can be kept outside it.
const scannedDirs = [process.env.SAILPOINT_PAT_TEST_SANDBOX_DIR, process.env.SAILPOINT_PAT_TEST_USER_DATA_DIR].filter(
  (dir): dir is string => dir !== undefined && dir !== '',
);

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full);
    return entry.isFile() ? [full] : [];
  });
}

/** The shapes a fake tenant's secrets take: 64-hex PAT and client secrets, JWT-shaped access tokens. */
const ISSUED_SHAPES = /[0-9a-f]{64}|eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g;

/**
 * Which canaries a file holds, and which of the secrets any fake tenant issued (found by shape, then looked up, as
 * there are thousands), reported by kind only so that a failure does not print the secret itself.
 */
function leaksIn(file: string, issued: ReadonlySet<string>): string[] {
  let content: Buffer;
  try {
    content = fs.readFileSync(file);
  } catch {
    return [];
  }
  const named = canaries.filter((secret) => content.includes(secret)).map((secret) => `${file}: ${secret.split('-').slice(0, -1).join('-')}`);
  const found = [...content.toString('latin1').matchAll(ISSUED_SHAPES)].filter((match) => issued.has(match[0]));
  return found.length === 0 ? named : [...named, `${file}: ${found.length} secret(s) a fake tenant issued`];
}

describe('secrets stay secret (canary scan)', function () {
  this.timeout(60_000);

  before(async function () {
    // Loaded last, this is the last suite of the run; otherwise later files' secrets would go unscanned.
    const suites = this.test?.parent?.parent?.suites ?? [];
    assert.equal(suites[suites.length - 1], this.test?.parent, 'the canary scan is not the last suite of the run');
    // Trace is the level at which a careless debug line would leak; _extensionTests.* works only in test runs.
    await vscode.commands.executeCommand('_extensionTests.setLogLevel', 'trace');
    await sleep(500);
    await removeAllTenants();
  });

  after(async () => {
    await vscode.commands.executeCommand('_extensionTests.setLogLevel', 'info');
  });

  it('runs every secret-bearing flow at trace level', async () => {
    const fake = await FakeTenant.start();
    try {
      const owner = fake.addIdentity('Eve', { admin: true });
      const signIn = fake.addToken(owner.id, { name: 'eve-sign-in', secret: canarySecret('trace-sign-in') });
      const credentials = { clientId: signIn.id, clientSecret: signIn.secret };
      await assert.rejects(() =>
        Promise.resolve(run('sailpointPat.addTenant', { url: fake.baseUrl, clientId: credentials.clientId, clientSecret: canarySecret('trace-wrong') })),
      );
      const { tenantId } = await run<{ tenantId: string }>('sailpointPat.addTenant', { url: fake.baseUrl, ...credentials });
      const { tokenId } = await run<{ tokenId: string }>('sailpointPat.createToken', { tenantId, name: 'trace-token', scope: ['sp:scopes:default'] });
      rememberSecret(fake.tokens().find((token) => token.id === tokenId)!.secret);
      await run('sailpointPat.copyTokenSecret', { tenantId, tokenId });
      for (const tenant of await children()) {
        for (const item of [tenant, ...(await children(tenant))]) {
          const shown = [labelOf(item), String(item.description), await tooltipOf(item)].join('\n');
          assert.ok(!canaries.some((secret) => shown.includes(secret)), `a secret is shown in the tree (${item.id})`);
        }
      }
      await run('sailpointPat.deleteToken', { tenantId, tokenId });
      await run('sailpointPat.removeTenant', { tenantId });
    } finally {
      await vscode.env.clipboard.writeText('');
      await fake.stop();
    }
  });

  // Only the offline launcher says where VS Code writes; desktop runs check the tree alone, like the smoke test.
  if (scannedDirs.length === 0) return;

  it('has every folder it must scan: a missing one would make the scan pass without looking', () => {
    const named = [process.env.SAILPOINT_PAT_TEST_SANDBOX_DIR, process.env.SAILPOINT_PAT_TEST_USER_DATA_DIR];
    assert.ok(named.every((dir) => dir !== undefined && dir !== ''), 'the launcher names only one of the sandbox and user-data folders');
    for (const dir of scannedDirs) assert.ok(fs.existsSync(dir) && fs.statSync(dir).isDirectory(), `the folder to scan is missing: ${dir}`);
  });

  it('finds none of them in the log channel or in any file under the VS Code sandbox', async () => {
    // Log files are written asynchronously.
    await sleep(2000);
    const files = [...new Set(scannedDirs.flatMap(filesUnder))];
    const logs = files.filter((file) => file.includes('SailPoint PAT Manager'));
    assert.ok(logs.length > 0, `the extension's log file was not found among ${files.length} files`);
    assert.ok(logs.some((file) => fs.statSync(file).size > 0), "the extension's log is empty: the scan would prove nothing");
    assert.ok(canaries.length >= 10, `only ${canaries.length} canaries were used`);
    const issued = new Set(issuedSecrets());
    assert.deepEqual(files.flatMap((file) => leaksIn(file, issued)), []);
  });
});

// Export Token Inventory and Copy as Environment Variables in the real VS Code, against fake tenants.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { FakeTenant } from '../fake-tenant/server';
import { canaries, canarySecret, rejectsWith, rememberSecret, removeAllTenants, run, sleep } from './helpers';

interface InventoryFile {
  secretsIncluded: boolean;
  tenants: { tenant: string; listed: string; tokenCount: number; error?: string }[];
  tokens: { tenant: string; tokenId: string; name: string; ownerName: string | null; managed: boolean; secretStoredHere: boolean; scopes: string[] | null }[];
}

/** The extension's log files under the launcher's user-data folder (only known in offline-launcher runs). */
function extensionLogs(): string[] {
  const dir = process.env.SAILPOINT_PAT_TEST_USER_DATA_DIR;
  if (dir === undefined || dir === '') return [];
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.includes('SailPoint PAT Manager'))
    .map((name) => path.join(dir, name));
}

describe('inventory export and copy as environment', function () {
  this.timeout(60_000);
  let admin: FakeTenant;
  let plain: FakeTenant;
  let broken: FakeTenant;
  let adminTenant: string;
  let brokenTenant: string;
  let createdId: string;
  let seededId: string;
  let dir: string;

  async function addTenant(fake: FakeTenant, displayName: string, isAdmin: boolean): Promise<string> {
    const me = fake.addIdentity(`${displayName} user`, { admin: isAdmin });
    const signIn = fake.addToken(me.id, { name: `${displayName}-sign-in`, secret: canarySecret(`inventory-${displayName}`) });
    const { tenantId } = await run<{ tenantId: string }>('sailpointPat.addTenant', { url: fake.baseUrl, displayName, clientId: signIn.id, clientSecret: signIn.secret });
    return tenantId;
  }

  before(async () => {
    await removeAllTenants();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pat-inventory-'));
    [admin, plain, broken] = await Promise.all([FakeTenant.start(), FakeTenant.start(), FakeTenant.start()]);
    adminTenant = await addTenant(admin, 'Audit', true);
    const other = admin.addIdentity('Other, "Person"');
    seededId = admin.addToken(other.id, { name: '=HYPERLINK("http://evil.example","x")', managed: true, secret: canarySecret('inventory-other') }).id;
    await addTenant(plain, 'Plain', false);
    plain.addToken(plain.addIdentity('Colleague').id, { name: 'colleagues-token', secret: canarySecret('inventory-colleague') });
    brokenTenant = await addTenant(broken, 'Broken', true);
    broken.inject({ fault: { kind: 'status', status: 400 }, match: { method: 'GET' }, times: Infinity });
    ({ tokenId: createdId } = await run<{ tokenId: string }>('sailpointPat.createToken', { tenantId: adminTenant, name: 'ci-export', scope: ['sp:scopes:default'] }));
    rememberSecret(admin.tokens().find((token) => token.id === createdId)!.secret);
  });

  after(async () => {
    await vscode.workspace.getConfiguration('sailpointPat').update('clipboardClearSeconds', undefined, vscode.ConfigurationTarget.Global);
    await vscode.env.clipboard.writeText('');
    await removeAllTenants();
    await Promise.all([admin.stop(), plain.stop(), broken.stop()]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('exportInventory writes JSON with every tenant, says how each was listed, and reports the one that failed', async () => {
    const file = path.join(dir, 'inventory.json');
    const result = await run<{ count: number; failedTenants: { tenantId: string; message: string }[] }>('sailpointPat.exportInventory', { format: 'json', path: file });
    const text = fs.readFileSync(file, 'utf8');
    const inventory = JSON.parse(text) as InventoryFile;
    assert.equal(result.count, 4);
    assert.deepEqual(result.failedTenants.map((each) => each.tenantId), [brokenTenant]);
    assert.equal(inventory.secretsIncluded, false);
    assert.deepEqual(
      inventory.tenants.map((each) => [each.tenant, each.listed, each.tokenCount, each.error === undefined]),
      [
        ['Audit', 'all tokens', 3, true],
        ['Plain', 'my tokens (listing all tokens was refused)', 1, true],
        ['Broken', 'nothing', 0, false],
      ],
    );
    assert.match(inventory.tenants[2].error ?? '', /400/);
    const created = inventory.tokens.find((each) => each.tokenId === createdId);
    assert.deepEqual([created?.tenant, created?.name, created?.secretStoredHere, created?.scopes], ['Audit', 'ci-export', true, ['sp:scopes:default']]);
    const seeded = inventory.tokens.find((each) => each.tokenId === seededId);
    assert.deepEqual([seeded?.ownerName, seeded?.managed, seeded?.secretStoredHere], ['Other, "Person"', true, false]);
    assert.ok(!inventory.tokens.some((each) => each.name === 'colleagues-token'), 'the refused listing leaked other people\'s tokens');
    assert.deepEqual(canaries.filter((secret) => text.includes(secret)), [], 'a secret is in the inventory');
  });

  it('exportInventory writes RFC 4180 CSV with formula cells neutralised and no secret', async () => {
    const file = path.join(dir, 'inventory.csv');
    const result = await run<{ count: number }>('sailpointPat.exportInventory', { format: 'csv', path: file });
    const text = fs.readFileSync(file, 'utf8');
    const lines = text.split('\r\n');
    assert.equal(result.count, 4);
    assert.equal(lines[0], 'tenant,tenant URL,token id,name,owner,owner id,owner status,scopes,created,last used,expiry,managed,secret stored here,listed');
    assert.equal(lines.length, 1 + 4 + 1, 'a header, four rows and the final line end');
    const seeded = lines.find((line) => line.includes(seededId)) ?? '';
    assert.ok(seeded.includes(`,"'=HYPERLINK(""http://evil.example"",""x"")",`), seeded);
    assert.match(seeded, /,"Other, ""Person""",[0-9a-f]{32},active,/, 'no owner status column');
    assert.match(lines.find((line) => line.includes(createdId)) ?? '', /,no,yes,all tokens$/);
    assert.deepEqual(canaries.filter((secret) => text.includes(secret)), [], 'a secret is in the inventory');
  });

  it('exportInventory refuses a bad format or a relative path and writes nothing', async () => {
    await rejectsWith('sailpointPat.exportInventory', { format: 'xml', path: path.join(dir, 'x.xml') }, /"format" must be one of json, csv/);
    await rejectsWith('sailpointPat.exportInventory', { format: 'csv', path: 'relative.csv' }, /absolute file path/);
    await rejectsWith('sailpointPat.exportInventory', { path: path.join(dir, 'y.csv') }, /"format"/);
    assert.deepEqual(fs.readdirSync(dir).sort(), ['inventory.csv', 'inventory.json']);
  });

  it('copyTokenAsEnv writes the SAIL_ lines to the clipboard, clears them later, and logs no secret', async () => {
    await vscode.workspace.getConfiguration('sailpointPat').update('clipboardClearSeconds', 1, vscode.ConfigurationTarget.Global);
    const secret = admin.tokens().find((token) => token.id === createdId)!.secret;
    await run('sailpointPat.copyTokenAsEnv', { tenantId: adminTenant, tokenId: createdId });
    assert.ok(
      (await vscode.env.clipboard.readText()) === `SAIL_BASE_URL=${admin.baseUrl}\nSAIL_CLIENT_ID=${createdId}\nSAIL_CLIENT_SECRET=${secret}\n`,
      'the clipboard does not hold the expected lines',
    );
    await sleep(1800);
    assert.equal(await vscode.env.clipboard.readText(), '');
    await sleep(500); // log files are written asynchronously
    for (const log of extensionLogs()) assert.ok(!fs.readFileSync(log, 'utf8').includes(secret), `the secret is in ${log}`);
  });

  it('copyTokenAsEnv refuses a token whose secret is not stored here, and leaves the clipboard alone', async () => {
    await vscode.env.clipboard.writeText('unchanged');
    await rejectsWith('sailpointPat.copyTokenAsEnv', { tenantId: adminTenant, tokenId: seededId }, /No secret of token .* is stored in VS Code/);
    await rejectsWith('sailpointPat.copyTokenAsEnv', { tenantId: adminTenant }, /"tokenId" must be a non-empty string/);
    assert.equal(await vscode.env.clipboard.readText(), 'unchanged');
  });
});

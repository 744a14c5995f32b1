// The attacker in the test suite (issue 19 §2): test/fixtures/attacker is a second extension in the same VS Code
// that does what a hostile extension can. This file sets the scene (two tenants, stored token secrets, a consented
// session of another extension, signed-in terminals), lets it loose, and then searches everything it saw for every
// secret the fake tenants ever issued: none may reach it.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { FakeTenant, issuedSecrets } from '../fake-tenant/server';
import { asScriptWithPerson, canaries, children, canarySecret, rememberSecret, removeAllTenants, run, SANDBOX_DIR, tenantElement, terminalNamed, tokensOf } from './helpers';

interface Loot {
  seen: string[];
  notes: string[];
}

interface SessionAttempt {
  scope: string;
  session?: { id: string };
  error?: string;
}

interface CliOutcome {
  ok: boolean;
  error?: string;
  ms: number;
  longestStallMs: number;
  bytes: number;
}

interface ScanOutcome {
  command: string;
  args: string;
  ok: boolean;
  result?: { calls?: { file: string; operationId: string }[]; unmatched?: { file: string; text: string }[]; missing?: { file: string }[] };
  error?: string;
}

interface ProbeReport {
  tenantIds: string[];
  tokenIds: string[];
  sessions: SessionAttempt[];
  cliConfig?: Record<string, CliOutcome>;
  codeScan?: ScanOutcome[];
  notes: string[];
}

interface ProbeRequest {
  commands?: boolean;
  scopes?: string[];
  evilBaseUrl?: string;
  tamperSyncOf?: string;
  cliConfig?: boolean;
  codeScan?: { outside: string; tenantId: string; foreignTokenId: string };
}

function probe(request: ProbeRequest): Thenable<ProbeReport> {
  return vscode.commands.executeCommand<ProbeReport>('patAttacker.probe', request);
}

function loot(): Thenable<Loot> {
  return vscode.commands.executeCommand<Loot>('patAttacker.loot');
}

/** Which secrets the attacker saw, by kind only, so a failure does not print the secret itself. */
function secretsIn(texts: readonly string[]): string[] {
  const secrets = [...new Set([...issuedSecrets(), ...canaries])].filter((secret) => secret.length >= 8);
  const found = new Set<string>();
  for (const text of texts) {
    for (const secret of secrets) {
      if (text.includes(secret)) found.add(`${text.slice(0, 80).replace(secret, '<secret>')}… holds a ${secret.startsWith('canary-') ? secret.split('-')[1] : `${secret.length}-character`} secret`);
    }
  }
  return [...found];
}

async function assertNothingLeaked(): Promise<Loot> {
  const { seen, notes } = await loot();
  assert.ok(seen.length > 0, `the attacker saw nothing at all (${notes.join('; ')})`);
  assert.deepEqual(secretsIn(seen), []);
  return { seen, notes };
}

describe('an attacker extension in the same VS Code finds no secret', function () {
  this.timeout(180_000);
  let fake: FakeTenant;
  let second: FakeTenant;
  let evil: FakeTenant;
  let tenantId: string;
  let secondTenantId: string;
  let tokenId: string;

  before(async () => {
    await removeAllTenants();
    fake = await FakeTenant.start();
    second = await FakeTenant.start();
    evil = await FakeTenant.start();
    const owner = fake.addIdentity('Vic Victim', { admin: true });
    const signIn = fake.addToken(owner.id, { name: 'victim-sign-in', secret: canarySecret('attacker-sign-in') });
    ({ tenantId } = await run<{ tenantId: string }>('sailpointPat.addTenant', { url: fake.baseUrl, displayName: 'Victim', clientId: signIn.id, clientSecret: signIn.secret }));
    ({ tokenId } = await run<{ tokenId: string }>('sailpointPat.createToken', { tenantId, name: 'victim-token', scope: ['sp:scopes:default'] }));
    rememberSecret(fake.tokens().find((token) => token.id === tokenId)!.secret);
    const secondSignIn = second.addToken(second.addIdentity('Sam Second', { admin: true }).id, { name: 'second-sign-in', secret: canarySecret('attacker-second') });
    ({ tenantId: secondTenantId } = await run<{ tenantId: string }>('sailpointPat.addTenant', { url: second.baseUrl, displayName: 'Second', clientId: secondSignIn.id, clientSecret: secondSignIn.secret }));

    // Signed-in terminals, opened while the attacker listens: from the tree and from a script a person confirmed.
    const row = (await tokensOf(tenantId)).get('victim-token');
    assert.ok(row, 'the token row is missing');
    await vscode.commands.executeCommand('sailpointPat.openTerminal', row);
    await vscode.commands.executeCommand('sailpointPat.openTerminal', await tenantElement(secondTenantId));
    await asScriptWithPerson('sailpointPat.openTerminal', { tenantId }, ['Open Terminal Signed In']);
    await terminalNamed('SailPoint: victim-token');
    await terminalNamed('SailPoint: Second');
    await terminalNamed('SailPoint: Victim');
  });

  after(async () => {
    vscode.window.terminals.filter((each) => each.name.startsWith('SailPoint:')).forEach((each) => each.dispose());
    await vscode.commands.executeCommand('sailpointPat.test.settingsSync', { replace: [] });
    await removeAllTenants();
    await Promise.all([fake.stop(), second.stop(), evil.stop()]);
  });

  it('walks the API, calls every contributed command with odd and foreign argument objects, reads every terminal: no secret', async () => {
    const report = await probe({ scopes: [`tenant:${new URL(fake.baseUrl).host}`, `tenant:${tenantId}`, `tenant:${secondTenantId}`] });
    assert.deepEqual([...report.tenantIds].sort(), [tenantId, secondTenantId].sort(), 'the attacker did not find the tenants through the API');
    assert.ok(report.tokenIds.includes(tokenId), 'the attacker did not find the token through the API');
    const { seen } = await assertNothingLeaked();
    // It did look where the secrets were: at each signed-in terminal's creation options.
    for (const name of ['SailPoint: victim-token', 'SailPoint: Second', 'SailPoint: Victim']) {
      assert.ok(seen.some((text) => text.startsWith('window.terminals[') && text.includes(JSON.stringify(name))), `the attacker never saw the terminal ${name}`);
    }
    assert.ok(seen.some((text) => text.startsWith('onDidOpenTerminal creationOptions') && text.includes('SailPoint:')), 'onDidOpenTerminal was not observed');
    assert.ok((await children()).some((tenant) => tenant.id === `tenant:${tenantId}`), 'the probe removed the tenant the next probes need');
    // A script's terminal needs a person: the attacker's own attempts were refused.
    assert.ok(seen.some((text) => /^sailpointPat\.openTerminal .* rejected: .*needs a person to confirm it/.test(text)), 'the attacker opened a signed-in terminal');
  });

  it('gets no session from sailpoint-isc without consent, silently or asking, while another extension holds one', async () => {
    const scopes = [`tenant:${new URL(fake.baseUrl).host}`, `tenant:${tenantId}`];
    const consumer = await vscode.commands.executeCommand<{ accessToken: string } | undefined>('patAuthConsumer.getSession', scopes.slice(0, 1), { silent: true });
    assert.equal(consumer, undefined, 'the consumer had a session without consent');
    const report = await probe({ commands: false, scopes });
    const granted = report.sessions.filter((attempt) => attempt.session !== undefined);
    assert.deepEqual(granted, [], 'the attacker got a session');
    assert.ok(report.sessions.some((attempt) => /wants to sign in/.test(attempt.error ?? '')), 'VS Code never asked for consent');
    await assertNothingLeaked();
  });

  it('a tampered Settings Sync list that re-points a tenant sends 0 requests to the new host', async () => {
    evil.resetRequests();
    const report = await probe({ commands: false, scopes: [], evilBaseUrl: evil.baseUrl, tamperSyncOf: tenantId });
    assert.ok(report.notes.includes(`sync: re-pointed tenant ${tenantId}`), `the tampered list did not re-point the tenant: ${report.notes.join('; ')}`);
    assert.deepEqual(
      evil.requests.map((request) => `${request.method} ${request.path}`),
      [],
      'a tampered synced list sent requests to the host it named',
    );
    await assertNothingLeaked();
  });

  // Writes into HOME: only where HOME is the launcher's sandbox (always, offline), never a developer's own.
  const homeIsSandbox = SANDBOX_DIR !== undefined && os.homedir().startsWith(SANDBOX_DIR);
  if (homeIsSandbox) it('a hostile ~/.sailpoint/config.yaml is refused in time, without stalling the extension host or revealing a secret', async () => {
    const report = await probe({ commands: false, scopes: [], evilBaseUrl: evil.baseUrl, cliConfig: true });
    const outcomes = report.cliConfig ?? {};
    for (const kind of ['over 1 MB', 'over 500 environments']) {
      assert.equal(outcomes[kind]?.ok, false, `${kind}: accepted`);
    }
    for (const [kind, outcome] of Object.entries(outcomes)) {
      assert.ok(outcome.ms < 5000, `${kind}: took ${outcome.ms} ms`);
      assert.ok(outcome.longestStallMs < 1000, `${kind}: the extension host stalled ${outcome.longestStallMs} ms`);
    }
    await assertNothingLeaked();
  });

  it('scopesForCode and checkTokenAgainstCode with hostile paths, links and ids read nothing outside the workspace and throw nothing raw', async () => {
    const outside = mkdtempSync(path.join(os.tmpdir(), 'attacker-outside-'));
    const marker = canarySecret('codescan-outside');
    rememberSecret(marker);
    // An unmatched ISC-looking URL carrying a marker the loot search looks for.
    writeFileSync(path.join(outside, 'calls.sh'), `curl "$ISC_URL/v3/personal-access-tokens"\ncurl "$ISC_URL/v3/${marker}"\n`);
    try {
      // The second tenant is asked about the first tenant's token (the tests above re-pointed the first one).
      const report = await probe({ commands: false, scopes: [], codeScan: { outside, tenantId: secondTenantId, foreignTokenId: tokenId } });
      const outcomes = report.codeScan ?? [];
      assert.equal(outcomes.length, 22, `the probe did not run: ${report.notes.join('; ')}`);
      const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
      for (const outcome of outcomes) {
        const where = `${outcome.command} ${outcome.args}`;
        if (!outcome.ok) {
          assert.doesNotMatch(outcome.error ?? '', /TypeError|RangeError|ReferenceError|Cannot read|is not a function|ENOENT|EACCES|ELOOP|\n\s+at /, `raw error from ${where}: ${outcome.error}`);
          assert.ok((outcome.error ?? '').length > 0, `an empty error from ${where}`);
          continue;
        }
        const files = [...(outcome.result?.calls ?? []), ...(outcome.result?.unmatched ?? []), ...(outcome.result?.missing ?? [])].map((call) => call.file);
        for (const file of files) {
          assert.ok(file.startsWith(folder + path.sep), `${where} read ${file}, outside the workspace`);
          assert.ok(!/link-out|[\\/]loop[\\/]/.test(file), `${where} followed a link: ${file}`);
        }
      }
      const huge = outcomes.find((outcome) => outcome.command === 'sailpointPat.scopesForCode' && /attacker-scan-[^/"]*"\]/.test(outcome.args));
      assert.ok(huge?.ok, `the hostile folder itself was not scanned: ${huge?.error}`);
      assert.deepEqual(huge.result?.calls?.map((call) => path.basename(call.file)), ['inside.sh'], 'the 5 MB file or a link was read');
      const foreignCheck = outcomes.filter((outcome) => outcome.command === 'sailpointPat.checkTokenAgainstCode');
      assert.ok(foreignCheck.every((outcome) => !outcome.ok), 'a token of another tenant, or of no tenant, was checked');
      assert.match(foreignCheck[0].error ?? '', /No token with id/);
      await assertNothingLeaked();
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});

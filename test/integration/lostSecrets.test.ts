// No secret is lost in silence: a create cancelled after the server made the token is reported (not a quiet
// cancel), as is a rotation whose old token was deleted first and whose successor create was cancelled;
// and a script whose new secret SecretStorage refuses gets the token deleted again and is told so.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { FakeTenant, type FakeIdentity } from '../fake-tenant/server';
import { asPerson, canarySecret, ESCAPE, extensionLog, rejectsWith, rememberSecret, run, sleep, tenantElement, tokensOf } from './helpers';
import { withTenant } from './withTenant';

/** Registered by the extension only in test runs: SecretStorage then refuses new secrets, as a locked keychain does. */
const REFUSE_SECRET_WRITES = 'sailpointPat.test.refuseSecretWrites';

type WithProgress = typeof vscode.window.withProgress;

/**
 * Runs `body` while every progress notification is cancelled as soon as `serverMade()` holds, as a user pressing Cancel
 * after the tenant made the token but before its answer arrived. Waiting for the server instead of a fixed delay keeps
 * the Cancel between the two however long sign-in takes on a loaded machine.
 */
async function pressingCancelOnceServerMade<T>(serverMade: () => boolean, body: () => Promise<T>): Promise<T> {
  const window = vscode.window as { withProgress: WithProgress };
  const original = window.withProgress;
  const polls = new Set<ReturnType<typeof setInterval>>();
  window.withProgress = ((options, task) =>
    original(options, (progress, token) => {
      const cancel = new vscode.CancellationTokenSource();
      token.onCancellationRequested(() => cancel.cancel());
      const poll = setInterval(() => {
        if (!serverMade()) return;
        clearInterval(poll);
        cancel.cancel();
      }, 10);
      polls.add(poll);
      return task(progress, cancel.token);
    }));
  try {
    return await body();
  } finally {
    polls.forEach(clearInterval);
    window.withProgress = original;
  }
}

describe('no secret is lost in silence', function () {
  this.timeout(60_000);
  let fake: FakeTenant;
  let tenantId: string;
  let owner: FakeIdentity;

  withTenant({ adminName: 'Lost Secrets', signInToken: { name: 'lost-secrets-sign-in' } }, (added) => ({ fake, tenantId, admin: owner } = added));

  afterEach(async () => {
    await vscode.commands.executeCommand(REFUSE_SECRET_WRITES, false);
    fake.clearFaults();
  });

  it('Cancel while the server already made the token reports it and refreshes the tree, instead of a quiet cancel', async () => {
    // The token is made at once; its answer (with the secret) trickles, so Cancel comes between the two.
    fake.inject({ fault: { kind: 'trickle', intervalMs: 100 }, match: { method: 'POST', path: '/v3/personal-access-tokens' } });
    const made = (): boolean => fake.tokens().some((token) => token.name === 'cancelled-but-made');
    await pressingCancelOnceServerMade(made, () =>
      rejectsWith('sailpointPat.createToken', { tenantId, name: 'cancelled-but-made', scope: ['sp:scopes:default'] }, /was created anyway.*delete/i),
    );
    const madeToken = fake.tokens().find((token) => token.name === 'cancelled-but-made');
    assert.ok(madeToken, 'the fake tenant did not make the token: the test proves nothing');
    rememberSecret(madeToken.secret);
    assert.ok((await tokensOf(tenantId)).has('cancelled-but-made'), 'the tree was not refreshed to show the token');
    await sleep(1500);
    assert.match(extensionLog(), /createToken failed: .*was created anyway/, 'the lost secret was not logged');
  });

  it('createToken: a secret SecretStorage refuses gets its token deleted again, and the rejection says so', async () => {
    await vscode.commands.executeCommand(REFUSE_SECRET_WRITES, true);
    await rejectsWith(
      'sailpointPat.createToken',
      { tenantId, name: 'refused-secret', scope: ['sp:scopes:default'] },
      /could not store its secret.*was deleted again/i,
    );
    assert.equal(fake.tokens().some((token) => token.name === 'refused-secret'), false, 'the token with the lost secret is still on the tenant');
  });

  it('rotateToken: a successor whose secret is refused is deleted again, the old token kept, and the rejection says so', async () => {
    const { tokenId } = await run<{ tokenId: string }>('sailpointPat.createToken', { tenantId, name: 'to-rotate', scope: ['sp:scopes:default'] });
    rememberSecret(fake.tokens().find((token) => token.id === tokenId)!.secret);
    await vscode.commands.executeCommand(REFUSE_SECRET_WRITES, true);
    await rejectsWith('sailpointPat.rotateToken', { tenantId, tokenId, deleteOld: true }, /could not store its secret.*old token was kept.*was deleted again/i);
    const names = fake.tokens().map((token) => token.name);
    assert.ok(names.includes('to-rotate'), 'the old token was deleted');
    assert.equal(names.filter((name) => name.startsWith('to-rotate (rotated')).length, 0, 'the successor with the lost secret is still on the tenant');
  });

  it("the unsaved-secret modal's Copy Secret is cleared from the clipboard like every copied secret", async () => {
    await vscode.workspace.getConfiguration('sailpointPat').update('clipboardClearSeconds', 1, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand(REFUSE_SECRET_WRITES, true);
    try {
      const shown = await asPerson('sailpointPat.createToken', ['unsaved-copied', ['sp:scopes:default'], '1 hour', '', 'Copy Secret'], { node: await tenantElement(tenantId) });
      const made = fake.tokens().find((token) => token.name === 'unsaved-copied');
      assert.ok(made, 'the token was not created');
      rememberSecret(made.secret);
      const modal = shown.find((each) => each.severity === 'warning modal');
      assert.match(modal?.text ?? '', /could not store its secret/);
      assert.equal(await vscode.env.clipboard.readText(), made.secret, 'Copy Secret did not copy the secret');
      await sleep(1800);
      assert.equal(await vscode.env.clipboard.readText(), '', 'the copied secret was never cleared');
    } finally {
      await vscode.workspace.getConfiguration('sailpointPat').update('clipboardClearSeconds', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('Rotate Token, old token deleted first: Cancel during the create still says the old token is gone and what to create', async () => {
    // Ten own tokens, the one to rotate among them: the extension offers to delete it first.
    for (let i = fake.tokens().filter((token) => token.ownerId === owner.id).length; i < 9; i++) {
      rememberSecret(fake.addToken(owner.id, { name: `lost-filler-${i}`, secret: canarySecret(`lost-filler-${i}`) }).secret);
    }
    rememberSecret(fake.addToken(owner.id, { name: 'deleted-first', scope: ['idn:accounts:read'], secret: canarySecret('deleted-first') }).secret);
    await run('sailpointPat.refresh', { tenantId });
    const node = (await tokensOf(tenantId)).get('deleted-first');
    assert.ok(node, 'no tree row for the token to rotate');
    fake.inject({ fault: { kind: 'trickle', intervalMs: 100 }, match: { method: 'POST', path: '/v3/personal-access-tokens' } });
    const successorMade = (): boolean => fake.tokens().some((token) => token.name === 'deleted-first 2');
    const shown = await pressingCancelOnceServerMade(successorMade, () =>
      asPerson('sailpointPat.rotateToken', ['Delete Old Token First', 'deleted-first 2', 'Delete Old Token First', ESCAPE], { node }),
    );
    assert.equal(fake.tokens().some((token) => token.name === 'deleted-first'), false, 'the old token was not deleted first: the test proves nothing');
    fake.tokens().forEach((token) => rememberSecret(token.secret));
    const failure = shown.find((each) => each.severity === 'error');
    assert.ok(failure, `nothing told the person the old token is gone: ${JSON.stringify(shown.map((each) => each.text))}`);
    assert.match(failure.text, /"deleted-first" was deleted, but creating its successor failed: .*Create a token with the scopes idn:accounts:read yourself/);
  });
});

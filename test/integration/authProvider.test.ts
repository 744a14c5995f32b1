// The SailPoint ISC authentication provider as another extension uses it: the helper extension in
// test/fixtures/auth-consumer calls vscode.authentication.getSession. VS Code refuses every dialog in a test run, so
// consent is given the other way VS Code offers: getSession without createIfNone puts "Sign in with SailPoint ISC
// to use PAT Auth Consumer" in the Accounts menu, and the test runs that menu entry's command as a click would.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { FakeTenant } from '../fake-tenant/server';
import { eventually, extensionLog, rememberSecret, run, sleep, userDataDir } from './helpers';
import { withTenant } from './withTenant';

const PROVIDER_ID = 'sailpoint-isc';
const CONSUMER_ID = 'sailpoint-pat-tests.pat-auth-consumer';

interface PlainSession {
  id: string;
  accessToken: string;
  account: { id: string; label: string };
  scopes: string[];
}

function consumerSession(scopes: string[], options: vscode.AuthenticationGetSessionOptions): Promise<PlainSession | undefined> {
  return Promise.resolve(vscode.commands.executeCommand<PlainSession | undefined>('patAuthConsumer.getSession', scopes, options));
}

/** Consents as the user would in the Accounts menu: runs the sign-in request VS Code put there for the consumer. */
async function signInFromAccountsMenu(): Promise<void> {
  const prefix = `${PROVIDER_ID}:${CONSUMER_ID}:signIn`;
  const requests = (await vscode.commands.getCommands()).filter((id) => id.startsWith(prefix));
  assert.equal(requests.length, 1, `expected one sign-in request in the Accounts menu, found ${requests.length}`);
  await vscode.commands.executeCommand(requests[0]);
}

/** What the tenant's API answers a request signed with the access token. */
async function apiStatus(fake: FakeTenant, accessToken: string): Promise<number> {
  const response = await fetch(`${fake.baseUrl}/v3/personal-access-tokens`, { headers: { Authorization: `Bearer ${accessToken}` } });
  await response.arrayBuffer();
  return response.status;
}

/** vscode.authentication.getAccounts is newer than the 1.74 API the extension targets; the VS Code the tests run has it. */
async function accountsOf(providerId: string): Promise<{ id: string; label: string }[]> {
  const authentication = vscode.authentication as typeof vscode.authentication & {
    getAccounts?: (providerId: string) => Thenable<readonly { id: string; label: string }[]>;
  };
  assert.ok(authentication.getAccounts, 'this VS Code has no authentication.getAccounts');
  return [...(await authentication.getAccounts(providerId))];
}

describe('SailPoint ISC sessions for other extensions', function () {
  this.timeout(90_000);
  let fake: FakeTenant;
  let tenantId: string;
  let clientSecret: string;
  let scopes: string[];
  let first: PlainSession;

  // Access tokens live 2 s here, so a renewal can be watched.
  withTenant({ displayName: 'Auth tenant', adminName: 'Ava Auth', signInToken: { name: 'auth-sign-in' }, server: { accessTokenTtlSeconds: 2 } }, (added) => {
    ({ fake, tenantId, clientSecret } = added);
    scopes = [`tenant:${new URL(fake.baseUrl).host}`];
  });

  it('asks the user, then gives the other extension a working access token of the tenant the scope names, never a secret', async () => {
    assert.equal(await consumerSession(scopes, { silent: true }), undefined, 'a session existed before consent');
    // createIfNone asks in a modal, which a test run refuses: its text shows VS Code asked for consent.
    await assert.rejects(consumerSession(scopes, { createIfNone: true }), /PAT Auth Consumer.*wants to sign in using SailPoint ISC/);
    assert.equal(await consumerSession(scopes, {}), undefined, 'a session before consent');
    await signInFromAccountsMenu();
    const session = await consumerSession(scopes, { silent: true });
    assert.ok(session, 'no session after consent');
    rememberSecret(session.accessToken);
    first = session;
    assert.equal(session.account.id, tenantId);
    // The tenant id makes each tenant its own account: VS Code keys consent on the label (issue 19 item 3).
    assert.equal(session.account.label, `Auth tenant (${new URL(fake.baseUrl).host}) · ${tenantId}`);
    assert.deepEqual(session.scopes, scopes);
    assert.notEqual(session.accessToken, clientSecret);
    assert.ok(!JSON.stringify(session).includes(clientSecret), 'the session carries the client secret');
    assert.equal(await apiStatus(fake, session.accessToken), 200);
    // VS Code does not tell a provider which extension asks: the log says so, with the tenant and scopes it can name.
    if (userDataDir !== '') {
      const signedIn = /Another extension \(VS Code does not say which\) signed in to tenant Auth tenant with scopes tenant:127\.0\.0\.1:\d+ \(session [0-9a-f-]{36}\)\./;
      await eventually(() => Promise.resolve(signedIn.test(extensionLog())), 'the log line of the sign-in, with tenant and scopes');
    }
  });

  it('after expiry, getSession sends no request (it may come from an extension not yet allowed); a token renewed by use is carried without new consent', async () => {
    await sleep(2500);
    assert.equal(await apiStatus(fake, first.accessToken), 401, 'the first token did not expire');
    fake.resetRequests();
    assert.equal(await consumerSession(scopes, { silent: true }), undefined, 'an expired token was handed out or renewed');
    assert.equal(await consumerSession([`tenant:${tenantId}`], { silent: true }), undefined);
    assert.equal(fake.count({ path: '/oauth/token' }), 0, 'getSessions signed in (issue 19 item 4)');
    // The view's own work renews the tenant's access token; the session then carries it, with no new consent.
    await run('sailpointPat.findUnusedTokens', { tenantId, neverUsed: true });
    const renewed = await consumerSession(scopes, { silent: true });
    assert.ok(renewed, 'the session was lost');
    rememberSecret(renewed.accessToken);
    assert.equal(renewed.id, first.id);
    assert.notEqual(renewed.accessToken, first.accessToken);
    assert.equal(await apiStatus(fake, renewed.accessToken), 200);
    first = renewed;
  });

  it('the Accounts menu lists the tenant; a scope naming no tenant is refused with a clear message', async () => {
    const accounts = await accountsOf(PROVIDER_ID);
    assert.deepEqual(accounts.map((account) => account.id), [tenantId]);
    assert.equal(await consumerSession(['tenant:nope.example.com'], {}), undefined);
    await assert.rejects(signInFromAccountsMenu(), /No tenant in SailPoint PAT Manager matches "tenant:nope\.example\.com"/);
  });

  it('signing out in the Accounts menu forgets the session and the access token it carried (issue 19 item 5)', async () => {
    // A token that lives an hour, so only the sign-out can make the next use sign in again.
    fake.setAccessTokenTtl(3600);
    await sleep(2100);
    await run('sailpointPat.findUnusedTokens', { tenantId, neverUsed: true });
    const longLived = await consumerSession(scopes, { silent: true });
    assert.ok(longLived, 'no session before signing out');
    rememberSecret(longLived.accessToken);
    // The confirmation is a dialog VS Code answers Yes to by itself in a test run.
    await vscode.commands.executeCommand('_signOutOfAccount', { providerId: PROVIDER_ID, accountLabel: first.account.label });
    assert.equal(await consumerSession(scopes, { silent: true }), undefined);
    assert.deepEqual(await accountsOf(PROVIDER_ID), []);
    // The next use signs in afresh instead of reusing the token the signed-out extension holds.
    fake.resetRequests();
    await run('sailpointPat.findUnusedTokens', { tenantId, neverUsed: true });
    assert.equal(fake.count({ path: '/oauth/token' }), 1, 'the signed-out access token is still the one in use');
    // What the README promises, no more: the handed-out token works until it expires (Rotate Tenant Credentials cuts it off).
    assert.equal(await apiStatus(fake, longLived.accessToken), 200);
  });
});

// Every interactive flow as a person takes it, in the real VS Code: the answers come from a queue (the extension's
// test-mode-only hook), and each test asserts on what the person was shown and on what the fake tenant holds after.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { FakeTenant, type FakeIdentity } from '../fake-tenant/server';
import {
  asPerson,
  BACK,
  canarySecret,
  children,
  ESCAPE,
  labelOf,
  messagesIn,
  rememberSecret,
  removeAllTenants,
  run,
  sleep,
  tenantElement,
  tokensOf,
} from './helpers';

const ADD_TENANT = 'sailpointPat.addTenant';

function serverToken(fake: FakeTenant, name: string): ReturnType<FakeTenant['tokens']>[number] | undefined {
  return fake.tokens().find((token) => token.name === name);
}

async function tokenElement(tenantId: string, name: string): Promise<vscode.TreeItem> {
  const token = (await tokensOf(tenantId)).get(name);
  assert.ok(token, `no token element "${name}"`);
  return token;
}

describe('interactive flows with queued answers', function () {
  this.timeout(40_000);
  let fake: FakeTenant;
  let ada: FakeIdentity;
  let clientId: string;
  let clientSecret: string;
  let tenantId: string;

  before(async () => {
    await removeAllTenants();
    fake = await FakeTenant.start();
    ada = fake.addIdentity('Ada Admin', { admin: true });
    const bob = fake.addIdentity('Bob Builder');
    ({ clientId, clientSecret } = fake.addApiClient(ada.id));
    rememberSecret(clientSecret);
    rememberSecret(fake.addToken(ada.id, { name: 'nightly-export', scope: ['sp:scopes:default'], secret: canarySecret('seed') }).secret);
    rememberSecret(fake.addToken(bob.id, { name: 'bobs-script', scope: ['idn:accounts:read'], secret: canarySecret('seed') }).secret);
  });

  after(async () => {
    // Add Tenant revealed the view; the tests after these expect it hidden, so that only they list tokens.
    await vscode.commands.executeCommand('workbench.view.explorer');
    await removeAllTenants();
    await vscode.env.clipboard.writeText('');
    await fake.stop();
  });

  it('Add Tenant: Escape at the second step adds nothing and says nothing', async () => {
    const shown = await asPerson(ADD_TENANT, [fake.baseUrl, ESCAPE]);
    assert.deepEqual(shown.map((each) => each.step), ['1/4', '2/4']);
    assert.deepEqual(messagesIn(shown), []);
    assert.deepEqual(await children(), []);
  });

  it('Add Tenant: an empty https:// asks for a host, Back keeps what was typed', async () => {
    const shown = await asPerson(ADD_TENANT, ['https://', fake.baseUrl, BACK, fake.baseUrl, ESCAPE]);
    assert.deepEqual(shown[0].refused, ['Enter a host, e.g. acme or https://acme.api.identitynow.com.']);
    assert.equal(shown[2].step, '1/4');
    assert.equal(shown[2].value, fake.baseUrl, 'Back lost the address');
  });

  it('Add Tenant: a wrong secret returns to the secret step with the reason, keeping the rest; no API family question', async () => {
    const wrong = canarySecret('wrong-secret');
    const shown = await asPerson(ADD_TENANT, [fake.baseUrl, 'Answer Prod', clientId, wrong, clientSecret]);
    const secretSteps = shown.filter((each) => each.text.startsWith('Client secret'));
    assert.equal(secretSteps.length, 2);
    assert.equal(secretSteps[1].step, '4/4');
    assert.match(secretSteps[1].problem ?? '', /rejected this client ID and secret.*enter the secret again/);
    assert.doesNotMatch(secretSteps[1].problem ?? '', /update the tenant's credentials/i);
    assert.ok(!shown.some((each) => each.kind !== 'message' && /PAT API/.test(each.text)), 'a new user is asked about the API family');
    assert.deepEqual(messagesIn(shown), [
      'Tenant "Answer Prod" added; its client secret is stored in VS Code SecretStorage. It uses the v3 PAT API, as most tenants do (Change API Family switches it).',
    ]);
    const tenants = await children();
    assert.deepEqual(tenants.map(labelOf), ['Answer Prod']);
    tenantId = (tenants[0].id ?? '').replace(/^tenant:/, '');
  });

  it('Rename Tenant and Choose What the Tenant Lists', async () => {
    await asPerson('sailpointPat.renameTenant', ['Answer Production'], { node: await tenantElement(tenantId) });
    assert.equal(labelOf(await tenantElement(tenantId)), 'Answer Production');
    const shown = await asPerson('sailpointPat.setTenantListQuery', ['All tokens in the tenant', 'Any'], { node: await tenantElement(tenantId) });
    assert.deepEqual(shown.map((each) => each.step).slice(0, 2), ['1', '2'], 'the steps vary (an identity, a date), so no total is shown');
    assert.match(messagesIn(shown)[0], /^"Answer Production" now lists all tokens/);
    assert.deepEqual([...(await tokensOf(tenantId)).keys()], ['bobs-script', 'nightly-export']);
    await asPerson('sailpointPat.setTenantListQuery', ['My tokens', 'Any'], { node: await tenantElement(tenantId) });
    assert.deepEqual([...(await tokensOf(tenantId)).keys()], ['nightly-export']);
  });

  it('Tokens of an identity… finds the identity by name as the person types, and still takes a raw id', async () => {
    const quotedOne = fake.addIdentity('Bob "the) Builder');
    const node = await tenantElement(tenantId);
    const shown = await asPerson('sailpointPat.setTenantListQuery', ['Tokens of an identity…', { search: 'bob b', pick: 'Bob Builder' }, 'Any'], { node });
    const search = shown.find((each) => each.kind === 'searchPick');
    assert.deepEqual(search?.options, ['Bob Builder', 'Enter an id…'], 'a name with a quote does not start with "bob b"');
    assert.deepEqual(shown.map((each) => each.step).slice(0, 3), ['1', '2', '3'], 'a step taken beyond a fixed total would read 3/3');
    assert.match(messagesIn(shown)[0], /now lists tokens of Bob Builder/);
    assert.deepEqual([...(await tokensOf(tenantId)).keys()], ['bobs-script']);
    const request = fake.requests.filter((each) => each.path === '/identities/v1').find((each) => each.query.filters?.startsWith('name sw'));
    assert.equal(request?.query.filters, 'name sw "bob b"');

    const hostile = await asPerson('sailpointPat.setTenantListQuery', ['Tokens of an identity…', { search: 'Bob "the)', pick: 'Bob "the) Builder' }, 'Any'], { node });
    assert.deepEqual(hostile.find((each) => each.kind === 'searchPick')?.options, ['Bob "the) Builder', 'Enter an id…']);
    assert.deepEqual([...(await tokensOf(tenantId)).keys()], [], `${quotedOne.id} owns no token`);

    const byId = await asPerson('sailpointPat.setTenantListQuery', ['Tokens of an identity…', { search: 'nobody', pick: 'Enter an id…' }, ada.id, 'Any'], { node });
    assert.deepEqual(byId.find((each) => each.kind === 'searchPick')?.options, ['Enter an id…']);
    assert.deepEqual([...(await tokensOf(tenantId)).keys()], ['nightly-export']);
    await asPerson('sailpointPat.setTenantListQuery', ['My tokens', 'Any'], { node });
  });

  it('Change API Family: the choice Add Tenant no longer asks', async () => {
    const shown = await asPerson('sailpointPat.setApiFamily', ['v1'], { node: await tenantElement(tenantId) });
    assert.deepEqual(shown[0].options, ['v3', 'v1']);
    fake.resetRequests();
    await run('sailpointPat.refresh', { tenantId });
    await tokensOf(tenantId);
    assert.ok(fake.requests.some((request) => request.path.startsWith('/personal-access-tokens/v1')), 'the tenant is not listed through v1');
    await asPerson('sailpointPat.setApiFamily', ['v3'], { node: await tenantElement(tenantId) });
    await assert.rejects(Promise.resolve(run('sailpointPat.setApiFamily', { tenantId })), /The argument "apiFamily" must be one of v3, v1\./);
  });

  it('a refresh during an operation keeps the spinner on the token', async () => {
    const tokenId = serverToken(fake, 'nightly-export')?.id ?? '';
    fake.inject({ fault: { kind: 'delay', ms: 1500 }, match: { method: 'PATCH' } });
    const renaming = Promise.resolve(run('sailpointPat.renameToken', { tenantId, tokenId, name: 'nightly-export' }));
    await sleep(300);
    await run('sailpointPat.refresh', { tenantId });
    assert.equal((await tokenElement(tenantId, 'nightly-export')).description, 'Renaming…');
    await renaming;
    assert.notEqual((await tokenElement(tenantId, 'nightly-export')).description, 'Renaming…');
  });

  it('Update Credentials checks and stores the new ones', async () => {
    const shown = await asPerson('sailpointPat.updateCredentials', [clientId, clientSecret], { node: await tenantElement(tenantId) });
    assert.equal(shown[0].value, clientId, 'the current client ID is offered');
    assert.match(messagesIn(shown)[0], /new credentials of "Answer Production" work/);
  });

  it('Create Token: every step; no scope refused with a message; lifetime as a duration', async () => {
    const shown = await asPerson(
      'sailpointPat.createToken',
      ['ci token', [], ['sp:scopes:default', 'idn:accounts:read'], '1 hour', '', 'Copy Client ID'],
      { node: await tenantElement(tenantId) },
    );
    assert.deepEqual(shown.slice(0, 4).map((each) => each.step), ['1', '2', '3', '4'], 'Pick by API adds steps, so no total is shown');
    assert.match(shown[1].refused[0] ?? '', /^Choose at least one scope/);
    assert.deepEqual(shown[2].options?.slice(0, 4), ['12 hours', '1 hour', '30 minutes', '15 minutes']);
    const created = serverToken(fake, 'ci token');
    assert.ok(created);
    rememberSecret(created.secret);
    assert.deepEqual(created.scope, ['sp:scopes:default', 'idn:accounts:read']);
    assert.equal(created.accessTokenValiditySeconds, 3600);
    assert.deepEqual(messagesIn(shown), ['Token "ci token" created; its secret is stored in VS Code.']);
    await sleep(200);
    assert.equal(await vscode.env.clipboard.readText(), created.id);
  });

  it('Rename Token, and Edit Scopes that sends nothing when nothing changed', async () => {
    await asPerson('sailpointPat.renameToken', ['ci token 2'], { node: await tokenElement(tenantId, 'ci token') });
    assert.ok(serverToken(fake, 'ci token 2'));
    fake.resetRequests();
    const unchanged = await asPerson('sailpointPat.editTokenScopes', [['sp:scopes:default', 'idn:accounts:read']], { node: await tokenElement(tenantId, 'ci token 2') });
    assert.equal(fake.count({ method: 'PATCH' }), 0, 'an unchanged scope list was sent');
    assert.deepEqual(messagesIn(unchanged), ['The scopes of "ci token 2" are unchanged; nothing was sent.']);
    const changed = await asPerson('sailpointPat.editTokenScopes', [['idn:accounts:read']], { node: await tokenElement(tenantId, 'ci token 2') });
    assert.deepEqual(serverToken(fake, 'ci token 2')?.scope, ['idn:accounts:read']);
    assert.match(messagesIn(changed)[0], /^Scopes of "ci token 2" updated/);
  });

  it('Forget Stored Secret asks in a modal, then the secret is gone', async () => {
    const shown = await asPerson('sailpointPat.forgetTokenSecret', ['Forget Secret'], { node: await tokenElement(tenantId, 'ci token 2') });
    assert.equal(shown[0].kind, 'confirm');
    assert.deepEqual([shown[0].options, shown[0].defaultOption], [['Keep Secret', 'Forget Secret'], 'Keep Secret'], 'Enter forgets nothing');
    const tokenId = serverToken(fake, 'ci token 2')?.id ?? '';
    await assert.rejects(Promise.resolve(run('sailpointPat.copyTokenSecret', { tenantId, tokenId })), /No secret/);
  });

  it('Delete Token (one): the modal names the tenant; Escape and Keep Token (the default, Enter) keep it, the button deletes it', async () => {
    const node = await tokenElement(tenantId, 'ci token 2');
    const kept = await asPerson('sailpointPat.deleteToken', [ESCAPE], { node });
    assert.equal(kept[0].text, 'Delete this token?');
    assert.deepEqual(kept[0].options, ['Keep Token', 'Delete Token']);
    assert.equal(kept[0].defaultOption, 'Keep Token', 'Enter would delete');
    await asPerson('sailpointPat.deleteToken', ['Keep Token'], { node });
    assert.match(kept[0].detail ?? '', /^• "ci token 2" \(Answer Production\)$/m);
    assert.ok(serverToken(fake, 'ci token 2'));
    const shown = await asPerson('sailpointPat.deleteToken', ['Delete Token'], { node });
    assert.equal(serverToken(fake, 'ci token 2'), undefined);
    assert.deepEqual(messagesIn(shown), ['Token "ci token 2" (Answer Production) deleted.']);
  });

  it('Delete Token (several selected): one modal naming each token and its tenant', async () => {
    for (const name of ['sel-a', 'sel-b']) rememberSecret(fake.addToken(ada.id, { name, secret: canarySecret('sel') }).secret);
    await run('sailpointPat.refresh', { tenantId });
    const a = await tokenElement(tenantId, 'sel-a');
    const b = await tokenElement(tenantId, 'sel-b');
    const shown = await asPerson('sailpointPat.deleteToken', ['Delete 2 tokens'], { node: a, selection: [a, b] });
    assert.equal(shown[0].text, 'Delete 2 tokens?');
    assert.deepEqual([shown[0].options, shown[0].defaultOption], [['Keep Tokens', 'Delete 2 tokens'], 'Keep Tokens'], 'Enter would delete');
    assert.match(shown[0].detail ?? '', /^• "sel-a" \(Answer Production\)\n• "sel-b" \(Answer Production\)\n/);
    assert.equal(serverToken(fake, 'sel-a'), undefined);
    assert.equal(serverToken(fake, 'sel-b'), undefined);
    assert.deepEqual(messagesIn(shown), ['Deleted 2 tokens.']);
  });

  it('Find Unused Tokens: numbered steps, bulk delete, and Retry failed', async () => {
    for (const name of ['unused-a', 'unused-b']) rememberSecret(fake.addToken(ada.id, { name, secret: canarySecret('unused') }).secret);
    fake.inject({ fault: { kind: 'status', status: 400 }, match: { method: 'DELETE' }, times: 1 });
    const shown = await asPerson(
      'sailpointPat.findUnusedTokens',
      ['Never used', ['unused-a', 'unused-b'], 'Delete 2 tokens', 'Retry failed'],
      { node: await tenantElement(tenantId) },
    );
    assert.equal(shown[0].step, '1/2');
    assert.match(shown[1].text, /^3 unused tokens: choose/);
    assert.match(shown[2].detail ?? '', /"unused-a" \(Answer Production\)/);
    const messages = messagesIn(shown);
    assert.match(messages[0], /^Deleted 1 token; 1 failed\./);
    assert.equal(messages[1], 'Deleted 1 token.');
    assert.equal(serverToken(fake, 'unused-a'), undefined);
    assert.equal(serverToken(fake, 'unused-b'), undefined);
    assert.ok(serverToken(fake, 'nightly-export'), 'a token not ticked was deleted');
  });

  it('Export says what it exports and writes what the tree shows when asked to', async () => {
    const file = path.join(tmpdir(), `inventory-${Date.now()}.json`);
    const shown = await asPerson('sailpointPat.exportInventory', ['What the tree shows', vscode.Uri.file(file).toString(), ESCAPE]);
    assert.match(shown[0].text, /never a secret/);
    assert.deepEqual(shown[0].options, ['What the tree shows', "Everything each tenant's credentials can list"]);
    const inventory = JSON.parse(readFileSync(file, 'utf8')) as { tokens?: unknown[]; tenants?: { tokens: unknown[] }[] };
    const text = JSON.stringify(inventory);
    assert.ok(text.includes('nightly-export'));
    assert.ok(!text.includes('bobs-script'), 'the export holds tokens the tree does not show');
    assert.match(messagesIn(shown)[0], /^Exported 1 token \(as the tree lists them\) from 1 tenant to /);
  });

  it('Export writes through VS Code to the URI the save dialog returns, also one no file path can name', async () => {
    const files = new MemoryFiles();
    const registration = vscode.workspace.registerFileSystemProvider('pat-test-memory', files);
    try {
      const target = vscode.Uri.from({ scheme: 'pat-test-memory', path: '/exports/inventory.csv' });
      const shown = await asPerson('sailpointPat.exportInventory', ['What the tree shows', target.toString(), ESCAPE]);
      const csv = new TextDecoder().decode(files.read(target));
      assert.match(csv, /nightly-export/);
      assert.match(messagesIn(shown)[0], /^Exported 1 token \(as the tree lists them\) from 1 tenant to inventory\.csv\./);
      assert.deepEqual(files.written(), ['/exports/inventory.csv'], 'written anywhere else, e.g. a local path made from the URI');
    } finally {
      registration.dispose();
    }
  });

  it('Remove Tenant: Escape and Keep Tenant (the default, Enter) keep it, the button removes it', async () => {
    const kept = await asPerson('sailpointPat.removeTenant', [ESCAPE], { node: await tenantElement(tenantId) });
    assert.deepEqual([kept[0].options, kept[0].defaultOption], [['Keep Tenant', 'Remove Tenant'], 'Keep Tenant'], 'Enter would remove');
    await asPerson('sailpointPat.removeTenant', ['Keep Tenant'], { node: await tenantElement(tenantId) });
    assert.equal((await children()).length, 1);
    await asPerson('sailpointPat.removeTenant', ['Remove Tenant'], { node: await tenantElement(tenantId) });
    assert.deepEqual(await children(), []);
  });
});

describe('rotation with queued answers', function () {
  this.timeout(40_000);
  let fake: FakeTenant;
  let ada: FakeIdentity;
  let tenantId: string;

  before(async () => {
    await removeAllTenants();
    fake = await FakeTenant.start({ maxTokensPerOwner: 5 });
    ada = fake.addIdentity('Ada Admin', { admin: true });
    const signIn = fake.addToken(ada.id, { name: 'sign-in', scope: ['sp:my-personal-access-tokens:manage'], secret: canarySecret('sign-in') });
    rememberSecret(signIn.secret);
    for (const name of ['rot-a', 'rot-b']) rememberSecret(fake.addToken(ada.id, { name, secret: canarySecret('rot') }).secret);
    ({ tenantId } = await run<{ tenantId: string }>(ADD_TENANT, { url: fake.baseUrl, displayName: 'Rotation', clientId: signIn.id, clientSecret: signIn.secret }));
  });

  after(async () => {
    await removeAllTenants();
    await vscode.env.clipboard.writeText('');
    await fake.stop();
  });

  afterEach(() => fake.tokens().forEach((token) => rememberSecret(token.secret)));

  it('Rotate Token, keep both: one question whose Escape is Keep Both (no Cancel beside it) and whose Enter deletes nothing', async () => {
    const shown = await asPerson('sailpointPat.rotateToken', ['rot-a 2', ESCAPE], { node: await tokenElement(tenantId, 'rot-a') });
    const question = shown[1];
    assert.equal(question.severity, 'warning modal');
    assert.match(question.text, /Delete the old token "rot-a" now\?$/);
    assert.deepEqual(question.options, ['Copy New Secret', 'Delete Old Token', 'Keep Both']);
    assert.equal(question.closeOption, 'Keep Both', 'VS Code would add a Cancel that means Keep Both');
    assert.equal(question.defaultOption, 'Copy New Secret');
    assert.ok(serverToken(fake, 'rot-a') && serverToken(fake, 'rot-a 2'));
    assert.match(messagesIn(shown)[1], /^Both tokens kept/);
  });

  it('Rotate Token, delete old: copies the new secret, then deletes the old token', async () => {
    await asPerson('sailpointPat.rotateToken', ['rot-b 2', 'Copy New Secret', 'Delete Old Token'], { node: await tokenElement(tenantId, 'rot-b') });
    const successor = serverToken(fake, 'rot-b 2');
    assert.ok(successor);
    assert.equal(serverToken(fake, 'rot-b'), undefined);
    assert.equal(await vscode.env.clipboard.readText(), successor.secret);
  });

  it('Rotate Token at the limit: explains it, then deletes the old token first when asked', async () => {
    // The fake's limit is 5, below the 10 the extension knows, so the limit shows when the successor is created.
    rememberSecret(fake.addToken(ada.id, { name: 'filler', secret: canarySecret('filler') }).secret);
    await run('sailpointPat.refresh', { tenantId });
    const shown = await asPerson(
      'sailpointPat.rotateToken',
      ['rot-a 3', 'Delete Old Token First', 'rot-a 3', 'Delete Old Token First', ESCAPE],
      { node: await tokenElement(tenantId, 'rot-a') },
    );
    assert.equal(shown[1].text, 'Token limit reached');
    assert.deepEqual(shown[1].options, ['Find Unused Tokens', 'Delete Old Token First']);
    const confirm = shown.find((each) => each.kind === 'confirm');
    assert.deepEqual([confirm?.options, confirm?.defaultOption], [['Keep Old Token', 'Delete Old Token First'], 'Keep Old Token'], 'Enter would delete');
    assert.equal(serverToken(fake, 'rot-a'), undefined);
    assert.ok(serverToken(fake, 'rot-a 3'));
  });

  it('Rotate Tenant Credentials: confirms, then the tenant signs in with the new token', async () => {
    await run('sailpointPat.deleteTokens', { items: [{ tenantId, tokenId: serverToken(fake, 'filler')?.id ?? '' }] });
    const shown = await asPerson('sailpointPat.rotateTenantCredentials', ['sign-in 2', 'Rotate Credentials'], { node: await tenantElement(tenantId) });
    assert.equal(shown[1].kind, 'confirm');
    assert.equal(shown[1].defaultOption, 'Keep Current Credentials', 'Enter would rotate and delete the old token');
    assert.equal(serverToken(fake, 'sign-in'), undefined);
    assert.ok(serverToken(fake, 'sign-in 2'));
    assert.match(messagesIn(shown)[0], /now signs in with "sign-in 2"/);
  });
});

describe('Change Expiry (v1) with queued answers', function () {
  let fake: FakeTenant;
  let tenantId: string;

  before(async () => {
    await removeAllTenants();
    fake = await FakeTenant.start();
    const ada = fake.addIdentity('Ada Admin', { admin: true });
    const signIn = fake.addToken(ada.id, { name: 'v1 sign-in', secret: canarySecret('v1') });
    rememberSecret(signIn.secret);
    rememberSecret(fake.addToken(ada.id, { name: 'dated', expirationDate: '2027-01-01T00:00:00Z', secret: canarySecret('v1') }).secret);
    ({ tenantId } = await run<{ tenantId: string }>(ADD_TENANT, { url: fake.baseUrl, displayName: 'V1', apiFamily: 'v1', clientId: signIn.id, clientSecret: signIn.secret }));
  });

  after(async () => {
    await removeAllTenants();
    await fake.stop();
  });

  it('sets a new date in two steps', async () => {
    const shown = await asPerson('sailpointPat.editTokenExpiry', ['Set an expiry date', '2027-02-28'], { node: await tokenElement(tenantId, 'dated') });
    assert.deepEqual(shown.slice(0, 2).map((each) => each.step), ['1/2', '2/2']);
    assert.equal(serverToken(fake, 'dated')?.expirationDate, '2027-02-28T23:59:59.000Z');
  });

  it('"Never expires" only after the modal is accepted', async () => {
    await asPerson('sailpointPat.editTokenExpiry', ['Never expires', ESCAPE], { node: await tokenElement(tenantId, 'dated') });
    assert.equal(serverToken(fake, 'dated')?.expirationDate, '2027-02-28T23:59:59.000Z');
    await asPerson('sailpointPat.editTokenExpiry', ['Never expires', 'Never Expires'], { node: await tokenElement(tenantId, 'dated') });
    assert.equal(serverToken(fake, 'dated')?.expirationDate, null);
  });
});

describe('hostile names and server text in notifications and modals', function () {
  this.timeout(40_000);
  const LINK = '[Open settings](command:workbench.action.openSettings)';
  const NO_LINK = /\]\(/;
  let fake: FakeTenant;
  let tenantId: string;

  before(async () => {
    await removeAllTenants();
    fake = await FakeTenant.start();
    const ada = fake.addIdentity('Ada Admin', { admin: true });
    const signIn = fake.addApiClient(ada.id);
    rememberSecret(signIn.clientSecret);
    rememberSecret(fake.addToken(ada.id, { name: LINK, scope: ['sp:scopes:default'], secret: canarySecret('hostile') }).secret);
    ({ tenantId } = await run<{ tenantId: string }>(ADD_TENANT, { url: fake.baseUrl, displayName: LINK, ...signIn }));
  });

  after(async () => {
    await removeAllTenants();
    await fake.stop();
  });

  it('a token and tenant named like a command link reach the modal and the notification without forming one', async () => {
    const shown = await asPerson('sailpointPat.deleteToken', ['Delete Token'], { node: await tokenElement(tenantId, LINK) });
    const confirm = shown.find((each) => each.kind === 'confirm');
    assert.ok(confirm, `no modal: ${JSON.stringify(shown)}`);
    assert.match(`${confirm.text}\n${confirm.detail ?? ''}`, /Open settings\] \(command:workbench/, 'the name is still recognisable');
    assert.doesNotMatch(`${confirm.text}\n${confirm.detail ?? ''}`, NO_LINK);
    const [deleted] = messagesIn(shown);
    assert.match(deleted, /deleted/);
    assert.doesNotMatch(deleted, NO_LINK);
    assert.equal(serverToken(fake, LINK), undefined);
  });

  it("a server's error text with a command link is shown inert", async () => {
    fake.inject({
      fault: { kind: 'status', status: 400, contentType: 'application/json', body: JSON.stringify({ messages: [{ text: `Bad name, ${LINK}` }] }) },
      match: { method: 'POST' },
    });
    const shown = await asPerson('sailpointPat.createToken', ['ci-token', ['sp:scopes:default'], '12 hours', '', ESCAPE], { node: await tenantElement(tenantId) });
    const error = shown.find((each) => each.kind === 'message' && each.severity === 'error');
    assert.ok(error, `no error shown: ${JSON.stringify(shown)}`);
    assert.match(error.text, /Bad name/);
    assert.doesNotMatch(error.text, NO_LINK);
  });
});

/** A file system no local path can reach, as in a virtual or remote window. */
class MemoryFiles implements vscode.FileSystemProvider {
  private readonly files = new Map<string, Uint8Array>();
  private readonly folders = new Set<string>(['/']);
  private readonly changes = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changes.event;

  read(uri: vscode.Uri): Uint8Array {
    const bytes = this.files.get(uri.path);
    if (bytes === undefined) throw vscode.FileSystemError.FileNotFound(uri);
    return bytes;
  }

  written(): string[] {
    return [...this.files.keys()];
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  stat(uri: vscode.Uri): vscode.FileStat {
    const bytes = this.files.get(uri.path);
    if (bytes !== undefined) return { type: vscode.FileType.File, ctime: 0, mtime: Date.now(), size: bytes.length };
    if (this.folders.has(uri.path)) return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0 };
    throw vscode.FileSystemError.FileNotFound(uri);
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }

  createDirectory(uri: vscode.Uri): void {
    this.folders.add(uri.path);
  }

  readFile(uri: vscode.Uri): Uint8Array {
    return this.read(uri);
  }

  writeFile(uri: vscode.Uri, content: Uint8Array): void {
    this.files.set(uri.path, content);
  }

  delete(uri: vscode.Uri): void {
    this.files.delete(uri.path);
  }

  rename(): void {
    throw vscode.FileSystemError.NoPermissions('rename');
  }
}

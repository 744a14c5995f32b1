// Failure paths a new user met (issue 22 §4), as a person takes them in the real VS Code: a name already taken,
// "All tokens" without the right, the one-token delete modal, and the Delete key on a row that is not a token.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { FakeTenant, type FakeIdentity } from '../fake-tenant/server';
import { asPerson, canarySecret, children, ESCAPE, EXTENSION_ID, labelOf, messagesIn, rememberSecret, removeAllTenants, run, tenantElement, tokensOf } from './helpers';

describe('failure paths a new user met', function () {
  this.timeout(60_000);
  let fake: FakeTenant;
  let sam: FakeIdentity;
  let tenantId: string;

  before(async () => {
    await removeAllTenants();
    fake = await FakeTenant.start();
    fake.addIdentity('Ada Admin', { admin: true });
    sam = fake.addIdentity('Sam Dev');
    const signIn = fake.addToken(sam.id, { name: 'sam sign-in', secret: canarySecret('paths-sign-in') });
    rememberSecret(signIn.secret);
    rememberSecret(fake.addToken(sam.id, { name: 'nightly export', secret: canarySecret('paths-seed') }).secret);
    ({ tenantId } = await run<{ tenantId: string }>('sailpointPat.addTenant', { url: fake.baseUrl, displayName: 'Paths', clientId: signIn.id, clientSecret: signIn.secret }));
  });

  after(async () => {
    await removeAllTenants();
    await fake.stop();
  });

  it('Create Token refuses a name already taken at the name step, before anything is sent', async () => {
    const creates = (): number => fake.count({ method: 'POST', path: '/v3/personal-access-tokens' });
    fake.resetRequests();
    const shown = await asPerson('sailpointPat.createToken', [' nightly export ', 'weekly export', ['sp:scopes:default'], '1 hour', '', ESCAPE], {
      node: await tenantElement(tenantId),
    });
    assert.match(shown[0].refused[0] ?? '', /already have a token named "nightly export"/);
    assert.equal(creates(), 1, 'one create, with the second name');
    const created = fake.tokens().find((token) => token.name === 'weekly export');
    assert.ok(created, 'the token was not created under the second name');
    rememberSecret(created.secret);
  });

  it('a refusal at the end takes the person back to the step concerned, every answer kept', async () => {
    const body = JSON.stringify({ messages: [{ text: 'expirationDate must not be more than 6 months ahead.' }] });
    fake.inject({ fault: { kind: 'status', status: 400, contentType: 'application/json', body }, match: { method: 'POST', path: '/v3/personal-access-tokens' }, times: 1 });
    const day = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
    const shown = await asPerson('sailpointPat.createToken', ['refused once', ['idn:accounts:read'], '1 hour', day(30), day(20), ESCAPE], {
      node: await tenantElement(tenantId),
    });
    assert.ok(shown.some((each) => each.severity === 'error' && /6 months/.test(each.text)), `the refusal was not shown: ${JSON.stringify(shown)}`);
    const expirySteps = shown.filter((each) => each.kind === 'text' && /^Expiry date/.test(each.text));
    assert.equal(expirySteps.length, 2, 'not taken back to the expiry step');
    assert.equal(expirySteps[1].value, day(30), 'the answer given was lost');
    assert.equal(expirySteps[1].step, '4');
    const created = fake.tokens().find((token) => token.name === 'refused once');
    assert.ok(created, 'the second try did not create the token');
    rememberSecret(created.secret);
    assert.deepEqual(created.scope, ['idn:accounts:read'], 'the scopes picked were lost');
    assert.equal(created.accessTokenValiditySeconds, 3600);
  });

  it('the one-token delete modal says "this token" and names it with its tenant', async () => {
    const node = (await tokensOf(tenantId)).get('weekly export');
    assert.ok(node);
    const kept = await asPerson('sailpointPat.deleteToken', [ESCAPE], { node });
    assert.equal(kept[0].text, 'Delete this token?');
    assert.match(kept[0].detail ?? '', /^• "weekly export" \(Paths\)$/m);
  });

  it('the Delete key on a selection that holds no token says why and deletes nothing', async () => {
    const binding = (vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { contributes: { keybindings: { when: string }[] } }).contributes.keybindings[0];
    assert.doesNotMatch(binding.when, /tokensSelected/, 'the key waits on a context key the extension sets after a round trip');
    const tenant = await tenantElement(tenantId);
    fake.resetRequests();
    const shown = await asPerson('sailpointPat.deleteToken', [], { selection: [tenant] });
    assert.deepEqual(messagesIn(shown), ['The selection holds no token: select the tokens to delete, then press Delete.']);
    assert.equal(fake.count({ method: 'DELETE' }), 0);
  });

  it('"All tokens" without the right says so on the tenant, and one click lists my tokens again', async () => {
    await run('sailpointPat.setTenantListQuery', { tenantId, query: { owner: { kind: 'all' } } });
    const [problem] = await children(await tenantElement(tenantId));
    assert.equal(labelOf(problem), 'These credentials cannot list all tokens: click to list My tokens');
    assert.ok(problem.command, 'the row has no one-click fix');
    await vscode.commands.executeCommand(problem.command.command, ...(problem.command.arguments ?? []));
    const tokens = await tokensOf(tenantId);
    assert.ok(tokens.has('nightly export'), `my tokens are not listed again: ${[...tokens.keys()].join(', ')}`);
    assert.match(String((await tenantElement(tenantId)).description), /my tokens/i);
  });
});

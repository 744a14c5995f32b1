// One tenant per URL, and credential prompts that name the host (issue 19 §1 items 1 and 8; issue 22 §4), in the
// real VS Code: a person through queued answers, a script through argument objects, the fake tenant over HTTP.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { FakeTenant } from '../fake-tenant/server';
import { asPerson, canarySecret, children, ESCAPE, labelOf, messagesIn, rejectsWith, rememberSecret, run, tenantElement } from './helpers';
import { withTenant } from './withTenant';

const SETTINGS_SYNC = 'sailpointPat.test.settingsSync';

async function syncedTenants(): Promise<Record<string, unknown>[]> {
  return (await vscode.commands.executeCommand<{ tenants: Record<string, unknown>[] }>(SETTINGS_SYNC)).tenants;
}

function hostOf(baseUrl: string): string {
  return new URL(baseUrl).host;
}

describe('One tenant per URL; credential prompts name the host', function () {
  this.timeout(60_000);
  let fake: FakeTenant;
  let adminId: string;
  let tenantId: string;
  let clientId: string;
  let clientSecret: string;

  withTenant({ displayName: 'Acme Here', adminName: 'Una Url', signInToken: { name: 'one-url-sign-in' } }, (added) => {
    ({ fake, tenantId, clientId, clientSecret } = added);
    adminId = added.admin.id;
  });

  it('a script adding a URL already added is refused, naming the tenant, and nothing is sent', async () => {
    fake.resetRequests();
    await rejectsWith('sailpointPat.addTenant', { url: `${fake.baseUrl}/`, displayName: 'Twin', clientId, clientSecret }, /Tenant "Acme Here" already uses http:\/\/127\.0\.0\.1:\d+: update its credentials/);
    assert.equal(fake.count(), 0);
    assert.deepEqual((await children()).map(labelOf), ['Acme Here']);
  });

  it("a person adding a URL already added is taken to that tenant's Update Credentials, which names the host", async () => {
    const fresh = fake.addToken(adminId, { name: 'one-url-fresh', secret: canarySecret('one-url-fresh') });
    rememberSecret(fresh.secret);
    const shown = await asPerson('sailpointPat.addTenant', [`${fake.baseUrl}/`, fresh.id, fresh.secret]);
    assert.equal(shown[0].step, '1/4');
    const asked = shown.filter((each) => each.kind !== 'message').slice(1);
    assert.deepEqual(asked.map((each) => each.title), [
      `Update Credentials of "Acme Here" (${hostOf(fake.baseUrl)})`,
      `Update Credentials of "Acme Here" (${hostOf(fake.baseUrl)})`,
    ]);
    assert.match(asked[1].text, new RegExp(`^Client secret for ${hostOf(fake.baseUrl)}`));
    const messages = messagesIn(shown);
    assert.match(messages[0], /^"Acme Here" already uses this URL: enter its new credentials instead\.$/);
    assert.match(messages[messages.length - 1], /new credentials of "Acme Here" work/);
    assert.deepEqual((await children()).map(labelOf), ['Acme Here']);
    clientId = fresh.id;
    clientSecret = fresh.secret;
  });

  it('Update Credentials asks for the secret again after the tenant refused it, like Add Tenant', async () => {
    const wrong = canarySecret('one-url-wrong');
    rememberSecret(wrong);
    const shown = await asPerson('sailpointPat.updateCredentials', [clientId, wrong, clientSecret], { node: await tenantElement(tenantId) });
    const secretSteps = shown.filter((each) => each.text.startsWith('Client secret'));
    assert.equal(secretSteps.length, 2);
    assert.match(secretSteps[1].problem ?? '', /rejected this client ID and secret.*enter the secret again/);
    const messages = messagesIn(shown);
    assert.equal(messages.length, 1, JSON.stringify(messages));
    assert.match(messages[0], /new credentials of "Acme Here" work/);
  });

  it('a tenant whose URL changed asks for credentials of the new host; nothing reaches that host unless they are entered', async () => {
    const attacker = await FakeTenant.start();
    const original = await syncedTenants();
    try {
      await vscode.commands.executeCommand(SETTINGS_SYNC, { replace: original.map((record) => (record.id === tenantId ? { ...record, baseUrl: attacker.baseUrl } : record)) });
      await run('sailpointPat.refresh', { tenantId });
      const [row] = await children(await tenantElement(tenantId));
      assert.equal(labelOf(row), "This tenant's URL changed: enter its credentials again");
      const shown = await asPerson('sailpointPat.updateCredentials', [ESCAPE], { node: await tenantElement(tenantId) });
      assert.equal(shown[0].title, `Update Credentials of "Acme Here" (${hostOf(attacker.baseUrl)})`);
      assert.equal(attacker.count(), 0);
    } finally {
      await vscode.commands.executeCommand(SETTINGS_SYNC, { replace: original });
      await attacker.stop();
    }
    await run('sailpointPat.refresh', { tenantId });
    assert.ok((await children(await tenantElement(tenantId))).map(labelOf).includes('one-url-fresh'));
  });
});

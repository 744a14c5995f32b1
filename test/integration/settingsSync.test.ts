// Tenants follow the user through Settings Sync (issue 14 §3), in the real VS Code. Settings Sync itself cannot run
// offline, so a test-only command reports the keys the extension handed it and delivers a tenant list as Sync would.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { FakeTenant } from '../fake-tenant/server';
import { children, eventually, labelOf, run, tenantElement } from './helpers';
import { withTenant } from './withTenant';

const SETTINGS_SYNC = 'sailpointPat.test.settingsSync';
const TENANTS_KEY = 'sailpointPat.tenants';

interface SettingsSyncView {
  keysForSync: readonly string[];
  tenants: Record<string, unknown>[];
}

function settingsSync(request?: { arrive: unknown[] } | { replace: unknown[] }): Thenable<SettingsSyncView> {
  return vscode.commands.executeCommand<SettingsSyncView>(SETTINGS_SYNC, request);
}

async function setSyncTenants(value: boolean | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('sailpointPat').update('syncTenants', value, vscode.ConfigurationTarget.Global);
}

/** Configuration changes reach the extension through an event; give it a moment. */
async function keysForSyncBecome(expected: readonly string[]): Promise<void> {
  const same = async (): Promise<boolean> => JSON.stringify((await settingsSync()).keysForSync) === JSON.stringify(expected);
  await eventually(same, `the keys handed to Settings Sync are ${JSON.stringify(expected)}`, 60);
}

describe('Settings Sync carries the tenant list, never a secret', function () {
  this.timeout(30_000);
  let tenantId: string;
  let clientSecret: string;

  withTenant({ displayName: 'Synced Here', adminName: 'Sync Owner', signInToken: { name: 'sync-sign-in' } }, (added) => ({ tenantId, clientSecret } = added));

  after(async () => {
    await setSyncTenants(undefined);
  });

  it('hands Settings Sync the tenant list alone, and that list holds no secret', async () => {
    await keysForSyncBecome([TENANTS_KEY]);
    const { tenants } = await settingsSync();
    const record = tenants.find((each) => each.id === tenantId);
    assert.ok(record, 'the tenant is not in the synced list');
    assert.match(String(record.baseUrl), /^http:\/\/127\.0\.0\.1:\d+/);
    const text = JSON.stringify(tenants);
    assert.ok(!text.includes(clientSecret), 'the client secret is in the synced list');
    assert.doesNotMatch(text, /secret|credential/i, 'the synced list names a secret or credential');
  });

  it('a tenant that arrives from another machine shows "Credentials missing: click to enter them", not an error', async () => {
    const { tenants } = await settingsSync();
    const here = tenants.find((each) => each.id === tenantId);
    assert.ok(here);
    // Another URL: one URL is one tenant, so a second record of this tenant's URL would not show.
    const arrived = { ...here, id: 'arrivedfromlaptop0001', displayName: 'From My Laptop', baseUrl: 'https://fromlaptop.api.identitynow.com' };
    await settingsSync({ arrive: [arrived] });
    const row = await tenantElement('arrivedfromlaptop0001');
    assert.equal(labelOf(row), 'From My Laptop');
    const below = await children(row);
    assert.deepEqual(below.map(labelOf), ['Credentials missing: click to enter them']);
    assert.doesNotMatch(String(row.description ?? ''), /error|failed/i);
    assert.notEqual(below[0].command, undefined, 'the row cannot be clicked to enter the credentials');
  });

  describe('a tampered list (issue 19 §1 items 1 and 8)', () => {
    let attacker: FakeTenant;
    let original: Record<string, unknown>[];

    before(async () => {
      attacker = await FakeTenant.start();
      original = (await settingsSync()).tenants;
    });

    after(async () => {
      await settingsSync({ replace: original });
      await attacker.stop();
    });

    it('re-pointing a tenant\'s id at another host sends 0 requests there; the tenant says its URL changed', async () => {
      const repointed = original.map((record) => (record.id === tenantId ? { ...record, baseUrl: attacker.baseUrl } : record));
      await settingsSync({ replace: repointed });
      await run('sailpointPat.refresh', { tenantId });
      const below = await children(await tenantElement(tenantId));
      assert.deepEqual(below.map(labelOf), ["This tenant's URL changed: enter its credentials again"]);
      assert.equal(below[0].command?.command, 'sailpointPat.updateCredentials');
      await assert.rejects(Promise.resolve(run('sailpointPat.createToken', { tenantId, name: 'exfil', scope: ['sp:scopes:default'] })), /URL .*changed/);
      assert.equal(attacker.count(), 0, 'a request reached the host the tampered list named');
      await settingsSync({ replace: original });
      await run('sailpointPat.refresh', { tenantId });
      const again = (await children(await tenantElement(tenantId))).map(labelOf);
      assert.ok(again.includes('sync-sign-in'), `back on its own URL, the tenant lists its tokens again: ${JSON.stringify(again)}`);
    });

    it('records a person could not have added are not shown: bad URL, hostile or overlong name, a URL already there', async () => {
      const here = original.find((record) => record.id === tenantId)!;
      const hostile = [
        { ...here, id: 'syncedbadurl', displayName: 'Bad URL', baseUrl: 'http://evil.example.com' },
        { ...here, id: 'syncednotnormal', displayName: 'Not normal', baseUrl: 'https://acme.api.identitynow.com/' },
        { ...here, id: 'syncedlinebreak', displayName: 'Acme\n[click](command:sailpointPat.removeTenant)', baseUrl: 'https://b.api.identitynow.com' },
        { ...here, id: 'syncedlong', displayName: 'x'.repeat(101), baseUrl: 'https://c.api.identitynow.com' },
        { ...here, id: 'synceddup', displayName: 'Same URL again' },
      ];
      await settingsSync({ replace: [...original, ...hostile] });
      const ids = (await children()).map((row) => row.id ?? '');
      for (const { id } of hostile) assert.ok(!ids.some((shown) => shown.includes(id)), `${id} is shown`);
      assert.ok(ids.some((shown) => shown.includes(tenantId)));
    });
  });

  it('sailpointPat.syncTenants off hands Settings Sync nothing; on again, the tenant list', async () => {
    await setSyncTenants(false);
    await keysForSyncBecome([]);
    await setSyncTenants(true);
    await keysForSyncBecome([TENANTS_KEY]);
  });
});

import * as assert from 'node:assert/strict';
import { collectInventory, csvCell, inventoryCsv, inventoryJson, inventoryRows, type TenantInventory } from '../../src/core/ops/inventory';
import type { PersonalAccessToken, Tenant } from '../../src/core/model';
import { PatService } from '../../src/core/patService';
import { silentLogger } from '../../src/core/ports';
import { FakeTenant } from '../fake-tenant/server';
import { MemoryKeyValueStore, MemorySecretStore } from './helpers/memoryStores';

const tenant: Tenant = { id: 't1', displayName: 'Prod', baseUrl: 'https://acme.api.identitynow.com', apiFamily: 'v3' };

function token(fields: Partial<PersonalAccessToken>): PersonalAccessToken {
  return {
    id: 'abc',
    name: 'n',
    scope: ['sp:scopes:default'],
    owner: { type: 'IDENTITY', id: 'owner-1', name: 'Ada' },
    created: '2026-01-01T00:00:00Z',
    lastUsed: null,
    managed: false,
    accessTokenValiditySeconds: 43200,
    expirationDate: '2026-07-01T00:00:00Z',
    userAwareTokenNeverExpires: null,
    ...fields,
  };
}

/** A minimal RFC 4180 reader, to prove what a spreadsheet would see. */
function parseCsv(text: string): string[][] {
  assert.ok(text.endsWith('\r\n'), 'the text does not end with CRLF');
  const rows: string[][] = [];
  const field = /"((?:[^"]|"")*)"|([^",\r\n]*)/y;
  let row: string[] = [];
  let at = 0;
  while (at < text.length) {
    field.lastIndex = at;
    const match = field.exec(text)!;
    row.push(match[1] === undefined ? match[2] : match[1].replace(/""/g, '"'));
    at = field.lastIndex;
    if (text.startsWith('\r\n', at)) {
      rows.push(row);
      row = [];
      at += 2;
    } else {
      assert.equal(text[at], ',', `unexpected character at ${at}`);
      at += 1;
    }
  }
  return rows;
}

describe('inventory export', () => {
  describe('CSV cells', () => {
    it('quotes commas, quotes and line breaks per RFC 4180', () => {
      assert.equal(csvCell('plain'), 'plain');
      assert.equal(csvCell('a,b'), '"a,b"');
      assert.equal(csvCell('say "hi"'), '"say ""hi"""');
      assert.equal(csvCell('two\nlines'), '"two\nlines"');
      assert.equal(csvCell(''), '');
    });

    it('neutralises cells a spreadsheet would run as a formula', () => {
      assert.equal(csvCell('=HYPERLINK("http://evil","x")'), `"'=HYPERLINK(""http://evil"",""x"")"`);
      assert.equal(csvCell('+1'), "'+1");
      assert.equal(csvCell('-2+3'), "'-2+3");
      assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
      assert.equal(csvCell('\tx'), "'\tx");
      assert.equal(csvCell('\r=1'), `"'\r=1"`);
      assert.equal(csvCell('a=1'), 'a=1');
    });
  });

  describe('rows, CSV and JSON', () => {
    const inventories: TenantInventory[] = [
      {
        tenant,
        listed: 'all tokens',
        storedSecretIds: new Set(['s1']),
        tokens: [
          token({ id: 's1', name: '=cmd|calc', scope: null, lastUsed: '2026-02-01T00:00:00Z' }),
          token({ id: 'm1', name: 'wf, "managed"', managed: true, owner: null, expirationDate: null, userAwareTokenNeverExpires: true }),
        ],
      },
      { tenant: { ...tenant, id: 't2', displayName: 'Broken' }, listed: 'nothing', storedSecretIds: new Set(), tokens: [], error: 'Tenant unreachable' },
    ];

    it('has one row per token with every column, and none for a tenant that failed', () => {
      const rows = parseCsv(inventoryCsv(inventoryRows(inventories)));
      assert.deepEqual(rows[0], [
        'tenant', 'tenant URL', 'token id', 'name', 'owner', 'owner id', 'owner status', 'scopes', 'created', 'last used', 'expiry', 'managed', 'secret stored here', 'listed',
      ]);
      assert.deepEqual(rows[1], [
        'Prod', 'https://acme.api.identitynow.com', 's1', "'=cmd|calc", 'Ada', 'owner-1', '', 'sp:scopes:all', '2026-01-01T00:00:00Z',
        '2026-02-01T00:00:00Z', '2026-07-01T00:00:00Z', 'no', 'yes', 'all tokens',
      ]);
      assert.deepEqual(rows[2].slice(3, 14), ['wf, "managed"', '', '', '', 'sp:scopes:default', '2026-01-01T00:00:00Z', 'never', 'never', 'yes', 'no', 'all tokens']);
      assert.equal(rows.length, 3);
    });

    it('writes JSON with the tenants (a failure with its reason) and the rows, marked as holding no secrets', () => {
      const parsed = JSON.parse(inventoryJson(inventories, '2026-08-10T00:00:00.000Z')) as {
        generatedAt: string;
        secretsIncluded: boolean;
        tenants: { tenant: string; listed: string; tokenCount: number; error?: string }[];
        tokens: { tokenId: string; scopes: string[] | null; secretStoredHere: boolean; neverExpires: boolean }[];
      };
      assert.equal(parsed.secretsIncluded, false);
      assert.deepEqual(parsed.tenants.map((each) => [each.tenant, each.listed, each.tokenCount, each.error]), [
        ['Prod', 'all tokens', 2, undefined],
        ['Broken', 'nothing', 0, 'Tenant unreachable'],
      ]);
      assert.deepEqual(parsed.tokens.map((each) => [each.tokenId, each.scopes, each.secretStoredHere, each.neverExpires]), [
        ['s1', null, true, false],
        ['m1', ['sp:scopes:default'], false, true],
      ]);
    });
  });

  describe('collecting from tenants (PatService against fake tenants)', () => {
    let admin: FakeTenant;
    let plain: FakeTenant;
    let manager: PatService;
    const seededSecrets: string[] = [];

    before(async () => {
      admin = await FakeTenant.start();
      plain = await FakeTenant.start();
      manager = new PatService({ kv: new MemoryKeyValueStore(), secrets: new MemorySecretStore(), logger: silentLogger, http: { retry: { baseDelayMs: 5, maxDelayMs: 20, maxAttempts: 2 } } });
      const ada = admin.addIdentity('Ada', { admin: true });
      const bob = admin.addIdentity('Bob');
      const adaSignIn = admin.addToken(ada.id, { name: 'ada-sign-in' });
      seededSecrets.push(adaSignIn.secret, admin.addToken(bob.id, { name: 'bobs' }).secret);
      await manager.addTenant({ url: admin.baseUrl, displayName: 'Admin tenant', credentials: { clientId: adaSignIn.id, clientSecret: adaSignIn.secret } });
      const carl = plain.addIdentity('Carl');
      const dora = plain.addIdentity('Dora');
      const carlSignIn = plain.addToken(carl.id, { name: 'carl-sign-in' });
      seededSecrets.push(carlSignIn.secret, plain.addToken(dora.id, { name: 'doras' }).secret);
      await manager.addTenant({ url: plain.baseUrl, displayName: 'Plain tenant', credentials: { clientId: carlSignIn.id, clientSecret: carlSignIn.secret } });
    });

    after(async () => {
      await admin.stop();
      await plain.stop();
    });

    it('lists all tokens where allowed, else the tenant\'s own owner choice, and says which', async () => {
      const inventories = await collectInventory(manager);
      assert.deepEqual(
        inventories.map((each) => [each.tenant.displayName, each.listed, each.tokens.map((t) => t.name).sort(), each.error]),
        [
          ['Admin tenant', 'all tokens', ['ada-sign-in', 'bobs'], undefined],
          ['Plain tenant', 'my tokens (listing all tokens was refused)', ['carl-sign-in'], undefined],
        ],
      );
      const text = inventoryJson(inventories, 'now') + inventoryCsv(inventoryRows(inventories));
      for (const secret of seededSecrets) assert.ok(!text.includes(secret), 'a secret is in the inventory');
    });

    it('lists, when asked for what the tree shows, each tenant as it lists itself', async () => {
      const inventories = await collectInventory(manager, undefined, 'asShown');
      assert.deepEqual(
        inventories.map((each) => [each.tenant.displayName, each.listed, each.tokens.map((t) => t.name).sort()]),
        [
          ['Admin tenant', 'my tokens', ['ada-sign-in']],
          ['Plain tenant', 'my tokens', ['carl-sign-in']],
        ],
      );
    });

    it('records a tenant that fails and goes on with the others', async () => {
      plain.inject({ fault: { kind: 'status', status: 500 }, match: { method: 'GET' }, times: 10 });
      try {
        const inventories = await collectInventory(manager);
        assert.equal(inventories[0].tokens.length, 2);
        assert.equal(inventories[1].tokens.length, 0);
        assert.match(inventories[1].error ?? '', /500/);
      } finally {
        plain.clearFaults();
      }
    });

    it('stops at once when cancelled', async () => {
      const abort = new AbortController();
      abort.abort(new Error('cancelled by the user'));
      await assert.rejects(collectInventory(manager, abort.signal));
    });
  });
});

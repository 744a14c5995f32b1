import * as assert from 'node:assert/strict';
import {
  cancelledMessage,
  deleteTokens,
  findUnusedTokens,
  runBounded,
  uniqueRefs,
  unusedQuery,
  type BulkProgress,
} from '../../src/core/ops/bulkDelete';
import { checkUnusedDays } from '../../src/ui/prompts/inputChecks';
import { bulkSummary } from '../../src/ui/commands/delete/deleteWords';
import { PatError } from '../../src/core/errors';
import type { Tenant } from '../../src/core/model';
import { PatService } from '../../src/core/patService';
import { silentLogger } from '../../src/core/ports';
import { FakeTenant } from '../fake-tenant/server';
import { MemoryKeyValueStore, MemorySecretStore } from './helpers/memoryStores';

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe('bulk delete', () => {
  describe('runBounded', () => {
    it('never runs more than the bound at once, and keeps the order of the results', async () => {
      let running = 0;
      let peak = 0;
      const results = await runBounded([30, 5, 20, 1, 10, 15, 2], 3, async (ms, index) => {
        running++;
        peak = Math.max(peak, running);
        await sleep(ms);
        running--;
        return index;
      });
      assert.equal(peak, 3);
      assert.deepEqual(results, [0, 1, 2, 3, 4, 5, 6]);
    });

    it('handles no items and a silly bound', async () => {
      assert.deepEqual(await runBounded([], 4, () => Promise.resolve(1)), []);
      assert.deepEqual(await runBounded([1, 2], 0, (n) => Promise.resolve(n * 2)), [2, 4]);
      assert.deepEqual(await runBounded([1, 2], Number.NaN, (n) => Promise.resolve(n * 2)), [2, 4]);
    });
  });

  it('deletes the same token only once when it is listed twice', () => {
    assert.deepEqual(uniqueRefs([{ tenantId: 'a', tokenId: '1' }, { tenantId: 'a', tokenId: '1' }, { tenantId: 'b', tokenId: '1' }]), [
      { tenantId: 'a', tokenId: '1' },
      { tenantId: 'b', tokenId: '1' },
    ]);
  });

  it('summarises', () => {
    assert.equal(bulkSummary({ deleted: [{ tenantId: 'a', tokenId: '1' }], failed: [] }), 'Deleted 1 token.');
    assert.equal(bulkSummary({ deleted: [], failed: [{ tenantId: 'a', tokenId: '1', message: 'x' }] }), 'Deleted 0 tokens; 1 failed.');
  });

  describe('what counts as unused', () => {
    const tenant: Tenant = { id: 't', displayName: 'T', baseUrl: 'https://acme.api.identitynow.com', apiFamily: 'v3' };
    const now = Date.parse('2026-08-10T00:00:00Z');

    it("queries the tenant's owner choice with the server's filters, both combined", () => {
      assert.deepEqual(unusedQuery(tenant, { neverUsed: true }, now), { owner: { kind: 'me' }, neverUsed: true });
      assert.deepEqual(unusedQuery({ ...tenant, listQuery: { owner: { kind: 'all' }, neverUsed: true } }, { neverUsed: false, unusedSinceDays: 30 }, now), {
        owner: { kind: 'all' },
        lastUsedBefore: '2026-07-11T00:00:00.000Z',
      });
      assert.deepEqual(unusedQuery(tenant, { neverUsed: true, unusedSinceDays: 1 }, now), {
        owner: { kind: 'me' },
        neverUsed: true,
        lastUsedBefore: '2026-08-09T00:00:00.000Z',
      });
    });

    it('refuses no criterion and days that are not a whole number from 1 to 3650', () => {
      const refused = (error: unknown): boolean => error instanceof PatError && error.kind === 'invalid-input';
      assert.throws(() => unusedQuery(tenant, { neverUsed: false }, now), refused);
      for (const days of [0, -1, 1.5, Number.NaN, 3651]) assert.throws(() => unusedQuery(tenant, { neverUsed: false, unusedSinceDays: days }, now), refused);
      assert.equal(checkUnusedDays(' 90 '), undefined);
      for (const text of ['', '0', '1.5', '-3', '3651', '9e9', 'ninety']) assert.match(checkUnusedDays(text) ?? '', /whole number of days from 1 to 3650/);
    });
  });

  describe('with the real PatService against the fake tenant', () => {
    let fake: FakeTenant;
    let manager: PatService;
    let tenantId: string;
    let ids: string[];

    beforeEach(async () => {
      fake = await FakeTenant.start({ latencyMs: 20 });
      const ada = fake.addIdentity('Ada', { admin: true });
      const signIn = fake.addToken(ada.id, { name: 'sign-in' });
      ids = Array.from({ length: 8 }, (_, i) => fake.addToken(ada.id, { name: `old-${i}` }).id);
      manager = new PatService({
        kv: new MemoryKeyValueStore(),
        secrets: new MemorySecretStore(),
        logger: silentLogger,
        http: { retry: { baseDelayMs: 5, maxDelayMs: 20 } },
        gate: { maxInFlight: 10 },
      });
      tenantId = (await manager.addTenant({ url: fake.baseUrl, credentials: { clientId: signIn.id, clientSecret: signIn.secret } })).id;
      await manager.listTokens(tenantId);
      fake.resetRequests();
    });

    afterEach(async () => {
      await fake.stop();
    });

    it('reports each item, goes on after a failure, and keeps to the concurrency bound', async () => {
      fake.inject({ fault: { kind: 'status', status: 403 }, match: { method: 'DELETE', path: `/v3/personal-access-tokens/${ids[1]}` } });
      const progress: BulkProgress[] = [];
      const items = [...ids.map((tokenId) => ({ tenantId, tokenId })), { tenantId, tokenId: 'no-such-token' }];
      const result = await deleteTokens(manager, items, { concurrency: 3, onProgress: (each) => progress.push(each) });
      assert.deepEqual(result.deleted.map((each) => each.tokenId).sort(), ids.filter((id) => id !== ids[1]).sort());
      assert.deepEqual(result.failed.map((each) => each.tokenId), [ids[1], 'no-such-token']);
      assert.match(result.failed[0].message, /403/);
      assert.match(result.failed[1].message, /^Not found on the tenant: it may have been deleted already\. .*404/);
      assert.equal(fake.inFlightMax, 3);
      assert.deepEqual(progress.at(-1), { done: 9, failed: 2, total: 9 });
      assert.equal(progress.length, 9);
      assert.deepEqual(fake.tokens().map((each) => each.name).sort(), ['old-1', 'sign-in']);
    });

    it('absorbs 429s through the retry policy and reports those tokens as deleted', async () => {
      fake.inject({ fault: { kind: 'rate-limit', retryAfter: '0' }, match: { method: 'DELETE' }, times: 3 });
      const result = await deleteTokens(manager, ids.slice(0, 4).map((tokenId) => ({ tenantId, tokenId })));
      assert.equal(result.failed.length, 0);
      assert.equal(result.deleted.length, 4);
      assert.equal(fake.requests.filter((each) => each.fault === 'rate-limit').length, 3);
    });

    it('finds unused tokens over tenants, marks the one the tenant signs in with, and reports a tenant that fails', async () => {
      fake.addToken(fake.identities()[0].id, { name: 'used-long-ago', lastUsed: new Date(Date.now() - 400 * 86_400_000).toISOString() });
      const tenant = manager.getTenant(tenantId);
      const broken = { ...tenant, id: 'gone', displayName: 'Gone' };
      // The sign-in token was just used; seen from 100 days on, it too is unused for 30 days.
      const later = Date.now() + 100 * 86_400_000;
      const result = await findUnusedTokens(manager, [tenant, broken], { neverUsed: false, unusedSinceDays: 30 }, later);
      assert.deepEqual(result.found.map((each) => [each.token.name, each.signsInTenant]).sort(), [
        ['sign-in', true],
        ['used-long-ago', false],
      ]);
      assert.deepEqual(result.failedTenants.map((each) => each.tenant.id), ['gone']);
      const never = await findUnusedTokens(manager, [tenant], { neverUsed: true }, Date.now());
      assert.equal(never.found.length, 8);
      assert.ok(never.found.every((each) => !each.signsInTenant && each.token.lastUsed === null));
    });

    it('reports the items it never reached as cancelled', async () => {
      const abort = new AbortController();
      const result = await deleteTokens(manager, ids.map((tokenId) => ({ tenantId, tokenId })), {
        concurrency: 1,
        signal: abort.signal,
        onProgress: ({ done }) => {
          if (done === 2) abort.abort(new Error('user cancelled'));
        },
      });
      assert.equal(result.deleted.length, 2);
      assert.equal(result.failed.length, 6);
      assert.ok(result.failed.every((each) => each.message === cancelledMessage()));
      assert.equal(fake.tokens().length, 7);
    });
  });
});

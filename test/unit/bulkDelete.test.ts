import * as assert from 'node:assert/strict';
import { bulkSummary, CANCELLED_MESSAGE, deleteTokens, runBounded, uniqueRefs, type BulkProgress } from '../../src/core/bulkDelete';
import { PatManager } from '../../src/core/patManager';
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

  describe('with the real PatManager against the fake tenant', () => {
    let fake: FakeTenant;
    let manager: PatManager;
    let tenantId: string;
    let ids: string[];

    beforeEach(async () => {
      fake = await FakeTenant.start({ latencyMs: 20 });
      const ada = fake.addIdentity('Ada', { admin: true });
      const signIn = fake.addToken(ada.id, { name: 'sign-in' });
      ids = Array.from({ length: 8 }, (_, i) => fake.addToken(ada.id, { name: `old-${i}` }).id);
      manager = new PatManager({
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
      assert.ok(result.failed.every((each) => each.message === CANCELLED_MESSAGE));
      assert.equal(fake.tokens().length, 7);
    });
  });
});

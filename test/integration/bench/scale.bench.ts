// Scale: one tenant with 10,000 tokens. Time from the list answer fully received to every tree item built, with
// the real client and the real tree provider, and the heap the tree holds for the items.
import * as assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { performance } from 'node:perf_hooks';
import nodeFetch, { Response } from 'node-fetch';
import type { FetchFunction } from '../../../src/core/client/http';
import type { PatService } from '../../../src/core/patService';
import { silentLogger } from '../../../src/core/ports';
import { TenantNode } from '../../../src/ui/tree/nodes';
import { PatTreeDataProvider } from '../../../src/ui/tree/patTreeDataProvider';
import { startFakeTenantProcess } from '../../../bench/fakeTenantProcess';
import { newManager } from '../../../bench/setup';
import { exposedGc } from '../../../bench/stats';
import { profiled } from './profile';
import { recordSample } from './samples';

const TOKENS = 10_000;
const RUNS = 4;

interface Marks {
  /** The list answer's last byte arrived. */
  receivedAt: number;
  /** The client handed the parsed, checked tokens to the tree. */
  listedAt: number;
}

/** node-fetch, but the body is read whole before the client gets the response, so its arrival can be marked. */
function bufferingFetch(marks: Marks): FetchFunction {
  return async (url, init) => {
    const response = await nodeFetch(url, init);
    const body = await response.buffer();
    marks.receivedAt = performance.now();
    return new Response(Readable.from([body]), { status: response.status, statusText: response.statusText, headers: response.headers, url: response.url });
  };
}

/** The manager as the tree sees it, marking when listTokens resolves. */
function markingService(manager: PatService, marks: Marks): PatService {
  return new Proxy(manager, {
    get(target, property): unknown {
      if (property === 'listTokens') {
        return async (...args: Parameters<PatService['listTokens']>) => {
          const tokens = await target.listTokens(...args);
          marks.listedAt = performance.now();
          return tokens;
        };
      }
      const value: unknown = Reflect.get(target, property);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

interface LoadSample {
  buildMs: number;
  clientMs: number;
  heapBytes: number;
}

/** In a function of its own, so no suspended frame keeps an earlier load's items alive while the heap is weighed. */
async function loadOnce(tree: PatTreeDataProvider, tenant: TenantNode, marks: Marks, gc: () => void): Promise<LoadSample> {
  tree.refresh(tenant.tenantId);
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const items = await tree.getChildren(tenant);
  const builtAt = performance.now();
  assert.equal(items.length, TOKENS);
  gc();
  return { buildMs: builtAt - marks.receivedAt, clientMs: marks.listedAt - marks.receivedAt, heapBytes: process.memoryUsage().heapUsed - heapBefore };
}

describe('10,000 tokens in the tree', () => {
  it('times the tree items from the list answer and weighs them', async () => {
    const fake = await startFakeTenantProcess({ tokens: TOKENS });
    const samples: LoadSample[] = [];
    try {
      const marks: Marks = { receivedAt: 0, listedAt: 0 };
      const manager = newManager({ http: { fetch: bufferingFetch(marks) } });
      const credentials = { clientId: fake.clientId, clientSecret: fake.clientSecret };
      await manager.addTenant({ url: fake.baseUrl, displayName: 'Scale', credentials });
      const tree = new PatTreeDataProvider(markingService(manager, marks), silentLogger);
      const [tenant] = await tree.getChildren();
      assert.ok(tenant instanceof TenantNode, 'the root is not the tenant');
      const gc = exposedGc();
      await profiled('scale', async () => {
        for (let run = 0; run < RUNS; run++) samples.push(await loadOnce(tree, tenant, marks, gc));
      });
      tree.dispose();
    } finally {
      await fake.stop();
    }
    recordSample('scale', {
      tokens: TOKENS,
      buildMs: samples.map((sample) => sample.buildMs),
      clientMs: samples.map((sample) => sample.clientMs),
      heapBytes: samples.map((sample) => sample.heapBytes),
    });
  });
});

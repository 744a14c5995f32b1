// Scale: one tenant with 10,000 tokens. Time from the list answer fully received to every tree item built, with
// the real client and the real tree provider, and the heap the tree holds for the items.
import * as assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { performance } from 'node:perf_hooks';
import { sendOverNode, type Transport } from '../../src/core/client/transport';
import type { PatService } from '../../src/core/patService';
import { silentLogger } from '../../src/core/ports';
import { TenantNode } from '../../src/ui/tree/nodes';
import { PatTreeDataProvider } from '../../src/ui/tree/patTreeDataProvider';
import { startFakeTenantProcess } from '../fakeTenantProcess';
import { newManager } from '../setup';
import { exposedGc } from '../stats';
import { profiled } from './profile';
import { recordSample } from './samples';

const TOKENS = 10_000;
const RUNS = 4;

interface Marks {
  /** The list answer's last byte arrived. */
  receivedAt: number;
  /** The answer's bytes, for the parse floor. */
  body: Buffer;
  /** The client handed the parsed, checked tokens to the tree. */
  listedAt: number;
}

/** The client's own transport, but the body is read whole before the client gets the answer, so its arrival can be marked. */
function bufferingTransport(marks: Marks): Transport {
  return async (exchange) => {
    const answer = await sendOverNode(exchange);
    const chunks: Buffer[] = [];
    for await (const chunk of answer.body) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    marks.receivedAt = performance.now();
    marks.body = body;
    return { ...answer, body: Readable.from([body]) };
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
  parseFloorMs: number;
}

/** The least any client can do with the answer: decode its bytes and JSON.parse them (nothing checked, nothing built). */
function parseFloorMs(body: Buffer, gc: () => void): number {
  gc();
  const startedAt = performance.now();
  const parsed: unknown = JSON.parse(new TextDecoder().decode(body));
  const ms = performance.now() - startedAt;
  assert.ok(Array.isArray(parsed) && parsed.length === TOKENS);
  return ms;
}

/** In a function of its own, so no suspended frame keeps an earlier load's items alive while the heap is weighed. */
async function loadOnce(tree: PatTreeDataProvider, tenant: TenantNode, marks: Marks, gc: () => void, run: number): Promise<LoadSample> {
  tree.refresh(tenant.tenantId);
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  // A profile of this load alone (BENCH_CPU_PROFILE_DIR): the full GCs that weigh the heap stay out of it.
  const items = await profiled(`scale-load-${run + 1}`, () => tree.loadedChildren(tenant));
  const builtAt = performance.now();
  assert.equal(items.length, TOKENS);
  gc();
  const heapBytes = process.memoryUsage().heapUsed - heapBefore;
  // Side by side: the same answer, in the same host, right after the load it belongs to.
  return { buildMs: builtAt - marks.receivedAt, clientMs: marks.listedAt - marks.receivedAt, heapBytes, parseFloorMs: parseFloorMs(marks.body, gc) };
}

describe('10,000 tokens in the tree', () => {
  it('times the tree items from the list answer and weighs them', async () => {
    const fake = await startFakeTenantProcess({ tokens: TOKENS });
    const samples: LoadSample[] = [];
    try {
      const marks: Marks = { receivedAt: 0, listedAt: 0, body: Buffer.alloc(0) };
      const manager = newManager({ http: { transport: bufferingTransport(marks) } });
      const credentials = { clientId: fake.clientId, clientSecret: fake.clientSecret };
      await manager.addTenant({ url: fake.baseUrl, displayName: 'Scale', credentials });
      const tree = new PatTreeDataProvider(markingService(manager, marks), silentLogger);
      const [tenant] = await tree.getChildren();
      assert.ok(tenant instanceof TenantNode, 'the root is not the tenant');
      const gc = exposedGc();
      for (let run = 0; run < RUNS; run++) samples.push(await loadOnce(tree, tenant, marks, gc, run));
      tree.dispose();
    } finally {
      await fake.stop();
    }
    recordSample('scale', {
      tokens: TOKENS,
      buildMs: samples.map((sample) => sample.buildMs),
      clientMs: samples.map((sample) => sample.clientMs),
      heapBytes: samples.map((sample) => sample.heapBytes),
      parseFloorMs: samples.map((sample) => sample.parseFloorMs),
    });
  });
});

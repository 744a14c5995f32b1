// Kind to the tenant: 300 deletes at once, as the UI's bulk delete sends them, against a fake enforcing a scaled
// rate limit, with our gate scaled the same way. Counts the 429s and the rate achieved against the one allowed.
import { DEFAULT_RATE_LIMIT, type RateLimit } from '../src/core/client/limits';
import { FakeTenant } from '../test/fake-tenant/server';
import { atLeast, atMost, type Figure } from './figures';
import { addSignedInTenant, newManager, seedTokens } from './setup';
import { elapsedMs, median, round, sleep } from './stats';

const DELETES = 300;
const RUNS = 3;
const LATENCY_MS = 20;
/** ISC allows 100 requests per 10 s per client id; our default gate is set against that. */
const ISC_LIMIT: RateLimit = { requests: 100, intervalMs: 10_000 };
/** ISC's limit scaled to 20 requests a second, so a run takes seconds, not minutes. */
const TENANT_LIMIT: RateLimit = { requests: 20, intervalMs: 1000 };
/** The default gate's share of ISC's limit, applied to the scaled limit. */
const GATE_LIMIT: RateLimit = {
  requests: Math.floor((TENANT_LIMIT.requests * DEFAULT_RATE_LIMIT.requests) / ISC_LIMIT.requests),
  intervalMs: (TENANT_LIMIT.intervalMs * DEFAULT_RATE_LIMIT.intervalMs) / ISC_LIMIT.intervalMs,
};

interface BulkRun {
  rateLimited: number;
  failed: number;
  /** Answered requests per second over the bulk delete, as a share of the tenant's allowed rate. */
  shareOfAllowed: number;
  wallMs: number;
}

async function bulkDeleteOnce(): Promise<BulkRun> {
  const fake = await FakeTenant.start({ latencyMs: LATENCY_MS, rateLimit: TENANT_LIMIT });
  try {
    const manager = newManager({ gate: { rateLimit: GATE_LIMIT } });
    const { tenantId, identity } = await addSignedInTenant(manager, fake, 'Bulk');
    const ids = seedTokens(fake, identity.id, DELETES);
    // The UI lists before the user picks what to delete; then both rate windows start afresh.
    await manager.listTokens(tenantId);
    await sleep(TENANT_LIMIT.intervalMs);
    fake.resetRequests();
    let failed = 0;
    const wallMs = await elapsedMs(async () => {
      const results = await Promise.allSettled(ids.map((id) => manager.deleteToken(tenantId, id)));
      failed = results.filter((result) => result.status === 'rejected').length;
    });
    const rateLimited = fake.requests.filter((request) => request.status === 429).length;
    const answered = fake.count() - rateLimited;
    const allowedPerMs = TENANT_LIMIT.requests / TENANT_LIMIT.intervalMs;
    return { rateLimited, failed, shareOfAllowed: answered / wallMs / allowedPerMs, wallMs };
  } finally {
    await fake.stop();
  }
}

export async function measureBulkDelete(): Promise<Figure[]> {
  const runs: BulkRun[] = [];
  for (let run = 0; run < RUNS; run++) runs.push(await bulkDeleteOnce());
  const limits = `tenant ${TENANT_LIMIT.requests}/${TENANT_LIMIT.intervalMs} ms, gate ${GATE_LIMIT.requests}/${GATE_LIMIT.intervalMs} ms`;
  return [
    {
      figure: `bulk delete of ${DELETES}: 429 responses`,
      value: median(runs.map((run) => run.rateLimited)),
      unit: 'responses',
      target: atMost(0, '0'),
      detail: `${limits}; failed deletes ${median(runs.map((run) => run.failed))}`,
    },
    {
      figure: `bulk delete of ${DELETES}: rate ÷ allowed rate`,
      value: round(100 * median(runs.map((run) => run.shareOfAllowed)), 1),
      unit: '%',
      target: atLeast(90, '≥ 90 %'),
      detail: `${Math.round(median(runs.map((run) => run.wallMs)))} ms for ${DELETES} deletes`,
    },
  ];
}

// Many tenants: a cold "refresh all" (sign-in + list per tenant, all at once) against a fake answering after
// 100 ms, compared with one tenant; then a warm refresh, which must not sign in again.
import { FakeTenant } from '../test/fake-tenant/server';
import { atMost, type Figure } from './figures';
import { addSignedInTenant, newManager, seedTokens, type SignedInTenant } from './setup';
import { elapsedMs, median, round } from './stats';

const TENANTS = 10;
const LATENCY_MS = 100;
const RUNS = 7;
const TOKENS_PER_TENANT = 5;
const TOKEN_PATH = '/oauth/token';

interface RefreshRun {
  coldMs: number;
  warmMs: number;
  warmTokenRequests: number;
}

/** A fresh manager (nothing cached) with `count` tenants; times a cold and then a warm refresh of all of them. */
async function refreshAll(fake: FakeTenant, count: number): Promise<RefreshRun> {
  const manager = newManager();
  const tenants: SignedInTenant[] = [];
  for (let i = 0; i < count; i++) {
    const tenant = await addSignedInTenant(manager, fake, `Tenant ${i + 1}`);
    seedTokens(fake, tenant.identity.id, TOKENS_PER_TENANT);
    tenants.push(tenant);
  }
  const listAll = (): Promise<unknown> => Promise.all(tenants.map(({ tenantId }) => manager.listTokens(tenantId)));
  const coldMs = await elapsedMs(listAll);
  fake.resetRequests();
  const warmMs = await elapsedMs(listAll);
  return { coldMs, warmMs, warmTokenRequests: fake.count({ path: TOKEN_PATH }) };
}

export async function measureManyTenants(): Promise<Figure[]> {
  const fake = await FakeTenant.start({ latencyMs: LATENCY_MS });
  try {
    const one: RefreshRun[] = [];
    const many: RefreshRun[] = [];
    for (let run = 0; run < RUNS; run++) {
      one.push(await refreshAll(fake, 1));
      many.push(await refreshAll(fake, TENANTS));
    }
    const oneMs = median(one.map((run) => run.coldMs));
    const manyMs = median(many.map((run) => run.coldMs));
    const warmMs = median(many.map((run) => run.warmMs));
    return [
      {
        figure: `cold refresh, ${TENANTS} tenants ÷ 1 tenant (fake at ${LATENCY_MS} ms)`,
        value: round(manyMs / oneMs, 2),
        unit: '×',
        target: atMost(1.5, '≤ 1.5'),
        detail: `${TENANTS} tenants ${Math.round(manyMs)} ms · 1 tenant ${Math.round(oneMs)} ms (sign-in + list each)`,
      },
      {
        figure: `warm refresh, ${TENANTS} tenants: token requests`,
        value: median(many.map((run) => run.warmTokenRequests)),
        unit: 'requests',
        target: atMost(0, '0'),
        detail: `warm refresh ${Math.round(warmMs)} ms (lists only)`,
      },
    ];
  } finally {
    await fake.stop();
  }
}

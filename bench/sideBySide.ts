// Side by side with the official SDK (sailpoint-api-client), against the same fake tenant in the same run:
// module load in fresh Node processes, then list (1,000 tokens), create, patch and delete, one at a time. The fake
// runs in a process of its own, so its work and garbage never land in either client's timings; both clients sign
// in as the same identity and so list the same tokens.
import * as path from 'node:path';
import { Configuration, PersonalAccessTokensApi } from 'sailpoint-api-client';
import type { PatManager } from '../src/core/patManager';
import { type FakeTenantAddress, startFakeTenantProcess } from './fakeTenantProcess';
import { atMost, type Figure } from './figures';
import { loadInFreshNode } from './loadModule';
import { newManager } from './setup';
import { elapsedMs, median, round } from './stats';

const LOAD_RUNS = 7;
const OPERATION_RUNS = 40;
const WARM_UP_RUNS = 3;
const LISTED_TOKENS = 1000;
const SCOPE = ['sp:scopes:default'];

type Operation = 'list' | 'create' | 'patch' | 'delete';
const OPERATIONS: readonly Operation[] = ['list', 'create', 'patch', 'delete'];

/** One client's way of doing each operation; create resolves with the new token's id. */
interface Client {
  list(): Promise<unknown>;
  create(name: string): Promise<string>;
  patch(id: string, name: string): Promise<unknown>;
  delete(id: string): Promise<unknown>;
}

type Timings = Record<Operation, number[]>;

function loadMs(target: string, standIn: boolean): number {
  return loadInFreshNode(target, standIn).ms;
}

function measureModuleLoad(repoRoot: string): Figure {
  const ours: number[] = [];
  const theirs: number[] = [];
  const sdkEntry = require.resolve('sailpoint-api-client');
  const bundle = path.join(repoRoot, 'dist/extension.js');
  // Interleaved, so a busy moment on the machine hits both sides alike.
  for (let run = 0; run < LOAD_RUNS; run++) {
    ours.push(loadMs(bundle, true));
    theirs.push(loadMs(sdkEntry, false));
  }
  const oursMs = median(ours);
  const theirsMs = median(theirs);
  return {
    figure: 'module load: ours ÷ SDK',
    value: round(oursMs / theirsMs, 3),
    unit: '×',
    target: atMost(1 / 20, '≤ 0.05 (1/20)'),
    detail: `ours ${oursMs.toFixed(1)} ms (dist/extension.js) · SDK ${theirsMs.toFixed(1)} ms (require('sailpoint-api-client'))`,
  };
}

function ourClient(manager: PatManager, tenantId: string): Client {
  return {
    list: () => manager.listTokens(tenantId),
    create: async (name) => (await manager.createToken(tenantId, { name, scope: SCOPE })).token.id,
    patch: (id, name) => manager.updateToken(tenantId, id, { name }),
    delete: (id) => manager.deleteToken(tenantId, id),
  };
}

/** The SDK signs in with a multipart form, which the fake refuses (it takes the urlencoded form only): it gets a minted token. */
async function sdkClient({ baseUrl, clientId, clientSecret }: FakeTenantAddress): Promise<Client> {
  const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret });
  const response = await fetch(`${baseUrl}/oauth/token`, { method: 'POST', body: form });
  const { access_token: accessToken } = (await response.json()) as { access_token: string };
  const api = new PersonalAccessTokensApi(new Configuration({ baseurl: baseUrl, accessToken }));
  return {
    list: () => api.listPersonalAccessTokens({ ownerId: 'me' }),
    create: async (name) => (await api.createPersonalAccessToken({ createPersonalAccessTokenRequest: { name, scope: SCOPE } })).data.id,
    patch: (id, name) => api.patchPersonalAccessToken({ id, jsonPatchOperation: [{ op: 'replace', path: '/name', value: name }] }),
    delete: (id) => api.deletePersonalAccessToken({ id }),
  };
}

/** One list, then create, patch and delete of a new token, so the list always holds the same tokens. */
async function timeRound(client: Client, label: string, timings: Timings): Promise<void> {
  let id = '';
  timings.list.push(await elapsedMs(() => client.list()));
  timings.create.push(await elapsedMs(async () => (id = await client.create(`${label} created`))));
  timings.patch.push(await elapsedMs(() => client.patch(id, `${label} renamed`)));
  timings.delete.push(await elapsedMs(() => client.delete(id)));
}

function emptyTimings(): Timings {
  return { list: [], create: [], patch: [], delete: [] };
}

async function measureOperations(): Promise<Figure[]> {
  const fake = await startFakeTenantProcess({ tokens: LISTED_TOKENS });
  try {
    // The comparison is of client work per call; pacing under the tenant's rate limit is measured on its own.
    const manager = newManager({ gate: { rateLimit: { requests: 1_000_000, intervalMs: 1000 } } });
    const credentials = { clientId: fake.clientId, clientSecret: fake.clientSecret };
    const tenant = await manager.addTenant({ url: fake.baseUrl, displayName: 'Ours', credentials });
    const ours = ourClient(manager, tenant.id);
    const theirs = await sdkClient(fake);
    const ourTimes = emptyTimings();
    const sdkTimes = emptyTimings();
    for (let run = 0; run < WARM_UP_RUNS + OPERATION_RUNS; run++) {
      const warmUp = run < WARM_UP_RUNS;
      const both = [
        () => timeRound(ours, `ours ${run}`, warmUp ? emptyTimings() : ourTimes),
        () => timeRound(theirs, `sdk ${run}`, warmUp ? emptyTimings() : sdkTimes),
      ];
      // Who goes first alternates, so neither always inherits the other's garbage.
      for (const round of run % 2 === 0 ? both : both.reverse()) await round();
    }
    return OPERATIONS.map((operation) => {
      const oursMs = median(ourTimes[operation]);
      const theirsMs = median(sdkTimes[operation]);
      const what = operation === 'list' ? `list (${LISTED_TOKENS.toLocaleString('en-US')} tokens)` : operation;
      return {
        figure: `${what}: ours ÷ SDK`,
        value: round(oursMs / theirsMs, 2),
        unit: '×',
        target: atMost(1, '≤ 1.0'),
        detail: `ours ${oursMs.toFixed(2)} ms · SDK ${theirsMs.toFixed(2)} ms`,
      };
    });
  } finally {
    await fake.stop();
  }
}

export async function measureSideBySide(repoRoot: string): Promise<Figure[]> {
  return [measureModuleLoad(repoRoot), ...(await measureOperations())];
}

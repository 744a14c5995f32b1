// Side by side with the official SDK (sailpoint-api-client), against the same fake tenant in the same run:
// module load in fresh Node processes, then list (1,000 tokens), create, patch and delete, one at a time. The fake
// runs in a process of its own, so its work and garbage never land in either client's timings; both clients sign
// in as the same identity and so list the same tokens; each operation is timed in a phase of its own.
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { Configuration, PersonalAccessTokensApi } from 'sailpoint-api-client';
import type { PatService } from '../src/core/patService';
import { type FakeTenantAddress, startFakeTenantProcess } from './fakeTenantProcess';
import { atMost, type Figure } from './figures';
import { loadInFreshNode } from './loadModule';
import { newManager } from './setup';
import { elapsedMs, exposedGc, median, round } from './stats';

const LOAD_RUNS = 7;
const OPERATION_RUNS = 40;
const WARM_UP_RUNS = 5;
/** Calls of one client in a row, between collections. */
const BLOCK = 5;
const ROUNDS = WARM_UP_RUNS + OPERATION_RUNS;
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
    target: atMost(0.02, '≤ 0.02'),
    floor: '—',
    detail: `ours ${oursMs.toFixed(1)} ms (dist/extension.js) · SDK ${theirsMs.toFixed(1)} ms (require('sailpoint-api-client'))`,
  };
}

function ourClient(manager: PatService, tenantId: string): Client {
  return {
    list: () => manager.listTokens(tenantId),
    create: async (name) => (await manager.createToken(tenantId, { name, scope: SCOPE })).token.id,
    patch: (id, name) => manager.updateToken(tenantId, id, { name }),
    delete: (id) => manager.deleteToken(tenantId, id),
  };
}

/** The SDK signs in with a multipart form, which the fake refuses (it takes the urlencoded form only): it gets a minted token. */
async function sdkClient(fake: FakeTenantAddress): Promise<Client> {
  const baseUrl = fake.baseUrl;
  const accessToken = await mintedToken(fake);
  const api = new PersonalAccessTokensApi(new Configuration({ baseurl: baseUrl, accessToken }));
  return {
    list: () => api.listPersonalAccessTokens({ ownerId: 'me' }),
    create: async (name) => (await api.createPersonalAccessToken({ createPersonalAccessTokenRequest: { name, scope: SCOPE } })).data.id,
    patch: (id, name) => api.patchPersonalAccessToken({ id, jsonPatchOperation: [{ op: 'replace', path: '/name', value: name }] }),
    delete: (id) => api.deletePersonalAccessToken({ id }),
  };
}

/** The floor of a list: the same GET by bare fetch, its answer decoded and parsed, nothing checked or normalised. */
function bareListClient({ baseUrl }: FakeTenantAddress, accessToken: string): Client {
  const refuse = (): Promise<never> => Promise.reject(new Error('the bare client only lists'));
  return {
    list: async () => (await fetch(`${baseUrl}/v3/personal-access-tokens?owner-id=me`, { headers: { Authorization: `Bearer ${accessToken}` } })).json(),
    create: refuse,
    patch: refuse,
    delete: refuse,
  };
}

async function mintedToken({ baseUrl, clientId, clientSecret }: FakeTenantAddress): Promise<string> {
  const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret });
  const response = await fetch(`${baseUrl}/oauth/token`, { method: 'POST', body: form });
  return ((await response.json()) as { access_token: string }).access_token;
}

interface Side {
  /** Token names carry it: both sides sign in as one identity, whose token names must differ. */
  label: string;
  client: Client;
  times: Timings;
  /** The tokens this side created, in round order. */
  ids: string[];
}

/**
 * Runs `step` for one side BLOCK times in a row, then for the other, after a full GC each, who goes first
 * alternating: each client pays for collecting its own garbage, not for the other's (the SDK's lists leave more).
 */
async function timeBoth(sides: readonly Side[], operation: Operation, block: number, gc: () => void, step: (side: Side, round: number) => Promise<unknown>): Promise<void> {
  for (const side of block % 2 === 0 ? sides : [...sides].reverse()) {
    gc();
    for (let i = 0; i < BLOCK; i++) {
      const round = block * BLOCK + i;
      const ms = await elapsedMs(() => step(side, round));
      if (round >= WARM_UP_RUNS) side.times[operation].push(ms);
    }
  }
}

/**
 * Each operation in a phase of its own, so its time carries the garbage it makes and no other's (a create right
 * after a 1,000-token list paid for collecting the list). Lists first, while the tenant holds just the seeded tokens.
 */
async function timeOperations(sides: readonly Side[], bare: Side): Promise<void> {
  const gc = exposedGc();
  const phase = async (operation: Operation, step: (side: Side, round: number) => Promise<unknown>, among = sides): Promise<void> => {
    for (let block = 0; block < ROUNDS / BLOCK; block++) await timeBoth(among, operation, block, gc, step);
  };
  await phase('list', (side) => side.client.list(), [...sides, bare]);
  await phase('create', async (side, round) => side.ids.push(await side.client.create(`${side.label} ${round} created`)));
  await phase('patch', (side, round) => side.client.patch(side.ids[round], `${side.label} ${round} renamed`));
  await phase('delete', (side, round) => side.client.delete(side.ids[round]));
}

function emptyTimings(): Timings {
  return { list: [], create: [], patch: [], delete: [] };
}

type Medians = Record<Operation, { ours: number; theirs: number; bare?: number }>;

/** Runs in a child process of its own (see below): the heap earlier sections left behind would tax whoever runs next. */
async function medianOperationTimes(): Promise<Medians> {
  // Room for the tokens both sides create before they delete them.
  const fake = await startFakeTenantProcess({ tokens: LISTED_TOKENS, maxTokensPerOwner: LISTED_TOKENS + 2 * ROUNDS });
  try {
    // The comparison is of client work per call; pacing under the tenant's rate limit is measured on its own.
    const manager = newManager({ gate: { rateLimit: { requests: 1_000_000, intervalMs: 1000 } } });
    const credentials = { clientId: fake.clientId, clientSecret: fake.clientSecret };
    const tenant = await manager.addTenant({ url: fake.baseUrl, displayName: 'Ours', credentials });
    const ours: Side = { label: 'ours', client: ourClient(manager, tenant.id), times: emptyTimings(), ids: [] };
    const theirs: Side = { label: 'sdk', client: await sdkClient(fake), times: emptyTimings(), ids: [] };
    const bare: Side = { label: 'bare', client: bareListClient(fake, await mintedToken(fake)), times: emptyTimings(), ids: [] };
    await timeOperations([ours, theirs], bare);
    const entries = OPERATIONS.map((operation) => [
      operation,
      { ours: median(ours.times[operation]), theirs: median(theirs.times[operation]), ...(operation === 'list' ? { bare: median(bare.times.list) } : {}) },
    ]);
    return Object.fromEntries(entries) as Medians;
  } finally {
    await fake.stop();
  }
}

function measureOperations(): Figure[] {
  const medians = JSON.parse(execFileSync(process.execPath, [__filename, '--operations'], { encoding: 'utf8' })) as Medians;
  return OPERATIONS.map((operation) => {
    const { ours: oursMs, theirs: theirsMs, bare: bareMs } = medians[operation];
    const list = operation === 'list';
    return {
      figure: list ? `list ${LISTED_TOKENS.toLocaleString('en-US')} tokens: ours ÷ official SDK` : `${operation}: ours ÷ official SDK`,
      value: round(oursMs / theirsMs, 2),
      unit: '×',
      target: list ? atMost(0.9, '≤ 0.9') : atMost(1, '≤ 1.0'),
      floor: bareMs === undefined ? '—' : `${round(bareMs / theirsMs, 2)}× (bare fetch + JSON.parse, ${bareMs.toFixed(2)} ms)`,
      detail: `ours ${oursMs.toFixed(2)} ms · SDK ${theirsMs.toFixed(2)} ms`,
    };
  });
}

export function measureSideBySide(repoRoot: string): Figure[] {
  return [measureModuleLoad(repoRoot), ...measureOperations()];
}

if (require.main === module && process.argv[2] === '--operations') {
  medianOperationTimes().then(
    (medians) => process.stdout.write(JSON.stringify(medians)),
    (error: unknown) => {
      console.error(`side-by-side operations failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}

// Side by side with the official SDK (sailpoint-api-client), against the same fake tenant in the same run:
// module load in fresh Node processes, then list (1,000 tokens), create, patch and delete, one at a time. The fake
// runs in a process of its own, so its work and garbage never land in either client's timings; both clients sign
// in as the same identity and so list the same tokens; each operation is timed in a phase of its own.
import { execFileSync } from 'node:child_process';
import { get as httpGet } from 'node:http';
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
/** Lists are the figure with a target below parity: more samples, so a busy moment moves the median less. */
const LIST_RUNS = 100;
/** Calls of one client in a row, between collections. */
const BLOCK = 5;
/** The first block of each client warms it up and is not counted. */
const WARM_UP_RUNS = BLOCK;
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
/** CPU time of this process (user + system), in ms, summed over the counted calls. */
type CpuTotals = Record<Operation, number>;

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

/**
 * The floor of a list: the same GET through Node's http module on its default (keep-alive) agent, as both clients
 * send it, the body taken as one Buffer, decoded once and parsed; nothing checked, normalised, capped or timed out.
 */
function bareListClient({ baseUrl }: FakeTenantAddress, accessToken: string): Client {
  const refuse = (): Promise<never> => Promise.reject(new Error('the bare client only lists'));
  const url = `${baseUrl}/v3/personal-access-tokens?owner-id=me`;
  const headers = { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' };
  return {
    list: () =>
      new Promise((resolve, reject) => {
        const request = httpGet(url, { headers }, (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.once('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
          response.once('error', reject);
        });
        request.once('error', reject);
      }),
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
  cpuMs: CpuTotals;
  /** The tokens this side created, in round order. */
  ids: string[];
}

/**
 * Runs `step` for one side BLOCK times in a row, then for the next, after a full GC each: each client pays for
 * collecting its own garbage, not for the other's (the SDK's lists leave more). The order rotates by block, so with
 * three sides (the list's floor) each takes every place equally often, not the SDK always the middle one.
 */
async function timeBoth(sides: readonly Side[], operation: Operation, block: number, gc: () => void, step: (side: Side, round: number) => Promise<unknown>): Promise<void> {
  for (const side of sides.map((_, index) => sides[(index + block) % sides.length])) {
    gc();
    const cpuBefore = process.cpuUsage();
    for (let i = 0; i < BLOCK; i++) {
      const round = block * BLOCK + i;
      const ms = await elapsedMs(() => step(side, round));
      if (round >= WARM_UP_RUNS) side.times[operation].push(ms);
    }
    const cpu = process.cpuUsage(cpuBefore);
    if (block * BLOCK >= WARM_UP_RUNS) side.cpuMs[operation] += (cpu.user + cpu.system) / 1000;
  }
}

/**
 * Each operation in a phase of its own, so its time carries the garbage it makes and no other's (a create right
 * after a 1,000-token list paid for collecting the list). Lists first, while the tenant holds just the seeded tokens.
 */
async function timeOperations(sides: readonly Side[], bare: Side): Promise<void> {
  const gc = exposedGc();
  const phase = async (operation: Operation, step: (side: Side, round: number) => Promise<unknown>, among = sides, rounds = ROUNDS): Promise<void> => {
    for (let block = 0; block < rounds / BLOCK; block++) await timeBoth(among, operation, block, gc, step);
  };
  await phase('list', (side) => side.client.list(), [...sides, bare], WARM_UP_RUNS + LIST_RUNS);
  await phase('create', async (side, round) => side.ids.push(await side.client.create(`${side.label} ${round} created`)));
  await phase('patch', (side, round) => side.client.patch(side.ids[round], `${side.label} ${round} renamed`));
  await phase('delete', (side, round) => side.client.delete(side.ids[round]));
}

function newSide(label: string, client: Client): Side {
  return { label, client, times: { list: [], create: [], patch: [], delete: [] }, cpuMs: { list: 0, create: 0, patch: 0, delete: 0 }, ids: [] };
}

/** Per side: the median wall time of one call and the mean CPU time of this process per call, in ms. */
interface SideFigures {
  ms: number;
  cpuMs: number;
}

type Medians = Record<Operation, { ours: SideFigures; theirs: SideFigures; bare?: SideFigures }>;

function figuresOf(side: Side, operation: Operation): SideFigures {
  return { ms: median(side.times[operation]), cpuMs: side.cpuMs[operation] / side.times[operation].length };
}

/** Runs in a child process of its own (see below): the heap earlier sections left behind would tax whoever runs next. */
async function medianOperationTimes(): Promise<Medians> {
  // Room for the tokens both sides create before they delete them.
  const fake = await startFakeTenantProcess({ tokens: LISTED_TOKENS, maxTokensPerOwner: LISTED_TOKENS + 2 * ROUNDS });
  try {
    // The comparison is of client work per call; pacing under the tenant's rate limit is measured on its own.
    const manager = newManager({ gate: { rateLimit: { requests: 1_000_000, intervalMs: 1000 } } });
    const credentials = { clientId: fake.clientId, clientSecret: fake.clientSecret };
    const tenant = await manager.addTenant({ url: fake.baseUrl, displayName: 'Ours', credentials });
    const ours = newSide('ours', ourClient(manager, tenant.id));
    const theirs = newSide('sdk', await sdkClient(fake));
    const bare = newSide('bare', bareListClient(fake, await mintedToken(fake)));
    await timeOperations([ours, theirs], bare);
    const entries = OPERATIONS.map((operation) => [
      operation,
      { ours: figuresOf(ours, operation), theirs: figuresOf(theirs, operation), ...(operation === 'list' ? { bare: figuresOf(bare, 'list') } : {}) },
    ]);
    return Object.fromEntries(entries) as Medians;
  } finally {
    await fake.stop();
  }
}

function measureOperations(): Figure[] {
  const medians = JSON.parse(execFileSync(process.execPath, [__filename, '--operations'], { encoding: 'utf8' })) as Medians;
  return OPERATIONS.map((operation) => {
    const { ours, theirs, bare } = medians[operation];
    const list = operation === 'list';
    const cpu = `client CPU per call: ours ${ours.cpuMs.toFixed(2)} ms · SDK ${theirs.cpuMs.toFixed(2)} ms${bare ? ` · floor ${bare.cpuMs.toFixed(2)} ms` : ''}`;
    return {
      figure: list ? `list ${LISTED_TOKENS.toLocaleString('en-US')} tokens: ours ÷ official SDK` : `${operation}: ours ÷ official SDK`,
      value: round(ours.ms / theirs.ms, 2),
      unit: '×',
      target: list ? atMost(0.9, '≤ 0.9') : atMost(1, '≤ 1.0'),
      floor: bare === undefined ? '—' : `${round(bare.ms / theirs.ms, 2)}× (node:http GET, one Buffer, JSON.parse: ${bare.ms.toFixed(2)} ms)`,
      detail: `ours ${ours.ms.toFixed(2)} ms · SDK ${theirs.ms.toFixed(2)} ms · ${cpu}`,
    };
  });
}

export function measureSideBySide(repoRoot: string): Figure[] {
  return [measureModuleLoad(repoRoot), ...measureOperations()];
}

// `node out/bench/sideBySide.js` prints this section's figures alone; `--operations` is the child that times them.
if (require.main === module) {
  if (process.argv[2] === '--operations') {
    medianOperationTimes().then(
      (medians) => process.stdout.write(JSON.stringify(medians)),
      (error: unknown) => {
        console.error(`side-by-side operations failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  } else {
    console.log(JSON.stringify(measureSideBySide(path.resolve(__dirname, '../..')), null, 1));
  }
}

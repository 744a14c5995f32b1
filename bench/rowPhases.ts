// `node out/bench/rowPhases.js [loads]` (after `npm run compile`; Node 24 for process.threadCpuUsage): the 10,000-token
// window split into its phases in plain Node, by this thread's CPU time, so figures hold on a shared machine better
// than wall time. Phases: the floor (decode + JSON.parse), the check (parseToken as PatApi.list runs it), the sort,
// the rows (tokenNodes, sort included) and a bare row: a TreeItem given the same fields as constants, i.e. a row with
// no logic at all. Prints medians (the first load apart) and each beside the floor. bench/README.md has the findings.
import Module from 'node:module';
import type * as PatApiModule from '../src/core/client/patApi';
import type { PersonalAccessToken } from '../src/core/model';
import type * as NodesModule from '../src/ui/tree/nodes';
import type * as TokenRowsModule from '../src/ui/tree/tokenRows';
import type * as DisplayOrderModule from '../src/ui/view/displayOrder';
import type * as L10nModule from '../src/ui/view/l10n';
import { FakeTenant } from '../test/fake-tenant/server';
import { seedTokens } from './setup';
import { exposedGc, median } from './stats';
import { installVscodeStandIn } from './vscodeStandIn';

const TOKENS = 10_000;

/** The host's TreeItem, as far as a row needs it: the collapsible state, then the label. */
class StandInTreeItem {
  collapsibleState: number;
  label: unknown;
  constructor(label: unknown, collapsibleState = 0) {
    this.collapsibleState = collapsibleState;
    this.label = label;
  }
}

/** `vscode` for the tree's modules in plain Node: what the rows touch, nothing more. */
function provideVscodeStandIn(): void {
  class Plain {
    constructor(...args: unknown[]) {
      Object.assign(this, { args });
    }
  }
  const api = {
    TreeItem: StandInTreeItem,
    TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
    ThemeIcon: Plain,
    ThemeColor: Plain,
    MarkdownString: Plain,
    EventEmitter: Plain,
    env: { language: 'en' },
    workspace: { getConfiguration: () => ({ get: <T>(_key: string, fallback: T): T => fallback }) },
  };
  installVscodeStandIn(api);
}

/** The fake tenant's answer to a list of 10,000 tokens, as bytes. */
async function listAnswer(): Promise<Buffer> {
  const fake = await FakeTenant.start({ maxTokensPerOwner: TOKENS + 10 });
  try {
    const admin = fake.addIdentity('Bench Admin', { admin: true });
    const { clientId, clientSecret } = fake.addApiClient(admin.id);
    seedTokens(fake, admin.id, TOKENS);
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret });
    const signIn = (await (await fetch(`${fake.baseUrl}/oauth/token`, { method: 'POST', body: form })).json()) as { access_token: string };
    const list = await fetch(`${fake.baseUrl}/v3/personal-access-tokens`, { headers: { authorization: `Bearer ${signIn.access_token}` } });
    return Buffer.from(await list.arrayBuffer());
  } finally {
    await fake.stop();
  }
}

/** Node 24's process.threadCpuUsage, which the installed Node types do not declare yet. */
function cpuMs(): number {
  const { user, system } = (process as unknown as { threadCpuUsage(): NodeJS.CpuUsage }).threadCpuUsage();
  return (user + system) / 1000;
}

function timed<T>(phase: number[], work: () => T): T {
  const startedAt = cpuMs();
  const result = work();
  phase.push(cpuMs() - startedAt);
  return result;
}

async function main(): Promise<void> {
  const loads = Number(process.argv[2] ?? 25);
  provideVscodeStandIn();
  const load = Module.createRequire(__filename);
  const patApi = load('../src/core/client/patApi') as typeof PatApiModule;
  const rows = load('../src/ui/tree/tokenRows') as typeof TokenRowsModule;
  const { TenantNode } = load('../src/ui/tree/nodes') as typeof NodesModule;
  const { byDisplayName } = load('../src/ui/view/displayOrder') as typeof DisplayOrderModule;
  const { useTranslator, fillPlaceholders } = load('../src/ui/view/l10n') as typeof L10nModule;
  useTranslator(fillPlaceholders);
  rows.compileTranslations();
  const body = await listAnswer();
  const tenant = new TenantNode({ id: 'bench-tenant', displayName: 'Scale', baseUrl: 'https://bench.invalid', apiFamily: 'v3', listQuery: { owner: { kind: 'me' } } });
  const owners = { statuses: new Map(), counts: new Map<string, number>(), callerIdentityId: null };
  const icon = {};
  /** A row with the fields VS Code reads, every one a constant or one concatenation: the least a row can cost. */
  class BareRow extends StandInTreeItem {
    readonly parent = tenant;
    readonly id: string;
    readonly description = 'sp:scopes:default · never used · expires in 6 months';
    readonly iconPath = icon;
    readonly contextValue = 'token';
    readonly accessibilityInformation: { label: string };
    constructor(readonly token: PersonalAccessToken) {
      super(token.name, 0);
      this.id = `token:${tenant.tenantId}:${token.id}`;
      this.accessibilityInformation = { label: `Token ${token.name}: never used. ${this.description}` };
    }
  }
  const gc = exposedGc();
  const phases = { floor: [] as number[], check: [] as number[], sort: [] as number[], 'rows (sort included)': [] as number[], 'bare rows': [] as number[] };
  for (let run = 0; run < loads; run++) {
    gc();
    const parsed = timed(phases.floor, () => JSON.parse(new TextDecoder().decode(body)) as unknown[]);
    const tokens = timed(phases.check, () => {
      let previous: PersonalAccessToken | undefined;
      return parsed.map((item) => (previous = patApi.parseToken(item, previous)) as PersonalAccessToken);
    });
    const sorted = timed(phases.sort, () => byDisplayName(tokens, 'en'));
    timed(phases['rows (sort included)'], () => rows.tokenNodes(tenant, tokens, new Set(), undefined, owners));
    timed(phases['bare rows'], () => sorted.map((token) => new BareRow(token)));
  }
  const floor = median(phases.floor.slice(1));
  for (const [phase, times] of Object.entries(phases)) {
    const ms = median(times.slice(1));
    console.log(`${phase.padEnd(20)} first ${times[0].toFixed(1).padStart(6)} ms, median ${ms.toFixed(1).padStart(6)} ms, ${(ms / floor).toFixed(2)}x the floor`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

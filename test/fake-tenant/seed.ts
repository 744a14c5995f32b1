// The realistic seeds: a deterministic tenant (same ids, secrets and relative dates on every start). 'demo' is the
// demo's first tenant; 'standalone' (`npm run fake-tenant`) has the same people and token names with ids and secrets
// of its own, so a tenant tried by hand never shares credentials or stored secrets with the demo's.
import type { TenantState } from './state';
import type { DemoVariant, FakeIdentity } from './types';

const DAY_MS = 86_400_000;

export interface DemoCredential {
  label: string;
  identity: FakeIdentity;
  clientId: string;
  clientSecret: string;
}

export interface DemoSeed {
  identities: FakeIdentity[];
  /** Ada Admin's PAT (admin), Sam Dev's PAT, and an API client of Ada's. */
  credentials: DemoCredential[];
}

interface SeedToken {
  owner: 'ada' | 'sam' | 'priya' | 'workflows' | 'tomas';
  name: string;
  scope: string[] | null;
  createdDaysAgo: number;
  lastUsedDaysAgo: number | null;
  /** null = never expires (v1 userAwareTokenNeverExpires); negative = already expired. */
  expiresInDays: number | null;
  managed?: boolean;
  validitySeconds?: number;
}

const SEED_TOKENS: readonly SeedToken[] = [
  { owner: 'ada', name: 'VS Code PAT Manager (demo)', scope: ['sp:scopes:all'], createdDaysAgo: 2, lastUsedDaysAgo: 0, expiresInDays: 178 },
  { owner: 'ada', name: 'CI pipeline', scope: ['sp:scopes:default', 'idn:sources:manage'], createdDaysAgo: 170, lastUsedDaysAgo: 1, expiresInDays: 12 },
  { owner: 'ada', name: 'Terraform', scope: ['sp:scopes:all'], createdDaysAgo: 120, lastUsedDaysAgo: 3, expiresInDays: 60 },
  { owner: 'ada', name: 'Postman', scope: null, createdDaysAgo: 300, lastUsedDaysAgo: 250, expiresInDays: -5 },
  { owner: 'ada', name: 'Audit export', scope: ['sp:search:read', 'idn:identity:read'], createdDaysAgo: 40, lastUsedDaysAgo: null, expiresInDays: 140 },
  { owner: 'ada', name: 'Old migration script', scope: ['sp:scopes:default'], createdDaysAgo: 350, lastUsedDaysAgo: 340, expiresInDays: -170 },
  { owner: 'ada', name: 'Quarterly access review', scope: ['idn:campaign:manage', 'idn:identity:read'], createdDaysAgo: 88, lastUsedDaysAgo: 30, expiresInDays: 9 },
  { owner: 'ada', name: 'Break-glass (never expires)', scope: ['sp:scopes:all'], createdDaysAgo: 150, lastUsedDaysAgo: null, expiresInDays: null },
  { owner: 'sam', name: "Sam's laptop", scope: ['sp:scopes:default'], createdDaysAgo: 10, lastUsedDaysAgo: 0, expiresInDays: 170 },
  { owner: 'sam', name: 'GitHub Actions', scope: ['sp:scopes:default', 'idn:access-request:manage'], createdDaysAgo: 60, lastUsedDaysAgo: 0, expiresInDays: 120, validitySeconds: 3600 },
  { owner: 'sam', name: 'Postman', scope: ['sp:scopes:all'], createdDaysAgo: 45, lastUsedDaysAgo: 20, expiresInDays: 135 },
  { owner: 'sam', name: 'SailPoint CLI', scope: null, createdDaysAgo: 200, lastUsedDaysAgo: 150, expiresInDays: 13 },
  { owner: 'sam', name: 'Jupyter notebook', scope: ['idn:identity:read', 'sp:search:read'], createdDaysAgo: 25, lastUsedDaysAgo: null, expiresInDays: 4 },
  { owner: 'sam', name: 'Load test 🚀', scope: ['sp:scopes:default'], createdDaysAgo: 365, lastUsedDaysAgo: 300, expiresInDays: -180 },
  { owner: 'sam', name: 'Connector dev (ServiceNow)', scope: ['idn:sources:manage', 'idn:sources:read'], createdDaysAgo: 15, lastUsedDaysAgo: 2, expiresInDays: 165 },
  { owner: 'priya', name: 'Monitoring', scope: ['idn:sources:read'], createdDaysAgo: 100, lastUsedDaysAgo: 0, expiresInDays: 80, validitySeconds: 900 },
  { owner: 'priya', name: 'Backup job', scope: ['sp:scopes:default'], createdDaysAgo: 180, lastUsedDaysAgo: 1, expiresInDays: 2 },
  { owner: 'priya', name: 'ServiceNow integration', scope: ['idn:access-request:manage', 'idn:identity:read'], createdDaysAgo: 70, lastUsedDaysAgo: 5, expiresInDays: 110 },
  { owner: 'priya', name: 'Temp – delete me', scope: null, createdDaysAgo: 8, lastUsedDaysAgo: null, expiresInDays: 172 },
  { owner: 'priya', name: 'Report generator', scope: ['sp:search:read'], createdDaysAgo: 220, lastUsedDaysAgo: 190, expiresInDays: -40 },
  { owner: 'workflows', name: 'Workflow: Joiner onboarding', scope: ['sp:scopes:all'], createdDaysAgo: 130, lastUsedDaysAgo: 0, expiresInDays: null, managed: true },
  { owner: 'workflows', name: 'Workflow: Leaver cleanup', scope: ['sp:scopes:all'], createdDaysAgo: 90, lastUsedDaysAgo: 0, expiresInDays: null, managed: true },
  { owner: 'workflows', name: 'Workflow: Notify managers', scope: ['idn:workflow:manage'], createdDaysAgo: 45, lastUsedDaysAgo: 10, expiresInDays: 30 },
  { owner: 'tomas', name: 'Audit evidence', scope: ['sp:search:read', 'idn:identity:read'], createdDaysAgo: 50, lastUsedDaysAgo: 7, expiresInDays: 130 },
  // 'idn:report:raed' is a typo no catalogue knows: it silently grants nothing.
  { owner: 'tomas', name: 'Excel plugin', scope: ['sp:scopes:default', 'idn:report:raed'], createdDaysAgo: 290, lastUsedDaysAgo: null, expiresInDays: 11 },
];

/** mulberry32: a tiny seeded PRNG, so the demo is the same on every start. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

function hexFrom(random: () => number, bytes: number): string {
  return Array.from({ length: bytes }, () => Math.floor(random() * 256).toString(16).padStart(2, '0')).join('');
}

function uuidFrom(random: () => number): string {
  const hex = hexFrom(random, 16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const RANDOM_SEEDS: Record<DemoVariant, number> = { demo: 0x15c0ffee, standalone: 0x5ea1f00d };

export function seedDemo(state: TenantState, variant: DemoVariant): DemoSeed {
  const random = seededRandom(RANDOM_SEEDS[variant]);
  const now = state.now();
  // A few hours of jitter, so not every date falls on the same time of day.
  const daysAgo = (days: number): string => new Date(now - days * DAY_MS - Math.floor(random() * 8) * 3_600_000).toISOString();
  const identity = (name: string, admin = false, status: Partial<Pick<FakeIdentity, 'identityStatus' | 'lifecycleState'>> = {}): FakeIdentity =>
    state.addIdentity(name, { id: hexFrom(random, 16), admin, ...status });
  const owners = {
    ada: identity('Ada Admin', true),
    sam: identity('Sam Dev'),
    priya: identity('Priya Ops'),
    workflows: identity('Workflows Service'),
    // Left the company: the tokens of a disabled owner still work, which is what the owner status shows.
    tomas: identity('Tomás Auditor', false, { identityStatus: 'DISABLED', lifecycleState: 'inactive' }),
  };
  const secrets = new Map<string, { id: string; secret: string }>();
  for (const seed of SEED_TOKENS) {
    const expires = seed.expiresInDays === null ? null : new Date(now + seed.expiresInDays * DAY_MS).toISOString();
    const token = state.addToken(owners[seed.owner].id, {
      id: hexFrom(random, 16),
      secret: hexFrom(random, 32),
      name: seed.name,
      scope: seed.scope,
      created: daysAgo(seed.createdDaysAgo),
      lastUsed: seed.lastUsedDaysAgo === null ? null : daysAgo(seed.lastUsedDaysAgo),
      managed: seed.managed ?? false,
      accessTokenValiditySeconds: seed.validitySeconds ?? 43200,
      expirationDate: expires,
      userAwareTokenNeverExpires: expires === null,
    });
    secrets.set(`${seed.owner}/${seed.name}`, { id: token.id, secret: token.secret });
  }
  const adaPat = secrets.get('ada/VS Code PAT Manager (demo)')!;
  const samPat = secrets.get("sam/Sam's laptop")!;
  const apiClient = state.addApiClient(owners.ada.id, { clientId: uuidFrom(random), clientSecret: hexFrom(random, 32) });
  return {
    identities: Object.values(owners),
    credentials: [
      { label: 'Ada Admin PAT (admin: sees every token)', identity: owners.ada, clientId: adaPat.id, clientSecret: adaPat.secret },
      { label: 'Sam Dev PAT (own tokens only)', identity: owners.sam, clientId: samPat.id, clientSecret: samPat.secret },
      { label: 'Ada Admin API client (UUID-form client id)', identity: owners.ada, ...apiClient },
    ],
  };
}

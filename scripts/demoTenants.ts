// Two fake tenants for the demo and the screenshots, on 127.0.0.1 only, with clearly fake credentials.
// "Acme Production" carries the fake tenant's demo seed; "Acme Sandbox" a smaller set seeded here.
import { FakeTenant } from '../test/fake-tenant/server';

const DAY_MS = 86_400_000;

/** What the demo companion extension hands to `sailpointPat.addTenant`. */
export interface DemoTenantConfig {
  url: string;
  displayName: string;
  clientId: string;
  clientSecret: string;
  /** What the tenant lists; the sandbox lists every token, so its departed owner's token shows marked. */
  listQuery?: { owner: { kind: 'all' } };
}

export interface DemoTenants {
  configs: DemoTenantConfig[];
  production: FakeTenant;
  sandbox: FakeTenant;
  stop(): Promise<void>;
}

interface SandboxToken {
  name: string;
  scope: string[] | null;
  createdDaysAgo: number;
  lastUsedDaysAgo: number | null;
  expiresInDays: number;
  managed?: boolean;
}

const SANDBOX_TOKENS: readonly SandboxToken[] = [
  { name: 'Connector smoke tests', scope: ['idn:sources:manage', 'idn:sources:read'], createdDaysAgo: 20, lastUsedDaysAgo: 0, expiresInDays: 160 },
  { name: 'Transform playground', scope: ['sp:scopes:default'], createdDaysAgo: 33, lastUsedDaysAgo: 6, expiresInDays: 8 },
  { name: 'Rule debugging', scope: ['idn:identity:read', 'idn:sources:read'], createdDaysAgo: 5, lastUsedDaysAgo: null, expiresInDays: 175 },
  { name: 'Data load (one-off)', scope: ['sp:scopes:all'], createdDaysAgo: 190, lastUsedDaysAgo: 185, expiresInDays: -10 },
  { name: 'Workflow: Sandbox refresh', scope: ['sp:scopes:all'], createdDaysAgo: 60, lastUsedDaysAgo: 1, expiresInDays: 120, managed: true },
  { name: 'Postman (sandbox)', scope: ['sp:scopes:default', 'sp:search:read'], createdDaysAgo: 75, lastUsedDaysAgo: 14, expiresInDays: 3 },
];

/** The sandbox's admin and the PAT the extension signs in with, then the tokens above. */
function seedSandbox(tenant: FakeTenant, now: number): DemoTenantConfig {
  const admin = tenant.addIdentity('Ada Admin', { admin: true });
  const developer = tenant.addIdentity('Sam Dev');
  const own = tenant.addToken(admin.id, { name: 'VS Code PAT Manager (demo)', scope: ['sp:scopes:all'], lastUsed: new Date(now).toISOString() });
  for (const seed of SANDBOX_TOKENS) {
    tenant.addToken(admin.id, {
      name: seed.name,
      scope: seed.scope,
      created: new Date(now - seed.createdDaysAgo * DAY_MS).toISOString(),
      lastUsed: seed.lastUsedDaysAgo === null ? null : new Date(now - seed.lastUsedDaysAgo * DAY_MS).toISOString(),
      expirationDate: new Date(now + seed.expiresInDays * DAY_MS).toISOString(),
      managed: seed.managed ?? false,
    });
  }
  tenant.addToken(developer.id, { name: 'Sam scratch token', scope: ['sp:scopes:default'] });
  // Lea left a month ago; her token still works, which the owner status mark is for.
  const leaver = tenant.addIdentity('Lea Contractor', { identityStatus: 'TERMINATED', lifecycleState: 'inactive' });
  tenant.addToken(leaver.id, {
    name: 'Lea nightly export',
    scope: ['sp:search:read'],
    created: new Date(now - 200 * DAY_MS).toISOString(),
    lastUsed: new Date(now - DAY_MS).toISOString(),
  });
  return { url: tenant.baseUrl, displayName: 'Acme Sandbox', clientId: own.id, clientSecret: own.secret, listQuery: { owner: { kind: 'all' } } };
}

export async function startDemoTenants(): Promise<DemoTenants> {
  const production = await FakeTenant.start({ seed: 'demo' });
  const sandbox = await FakeTenant.start({ seed: 'none' });
  const admin = production.demo?.credentials[0];
  if (admin === undefined) throw new Error('the fake tenant started without its demo seed');
  return {
    configs: [
      { url: production.baseUrl, displayName: 'Acme Production', clientId: admin.clientId, clientSecret: admin.clientSecret },
      seedSandbox(sandbox, Date.now()),
    ],
    production,
    sandbox,
    stop: async () => {
      await Promise.all([production.stop(), sandbox.stop()]);
    },
  };
}

// The one add-a-tenant setup the integration suites share: a fresh fake tenant with an administrator, the suite's own
// identities and tokens, then the tenant added as a script would add it; afterwards, no tenant and no server left.
import { FakeTenant, type FakeIdentity, type FakeTenantOptions, type FakeToken } from '../fake-tenant/server';
import { canarySecret, rememberSecret, removeAllTenants, run } from './helpers';

export interface TenantSetup {
  /** The tenant's name in the tree; left out, Add Tenant names it after its host. */
  displayName?: string;
  apiFamily?: 'v3' | 'v1';
  /** The administrator the extension signs in as (default "Ada Admin"). */
  adminName?: string;
  /** Sign in with a PAT of the administrator's, so it shows in the list; without it, with an API client. */
  signInToken?: Partial<Omit<FakeToken, 'ownerId' | 'secret'>> & { name: string };
  /** How the fake tenant behaves (latency, token lifetimes, limits). */
  server?: FakeTenantOptions;
  /** Identities and tokens the tenant holds before it is added. */
  seed?: (fake: FakeTenant, admin: FakeIdentity) => void;
}

export interface AddedTenant {
  fake: FakeTenant;
  admin: FakeIdentity;
  tenantId: string;
  clientId: string;
  clientSecret: string;
}

/** The credentials the extension gets; every secret is a canary the final scan looks for. */
function signInFor(fake: FakeTenant, admin: FakeIdentity, setup: TenantSetup): { clientId: string; clientSecret: string } {
  if (setup.signInToken === undefined) {
    const client = fake.addApiClient(admin.id);
    rememberSecret(client.clientSecret);
    return client;
  }
  const token = fake.addToken(admin.id, { ...setup.signInToken, secret: canarySecret('sign-in') });
  return { clientId: token.id, clientSecret: token.secret };
}

/**
 * Registers the suite's before() and after(): `added` gets the tenant once it is in the extension (and may go on
 * setting up, e.g. create a token); after the suite every tenant is removed and the server stops.
 */
export function withTenant(setup: TenantSetup, added: (tenant: AddedTenant) => unknown): void {
  let fake: FakeTenant | undefined;
  before(async () => {
    await removeAllTenants();
    fake = await FakeTenant.start(setup.server);
    const admin = fake.addIdentity(setup.adminName ?? 'Ada Admin', { admin: true });
    const credentials = signInFor(fake, admin, setup);
    setup.seed?.(fake, admin);
    const { displayName, apiFamily } = setup;
    const { tenantId } = await run<{ tenantId: string }>('sailpointPat.addTenant', { url: fake.baseUrl, displayName, apiFamily, ...credentials });
    await added({ fake, admin, tenantId, ...credentials });
  });
  after(async () => {
    await removeAllTenants();
    await fake?.stop();
  });
}

// Activation needs the tenant list and nothing else of PatService: the facade answers the synchronous reads from the
// stored records and loads the service (network, secrets, redactor) on the first call that returns a promise.
import type { PatService } from './patService';
import type { KeyValueStore } from './ports';
import { normalizeTenantUrl } from './tenantUrl';
import { readStoredSecretTokenIds, readTenants, unknownTenant } from './store/tenantRecords';

type Method = { [K in keyof PatService]: PatService[K] extends (...args: never[]) => unknown ? K : never }[keyof PatService];
/** The methods that answer at once; every other one returns a promise. */
type ReadAtOnce = { [K in Method]: ReturnType<PatService[K]> extends PromiseLike<unknown> ? never : K }[Method];
type Deferred = Exclude<Method, ReadAtOnce>;

/** Every promise-returning method by name; the compiler fails when PatService gains one that is not listed. */
const DEFERRED: Record<Deferred, true> = {
  addTenant: true,
  updateCredentials: true,
  renameTenant: true,
  setApiFamily: true,
  setListQuery: true,
  removeTenant: true,
  hasCredentials: true,
  signInClientId: true,
  listTokens: true,
  lookUpIdentities: true,
  searchIdentities: true,
  callerIdentityId: true,
  createToken: true,
  updateToken: true,
  deleteToken: true,
  getStoredSecret: true,
  forgetStoredSecret: true,
  secretChangedElsewhere: true,
  signInEnvironment: true,
  accessToken: true,
  credentialsState: true,
};

/** A PatService whose reads of the tenant list never load it, and whose other calls load it once and forward. */
export function lazyPatService(state: KeyValueStore, load: () => Promise<PatService>): PatService {
  // Sessions live in the real service: until it has loaded there is no access token to peek at or drop.
  let loaded: PatService | undefined;
  const atOnce: Pick<PatService, ReadAtOnce> = {
    listTenants: () => readTenants(state),
    getTenant: (tenantId) => {
      const tenant = readTenants(state).find((each) => each.id === tenantId);
      if (tenant === undefined) throw unknownTenant(tenantId);
      return tenant;
    },
    storedSecretTokenIds: (tenantId) => readStoredSecretTokenIds(state, tenantId),
    tenantWithUrl: (input) => {
      const url = normalizeTenantUrl(input);
      return url.ok ? readTenants(state).find((tenant) => tenant.baseUrl === url.baseUrl) : undefined;
    },
    cachedAccessToken: (tenantId) => loaded?.cachedAccessToken(tenantId),
    dropAccessToken: (tenantId) => loaded?.dropAccessToken(tenantId),
  };
  const deferred = (name: Deferred) => (...args: unknown[]): Promise<unknown> =>
    load().then((service) => {
      loaded = service;
      return service;
    }).then((service) => (service[name] as (...params: unknown[]) => Promise<unknown>).apply(service, args));
  const facade: Record<string, unknown> = { ...atOnce };
  for (const name of Object.keys(DEFERRED) as Deferred[]) facade[name] = deferred(name);
  return Object.freeze(facade) as unknown as PatService;
}

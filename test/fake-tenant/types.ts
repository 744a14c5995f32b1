// The public shapes of the fake tenant; server.ts re-exports them.

/** identityStatus values of ISC's IdentityDto (Identities v1 spec). */
export type FakeIdentityStatus =
  | 'UNREGISTERED'
  | 'REGISTERED'
  | 'PENDING'
  | 'WARNING'
  | 'DISABLED'
  | 'ACTIVE'
  | 'DEACTIVATED'
  | 'TERMINATED'
  | 'ERROR'
  | 'LOCKED';

/**
 * admin = may list and delete every token (PATCH stays limited to one's own, as in ISC). The other rights default
 * to admin: reading identities (GET /identities/v1) and seeing managed tokens in lists.
 */
export interface FakeIdentity {
  id: string;
  name: string;
  admin: boolean;
  readsIdentities: boolean;
  readsManagedTokens: boolean;
  identityStatus: FakeIdentityStatus;
  /** The lifecycle state's name (tenant-defined, e.g. active, inactive, terminated); null = none. */
  lifecycleState: string | null;
  /** Uncorrelated identities are left out of /identities/v1 unless defaultFilter=NONE. */
  correlated: boolean;
}

export type FakeIdentityOptions = Partial<Omit<FakeIdentity, 'name'>>;

export interface FakeToken {
  id: string;
  name: string;
  scope: string[] | null;
  ownerId: string;
  created: string;
  lastUsed: string | null;
  managed: boolean;
  accessTokenValiditySeconds: number;
  expirationDate: string | null;
  userAwareTokenNeverExpires: boolean;
  secret: string;
}

export interface RecordedRequest {
  method: string;
  /** Without the query string. */
  path: string;
  query: Record<string, string>;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: string;
  /** 0 when the socket was destroyed without an answer. */
  status: number;
  responseBody: string;
  at: number;
  /** The injected fault that shaped this exchange, if any. */
  fault?: Fault['kind'];
}

/** path is matched without the query string. */
export interface RequestMatcher {
  method?: string;
  path?: string | RegExp;
}

export type Fault =
  | { kind: 'status'; status: number; body?: string; contentType?: string; headers?: Record<string, string> }
  | { kind: 'rate-limit'; retryAfter?: string }
  | { kind: 'commit-then-drop' }
  | { kind: 'reset' }
  | { kind: 'delay'; ms: number }
  | { kind: 'trickle'; intervalMs: number; bytesPerChunk?: number }
  | { kind: 'redirect'; status?: 301 | 302 | 307 | 308; location: string }
  | { kind: 'body'; status?: number; body: string; contentType?: string };

/** times defaults to 1; Infinity = always. */
export interface FaultSpec {
  fault: Fault;
  match?: RequestMatcher;
  times?: number;
}

/** Which realistic data set a tenant starts with; each has its own ids and secrets. */
export type DemoVariant = 'demo' | 'standalone';

export interface FakeTenantOptions {
  /** 0 or absent = a random free port. */
  port?: number;
  /** Added before every answer. */
  latencyMs?: number;
  /** Lifetime of every access token; absent = the PAT's accessTokenValiditySeconds (API clients: 749 s). */
  accessTokenTtlSeconds?: number;
  /** Per client id, fixed window; beyond it: 429 with Retry-After (seconds). */
  rateLimit?: { requests: number; intervalMs: number };
  /** Default 10, like ISC. */
  maxTokensPerOwner?: number;
  /** 'demo': the demo's first tenant; 'standalone': the same kind of data with ids and secrets of its own (`npm run fake-tenant`). */
  seed?: 'none' | DemoVariant;
  /** The tenant's clock for token dates and expiry (not for delays or the rate-limit window). */
  now?: () => number;
}

/** What a route answers before faults, latency and trickling are applied. */
export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

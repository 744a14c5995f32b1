// The tenant's data: identities, PATs, API clients and the access tokens minted for them.
import { randomUUID } from 'node:crypto';
import { randomHex } from './replies';
import type { FakeIdentity, FakeIdentityOptions, FakeToken } from './types';

export const DEFAULT_ACCESS_TOKEN_VALIDITY_SECONDS = 43200;
/** ISC's expires_in for API clients (an odd number, observed on real tenants). */
const API_CLIENT_TTL_SECONDS = 749;

export interface Caller {
  identity: FakeIdentity;
  /** The PAT or API client the access token was minted for. */
  clientId: string;
}

interface Grant {
  clientId: string;
  identityId: string;
  expiresAt: number;
  revoked: boolean;
}

export interface SignIn {
  caller: Caller;
  scope: string;
  ttlSeconds: number;
}

export function addMonths(epochMs: number, months: number): number {
  const date = new Date(epochMs);
  date.setUTCMonth(date.getUTCMonth() + months);
  return date.getTime();
}

/** Every secret any fake tenant in this process ever issued (PAT secrets, API client secrets, access tokens): canaries. */
const issued = new Set<string>();

export function issuedSecrets(): string[] {
  return [...issued];
}

export class TenantState {
  readonly identities = new Map<string, FakeIdentity>();
  readonly tokens = new Map<string, FakeToken>();
  private readonly apiClients = new Map<string, { secret: string; identityId: string }>();
  private readonly grants = new Map<string, Grant>();
  private readonly formerNames = new Map<string, string>();

  constructor(
    readonly now: () => number,
    /** Overrides every access token's lifetime (tests of expiry); undefined: the PAT's own validity. */
    public accessTokenTtlSeconds: number | undefined,
  ) {}

  nowIso(): string {
    return new Date(this.now()).toISOString();
  }

  addIdentity(name: string, options: FakeIdentityOptions = {}): FakeIdentity {
    const admin = options.admin ?? false;
    const identity: FakeIdentity = {
      id: options.id ?? randomHex(16),
      name,
      admin,
      readsIdentities: options.readsIdentities ?? admin,
      readsManagedTokens: options.readsManagedTokens ?? admin,
      identityStatus: options.identityStatus ?? 'ACTIVE',
      lifecycleState: options.lifecycleState === undefined ? 'active' : options.lifecycleState,
      correlated: options.correlated ?? true,
    };
    this.identities.set(identity.id, identity);
    return { ...identity };
  }

  /** Changes what /identities/v1 says about an identity (a leaver, a locked account). */
  updateIdentity(id: string, changes: Pick<FakeIdentityOptions, 'identityStatus' | 'lifecycleState' | 'correlated'>): FakeIdentity {
    const identity = this.identities.get(id);
    if (identity === undefined) {
      throw new Error(`no identity ${id}`);
    }
    Object.assign(identity, changes);
    return { ...identity };
  }

  /** The identity is deleted; its tokens stay listed with their owner id, as a departed owner's do. */
  removeIdentity(id: string): void {
    const identity = this.identities.get(id);
    if (identity !== undefined) {
      this.formerNames.set(id, identity.name);
    }
    this.identities.delete(id);
  }

  /** The owner's display name for token views; a deleted identity's tokens keep the name they had. */
  ownerName(id: string): string | null {
    return this.identities.get(id)?.name ?? this.formerNames.get(id) ?? null;
  }

  addToken(ownerId: string, fields: Partial<Omit<FakeToken, 'ownerId'>> = {}): FakeToken {
    if (!this.identities.has(ownerId)) {
      throw new Error(`no identity ${ownerId}`);
    }
    const token: FakeToken = {
      id: randomHex(16),
      name: `Token ${this.tokens.size + 1}`,
      scope: null,
      // A fixture that gives only lastUsed gets a token created no later than that: none is used before it exists.
      created: typeof fields.lastUsed === 'string' && Date.parse(fields.lastUsed) < this.now() ? fields.lastUsed : this.nowIso(),
      lastUsed: null,
      managed: false,
      accessTokenValiditySeconds: DEFAULT_ACCESS_TOKEN_VALIDITY_SECONDS,
      expirationDate: new Date(addMonths(this.now(), 6)).toISOString(),
      userAwareTokenNeverExpires: false,
      secret: randomHex(32),
      ...fields,
      ownerId,
    };
    this.tokens.set(token.id, token);
    issued.add(token.secret);
    return copyToken(token);
  }

  addApiClient(identityId: string, credentials?: { clientId: string; clientSecret: string }): { clientId: string; clientSecret: string } {
    if (!this.identities.has(identityId)) {
      throw new Error(`no identity ${identityId}`);
    }
    // API client ids in UUID form (with dashes) exist beside 32-hex PAT ids; clients must accept both.
    const { clientId, clientSecret } = credentials ?? { clientId: randomUUID(), clientSecret: randomHex(32) };
    this.apiClients.set(clientId, { secret: clientSecret, identityId });
    issued.add(clientSecret);
    return { clientId, clientSecret };
  }

  tokensOf(ownerId: string): FakeToken[] {
    return [...this.tokens.values()].filter((token) => token.ownerId === ownerId);
  }

  /** Checks client credentials like /oauth/token does; undefined = Bad credentials. */
  signIn(clientId: string, clientSecret: string): SignIn | undefined {
    const pat = this.tokens.get(clientId);
    if (pat !== undefined) {
      return pat.secret === clientSecret && !this.isExpired(pat) ? this.signInWithPat(pat) : undefined;
    }
    const apiClient = this.apiClients.get(clientId);
    const identity = apiClient && this.identities.get(apiClient.identityId);
    if (apiClient === undefined || identity === undefined || apiClient.secret !== clientSecret) {
      return undefined;
    }
    return { caller: { identity, clientId }, scope: 'sp:scopes:all', ttlSeconds: this.accessTokenTtlSeconds ?? API_CLIENT_TTL_SECONDS };
  }

  mintAccessToken(signIn: SignIn): string {
    const accessToken = jwtShapedToken(signIn, this.now());
    issued.add(accessToken);
    this.grants.set(accessToken, {
      clientId: signIn.caller.clientId,
      identityId: signIn.caller.identity.id,
      expiresAt: this.now() + signIn.ttlSeconds * 1000,
      revoked: false,
    });
    return accessToken;
  }

  /** The caller behind a bearer token, or why it is refused (ISC's 401 `error` text). */
  authenticate(accessToken: string): Caller | string {
    const grant = this.grants.get(accessToken);
    if (grant === undefined) {
      return 'JWT validation failed: JWT is malformed or its signature is invalid';
    }
    const identity = this.identities.get(grant.identityId);
    if (grant.revoked || grant.expiresAt <= this.now() || identity === undefined) {
      return 'JWT validation failed: JWT is expired';
    }
    return { identity, clientId: grant.clientId };
  }

  /** The client id an access token was minted for, valid or not (for the rate limit). */
  clientIdOf(accessToken: string): string | undefined {
    return this.grants.get(accessToken)?.clientId;
  }

  expireAccessTokens(): void {
    for (const grant of this.grants.values()) {
      grant.revoked = true;
    }
  }

  private isExpired(token: FakeToken): boolean {
    return token.expirationDate !== null && Date.parse(token.expirationDate) <= this.now();
  }

  private signInWithPat(pat: FakeToken): SignIn | undefined {
    const identity = this.identities.get(pat.ownerId);
    if (identity === undefined) {
      return undefined;
    }
    // ISC updates lastUsed at most once a day.
    if (pat.lastUsed === null || this.now() - Date.parse(pat.lastUsed) >= 86_400_000) {
      pat.lastUsed = this.nowIso();
    }
    return {
      caller: { identity, clientId: pat.id },
      scope: (pat.scope ?? ['sp:scopes:all']).join(' '),
      ttlSeconds: this.accessTokenTtlSeconds ?? pat.accessTokenValiditySeconds,
    };
  }
}

export function copyToken(token: FakeToken): FakeToken {
  return { ...token, scope: token.scope === null ? null : [...token.scope] };
}

function base64Url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

// Shaped like ISC's JWTs (clients must treat them as opaque); the signature is random bytes.
function jwtShapedToken(signIn: SignIn, nowMs: number): string {
  const issuedAt = Math.floor(nowMs / 1000);
  const claims = {
    tenant_id: 'f0ca5e00-0000-4000-8000-00000000fa7e',
    internal: true,
    pod: 'fake01-useast1',
    org: 'fake-tenant',
    identity_id: signIn.caller.identity.id,
    user_name: signIn.caller.identity.name,
    client_id: signIn.caller.clientId,
    scope: signIn.scope.split(' '),
    iat: issuedAt,
    exp: issuedAt + signIn.ttlSeconds,
    jti: randomUUID(),
  };
  return `${base64Url({ alg: 'HS256', typ: 'JWT' })}.${base64Url(claims)}.${Buffer.from(randomHex(32), 'hex').toString('base64url')}`;
}

// A stateful fake SailPoint ISC tenant on 127.0.0.1: OAuth client credentials, both PAT API families, faults.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { FaultQueue, matchesRequest, RateLimiter, replacementReply } from './faults';
import { listIdentities } from './identityRoutes';
import { formClientId, issueToken, oauthInfo } from './oauth';
import { errorReply, rateLimitReply, unauthorizedReply } from './replies';
import { seedDemo, type DemoSeed } from './seed';
import { copyToken, TenantState, type Caller } from './state';
import { createToken, deleteToken, listTokens, patchToken, type ApiRequest, type Family } from './tokenRoutes';
import type { Fault, FakeIdentity, FakeIdentityOptions, FakeTenantOptions, FakeToken, FaultSpec, RecordedRequest, Reply, RequestMatcher } from './types';

export type { DemoCredential, DemoSeed } from './seed';
export { issuedSecrets } from './state';
export type { Fault, FakeIdentity, FakeIdentityOptions, FakeIdentityStatus, FakeTenantOptions, FakeToken, FaultSpec, RecordedRequest, RequestMatcher } from './types';

const PAT_PATHS: readonly { family: Family; pattern: RegExp }[] = [
  { family: 'v3', pattern: /^\/v3\/personal-access-tokens(?:\/([^/]+))?$/ },
  { family: 'v1', pattern: /^\/personal-access-tokens\/v1(?:\/([^/]+))?$/ },
];

interface Exchange {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: string;
}

function flattenHeaders(headers: IncomingMessage['headers']): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) {
      flat[name] = Array.isArray(value) ? value.join(', ') : value;
    }
  }
  return flat;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function bearerToken(authorization: string | undefined): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
}

function patTarget(path: string): { family: Family; id: string | undefined } | undefined {
  for (const { family, pattern } of PAT_PATHS) {
    const match = pattern.exec(path);
    if (match !== null) {
      try {
        return { family, id: match[1] === undefined ? undefined : decodeURIComponent(match[1]) };
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

export class FakeTenant {
  readonly requests: RecordedRequest[] = [];
  /** The realistic data's identities and credentials when started with seed 'demo' or 'standalone'. */
  readonly demo: DemoSeed | undefined;
  private readonly state: TenantState;
  private readonly faults = new FaultQueue();
  private readonly rateLimiter: RateLimiter | undefined;
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private address = '';
  private inFlight = 0;
  private maxInFlight = 0;

  private constructor(private readonly options: FakeTenantOptions) {
    this.state = new TenantState(options.now ?? Date.now, options.accessTokenTtlSeconds);
    this.rateLimiter = options.rateLimit === undefined ? undefined : new RateLimiter(options.rateLimit);
    this.demo = options.seed === undefined || options.seed === 'none' ? undefined : seedDemo(this.state, options.seed);
    this.server = createServer((request, response) => {
      // A bug in the fake must show up as a dropped connection in the test, not as an unhandled rejection.
      this.handle(request, response).catch(() => response.destroy());
    });
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
  }

  static async start(options: FakeTenantOptions = {}): Promise<FakeTenant> {
    const tenant = new FakeTenant(options);
    await new Promise<void>((resolve, reject) => {
      tenant.server.once('error', reject);
      tenant.server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
    tenant.address = `http://127.0.0.1:${(tenant.server.address() as AddressInfo).port}`;
    return tenant;
  }

  /** e.g. http://127.0.0.1:41234 (no trailing slash). */
  get baseUrl(): string {
    return this.address;
  }

  /** Highest number of concurrent requests seen. */
  get inFlightMax(): number {
    return this.maxInFlight;
  }

  addIdentity(name: string, options?: FakeIdentityOptions): FakeIdentity {
    return this.state.addIdentity(name, options);
  }

  /** What /identities/v1 says about the identity from now on (e.g. a leaver: TERMINATED, lifecycle inactive). */
  updateIdentity(id: string, changes: Pick<FakeIdentityOptions, 'identityStatus' | 'lifecycleState' | 'correlated'>): FakeIdentity {
    return this.state.updateIdentity(id, changes);
  }

  /** Deletes the identity; its tokens stay, owned by an id /identities/v1 no longer knows. */
  removeIdentity(id: string): void {
    this.state.removeIdentity(id);
  }

  /** A PAT for the identity; its id/secret also work at /oauth/token (that is how PATs sign in). */
  addToken(ownerId: string, fields?: Partial<Omit<FakeToken, 'ownerId'>>): FakeToken {
    return this.state.addToken(ownerId, fields);
  }

  /** Non-PAT API client credentials for an identity (also work at /oauth/token). */
  addApiClient(identityId: string): { clientId: string; clientSecret: string } {
    return this.state.addApiClient(identityId);
  }

  /** Current server state (copies). */
  tokens(): FakeToken[] {
    return [...this.state.tokens.values()].map(copyToken);
  }

  identities(): FakeIdentity[] {
    return [...this.state.identities.values()].map((identity) => ({ ...identity }));
  }

  count(match?: RequestMatcher): number {
    return this.requests.filter((request) => matchesRequest(match, request.method, request.path)).length;
  }

  resetRequests(): void {
    this.requests.length = 0;
  }

  inject(spec: FaultSpec): void {
    this.faults.add(spec);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  /** Every access token issued so far now gets 401 "JWT is expired". */
  expireAccessTokens(): void {
    this.state.expireAccessTokens();
  }

  /** Access tokens minted from now on live this long (undefined: each PAT's own validity). */
  setAccessTokenTtl(seconds: number | undefined): void {
    this.state.accessTokenTtlSeconds = seconds;
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) {
      clearTimeout(timer);
    }
    this.timers.clear();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.sockets) {
      socket.destroy();
    }
    await closed;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    response.once('close', () => this.inFlight--);
    let body: string;
    try {
      body = await readBody(request);
    } catch {
      return; // the client went away mid-body
    }
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const exchange: Exchange = {
      method: request.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: flattenHeaders(request.headers),
      body,
    };
    const record: RecordedRequest = { ...exchange, status: 0, responseBody: '', at: Date.now() };
    this.requests.push(record);
    const fault = this.faults.take(exchange.method, exchange.path);
    if (fault !== undefined) {
      record.fault = fault.kind;
    }
    if (this.options.latencyMs !== undefined && this.options.latencyMs > 0) {
      await this.sleep(this.options.latencyMs);
    }
    await this.answer(exchange, record, response, fault);
  }

  private async answer(exchange: Exchange, record: RecordedRequest, response: ServerResponse, fault: Fault | undefined): Promise<void> {
    const replacement = fault === undefined ? undefined : replacementReply(fault);
    if (replacement !== undefined) {
      this.send(response, record, replacement);
      return;
    }
    switch (fault?.kind) {
      case 'reset':
        response.socket?.destroy();
        return;
      case 'commit-then-drop':
        this.route(exchange);
        response.socket?.destroy();
        return;
      case 'delay':
        await this.sleep(fault.ms);
        this.send(response, record, this.route(exchange));
        return;
      case 'trickle':
        this.trickle(response, record, this.route(exchange), fault.intervalMs, fault.bytesPerChunk ?? 1);
        return;
      default:
        this.send(response, record, this.route(exchange));
    }
  }

  private route(exchange: Exchange): Reply {
    try {
      return this.routeUnsafe(exchange);
    } catch (error) {
      return errorReply(500, `An internal fault occurred: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private routeUnsafe(exchange: Exchange): Reply {
    const { method, path } = exchange;
    if (path === '/oauth/token') {
      return method === 'POST' ? this.oauthToken(exchange) : errorReply(405, `Method ${method} is not allowed on ${path}`);
    }
    if (path === '/oauth/info') {
      return method === 'GET' ? oauthInfo(this.baseUrl) : errorReply(405, `Method ${method} is not allowed on ${path}`);
    }
    if (path === '/identities/v1') {
      return method === 'GET' ? this.identitiesOperation(exchange) : errorReply(405, `Method ${method} is not allowed on ${path}`);
    }
    const target = patTarget(path);
    if (target === undefined) {
      return errorReply(404, 'The server did not find a current representation for the target resource.');
    }
    return this.patOperation(exchange, target.family, target.id);
  }

  private oauthToken(exchange: Exchange): Reply {
    const limited = this.rateLimited(formClientId(exchange.body));
    return limited ?? issueToken(this.state, { query: exchange.query, contentType: exchange.headers['content-type'] ?? '', body: exchange.body });
  }

  /** The caller behind the bearer token, or the 401 or 429 that answers instead. */
  private authenticated(exchange: Exchange): Caller | Reply {
    const accessToken = bearerToken(exchange.headers.authorization);
    if (accessToken === undefined) {
      return unauthorizedReply('JWT validation failed: no bearer token in the Authorization header');
    }
    const limited = this.rateLimited(this.state.clientIdOf(accessToken));
    if (limited !== undefined) {
      return limited;
    }
    const caller = this.state.authenticate(accessToken);
    return typeof caller === 'string' ? unauthorizedReply(caller) : caller;
  }

  private identitiesOperation(exchange: Exchange): Reply {
    const caller = this.authenticated(exchange);
    return 'status' in caller ? caller : listIdentities(this.state, { caller, query: exchange.query });
  }

  private patOperation(exchange: Exchange, family: Family, id: string | undefined): Reply {
    const caller = this.authenticated(exchange);
    if ('status' in caller) {
      return caller;
    }
    const request: ApiRequest = { family, caller, query: exchange.query, contentType: exchange.headers['content-type'] ?? '', body: exchange.body };
    const operation = `${exchange.method} ${id === undefined ? 'collection' : 'item'}`;
    switch (operation) {
      case 'GET collection':
        return listTokens(this.state, request);
      case 'POST collection':
        return createToken(this.state, request, this.options.maxTokensPerOwner ?? 10);
      case 'PATCH item':
        return patchToken(this.state, request, id ?? '');
      case 'DELETE item':
        return deleteToken(this.state, request, id ?? '');
      default:
        return errorReply(405, `Method ${exchange.method} is not allowed on ${exchange.path}`);
    }
  }

  private rateLimited(clientId: string | undefined): Reply | undefined {
    const retryAfter = this.rateLimiter?.check(clientId);
    return retryAfter === undefined ? undefined : rateLimitReply(String(retryAfter));
  }

  private send(response: ServerResponse, record: RecordedRequest, reply: Reply): void {
    record.status = reply.status;
    record.responseBody = reply.body;
    if (response.destroyed) {
      return;
    }
    const headers = reply.status === 204 ? reply.headers : { ...reply.headers, 'content-length': String(Buffer.byteLength(reply.body)) };
    response.writeHead(reply.status, headers);
    response.end(reply.body);
  }

  private trickle(response: ServerResponse, record: RecordedRequest, reply: Reply, intervalMs: number, bytesPerChunk: number): void {
    record.status = reply.status;
    record.responseBody = reply.body;
    if (response.destroyed) {
      return;
    }
    const bytes = Buffer.from(reply.body);
    response.writeHead(reply.status, { ...reply.headers, 'content-length': String(bytes.length) });
    let offset = 0;
    const step = (): void => {
      if (response.destroyed) {
        return;
      }
      const chunk = bytes.subarray(offset, offset + Math.max(1, bytesPerChunk));
      offset += chunk.length;
      if (offset >= bytes.length) {
        response.end(chunk);
        return;
      }
      response.write(chunk);
      this.schedule(step, intervalMs);
    };
    step();
  }

  private schedule(callback: () => void, ms: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      callback();
    }, ms);
    this.timers.add(timer);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.schedule(resolve, ms));
  }
}

// OAuth client credentials for one tenant: one token request serves every concurrent caller, and the access
// token is reused until shortly before it expires. Secrets go in the form body only and are registered for redaction.
import { isPatError, PatError } from '../errors';
import { type HttpClient, type HttpResponse, parseJsonBody } from './http';
import type { AccessTokenInfo, Credentials } from '../model';
import { abortReason, type Clock, systemClock } from '../ports';
import { defaultRedactor, type Redactor } from './redact';
import { t } from '../l10n';

/** How long a token whose lifetime the server did not state (or stated as 0 or negative) is reused. */
export const UNKNOWN_LIFETIME_REUSE_MS = 10_000;
/** A stated lifetime beyond a day is treated as a day, so a bogus value cannot pin a token forever. */
const MAX_LIFETIME_MS = 24 * 60 * 60 * 1000;
const REJECTED_OAUTH_ERRORS = new Set(['invalid_client', 'unauthorized_client', 'invalid_grant']);
function signInText(): string {
  return t('Signing in to the tenant');
}

export interface MintOptions {
  clock?: Clock;
  redactor?: Redactor;
}

interface MintedToken {
  info: AccessTokenInfo;
  /** Epoch ms after which the cache mints a new token. */
  reuseUntil: number;
}

/** Asks the token endpoint once; used to prove credentials before a tenant is saved. */
export async function mintAccessToken(
  http: HttpClient,
  baseUrl: string,
  credentials: Credentials,
  signal?: AbortSignal,
  options: MintOptions = {},
): Promise<AccessTokenInfo> {
  return (await requestAccessToken(http, baseUrl, credentials, signal, options, 0)).info;
}

async function requestAccessToken(
  http: HttpClient,
  baseUrl: string,
  credentials: Credentials,
  signal: AbortSignal | undefined,
  options: MintOptions,
  refreshMarginMs: number,
): Promise<MintedToken> {
  const redactor = options.redactor ?? defaultRedactor;
  const clock = options.clock ?? systemClock;
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: credentials.clientId,
    client_secret: credentials.clientSecret,
  });
  // Measured before the request, so the lifetime is counted from no later than the server's clock started it.
  const requestedAt = clock.now();
  let response: HttpResponse;
  try {
    response = await http.request({
      method: 'POST',
      url: `${baseUrl.replace(/\/+$/, '')}/oauth/token`,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
      // Minting changes nothing on the server, so a retry after a 5xx or a reset is safe.
      idempotent: true,
      signal,
      description: signInText(),
    });
  } catch (error) {
    throw asRejectedCredentials(error);
  }
  const body = parseJsonBody(response, signInText());
  const record = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const accessToken = record.access_token;
  if (typeof accessToken !== 'string' || accessToken.trim() === '') {
    throw new PatError('bad-response', t('{0} failed: the token endpoint answered without an access token.', signInText()), {
      status: response.status,
    });
  }
  redactor.register(accessToken);
  const lifetimeMs = parseLifetimeMs(record.expires_in);
  const reuseMs = lifetimeMs === undefined ? UNKNOWN_LIFETIME_REUSE_MS : reuseWindowMs(lifetimeMs, refreshMarginMs);
  return {
    info: {
      accessToken,
      expiresAt: requestedAt + (lifetimeMs ?? UNKNOWN_LIFETIME_REUSE_MS),
      identityId: nonEmptyString(record.identity_id),
      tenantName: nonEmptyString(record.org),
    },
    reuseUntil: requestedAt + reuseMs,
  };
}

/** `expires_in` in ms when it is a positive number or numeric string; undefined when it says nothing usable. */
function parseLifetimeMs(value: unknown): number | undefined {
  const seconds = typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : value;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0) {
    return undefined;
  }
  return Math.min(seconds * 1000, MAX_LIFETIME_MS);
}

/** Refresh `marginMs` before expiry; a lifetime too short for that margin is used for half its length. */
function reuseWindowMs(lifetimeMs: number, marginMs: number): number {
  return lifetimeMs > 2 * marginMs ? lifetimeMs - marginMs : lifetimeMs / 2;
}

function asRejectedCredentials(error: unknown): unknown {
  if (!isPatError(error) || (error.status !== 400 && error.status !== 401)) {
    return error;
  }
  const oauthError = error.detailCode ?? '';
  if (error.status === 400 && !REJECTED_OAUTH_ERRORS.has(oauthError)) {
    return error;
  }
  const said = error.serverMessage === undefined ? '' : ` (${error.serverMessage})`;
  return new PatError(
    'credentials-rejected',
    t("The tenant rejected the client ID and secret{0}. Check them, or create a new personal access token, and update the tenant's credentials.", said),
    { status: error.status, serverMessage: error.serverMessage, detailCode: error.detailCode, trackingId: error.trackingId, cause: error },
  );
}

function nonEmptyString(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

export interface AccessTokenCacheOptions {
  http: HttpClient;
  baseUrl: string;
  /** Read on every mint, so updated credentials apply without rebuilding the cache. */
  credentials: () => Promise<Credentials | undefined>;
  clock?: Clock;
  refreshMarginMs?: number;
  redactor?: Redactor;
}

export class AccessTokenCache {
  private readonly options: AccessTokenCacheOptions;
  private readonly clock: Clock;
  private readonly refreshMarginMs: number;
  private cached: MintedToken | undefined;
  private inFlight: Promise<MintedToken> | undefined;
  /** Bumped by `clear`, so a mint that started before it is not cached after it. */
  private generation = 0;

  constructor(options: AccessTokenCacheOptions) {
    this.options = options;
    this.clock = options.clock ?? systemClock;
    this.refreshMarginMs = options.refreshMarginMs ?? 60_000;
  }

  /** A valid access token; concurrent callers share one request. Cancelling one caller does not cancel the others. */
  async get(signal?: AbortSignal): Promise<AccessTokenInfo> {
    if (signal?.aborted) {
      throw cancelled(signal);
    }
    if (this.cached !== undefined && this.clock.now() < this.cached.reuseUntil) {
      return this.cached.info;
    }
    this.inFlight ??= this.mint();
    return (await untilAborted(this.inFlight, signal)).info;
  }

  /** The cached token while it is still good to use; never a request (other extensions may ask before consent). */
  peek(): AccessTokenInfo | undefined {
    return this.cached !== undefined && this.clock.now() < this.cached.reuseUntil ? this.cached.info : undefined;
  }

  /** Forgets the token if it is the cached one (the API answered 401 to it). */
  invalidate(accessToken: string): void {
    if (this.cached?.info.accessToken === accessToken) {
      this.cached = undefined;
    }
  }

  /** Forgets everything, e.g. after the credentials changed. */
  clear(): void {
    this.cached = undefined;
    this.inFlight = undefined;
    this.generation++;
  }

  private async mint(): Promise<MintedToken> {
    const generation = this.generation;
    try {
      const credentials = await this.readCredentials();
      const { http, baseUrl, redactor } = this.options;
      const minted = await requestAccessToken(http, baseUrl, credentials, undefined, { clock: this.clock, redactor }, this.refreshMarginMs);
      if (generation === this.generation) {
        this.cached = minted;
      }
      return minted;
    } finally {
      if (generation === this.generation) {
        this.inFlight = undefined;
      }
    }
  }

  private async readCredentials(): Promise<Credentials> {
    let credentials: Credentials | undefined;
    try {
      credentials = await this.options.credentials();
    } catch (error) {
      throw isPatError(error)
        ? error
        : new PatError('secret-storage', t("Reading the tenant's credentials from VS Code's secret storage failed."), { cause: error });
    }
    if (credentials === undefined) {
      throw new PatError(
        'credentials-missing',
        t('No credentials are stored for this tenant (VS Code may have been unable to decrypt them). Enter the client ID and secret again.'),
      );
    }
    return credentials;
  }
}

function cancelled(signal: AbortSignal): PatError {
  return new PatError('cancelled', t('{0} was cancelled.', signInText()), { cause: abortReason(signal) });
}

/** Waits for a shared promise, but lets this caller leave early when its own signal aborts. */
function untilAborted<T>(shared: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) {
    return shared;
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(cancelled(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    shared.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

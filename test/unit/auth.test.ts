import * as assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AccessTokenCache, mintAccessToken, UNKNOWN_LIFETIME_REUSE_MS } from '../../src/core/client/auth';
import { HttpClient } from '../../src/core/client/http';
import type { Credentials } from '../../src/core/model';
import { type Clock, systemClock } from '../../src/core/ports';
import { Redactor } from '../../src/core/client/redact';
import { FakeTenant } from '../fake-tenant/server';
import { rejection } from './helpers/assertions';

/** now() is whatever the test sets; sleeps are real (the HTTP client does not use this clock). */
class SettableClock implements Clock {
  current = Date.now();
  now(): number {
    return this.current;
  }
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return systemClock.sleep(ms, signal);
  }
}

const TOKEN_PATH = '/oauth/token';

describe('OAuth client credentials against the fake tenant', () => {
  let fake: FakeTenant;
  let credentials: Credentials;
  let identityId: string;
  let clock: SettableClock;
  let redactor: Redactor;
  let http: HttpClient;

  before(async () => {
    fake = await FakeTenant.start({ accessTokenTtlSeconds: 300 });
    identityId = fake.addIdentity('Ada Admin').id;
    const client = fake.addApiClient(identityId);
    credentials = { clientId: client.clientId, clientSecret: client.clientSecret };
  });
  after(async () => {
    await fake.stop();
  });
  beforeEach(() => {
    fake.clearFaults();
    fake.resetRequests();
    clock = new SettableClock();
    redactor = new Redactor();
    http = new HttpClient({ redactor, retry: { baseDelayMs: 1, maxDelayMs: 5 } });
  });

  function cache(overrides: Partial<ConstructorParameters<typeof AccessTokenCache>[0]> = {}): AccessTokenCache {
    return new AccessTokenCache({ http, baseUrl: fake.baseUrl, credentials: () => Promise.resolve(credentials), clock, redactor, ...overrides });
  }

  function tokenBody(fields: Record<string, unknown>): string {
    return JSON.stringify({ access_token: `canned-access-token-${Math.random()}`, token_type: 'bearer', ...fields });
  }

  describe('mintAccessToken', () => {
    it('posts the credentials as a form and reads who the caller is', async () => {
      const info = await mintAccessToken(http, `${fake.baseUrl}/`, credentials, undefined, { redactor });
      assert.equal(info.identityId, identityId);
      assert.equal(info.tenantName, 'fake-tenant');
      assert.ok(info.expiresAt > Date.now() + 290_000 && info.expiresAt <= Date.now() + 300_000);
      const [sent] = fake.requests;
      assert.equal(sent.method, 'POST');
      assert.equal(sent.path, TOKEN_PATH);
      assert.deepEqual(sent.query, {});
      assert.equal(sent.headers['content-type'], 'application/x-www-form-urlencoded');
      assert.deepEqual(Object.fromEntries(new URLSearchParams(sent.body)), {
        grant_type: 'client_credentials',
        client_id: credentials.clientId,
        client_secret: credentials.clientSecret,
      });
    });

    it('delivers a secret full of + & = % # intact, in the body and never in the URL', async () => {
      const secret = 'a+b&c=d%25e#f g/h?i+%2B==';
      const pat = fake.addToken(identityId, { name: 'tricky', secret });
      const info = await mintAccessToken(http, fake.baseUrl, { clientId: pat.id, clientSecret: secret }, undefined, { redactor });
      assert.ok(info.accessToken.length > 0);
      const [sent] = fake.requests;
      assert.equal(new URLSearchParams(sent.body).get('client_secret'), secret);
      assert.deepEqual(sent.query, {});
      assert.doesNotMatch(sent.path, /[?#]/);
    });

    it('registers the access token it mints with the redactor (the client secret was registered where it entered)', async () => {
      // PatService registers credentials where they enter (given or read from SecretStorage); mint adds the token.
      redactor.register(credentials.clientSecret);
      const info = await mintAccessToken(http, fake.baseUrl, credentials, undefined, { redactor });
      const masked = redactor.redact(`secret ${credentials.clientSecret} token ${info.accessToken} encoded ${encodeURIComponent(credentials.clientSecret)}`);
      assert.ok(!masked.includes(credentials.clientSecret));
      assert.ok(!masked.includes(info.accessToken));
    });

    it('reports wrong credentials as credentials-rejected', async () => {
      const error = await rejection(mintAccessToken(http, fake.baseUrl, { clientId: credentials.clientId, clientSecret: 'wrong-secret-123' }));
      assert.equal(error.kind, 'credentials-rejected');
      assert.equal(error.detailCode, 'invalid_client');
      assert.match(error.message, /^The tenant rejected the client ID and secret \(Bad credentials\)\. Check them/);
      assert.equal(fake.count({ path: TOKEN_PATH }), 1);
    });

    for (const oauthError of ['invalid_grant', 'unauthorized_client']) {
      it(`reports a 400 ${oauthError} as credentials-rejected`, async () => {
        fake.inject({ fault: { kind: 'status', status: 400, body: JSON.stringify({ error: oauthError, error_description: 'nope' }) } });
        assert.equal((await rejection(mintAccessToken(http, fake.baseUrl, credentials))).kind, 'credentials-rejected');
      });
    }

    it('keeps other 400s as what they are', async () => {
      fake.inject({ fault: { kind: 'status', status: 400, body: '{"error":"invalid_request","error_description":"Missing grant type"}' } });
      const error = await rejection(mintAccessToken(http, fake.baseUrl, credentials));
      assert.equal(error.kind, 'http');
      assert.match(error.message, /^Signing in to the tenant failed: 400 Bad Request: Missing grant type$/);
    });

    it('retries the token request after a 5xx (minting changes nothing)', async () => {
      fake.inject({ fault: { kind: 'status', status: 503 } });
      await mintAccessToken(http, fake.baseUrl, credentials);
      assert.equal(fake.count({ path: TOKEN_PATH }), 2);
    });

    it('never follows a redirect from the token endpoint', async () => {
      let hits = 0;
      const elsewhere = createServer((_request, response) => {
        hits++;
        response.end('{"access_token":"stolen"}');
      });
      await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
      try {
        const target = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}/oauth/token`;
        for (const status of [302, 307, 308] as const) {
          fake.inject({ fault: { kind: 'redirect', status, location: target } });
          assert.equal((await rejection(mintAccessToken(http, fake.baseUrl, credentials))).kind, 'redirect');
        }
        assert.equal(hits, 0);
      } finally {
        await new Promise((resolve) => elsewhere.close(resolve));
      }
    });

    for (const [what, body] of [
      ['no access token', '{"token_type":"bearer","expires_in":749}'],
      ['an empty access token', '{"access_token":"  "}'],
      ['not JSON', 'OK'],
      ['a JSON array', '[]'],
    ] as const) {
      it(`refuses an answer with ${what}`, async () => {
        fake.inject({ fault: { kind: 'body', body, contentType: 'application/json' } });
        const error = await rejection(mintAccessToken(http, fake.baseUrl, credentials));
        assert.equal(error.kind, 'bad-response');
        assert.match(error.message, /^Signing in to the tenant failed: /);
      });
    }
  });

  describe('AccessTokenCache', () => {
    it('serves concurrent callers with one token request', async () => {
      const tokens = cache();
      fake.inject({ fault: { kind: 'delay', ms: 50 }, match: { path: TOKEN_PATH } });
      const infos = await Promise.all(Array.from({ length: 10 }, () => tokens.get()));
      assert.equal(fake.count({ path: TOKEN_PATH }), 1);
      assert.equal(new Set(infos.map((i) => i.accessToken)).size, 1);
    });

    it('reuses the token until the refresh margin before expiry, then mints a new one', async () => {
      const tokens = cache({ refreshMarginMs: 60_000 });
      const first = await tokens.get();
      clock.current += 239_000;
      assert.equal((await tokens.get()).accessToken, first.accessToken);
      assert.equal(fake.count({ path: TOKEN_PATH }), 1);
      clock.current += 2_000;
      const second = await tokens.get();
      assert.notEqual(second.accessToken, first.accessToken);
      assert.equal(fake.count({ path: TOKEN_PATH }), 2);
    });

    it('peek answers from the cache alone: the valid token, or nothing once it is due for renewal (issue 19 item 4)', async () => {
      const tokens = cache({ refreshMarginMs: 60_000 });
      assert.equal(tokens.peek(), undefined);
      assert.equal(fake.count({ path: TOKEN_PATH }), 0, 'peek signed in');
      const first = await tokens.get();
      assert.equal(tokens.peek()?.accessToken, first.accessToken);
      clock.current += 241_000;
      assert.equal(tokens.peek(), undefined);
      assert.equal(fake.count({ path: TOKEN_PATH }), 1, 'peek signed in');
    });

    it('reads expires_in given as a numeric string', async () => {
      fake.inject({ fault: { kind: 'body', body: tokenBody({ expires_in: '3600' }) } });
      const tokens = cache();
      const info = await tokens.get();
      assert.equal(info.expiresAt, clock.current + 3_600_000);
      clock.current += 3_500_000;
      await tokens.get();
      assert.equal(fake.count({ path: TOKEN_PATH }), 1);
    });

    it('uses half a lifetime shorter than twice the margin', async () => {
      fake.inject({ fault: { kind: 'body', body: tokenBody({ expires_in: 60 }) } });
      const tokens = cache({ refreshMarginMs: 60_000 });
      await tokens.get();
      clock.current += 29_000;
      await tokens.get();
      assert.equal(fake.count({ path: TOKEN_PATH }), 1);
      clock.current += 2_000;
      await tokens.get();
      assert.equal(fake.count({ path: TOKEN_PATH }), 2);
    });

    for (const expiresIn of [-1, 0, '0', 'soon', null, undefined, '1e400', '-60']) {
      it(`uses a token with expires_in ${JSON.stringify(expiresIn)} only for a short window`, async () => {
        fake.inject({ fault: { kind: 'body', body: tokenBody({ expires_in: expiresIn }) } });
        const tokens = cache();
        const info = await tokens.get();
        assert.equal(info.expiresAt, clock.current + UNKNOWN_LIFETIME_REUSE_MS);
        clock.current += UNKNOWN_LIFETIME_REUSE_MS + 1;
        await tokens.get();
        assert.equal(fake.count({ path: TOKEN_PATH }), 2);
      });
    }

    it('caps an absurd lifetime at a day', async () => {
      fake.inject({ fault: { kind: 'body', body: tokenBody({ expires_in: 10 ** 12 }) } });
      const info = await cache().get();
      assert.equal(info.expiresAt, clock.current + 24 * 3_600_000);
    });

    it('forgets only the token it is told is bad', async () => {
      const tokens = cache();
      const first = await tokens.get();
      tokens.invalidate('some-other-token');
      assert.equal((await tokens.get()).accessToken, first.accessToken);
      tokens.invalidate(first.accessToken);
      assert.notEqual((await tokens.get()).accessToken, first.accessToken);
      assert.equal(fake.count({ path: TOKEN_PATH }), 2);
    });

    it('does not cache a token minted before clear()', async () => {
      const tokens = cache();
      fake.inject({ fault: { kind: 'delay', ms: 50 }, match: { path: TOKEN_PATH } });
      const pending = tokens.get();
      tokens.clear();
      await pending;
      await tokens.get();
      assert.equal(fake.count({ path: TOKEN_PATH }), 2);
    });

    it('reads the credentials on every mint, so new ones apply at once', async () => {
      let current: Credentials | undefined = credentials;
      const tokens = cache({ credentials: () => Promise.resolve(current) });
      const first = await tokens.get();
      current = undefined;
      tokens.invalidate(first.accessToken);
      assert.equal((await rejection(tokens.get())).kind, 'credentials-missing');
    });

    it('reports missing credentials without sending anything', async () => {
      const error = await rejection(cache({ credentials: () => Promise.resolve(undefined) }).get());
      assert.equal(error.kind, 'credentials-missing');
      assert.match(error.message, /Enter the client ID and secret again/);
      assert.equal(fake.count(), 0);
    });

    it('reports a failing secret store as secret-storage', async () => {
      const error = await rejection(cache({ credentials: () => Promise.reject(new Error('keychain locked')) }).get());
      assert.equal(error.kind, 'secret-storage');
    });

    it('does not cache a failure', async () => {
      const tokens = cache();
      fake.inject({ fault: { kind: 'status', status: 401, body: '{"error":"invalid_client"}' } });
      assert.equal((await rejection(tokens.get())).kind, 'credentials-rejected');
      assert.ok((await tokens.get()).accessToken.length > 0);
    });

    it('lets one caller cancel while the others still get the token', async () => {
      const tokens = cache();
      fake.inject({ fault: { kind: 'delay', ms: 150 }, match: { path: TOKEN_PATH } });
      const controller = new AbortController();
      const leaving = tokens.get(controller.signal);
      const staying = tokens.get();
      setTimeout(() => controller.abort(), 20);
      assert.equal((await rejection(leaving)).kind, 'cancelled');
      assert.ok((await staying).accessToken.length > 0);
      assert.equal(fake.count({ path: TOKEN_PATH }), 1);
    });

    it('refuses at once when the signal is already aborted', async () => {
      assert.equal((await rejection(cache().get(AbortSignal.abort()))).kind, 'cancelled');
      assert.equal(fake.count(), 0);
    });
  });
});

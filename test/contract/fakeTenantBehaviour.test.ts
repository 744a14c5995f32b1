// The fake's own machinery: OAuth, faults, rate limit, recording, concurrency, clock and demo seed.
import * as assert from 'node:assert/strict';
import { Socket } from 'node:net';
import { FakeTenant, type FakeToken } from '../fake-tenant/server';
import { collectionPath, itemPath, requestAccessToken, send, signIn, tokenForm, withQuery } from './rawHttp';
import { assertAllRecordedTrafficMatchesSpec } from './spec';

const MY_TOKENS = withQuery(collectionPath('v3'), { 'owner-id': 'me' });

/** Raw bytes as they arrive, with their arrival times: a fetch client would hide trickling. */
function rawExchange(port: number, request: string): Promise<{ text: string; chunkTimes: number[] }> {
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    const chunkTimes: number[] = [];
    let text = '';
    socket.on('data', (chunk) => {
      chunkTimes.push(Date.now());
      text += chunk.toString('utf8');
    });
    socket.on('end', () => resolve({ text, chunkTimes }));
    socket.on('error', reject);
    socket.connect(port, '127.0.0.1', () => socket.write(request));
  });
}

describe('fake tenant machinery', () => {
  let fake: FakeTenant;
  let pat: FakeToken;
  let token: string;

  beforeEach(async () => {
    fake = await FakeTenant.start();
    const sam = fake.addIdentity('Sam Dev');
    pat = fake.addToken(sam.id, { name: 'Sam sign-in', scope: ['sp:scopes:default'] });
    token = await signIn(fake, pat.id, pat.secret);
  });

  afterEach(async () => {
    await fake.stop();
  });

  describe('POST /oauth/token', () => {
    it('answers like ISC: bearer token, expires_in, scope, identity and tenant fields', async () => {
      const response = await requestAccessToken(fake, pat.id, pat.secret);
      assert.equal(response.status, 200);
      assert.equal(response.json.token_type, 'bearer');
      assert.equal(response.json.expires_in, 43200, "the PAT's accessTokenValiditySeconds");
      assert.equal(response.json.scope, 'sp:scopes:default');
      assert.equal(response.json.identity_id, fake.tokens()[0].ownerId);
      for (const field of ['tenant_id', 'org', 'pod', 'internal', 'user_id', 'jti']) {
        assert.ok(field in response.json, field);
      }
      assert.notEqual(response.json.access_token, token, 'every sign-in mints a new access token');
    });

    it('refuses wrong credentials with 401 invalid_client / Bad credentials', async () => {
      const response = await requestAccessToken(fake, pat.id, 'f'.repeat(64));
      assert.deepEqual([response.status, response.json], [401, { error: 'invalid_client', error_description: 'Bad credentials' }]);
      assert.equal((await requestAccessToken(fake, 'unknown', pat.secret)).status, 401);
    });

    it('refuses credentials in the URL even when they are right', async () => {
      const query = new URLSearchParams({ grant_type: 'client_credentials', client_id: pat.id, client_secret: pat.secret });
      const response = await send(fake, `/oauth/token?${query.toString()}`, { method: 'POST', contentType: 'application/x-www-form-urlencoded', body: tokenForm(pat.id, pat.secret) });
      assert.equal(response.status, 400);
      assert.equal(response.json.access_token, undefined);
    });

    it('refuses other grants and non-form bodies OAuth-style', async () => {
      const password = await send(fake, '/oauth/token', { method: 'POST', contentType: 'application/x-www-form-urlencoded', body: tokenForm(pat.id, pat.secret, 'password') });
      assert.deepEqual([password.status, password.json.error], [400, 'unsupported_grant_type']);
      const json = await send(fake, '/oauth/token', { method: 'POST', contentType: 'application/json', body: JSON.stringify({ grant_type: 'client_credentials' }) });
      assert.deepEqual([json.status, json.json.error], [400, 'invalid_request']);
    });

    it('decodes form-encoded secrets with + & = % # correctly', async () => {
      const tricky = fake.addToken(fake.tokens()[0].ownerId, { name: 'tricky', secret: 'a+b&c=d%e#f g' });
      assert.equal((await requestAccessToken(fake, tricky.id, tricky.secret)).status, 200);
      const naive = `grant_type=client_credentials&client_id=${tricky.id}&client_secret=${tricky.secret}`;
      assert.equal((await send(fake, '/oauth/token', { method: 'POST', contentType: 'application/x-www-form-urlencoded', body: naive })).status, 401);
    });

    it('signs in API clients with UUID-form ids, and refuses expired PATs', async () => {
      const ownerId = fake.tokens()[0].ownerId;
      const client = fake.addApiClient(ownerId);
      assert.match(client.clientId, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      const apiToken = await signIn(fake, client.clientId, client.clientSecret);
      assert.equal((await send(fake, MY_TOKENS, { token: apiToken })).json.length, 1);
      const expired = fake.addToken(ownerId, { name: 'expired', expirationDate: '2025-01-01T00:00:00.000Z' });
      assert.equal((await requestAccessToken(fake, expired.id, expired.secret)).status, 401);
    });

    it('serves /oauth/info without credentials', async () => {
      const info = await send(fake, '/oauth/info');
      assert.equal(info.status, 200);
      assert.equal(info.json.tokenEndpoint, `${fake.baseUrl}/oauth/token`);
      assert.equal(typeof info.json.tenantName, 'string');
    });
  });

  describe('faults', () => {
    it('answers an injected status only for matching requests, as many times as asked, in injection order', async () => {
      fake.inject({ fault: { kind: 'status', status: 503, body: 'down', contentType: 'text/plain' }, match: { method: 'GET', path: collectionPath('v3') }, times: 2 });
      fake.inject({ fault: { kind: 'status', status: 500 }, match: { path: /personal-access-tokens/ } });
      assert.equal((await send(fake, itemPath('v3', pat.id), { method: 'DELETE', token })).status, 500, 'the first spec does not match DELETE');
      assert.deepEqual([(await send(fake, MY_TOKENS, { token })).status, (await send(fake, MY_TOKENS, { token })).text], [503, 'down']);
      assert.equal((await send(fake, MY_TOKENS, { token })).status, 200, 'both faults are used up');
      assert.ok(fake.tokens().some((candidate) => candidate.id === pat.id), 'a replaced answer performs nothing');
    });

    it('repeats a fault forever with times: Infinity until clearFaults()', async () => {
      fake.inject({ fault: { kind: 'status', status: 502 }, times: Infinity });
      for (let attempt = 0; attempt < 3; attempt++) {
        assert.equal((await send(fake, MY_TOKENS, { token })).status, 502);
      }
      fake.clearFaults();
      assert.equal((await send(fake, MY_TOKENS, { token })).status, 200);
    });

    it("answers rate-limit faults with ISC's 429 body and the given Retry-After", async () => {
      fake.inject({ fault: { kind: 'rate-limit', retryAfter: '7' } });
      const response = await send(fake, MY_TOKENS, { token });
      assert.deepEqual([response.status, response.json, response.headers['retry-after']], [429, { message: ' Rate Limit Exceeded ' }, '7']);
    });

    it('commit-then-drop creates the token but never answers', async () => {
      fake.inject({ fault: { kind: 'commit-then-drop' }, match: { method: 'POST' } });
      await assert.rejects(send(fake, collectionPath('v3'), { method: 'POST', token, contentType: 'application/json', body: '{"name":"Lost answer"}' }));
      assert.ok(fake.tokens().some((candidate) => candidate.name === 'Lost answer'));
      const record = fake.requests.at(-1)!;
      assert.deepEqual([record.status, record.fault], [0, 'commit-then-drop']);
    });

    it('reset drops the connection without performing anything', async () => {
      fake.inject({ fault: { kind: 'reset' } });
      await assert.rejects(send(fake, itemPath('v1', pat.id), { method: 'DELETE', token }));
      assert.ok(fake.tokens().some((candidate) => candidate.id === pat.id));
    });

    it('delay holds the answer back', async () => {
      fake.inject({ fault: { kind: 'delay', ms: 300 } });
      const started = Date.now();
      assert.equal((await send(fake, MY_TOKENS, { token })).status, 200);
      assert.ok(Date.now() - started >= 290);
    });

    it('trickle sends the normal answer a few bytes per interval', async () => {
      fake.inject({ fault: { kind: 'trickle', intervalMs: 30, bytesPerChunk: 200 } });
      const port = Number(new URL(fake.baseUrl).port);
      const exchange = await rawExchange(port, `GET ${MY_TOKENS} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nConnection: close\r\n\r\n`);
      const body = exchange.text.split('\r\n\r\n')[1];
      assert.equal(JSON.parse(body)[0].id, pat.id);
      assert.ok(exchange.chunkTimes.length >= 2, `arrived in ${exchange.chunkTimes.length} chunks`);
      assert.ok(exchange.chunkTimes.at(-1)! - exchange.chunkTimes[0] >= 25);
    });

    it('redirect answers a 3xx with Location and performs nothing', async () => {
      fake.inject({ fault: { kind: 'redirect', status: 307, location: 'https://evil.example/steal' } });
      const response = await send(fake, itemPath('v3', pat.id), { method: 'DELETE', token });
      assert.deepEqual([response.status, response.headers.location], [307, 'https://evil.example/steal']);
      assert.equal(fake.tokens().length, 1);
    });

    it('body serves malformed, HTML or huge bodies verbatim', async () => {
      const html = '<html><body>502 Bad Gateway</body></html>';
      fake.inject({ fault: { kind: 'body', status: 502, body: html, contentType: 'text/html' } });
      fake.inject({ fault: { kind: 'body', body: '[{"id": "trunc' } });
      fake.inject({ fault: { kind: 'body', status: 500, body: 'x'.repeat(5 * 1024 * 1024) } });
      const first = await send(fake, MY_TOKENS, { token });
      assert.deepEqual([first.status, first.text, first.headers['content-type']], [502, html, 'text/html']);
      assert.deepEqual([(await send(fake, MY_TOKENS, { token })).status, (await send(fake, MY_TOKENS, { token })).text.length], [200, 5 * 1024 * 1024]);
    });
  });

  describe('rate limit, concurrency and recording', () => {
    it('answers 429 with Retry-After in seconds beyond the per-client-id limit', async () => {
      await fake.stop();
      fake = await FakeTenant.start({ rateLimit: { requests: 3, intervalMs: 2000 } });
      const owner = fake.addIdentity('Busy');
      pat = fake.addToken(owner.id);
      token = await signIn(fake, pat.id, pat.secret);
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 3; attempt++) {
        statuses.push((await send(fake, MY_TOKENS, { token })).status);
      }
      const limited = await send(fake, MY_TOKENS, { token });
      assert.deepEqual(statuses, [200, 200, 429], 'the sign-in counted against the same client id');
      assert.equal(limited.status, 429);
      assert.match(limited.headers['retry-after'], /^[12]$/);
      const other = fake.addApiClient(owner.id);
      assert.equal((await requestAccessToken(fake, other.clientId, other.clientSecret)).status, 200, 'another client id has its own budget');
      await assertAllRecordedTrafficMatchesSpec(fake);
    });

    it('tracks the highest number of concurrent requests', async () => {
      await fake.stop();
      fake = await FakeTenant.start({ latencyMs: 150 });
      const owner = fake.addIdentity('Parallel');
      pat = fake.addToken(owner.id);
      token = await signIn(fake, pat.id, pat.secret);
      assert.equal(fake.inFlightMax, 1);
      await Promise.all([1, 2, 3, 4].map(() => send(fake, MY_TOKENS, { token })));
      assert.equal(fake.inFlightMax, 4);
    });

    it('records every request, faulted ones too, and counts by method and path', async () => {
      fake.inject({ fault: { kind: 'status', status: 500 } });
      await send(fake, MY_TOKENS, { token });
      await send(fake, MY_TOKENS, { token });
      const [faulted, normal] = fake.requests.slice(-2);
      assert.deepEqual([faulted.status, faulted.fault, normal.status, normal.fault], [500, 'status', 200, undefined]);
      assert.deepEqual(normal.query, { 'owner-id': 'me' });
      assert.equal(normal.headers.authorization, `Bearer ${token}`);
      assert.equal(JSON.parse(normal.responseBody)[0].id, pat.id);
      assert.equal(fake.count({ method: 'POST', path: '/oauth/token' }), 1);
      assert.equal(fake.count({ path: /^\/v3\// }), 2);
      assert.equal(fake.count(), 3);
      fake.resetRequests();
      assert.equal(fake.count(), 0);
    });

    it('stops promptly even with an answer still delayed', async () => {
      fake.inject({ fault: { kind: 'delay', ms: 60_000 } });
      const pending = send(fake, MY_TOKENS, { token }).catch((error: unknown) => error);
      await new Promise((resolve) => setTimeout(resolve, 50));
      const started = Date.now();
      await fake.stop();
      assert.ok(Date.now() - started < 1000);
      assert.ok((await pending) instanceof Error);
    });
  });

  describe('clock and access-token lifetime', () => {
    it('uses the injected clock for dates and expires access tokens after accessTokenTtlSeconds', async () => {
      await fake.stop();
      let now = Date.parse('2026-03-01T12:00:00.000Z');
      fake = await FakeTenant.start({ now: () => now, accessTokenTtlSeconds: 60 });
      const owner = fake.addIdentity('Clocked');
      pat = fake.addToken(owner.id, { name: 'clocked', expirationDate: null, userAwareTokenNeverExpires: true });
      const signInResponse = await requestAccessToken(fake, pat.id, pat.secret);
      assert.equal(signInResponse.json.expires_in, 60);
      token = signInResponse.json.access_token;
      const created = await send(fake, collectionPath('v3'), { method: 'POST', token, contentType: 'application/json', body: '{"name":"later"}' });
      assert.equal(created.json.created, '2026-03-01T12:00:00.000Z');
      assert.equal(created.json.expirationDate, '2026-09-01T12:00:00.000Z');
      now += 61_000;
      assert.deepEqual((await send(fake, MY_TOKENS, { token })).json, { error: 'JWT validation failed: JWT is expired' });
    });
  });

  describe("seed: 'demo'", () => {
    it('is realistic and the same on every start', async () => {
      const first = await FakeTenant.start({ seed: 'demo' });
      const second = await FakeTenant.start({ seed: 'demo' });
      try {
        const tokens = first.tokens();
        assert.deepEqual(tokens.map((token) => [token.id, token.secret, token.name]), second.tokens().map((token) => [token.id, token.secret, token.name]));
        const now = Date.now();
        const expiresWithin = (token: FakeToken, days: number): boolean =>
          token.expirationDate !== null && Date.parse(token.expirationDate) > now && Date.parse(token.expirationDate) < now + days * 86_400_000;
        assert.ok(tokens.length >= 20 && tokens.length <= 30);
        assert.ok(tokens.some((token) => token.managed));
        assert.ok(tokens.some((token) => token.lastUsed === null));
        assert.ok(tokens.some((token) => token.scope === null));
        assert.ok(tokens.some((token) => token.expirationDate === null));
        assert.ok(tokens.some((token) => token.expirationDate !== null && Date.parse(token.expirationDate) < now), 'some expired');
        assert.ok(tokens.some((token) => expiresWithin(token, 14)), 'some expire within 14 days');
        assert.ok(tokens.every((token) => Date.parse(token.created) > now - 366 * 86_400_000));
        assert.ok(first.identities().some((identity) => identity.admin && identity.name === 'Ada Admin'));
        const perOwner = new Map<string, number>();
        tokens.forEach((token) => perOwner.set(token.ownerId, (perOwner.get(token.ownerId) ?? 0) + 1));
        assert.ok([...perOwner.values()].every((count) => count < 10), 'every owner can still create a token');
      } finally {
        await Promise.all([first.stop(), second.stop()]);
      }
    });

    it("'standalone' (npm run fake-tenant) has the same kind of data but no id, secret or client id of the demo's", async () => {
      const demo = await FakeTenant.start({ seed: 'demo' });
      const standalone = await FakeTenant.start({ seed: 'standalone' });
      try {
        assert.deepEqual(standalone.tokens().map((token) => token.name).sort(), demo.tokens().map((token) => token.name).sort());
        const demoValues = new Set([
          ...demo.tokens().flatMap((token) => [token.id, token.secret]),
          ...demo.demo!.credentials.flatMap((credential) => [credential.clientId, credential.clientSecret, credential.identity.id]),
        ]);
        const standaloneValues = [
          ...standalone.tokens().flatMap((token) => [token.id, token.secret]),
          ...standalone.demo!.credentials.flatMap((credential) => [credential.clientId, credential.clientSecret, credential.identity.id]),
        ];
        assert.deepEqual(standaloneValues.filter((value) => demoValues.has(value)), []);
      } finally {
        await Promise.all([demo.stop(), standalone.stop()]);
      }
    });

    it('no token was last used before it was created: in the demo seed, and where a fixture gives only lastUsed', async () => {
      const demo = await FakeTenant.start({ seed: 'demo' });
      try {
        const usedBeforeCreated = (tokens: readonly FakeToken[]): string[] =>
          tokens.filter((token) => token.lastUsed !== null && Date.parse(token.lastUsed) < Date.parse(token.created)).map((token) => token.name);
        assert.deepEqual(usedBeforeCreated(demo.tokens()), []);
        const owner = demo.addIdentity('Lea Contractor');
        // As the demo's sandbox seeds a leaver's token: used yesterday, no creation date given.
        demo.addToken(owner.id, { name: 'used yesterday', lastUsed: new Date(Date.now() - 86_400_000).toISOString() });
        assert.deepEqual(usedBeforeCreated(demo.tokens()), []);
      } finally {
        await demo.stop();
      }
    });

    it('hands out demo credentials that sign in: the admin sees every token', async () => {
      const demo = await FakeTenant.start({ seed: 'demo' });
      try {
        const [admin, developer, apiClient] = demo.demo!.credentials;
        const adminToken = await signIn(demo, admin.clientId, admin.clientSecret);
        assert.equal((await send(demo, collectionPath('v1'), { token: adminToken })).json.length, demo.tokens().length);
        const developerToken = await signIn(demo, developer.clientId, developer.clientSecret);
        assert.equal((await send(demo, collectionPath('v1'), { token: developerToken })).status, 403);
        assert.equal((await requestAccessToken(demo, apiClient.clientId, apiClient.clientSecret)).status, 200);
        await assertAllRecordedTrafficMatchesSpec(demo);
      } finally {
        await demo.stop();
      }
    });
  });
});

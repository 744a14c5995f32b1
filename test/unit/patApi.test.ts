import * as assert from 'node:assert/strict';
import { AccessTokenCache } from '../../src/core/client/auth';
import { HttpClient } from '../../src/core/client/http';
import type { ApiFamily, CreateTokenRequest, Credentials } from '../../src/core/model';
import type { Logger } from '../../src/core/ports';
import { CreateOutcomeUnknownError, PatApi } from '../../src/core/client/patApi';
import { Redactor } from '../../src/core/client/redact';
import { FakeTenant } from '../fake-tenant/server';
import { rejection } from './helpers/assertions';

const TOKEN_PATH = '/oauth/token';
const PATHS: Record<ApiFamily, string> = { v3: '/v3/personal-access-tokens', v1: '/personal-access-tokens/v1' };
const inOneMonth = (): string => new Date(Date.now() + 30 * 86_400_000).toISOString();

describe('PatApi against the fake tenant', () => {
  let fake: FakeTenant;
  let ada: { id: string };
  let bob: { id: string };
  let credentials: Credentials;

  before(async () => {
    fake = await FakeTenant.start();
  });
  after(async () => {
    await fake.stop();
  });
  beforeEach(() => {
    fake.clearFaults();
    fake.resetRequests();
  });

  function setUp(family: ApiFamily, options: { timeoutMs?: number; logger?: Logger; redactor?: Redactor } = {}): {
    api: PatApi;
    http: HttpClient;
    redactor: Redactor;
  } {
    const redactor = options.redactor ?? new Redactor();
    const http = new HttpClient({ redactor, logger: options.logger, timeoutMs: options.timeoutMs ?? 5000, retry: { baseDelayMs: 1, maxDelayMs: 5 } });
    // Registered where they are read, as PatService.credentialsOf does for credentials from SecretStorage.
    const readCredentials = (): Promise<typeof credentials> => {
      redactor.register(credentials.clientSecret);
      return Promise.resolve(credentials);
    };
    const auth = new AccessTokenCache({ http, baseUrl: fake.baseUrl, credentials: readCredentials, redactor });
    return { api: new PatApi({ baseUrl: `${fake.baseUrl}/`, apiFamily: family, http, auth, redactor, logger: options.logger }), http, redactor };
  }

  function freshPeople(): void {
    ada = fake.addIdentity(`Ada ${Math.random()}`, { admin: true });
    bob = fake.addIdentity(`Bob ${Math.random()}`);
    const client = fake.addApiClient(ada.id);
    credentials = { clientId: client.clientId, clientSecret: client.clientSecret };
  }

  for (const family of ['v3', 'v1'] as const) {
    const path = PATHS[family];

    describe(`${family} family`, () => {
      beforeEach(freshPeople);

      it('lists the caller\'s own tokens with a bearer token and owner-id=me', async () => {
        const mine = fake.addToken(ada.id, { name: 'mine', lastUsed: null });
        fake.addToken(bob.id, { name: 'theirs' });
        const tokens = await setUp(family).api.list({ owner: { kind: 'me' } });
        assert.deepEqual(tokens.map((t) => t.id), [mine.id]);
        assert.equal(tokens[0].owner?.id, ada.id);
        assert.equal(tokens[0].userAwareTokenNeverExpires, family === 'v1' ? false : null);
        const sent = fake.requests.find((r) => r.path === path)!;
        assert.deepEqual(sent.query, { 'owner-id': 'me' });
        assert.match(sent.headers.authorization, /^Bearer \S+$/);
      });

      it('lists one identity\'s tokens, or all tokens without owner-id', async () => {
        fake.addToken(ada.id, { name: 'a' });
        const bobs = fake.addToken(bob.id, { name: 'b' });
        const { api } = setUp(family);
        assert.deepEqual((await api.list({ owner: { kind: 'identity', identityId: bob.id } })).map((t) => t.id), [bobs.id]);
        const all = await api.list({ owner: { kind: 'all' } });
        assert.ok(all.length >= 2);
        const queries = fake.requests.filter((r) => r.path === path).map((r) => r.query);
        assert.deepEqual(queries, [{ 'owner-id': bob.id }, {}]);
      });

      it('sends lastUsed filters combined with or, and the server applies them', async () => {
        const never = fake.addToken(ada.id, { name: 'never', lastUsed: null });
        const old = fake.addToken(ada.id, { name: 'old', lastUsed: '2020-01-01T00:00:00.000Z' });
        fake.addToken(ada.id, { name: 'recent', lastUsed: new Date().toISOString() });
        const { api } = setUp(family);
        const cutoff = '2021-06-01T00:00:00Z';
        const both = await api.list({ owner: { kind: 'me' }, neverUsed: true, lastUsedBefore: cutoff });
        assert.deepEqual(both.map((t) => t.id).sort(), [never.id, old.id].sort());
        assert.deepEqual((await api.list({ owner: { kind: 'me' }, neverUsed: true })).map((t) => t.id), [never.id]);
        const filters = fake.requests.filter((r) => r.path === path).map((r) => r.query.filters);
        assert.deepEqual(filters, ['lastUsed isnull or lastUsed le 2021-06-01T00:00:00.000Z', 'lastUsed isnull']);
      });

      it('creates a token with the requested scopes and returns its secret once', async () => {
        const { api, redactor } = setUp(family);
        const request: CreateTokenRequest = { name: 'ci', scope: ['sp:scopes:default'], accessTokenValiditySeconds: 600, expirationDate: inOneMonth() };
        const created = await api.create(request);
        assert.match(created.secret, /^[0-9a-f]{64}$/);
        assert.equal(created.token.name, 'ci');
        assert.deepEqual(created.token.scope, ['sp:scopes:default']);
        assert.equal(created.token.accessTokenValiditySeconds, 600);
        assert.equal(fake.tokens().find((t) => t.id === created.token.id)?.secret, created.secret);
        const sent = JSON.parse(fake.requests.find((r) => r.method === 'POST' && r.path === path)!.body);
        assert.deepEqual(Object.keys(sent).sort(), ['accessTokenValiditySeconds', 'expirationDate', 'name', 'scope']);
        assert.equal(redactor.redact(`x ${created.secret} y`).includes(created.secret), false);
      });

      it('creates only with an explicit all-scopes choice, never with an empty or missing list', async () => {
        const { api } = setUp(family);
        for (const scope of [[], undefined, null]) {
          const error = await rejection(api.create({ name: 'oops', scope: scope as unknown as string[] }));
          assert.equal(error.kind, 'invalid-input');
          assert.match(error.message, /sp:scopes:all explicitly/);
        }
        assert.equal(fake.count({ method: 'POST', path }), 0);
        const all = await api.create({ name: 'everything', scope: ['sp:scopes:all'], expirationDate: inOneMonth() });
        assert.deepEqual(all.token.scope, ['sp:scopes:all']);
      });

      it('never re-sends a create whose connection dropped after the server committed it', async () => {
        const { api } = setUp(family);
        fake.inject({ fault: { kind: 'commit-then-drop' }, match: { method: 'POST', path } });
        const error = await rejection(api.create({ name: 'dropped', scope: ['sp:scopes:default'], expirationDate: inOneMonth() }));
        assert.ok(error instanceof CreateOutcomeUnknownError);
        assert.equal(error.kind, 'create-outcome-unknown');
        assert.equal(fake.count({ method: 'POST', path }), 1);
        const stored = fake.tokens().find((t) => t.name === 'dropped' && t.ownerId === ada.id)!;
        assert.equal(error.existing?.id, stored.id);
        assert.equal(error.verified, true);
        assert.match(error.message, /^Creating token "dropped" failed: could not reach .*\. The token "dropped" was created anyway, but its secret never arrived .* delete that token and create a new one\.$/);
        const lookup = fake.requests.find((r) => r.method === 'GET' && r.path === path)!;
        assert.deepEqual(lookup.query, { 'owner-id': 'me' });
      });

      it('after a 5xx on create, says nothing was created and sends the POST once', async () => {
        const { api } = setUp(family);
        fake.inject({ fault: { kind: 'status', status: 502 }, match: { method: 'POST', path } });
        const error = await rejection(api.create({ name: 'failed', scope: ['sp:scopes:default'], expirationDate: inOneMonth() }));
        assert.ok(error instanceof CreateOutcomeUnknownError);
        assert.equal(error.existing, null);
        assert.equal(error.verified, true);
        assert.equal(error.status, 502);
        assert.match(error.message, /No token named "failed" exists, so nothing was created; it is safe to try again\.$/);
        assert.equal(fake.count({ method: 'POST', path }), 1);
      });

      it('updates name and scope with JSON Patch replace operations', async () => {
        const token = fake.addToken(ada.id, { name: 'before', scope: ['sp:scopes:default'] });
        const updated = await setUp(family).api.update(token.id, { name: 'after', scope: ['idn:access-request:manage'] });
        assert.equal(updated.name, 'after');
        assert.deepEqual(updated.scope, ['idn:access-request:manage']);
        const sent = fake.requests.find((r) => r.method === 'PATCH')!;
        assert.equal(sent.path, `${path}/${token.id}`);
        assert.equal(sent.headers['content-type'], 'application/json-patch+json');
        assert.deepEqual(JSON.parse(sent.body), [
          { op: 'replace', path: '/name', value: 'after' },
          { op: 'replace', path: '/scope', value: ['idn:access-request:manage'] },
        ]);
      });

      it('refuses an empty patch and an empty scope before sending', async () => {
        const { api } = setUp(family);
        assert.equal((await rejection(api.update('x', {}))).kind, 'invalid-input');
        assert.equal((await rejection(api.update('x', { scope: [] }))).kind, 'invalid-input');
        assert.equal((await rejection(api.update('x', { name: '  ' }))).kind, 'invalid-input');
        assert.equal(fake.count(), 0);
      });

      it('retries an update after a 5xx, since replace operations are idempotent', async () => {
        const token = fake.addToken(ada.id, { name: 'flaky' });
        fake.inject({ fault: { kind: 'status', status: 503 }, match: { method: 'PATCH' } });
        assert.equal((await setUp(family).api.update(token.id, { name: 'steady' })).name, 'steady');
        assert.equal(fake.count({ method: 'PATCH' }), 2);
      });

      it('deletes a token (204)', async () => {
        const token = fake.addToken(ada.id, { name: 'doomed' });
        await setUp(family).api.delete(token.id);
        assert.equal(fake.tokens().some((t) => t.id === token.id), false);
      });

      it('treats a retried delete that finds 404 as success', async () => {
        const token = fake.addToken(ada.id, { name: 'gone-twice' });
        fake.inject({ fault: { kind: 'commit-then-drop' }, match: { method: 'DELETE' } });
        await setUp(family).api.delete(token.id);
        assert.equal(fake.count({ method: 'DELETE' }), 2);
        assert.equal(fake.tokens().some((t) => t.id === token.id), false);
      });

      it('reports a first-attempt 404 on delete as not-found', async () => {
        const error = await rejection(setUp(family).api.delete('0123456789abcdef0123456789abcdef'));
        assert.equal(error.kind, 'not-found');
        assert.match(error.message, /^Deleting token 0123456789abcdef0123456789abcdef failed: 404 Not Found: .*\(tracking id [0-9a-f]{32}\)$/);
      });

      it('sends a token id as exactly one path segment', async () => {
        const id = '2c9180835d2e5168015d32f890ca1581-A_b';
        await rejection(setUp(family).api.delete(id));
        assert.equal(fake.requests.find((r) => r.method === 'DELETE')!.path, `${path}/${id}`);
      });

      it('signs in again after a 401 and retries once', async () => {
        fake.addToken(ada.id, { name: 'x' });
        const { api } = setUp(family);
        await api.list({ owner: { kind: 'me' } });
        fake.expireAccessTokens();
        assert.equal((await api.list({ owner: { kind: 'me' } })).length, 1);
        assert.equal(fake.count({ path: TOKEN_PATH }), 2);
        assert.equal(fake.count({ method: 'GET', path }), 3);
      });

      it('fails clearly when a freshly issued token is refused too', async () => {
        fake.inject({ fault: { kind: 'status', status: 401, body: '{"error":"JWT validation failed: JWT is expired"}' }, match: { path }, times: 2 });
        const error = await rejection(setUp(family).api.list({ owner: { kind: 'me' } }));
        assert.equal(error.kind, 'unauthorized');
        assert.match(error.message, /^Listing tokens failed: the tenant refused a freshly issued access token \(401: JWT validation failed: JWT is expired\)\. .*update the tenant's credentials\.$/);
        assert.equal(fake.count({ path }), 2);
        assert.equal(fake.count({ path: TOKEN_PATH }), 2);
      });

      it('re-sends a create refused with 401 (the server did not process it) and makes one token', async () => {
        fake.inject({ fault: { kind: 'status', status: 401, body: '{"error":"JWT validation failed: JWT is expired"}' }, match: { method: 'POST', path } });
        const created = await setUp(family).api.create({ name: 'after-401', scope: ['sp:scopes:default'], expirationDate: inOneMonth() });
        assert.equal(fake.count({ method: 'POST', path }), 2);
        assert.equal(fake.tokens().filter((t) => t.name === 'after-401' && t.ownerId === ada.id).length, 1);
        assert.ok(created.secret.length > 0);
      });
    });
  }

  describe('family differences and odd answers', () => {
    beforeEach(freshPeople);

    it('v1 creates a never-expiring token with the acknowledgement; v3 refuses to', async () => {
      const created = await setUp('v1').api.create({ name: 'forever', scope: ['sp:scopes:default'], userAwareTokenNeverExpires: true });
      assert.equal(created.token.expirationDate, null);
      assert.equal(created.token.userAwareTokenNeverExpires, true);
      const error = await rejection(setUp('v3').api.create({ name: 'forever3', scope: ['sp:scopes:default'], userAwareTokenNeverExpires: true }));
      assert.equal(error.kind, 'invalid-input');
    });

    it('v3 never sends userAwareTokenNeverExpires', async () => {
      await setUp('v3').api.create({ name: 'plain', scope: ['sp:scopes:default'], userAwareTokenNeverExpires: false });
      const body = JSON.parse(fake.requests.find((r) => r.method === 'POST' && r.path === PATHS.v3)!.body);
      assert.equal('userAwareTokenNeverExpires' in body, false);
      assert.deepEqual(body.scope, ['sp:scopes:default']);
    });

    it('v1 removes an expiry with the acknowledgement first; v3 refuses expiry changes', async () => {
      const token = fake.addToken(ada.id, { name: 'expiring', expirationDate: inOneMonth() });
      const updated = await setUp('v1').api.update(token.id, { expirationDate: null, userAwareTokenNeverExpires: true });
      assert.equal(updated.expirationDate, null);
      const ops = JSON.parse(fake.requests.find((r) => r.method === 'PATCH')!.body);
      assert.deepEqual(ops.map((o: { path: string }) => o.path), ['/userAwareTokenNeverExpires', '/expirationDate']);
      assert.equal((await rejection(setUp('v3').api.update(token.id, { expirationDate: inOneMonth() }))).kind, 'invalid-input');
    });

    it('says how a timed-out create ended, using a softer verdict', async () => {
      const { api } = setUp('v3', { timeoutMs: 200 });
      fake.inject({ fault: { kind: 'delay', ms: 1000 }, match: { method: 'POST', path: PATHS.v3 } });
      const error = await rejection(api.create({ name: 'slow', scope: ['sp:scopes:default'] }));
      assert.ok(error instanceof CreateOutcomeUnknownError);
      assert.match(error.message, /within 0\.2 s\. No token named "slow" exists yet, so most likely nothing was created; refresh the list before trying again\.$/);
      assert.equal(fake.count({ method: 'POST', path: PATHS.v3 }), 1);
    });

    it('admits it does not know when the follow-up lookup fails too', async () => {
      const { api } = setUp('v3');
      fake.inject({ fault: { kind: 'commit-then-drop' }, match: { method: 'POST', path: PATHS.v3 } });
      fake.inject({ fault: { kind: 'status', status: 500 }, match: { method: 'GET', path: PATHS.v3 }, times: Infinity });
      const error = await rejection(api.create({ name: 'limbo', scope: ['sp:scopes:default'] }));
      assert.ok(error instanceof CreateOutcomeUnknownError);
      assert.equal(error.verified, false);
      assert.equal(error.existing, null);
      assert.match(error.message, /checking the list failed too .* if "limbo" is there, its secret was lost/);
    });

    it('treats a 200 create answer without a secret as an unknown outcome and finds the token', async () => {
      fake.addToken(ada.id, { name: 'secretless' });
      fake.inject({ fault: { kind: 'body', body: '{"id":"abc","name":"secretless"}' }, match: { method: 'POST', path: PATHS.v3 } });
      const error = await rejection(setUp('v3').api.create({ name: 'secretless', scope: ['sp:scopes:default'] }));
      assert.ok(error instanceof CreateOutcomeUnknownError);
      assert.equal(error.existing?.name, 'secretless');
    });

    it('gives consecutive tokens of one owner one owner record, and any difference a record of its own', async () => {
      const ada = { type: 'IDENTITY', id: 'ada', name: 'Ada' };
      const items = [
        { id: 'i1', name: 'a', owner: ada },
        { id: 'i2', name: 'b', owner: { ...ada } },
        { id: 'i3', name: 'c', owner: { ...ada, name: 'Ada\u202e spoof' } },
        { id: 'i4', name: 'd', owner: { ...ada, type: 'APP' } },
        { id: 'i5', name: 'e', owner: { ...ada, name: null } },
        { id: 'i6', name: 'f', owner: { ...ada, name: null, surprise: 'x' } },
        { id: 'i7', name: 'g', owner: null },
        { id: 'i8', name: 'h', owner: { id: 'bob', name: 'Ada' } },
      ];
      fake.inject({ fault: { kind: 'body', body: JSON.stringify(items) }, match: { path: PATHS.v3 } });
      const tokens = await setUp('v3').api.list({ owner: { kind: 'me' } });
      assert.deepEqual(
        tokens.map((token) => token.owner),
        [ada, ada, { ...ada, name: 'Ada\u202e spoof' }, { ...ada, type: 'APP' }, { ...ada, name: null }, { ...ada, name: null }, null, { type: 'IDENTITY', id: 'bob', name: 'Ada' }],
      );
      assert.equal(tokens[1].owner, tokens[0].owner, 'the same owner twice in a row is one record');
      assert.equal(tokens[5].owner, tokens[4].owner, 'an unknown field makes no owner different');
      const distinct = new Set(tokens.map((token) => token.owner));
      assert.equal(distinct.size, 6, 'a different name, type or id, or no owner, is never shared');
    });

    it('gives consecutive tokens of the same scopes one scope list, and any difference a list of its own', async () => {
      const items = [
        { id: 'i1', name: 'a', scope: ['sp:scopes:default'] },
        { id: 'i2', name: 'b', scope: ['sp:scopes:default'] },
        { id: 'i3', name: 'c', scope: ['sp:scopes:default', 'idn:accounts:read'] },
        { id: 'i4', name: 'd', scope: ['sp:scopes:default', 'idn:accounts:read'] },
        { id: 'i5', name: 'e', scope: ['idn:accounts:read', 'sp:scopes:default'] },
        { id: 'i6', name: 'f', scope: ['idn:accounts:read', 7, 'sp:scopes:default'] },
        { id: 'i7', name: 'g', scope: [] },
        { id: 'i8', name: 'h', scope: ['sp:scopes:default\u202e'] },
      ];
      fake.inject({ fault: { kind: 'body', body: JSON.stringify(items) }, match: { path: PATHS.v3 } });
      const tokens = await setUp('v3').api.list({ owner: { kind: 'me' } });
      assert.deepEqual(
        tokens.map((token) => token.scope),
        [
          ['sp:scopes:default'],
          ['sp:scopes:default'],
          ['sp:scopes:default', 'idn:accounts:read'],
          ['sp:scopes:default', 'idn:accounts:read'],
          ['idn:accounts:read', 'sp:scopes:default'],
          ['idn:accounts:read', 'sp:scopes:default'],
          null,
          ['sp:scopes:default\u202e'],
        ],
      );
      assert.equal(tokens[1].scope, tokens[0].scope, 'the same scopes twice in a row are one list');
      assert.equal(tokens[3].scope, tokens[2].scope);
      assert.equal(new Set(tokens.map((token) => token.scope)).size, 6, 'other scopes, another order or no scopes are never shared');
    });

    it('reads items liberally: unknown fields ignored, missing optional fields null', async () => {
      fake.inject({ fault: { kind: 'body', body: JSON.stringify([{ id: 'i1', name: 'bare', surprise: { nested: true }, scope: [] }]) }, match: { path: PATHS.v3 } });
      const [token] = await setUp('v3').api.list({ owner: { kind: 'me' } });
      assert.deepEqual(token, {
        id: 'i1',
        name: 'bare',
        scope: null,
        owner: null,
        created: null,
        lastUsed: null,
        managed: false,
        accessTokenValiditySeconds: null,
        expirationDate: null,
        userAwareTokenNeverExpires: null,
      });
    });

    it('reads every field of a full item, keeps only the string scopes and ignores fields of the wrong type', async () => {
      const full = {
        id: 'i2',
        name: 'full',
        scope: ['sp:scopes:default', 7, null, 'idn:sources:read'],
        owner: { id: 'o1', name: 'Ada', extra: 1 },
        created: '2026-01-01T00:00:00Z',
        lastUsed: '2026-02-01T00:00:00Z',
        managed: true,
        accessTokenValiditySeconds: 600,
        expirationDate: '2026-07-01T00:00:00Z',
        userAwareTokenNeverExpires: false,
      };
      const odd = { id: 'i3', name: 'odd', scope: [1, 2], owner: { id: 5 }, managed: 'yes', accessTokenValiditySeconds: '600', userAwareTokenNeverExpires: 'no' };
      fake.inject({ fault: { kind: 'body', body: JSON.stringify([full, odd]) }, match: { path: PATHS.v3 } });
      const [token, oddToken] = await setUp('v3').api.list({ owner: { kind: 'me' } });
      assert.deepEqual(token, {
        ...full,
        scope: ['sp:scopes:default', 'idn:sources:read'],
        owner: { type: 'IDENTITY', id: 'o1', name: 'Ada' },
      });
      assert.equal(oddToken.scope, null);
      assert.equal(oddToken.owner, null);
      assert.equal(oddToken.managed, false);
      assert.equal(oddToken.accessTokenValiditySeconds, null);
      assert.equal(oddToken.userAwareTokenNeverExpires, null);
    });

    it('refuses an item whose id is blank', async () => {
      fake.inject({ fault: { kind: 'body', body: JSON.stringify([{ id: ' ', name: 'blank id' }]) }, match: { path: PATHS.v3 } });
      const error = await rejection(setUp('v3').api.list({ owner: { kind: 'me' } }));
      assert.equal(error.kind, 'bad-response');
      assert.match(error.message, /item 0 of the answer has no id or name/);
    });

    for (const [what, body, pattern] of [
      ['an object instead of a list', '{}', /the server did not send a list/],
      ['an item without an id', '[{"id":"ok","name":"fine"},{"name":"no id"}]', /item 1 of the answer has no id or name/],
      ['an item with a numeric name', '[{"id":"x","name":5}]', /item 0 of the answer/],
      ['a non-JSON 200', 'all good', /not valid JSON/],
      ['an empty 200', '', /an empty answer/],
    ] as const) {
      it(`reports ${what} as bad-response`, async () => {
        fake.inject({ fault: { kind: 'body', body }, match: { path: PATHS.v3 } });
        const error = await rejection(setUp('v3').api.list({ owner: { kind: 'me' } }));
        assert.equal(error.kind, 'bad-response');
        assert.match(error.message, pattern);
      });
    }

    it('rejects a lastUsedBefore that is not a date without sending', async () => {
      const error = await rejection(setUp('v3').api.list({ owner: { kind: 'me' }, lastUsedBefore: 'last tuesday' }));
      assert.equal(error.kind, 'invalid-input');
      assert.equal(fake.count(), 0);
    });

    it('lists 10 000 tokens', async () => {
      const many = Array.from({ length: 10_000 }, (_, i) => ({ id: `id${i}`, name: `token ${i}`, scope: ['sp:scopes:default'] }));
      fake.inject({ fault: { kind: 'body', body: JSON.stringify(many) }, match: { path: PATHS.v3 } });
      assert.equal((await setUp('v3').api.list({ owner: { kind: 'all' } })).length, 10_000);
    });
  });

  describe('ids never walk the URL', () => {
    beforeEach(freshPeople);

    for (const id of ['.', '..', '../..', 'a/b', '?x=1', '#top', '%2e', '%2E%2e', '', ' ', 'a b', 'x'.repeat(129), '\u202e1']) {
      it(`refuses the token id ${JSON.stringify(id.slice(0, 20))} for update and delete without any request`, async () => {
        const { api } = setUp('v3');
        for (const error of [await rejection(api.delete(id)), await rejection(api.update(id, { name: 'renamed' }))]) {
          assert.equal(error.kind, 'invalid-input');
          assert.match(error.message, /The token id is not valid/);
        }
        assert.equal(fake.count(), 0, 'not even a sign-in');
      });
    }
  });

  describe('a large tenant', () => {
    beforeEach(freshPeople);

    it('lists 30,000 tokens (over 8 MiB of JSON) with the list cap, while other answers keep 8 MiB', async function () {
      this.timeout(60_000);
      for (let i = 0; i < 30_000; i++) fake.addToken(bob.id, { name: `bulk token number ${i} with a realistic name`, scope: ['sp:scopes:default', 'idn:accounts:read'] });
      const { api } = setUp('v3');
      const tokens = await api.list({ owner: { kind: 'all' } });
      assert.ok(tokens.length >= 30_000, `listed ${tokens.length}`);
      const listed = fake.requests.find((request) => request.method === 'GET' && request.path === PATHS.v3);
      assert.ok(listed !== undefined && Buffer.byteLength(listed.responseBody) > 8 * 1024 * 1024, 'the answer really is over 8 MiB');

      const mine = fake.addToken(ada.id, { name: 'mine' });
      fake.inject({ fault: { kind: 'body', body: JSON.stringify({ id: mine.id, name: 'x'.repeat(9 * 1024 * 1024) }) }, match: { method: 'PATCH' } });
      const error = await rejection(api.update(mine.id, { name: 'renamed' }));
      assert.equal(error.kind, 'bad-response');
      assert.match(error.message, /larger than 8 MiB/);
    });
  });

  describe('a create after a 429', () => {
    beforeEach(freshPeople);
    const request: CreateTokenRequest = { name: 'after-429', scope: ['sp:scopes:default'] };

    it('is re-sent once after the Retry-After, and makes exactly one token', async () => {
      fake.inject({ fault: { kind: 'rate-limit', retryAfter: '0' }, match: { method: 'POST', path: PATHS.v3 } });
      const created = await setUp('v3').api.create(request);
      assert.equal(fake.count({ method: 'POST', path: PATHS.v3 }), 2);
      assert.deepEqual(fake.tokens().filter((token) => token.name === request.name).map((token) => token.id), [created.token.id]);
    });

    it('is not re-sent a second time in a 429 storm: it fails as rate-limited and nothing is created', async () => {
      fake.inject({ fault: { kind: 'rate-limit', retryAfter: '0' }, match: { method: 'POST', path: PATHS.v3 }, times: Infinity });
      const error = await rejection(setUp('v3').api.create(request));
      assert.equal(error.kind, 'rate-limited', 'a 429 is a known outcome: not reported as unknown');
      assert.equal(fake.count({ method: 'POST', path: PATHS.v3 }), 2);
      assert.equal(fake.tokens().filter((token) => token.ownerId === ada.id).length, 0);
    });
  });

  describe('canaries', () => {
    it('no client secret, access token or PAT secret reaches a log line or an error message', async () => {
      const lines: string[] = [];
      const capture = (message: string): void => {
        lines.push(message);
      };
      const logger: Logger = { trace: capture, debug: capture, info: capture, warn: capture, error: capture };
      const owner = fake.addIdentity('Canary Owner', { admin: true });
      const clientSecret = `canary-client+secret&=%#/${Math.random().toString(36).slice(2)}`;
      const signInPat = fake.addToken(owner.id, { name: 'sign-in', secret: clientSecret });
      credentials = { clientId: signInPat.id, clientSecret };
      const { api } = setUp('v1', { logger });
      const errors: string[] = [];
      const expectFailure = async (promise: Promise<unknown>): Promise<void> => {
        const error = await rejection(promise);
        errors.push(error.message, error.serverMessage ?? '', String(error.stack));
      };

      await api.list({ owner: { kind: 'me' } });
      const created = await api.create({ name: 'canary', scope: ['sp:scopes:default'], userAwareTokenNeverExpires: true });
      fake.inject({ fault: { kind: 'status', status: 400, body: JSON.stringify({ messages: [{ locale: 'en-US', text: `bad secret ${created.secret} and ${clientSecret}` }] }) }, match: { method: 'PATCH' } });
      await expectFailure(api.update(created.token.id, { name: 'canary-2' }));
      fake.inject({ fault: { kind: 'status', status: 500, contentType: 'text/plain', body: `echo ${encodeURIComponent(clientSecret)} ${Buffer.from(created.secret).toString('base64')}` }, match: { method: 'POST', path: PATHS.v1 } });
      await expectFailure(api.create({ name: 'echo', scope: ['sp:scopes:default'], userAwareTokenNeverExpires: true }));
      fake.expireAccessTokens();
      await api.update(created.token.id, { name: 'canary-3' });
      fake.inject({ fault: { kind: 'commit-then-drop' }, match: { method: 'POST', path: PATHS.v1 } });
      await expectFailure(api.create({ name: 'dropped', scope: ['sp:scopes:default'], userAwareTokenNeverExpires: true }));
      await api.delete(created.token.id);
      credentials = { clientId: signInPat.id, clientSecret: `${clientSecret}-wrong` };
      await expectFailure(setUp('v1', { logger }).api.list({ owner: { kind: 'me' } }));

      const accessTokens = fake.requests
        .map((r) => /^Bearer (\S+)$/.exec(r.headers.authorization ?? '')?.[1])
        .filter((t): t is string => t !== undefined);
      assert.ok(accessTokens.length > 3);
      const canaries = [clientSecret, `${clientSecret}-wrong`, created.secret, ...new Set(accessTokens)];
      const forms = canaries.flatMap((secret) => [
        secret,
        encodeURIComponent(secret),
        new URLSearchParams({ v: secret }).toString().slice(2),
        Buffer.from(secret).toString('base64'),
      ]);
      assert.ok(lines.length > 10, 'the flows should have logged');
      for (const text of [...lines, ...errors]) {
        for (const form of forms) {
          assert.ok(!text.includes(form), `a canary leaked into: ${text.slice(0, 200)}`);
        }
      }
    });
  });
});

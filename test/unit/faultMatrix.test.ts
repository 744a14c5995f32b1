// The fault matrix through the service the UI uses, against the fake tenant's fault injection: each fault ends in a
// typed error (or a success), a bounded number of requests, no followed redirect and no secret stored by mistake.
import * as assert from 'node:assert/strict';
import { CreateOutcomeUnknownError } from '../../src/core/client/patApi';
import { isPatError, type PatErrorKind } from '../../src/core/errors';
import { PatService } from '../../src/core/patService';
import { FakeTenant } from '../fake-tenant/server';
import { capturingLogger, rejection } from './helpers/assertions';
import { MemoryKeyValueStore, MemorySecretStore } from './helpers/memoryStores';

const LIST = { method: 'GET', path: '/v3/personal-access-tokens' };
const CREATE = { method: 'POST', path: '/v3/personal-access-tokens' };
const SIGN_IN = { method: 'POST', path: '/oauth/token' };
const REQUEST = { name: 'matrix', scope: ['sp:scopes:default'] };

describe('fault matrix through PatService', () => {
  let fake: FakeTenant;
  let secrets: MemorySecretStore;
  let service: PatService;
  let tenantId: string;

  beforeEach(async () => {
    fake = await FakeTenant.start();
    const ada = fake.addIdentity('Ada Admin', { admin: true });
    const signIn = fake.addToken(ada.id, { name: 'VS Code' });
    secrets = new MemorySecretStore();
    service = new PatService({
      kv: new MemoryKeyValueStore(),
      secrets,
      logger: capturingLogger([]),
      http: { timeoutMs: 500, retry: { baseDelayMs: 1, maxDelayMs: 5 } },
    });
    tenantId = (await service.addTenant({ url: fake.baseUrl, credentials: { clientId: signIn.id, clientSecret: signIn.secret } })).id;
    fake.resetRequests();
  });

  afterEach(async () => {
    await fake.stop();
  });

  async function failsAs(promise: Promise<unknown>, kind: PatErrorKind): Promise<Error> {
    const error = await rejection(promise);
    assert.ok(isPatError(error, kind), `expected ${kind}, got ${error.kind}: ${error.message}`);
    return error;
  }

  const storedTokenSecrets = (): string[] => [...secrets.values.keys()].filter((key) => key.includes('.token.'));

  it('429 storm: a list gives up after 4 attempts, a create after 2, and nothing is created', async () => {
    fake.inject({ fault: { kind: 'rate-limit', retryAfter: '0' }, match: { path: LIST.path }, times: Infinity });
    await failsAs(service.listTokens(tenantId), 'rate-limited');
    assert.equal(fake.count(LIST), 4);
    await failsAs(service.createToken(tenantId, REQUEST), 'rate-limited');
    assert.equal(fake.count(CREATE), 2);
    assert.equal(fake.tokens().length, 1, 'only the sign-in token exists');
  });

  it('401 loop: one fresh sign-in and one retry, then a clear error', async () => {
    fake.inject({ fault: { kind: 'status', status: 401, body: '{"error":"JWT validation failed"}' }, match: LIST, times: Infinity });
    const error = await failsAs(service.listTokens(tenantId), 'unauthorized');
    assert.match(error.message, /refused a freshly issued access token/);
    assert.equal(fake.count(LIST), 2);
    assert.equal(fake.count(SIGN_IN), 2);
  });

  it('trickled body: the deadline covers the body, and reads retry within their bounds', async () => {
    fake.inject({ fault: { kind: 'trickle', intervalMs: 200 }, match: LIST, times: Infinity });
    await failsAs(service.listTokens(tenantId), 'timeout');
    assert.equal(fake.count(LIST), 4);
  });

  it('dropped create: never re-sent, the token is found by name and reported, and no secret is stored', async () => {
    fake.inject({ fault: { kind: 'commit-then-drop' }, match: CREATE });
    const error = await rejection(service.createToken(tenantId, REQUEST));
    assert.ok(error instanceof CreateOutcomeUnknownError && error.existing?.name === REQUEST.name, error.message);
    assert.equal(fake.count(CREATE), 1);
    assert.deepEqual(storedTokenSecrets(), []);
  });

  it('redirects: not followed on the token call nor on the API, and said as such', async () => {
    const elsewhere = `${fake.baseUrl}/elsewhere`;
    fake.inject({ fault: { kind: 'redirect', status: 307, location: elsewhere }, match: LIST });
    await failsAs(service.listTokens(tenantId), 'redirect');
    fake.inject({ fault: { kind: 'redirect', status: 308, location: elsewhere }, match: SIGN_IN });
    const other = new PatService({ kv: new MemoryKeyValueStore(), secrets: new MemorySecretStore(), logger: capturingLogger([]) });
    const credentials = { clientId: fake.tokens()[0].id, clientSecret: fake.tokens()[0].secret };
    await failsAs(other.addTenant({ url: fake.baseUrl, credentials }), 'redirect');
    assert.equal(fake.count({ path: '/elsewhere' }), 0);
  });

  for (const [what, body] of [
    ['an object instead of a list', '{}'],
    ['HTML from a proxy', '<html><body>Gateway</body></html>'],
    ['a truncated list', '[{"id":"a","name":"x"},{"id":'],
    ['an empty answer', ''],
  ] as const) {
    it(`malformed bodies: ${what} is a bad-response on a list`, async () => {
      fake.inject({ fault: { kind: 'body', body, contentType: body.startsWith('<') ? 'text/html' : 'application/json' }, match: LIST });
      await failsAs(service.listTokens(tenantId), 'bad-response');
    });
  }

  it('malformed bodies: a create answered with no secret is an unknown outcome, checked by name, with nothing stored', async () => {
    fake.inject({ fault: { kind: 'body', body: '{"id":"x","name":"matrix"}' }, match: CREATE });
    const error = await rejection(service.createToken(tenantId, REQUEST));
    assert.ok(error instanceof CreateOutcomeUnknownError && error.verified, error.message);
    assert.deepEqual(storedTokenSecrets(), []);
  });
});

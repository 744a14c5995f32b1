// The fake tenant's GET /identities/v1 against SailPoint's Identities v1 spec (vendored in test/contract/specs),
// as our client calls it: every answer validates, every query parameter is one the spec declares.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { IdentitiesApi } from '../../src/core/client/identitiesApi';
import { AccessTokenCache } from '../../src/core/client/auth';
import { HttpClient } from '../../src/core/client/http';
import { FakeTenant, type FakeIdentity } from '../fake-tenant/server';
import { newAjv, projectRoot, type JsonSchema } from './spec';

const PATH_FILE = path.join(projectRoot(), 'test/contract/specs/idn/apis/identities/paths/identities-v1.yaml');

interface PathOperation {
  parameters: ({ name?: string; in?: string; schema?: JsonSchema } & { $ref?: string })[];
  responses: Record<string, { content: { 'application/json': { schema: JsonSchema } } }>;
}

/** The path file's relative $refs, made absolute so that an in-memory wrapper document resolves them. */
function absoluteRefs<T>(node: T, folder: string): T {
  if (Array.isArray(node)) return node.map((item: unknown) => absoluteRefs(item, folder)) as T;
  if (typeof node !== 'object' || node === null) return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [key, key === '$ref' && typeof value === 'string' ? path.resolve(folder, value) : absoluteRefs(value, folder)]),
  ) as T;
}

describe('fake tenant against the official Identities spec (GET /identities/v1)', () => {
  let operation: PathOperation;
  let declared: Set<string>;
  let fake: FakeTenant;
  let admin: FakeIdentity;

  before(async () => {
    // The standard collection parameters ($ref to shared/parameters, outside the published subset) are not resolved: their names are the file names.
    const { default: refParser } = await import('@apidevtools/json-schema-ref-parser');
    const raw = ((await refParser.parse(PATH_FILE)) as unknown as { get: PathOperation }).get;
    const responses = (await refParser.dereference(absoluteRefs(raw.responses, path.dirname(PATH_FILE)) as never)) as unknown as PathOperation['responses'];
    operation = { parameters: raw.parameters, responses };
    // Spec quirk (kept visible here, not fixed in the copy): lifecycleState is `allOf` + `nullable` without a `type`,
    // which JSON Schema cannot express; read as meant, it is the LifecycleStateDto object or null.
    const identity = (responses['200'].content['application/json'].schema as { items: { properties: Record<string, JsonSchema> } }).items;
    const lifecycle = identity.properties.lifecycleState as { allOf: JsonSchema[] };
    identity.properties.lifecycleState = { ...lifecycle.allOf[0], nullable: true };
    declared = new Set(operation.parameters.map((parameter) => parameter.name ?? path.basename(parameter.$ref ?? '', '.yaml')));
  });

  beforeEach(async () => {
    fake = await FakeTenant.start();
    admin = fake.addIdentity('Ada Admin', { admin: true });
  });

  afterEach(async () => {
    await fake.stop();
  });

  function validate(status: string, body: unknown): string[] {
    const validator = newAjv(true).compile(operation.responses[status].content['application/json'].schema);
    return validator(body) ? [] : (validator.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`);
  }

  function client(clientId: string, clientSecret: string): IdentitiesApi {
    const http = new HttpClient({ retry: { maxAttempts: 1 } });
    const auth = new AccessTokenCache({ http, baseUrl: fake.baseUrl, credentials: () => Promise.resolve({ clientId, clientSecret }) });
    return new IdentitiesApi({ baseUrl: fake.baseUrl, http, auth });
  }

  it('answers our batched id lookup with IdentityDtos the spec accepts, statuses included', async () => {
    const leaver = fake.addIdentity('Lea "quoted" Leaver', { identityStatus: 'TERMINATED', lifecycleState: 'inactive' });
    const noLifecycle = fake.addIdentity('No Lifecycle', { lifecycleState: null, correlated: false });
    const pat = fake.addToken(admin.id);
    const found = await client(pat.id, pat.secret).findByIds([leaver.id, noLifecycle.id, 'f'.repeat(32)]);
    assert.deepEqual(
      found.map((each) => [each.id, each.identityStatus, each.lifecycleState]).sort(),
      [[leaver.id, 'TERMINATED', 'inactive'], [noLifecycle.id, 'ACTIVE', null]].sort(),
    );
    const exchange = fake.requests.find((request) => request.path === '/identities/v1');
    assert.ok(exchange);
    assert.equal(exchange.status, 200);
    assert.deepEqual(validate('200', JSON.parse(exchange.responseBody)), []);
    for (const name of Object.keys(exchange.query)) assert.ok(declared.has(name), `the spec declares no query parameter "${name}"`);
    assert.match(exchange.query.filters, /^id in \(("[0-9a-f]{32}",?){3}\)$/);
  });

  it('answers 403 (ErrorResponseDto) without the right to read identities, and 400 to a filter it does not support', async () => {
    const reader = fake.addIdentity('Sam', { readsIdentities: false });
    const pat = fake.addToken(reader.id);
    await assert.rejects(client(pat.id, pat.secret).findByIds([admin.id]), (error: { kind?: string }) => error.kind === 'forbidden');
    const refused = fake.requests.find((request) => request.path === '/identities/v1');
    assert.equal(refused?.status, 403);
    assert.deepEqual(validate('403', JSON.parse(refused?.responseBody ?? '')), []);
  });

  it('keeps to the documented limit of 250 and refuses filters outside id eq / id in / name sw', async () => {
    const pat = fake.addToken(admin.id);
    const api = client(pat.id, pat.secret);
    await api.findByIds([admin.id]);
    const authorization = fake.requests.find((request) => request.path === '/identities/v1')?.headers.authorization ?? '';
    for (const query of ['limit=251', 'filters=email%20co%20%22A%22']) {
      const response = await fetch(`${fake.baseUrl}/identities/v1?${query}`, { headers: { authorization } });
      assert.equal(response.status, 400, query);
      assert.deepEqual(validate('400', await response.json()), []);
    }
  });

  it('answers our name search (name sw "…", sorted by name) with IdentityDtos the spec accepts; a typed quote or parenthesis stays inside the literal', async () => {
    fake.addIdentity('Sam Dev');
    const quotedOne = fake.addIdentity('Sam "the) Admin');
    fake.addIdentity('Samantha Ops');
    fake.addIdentity('Ada Samson');
    const pat = fake.addToken(admin.id);
    const api = client(pat.id, pat.secret);
    assert.deepEqual((await api.searchByName('sam')).map((each) => each.name), ['Sam "the) Admin', 'Sam Dev', 'Samantha Ops']);
    const exchange = fake.requests.find((request) => request.path === '/identities/v1');
    assert.ok(exchange);
    assert.equal(exchange.status, 200);
    assert.deepEqual(validate('200', JSON.parse(exchange.responseBody)), []);
    for (const name of Object.keys(exchange.query)) assert.ok(declared.has(name), `the spec declares no query parameter "${name}"`);
    assert.equal(exchange.query.filters, 'name sw "sam"');
    assert.equal(exchange.query.sorters, 'name');

    assert.deepEqual((await api.searchByName('Sam "the)')).map((each) => each.id), [quotedOne.id]);
    assert.deepEqual(await api.searchByName('x") or id in ("' + admin.id), [], 'the typed text cannot close the literal and add a clause');
    fake.resetRequests();
    assert.deepEqual(await api.searchByName('  '), [], 'blank text asks nothing');
    assert.equal(fake.requests.length, 0);
  });
});

// The scope generator over a small copy of the specs' layout (root documents, path files, a per-service family),
// and the compact form it writes: whatever goes in comes out of decodeCatalogue the same.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as fc from 'fast-check';
import { readSpecs } from '../../scripts/generateScopes';
import { API_VERSIONS, type ApiOperation, type ApiVersion } from '../../src/core/scopes/catalogue';
import { decodeCatalogue, encodeCatalogue, METHODS, versionPrefix } from '../../src/core/scopes/compact';

const SOURCE_FILE = `get:
  operationId: getSource
  tags:
    - Sources
    - Other
  summary: >-
    Get source
    by id
  security:
    - userAuth: [idn:sources:read, 'idn:sources:manage ']
    - applicationAuth: [idn:sources:read]
  x-sailpoint-userLevels:
    - SOURCE_ADMIN
    - 'ORG_ADMIN '
head:
  summary: Check a source
  tags: [Sources]
delete:
  operationId: deleteSource
  summary: Delete a source
  tags: [Sources]
  security:
    - userAuth: []
`;

function rootDocument(server: string, paths: Record<string, string>): string {
  const entries = Object.entries(paths).map(([url, item]) => `  ${url}:\n${item}`);
  return `openapi: 3.0.1\nservers:\n  - url: ${server}\npaths:\n${entries.join('\n')}\nwebhooks:\n  source-created:\n    $ref: './v2026/webhooks/x.yaml'\n`;
}

/** A specs folder: every versioned root document maps /sources/{id} to one shared path file; v2025 adds an inline path. */
function writeSpecs(root: string, server = (version: string): string => `https://{tenant}.api.identitynow.com/${version}`): void {
  const idn = path.join(root, 'idn');
  mkdirSync(path.join(idn, 'shared', 'paths'), { recursive: true });
  writeFileSync(path.join(idn, 'shared', 'paths', 'source.yaml'), SOURCE_FILE);
  for (const version of ['v3', 'beta', 'v2024', 'v2025', 'v2026']) {
    const paths: Record<string, string> = { "'/sources/{id}'": "    $ref: './shared/paths/source.yaml'" };
    if (version === 'v2025') paths["'/workflows/{id}/test'"] = '    post:\n      operationId: testWorkflow\n      summary: Test workflow\n      tags: [Workflows]\n      security:\n        - userAuth: [sp:workflow:execute]';
    writeFileSync(path.join(idn, `sailpoint-api.${version}.yaml`), rootDocument(server(version), paths));
  }
  mkdirSync(path.join(idn, 'apis', 'sources', 'paths'), { recursive: true });
  mkdirSync(path.join(idn, 'apis', 'shared'), { recursive: true });
  writeFileSync(
    path.join(idn, 'apis', 'sources', 'paths', 'sources-v1-by-id.yaml'),
    'patch:\n  operationId: updateSourceV1\n  summary: Update a source\n  tags: [Sources]\n  security:\n    - userAuth: [idn:sources:manage]\n',
  );
  writeFileSync(
    path.join(idn, 'apis', 'sources', 'openapi.yaml'),
    rootDocument('https://{tenant}.api.identitynow.com', { "'/sources/v1/{id}'": "    $ref: './paths/sources-v1-by-id.yaml'" }),
  );
}

describe('generate:scopes: operations from the root documents', () => {
  let root: string;

  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'scopes-specs-'));
  });

  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('puts every operation at its exact URL under its version, per-service paths as their root document gives them', () => {
    writeSpecs(root);
    const operations = readSpecs(root);
    const getSource = operations.find((operation) => operation.path === '/v2025/sources/{id}' && operation.method === 'GET');
    assert.deepEqual(getSource, {
      id: 'getSource',
      method: 'GET',
      path: '/v2025/sources/{id}',
      version: 'v2025',
      tag: 'Sources',
      summary: 'Get source by id',
      scopes: ['idn:sources:manage', 'idn:sources:read'],
      userLevels: ['ORG_ADMIN', 'SOURCE_ADMIN'],
    });
    assert.deepEqual(
      operations.map((operation) => `${operation.version} ${operation.method} ${operation.path} ${operation.id}`),
      [
        ...['v3', 'beta', 'v2024', 'v2025', 'v2026'].flatMap((version) => [
          `${version} GET /${version}/sources/{id} getSource`,
          `${version} DELETE /${version}/sources/{id} deleteSource`,
          `${version} HEAD /${version}/sources/{id} `,
          ...(version === 'v2025' ? ['v2025 POST /v2025/workflows/{id}/test testWorkflow'] : []),
        ]),
        'v1 PATCH /sources/v1/{id} updateSourceV1',
      ],
    );
    assert.deepEqual(operations.find((operation) => operation.method === 'DELETE')?.scopes, [], 'an empty scope list names no scope');
  });

  it('refuses a root document whose server is not its version, rather than give wrong URLs', () => {
    writeSpecs(root, (version) => `https://{tenant}.api.identitynow.com/${version === 'v2024' ? 'v2025' : version}`);
    assert.throws(() => readSpecs(root), /sailpoint-api\.v2024\.yaml: server .*\/v2025 does not serve the paths of v2024/);
  });

  it('refuses a folder without the root documents, and two definitions of one method and URL', () => {
    assert.throws(() => readSpecs(root), /no root document idn\/sailpoint-api\.v3\.yaml/);
    writeSpecs(root);
    const twice = rootDocument('https://{tenant}.api.identitynow.com', { "'/sources/v1/{id}'": "    $ref: './paths/sources-v1-by-id.yaml'" });
    mkdirSync(path.join(root, 'idn', 'apis', 'sources-copy', 'paths'), { recursive: true });
    writeFileSync(path.join(root, 'idn', 'apis', 'sources-copy', 'openapi.yaml'), twice.replace('./paths/', '../sources/paths/'));
    assert.throws(() => readSpecs(root), /PATCH \/sources\/v1\/\{id\} is defined twice/);
  });

  it('writes what it read so that decoding gives it back, each version in turn, sorted by path', () => {
    writeSpecs(root);
    const operations = readSpecs(root);
    const decoded = decodeCatalogue(encodeCatalogue(operations, 'test', 'MIT'));
    assert.deepEqual(new Set(decoded), new Set(operations));
    assert.deepEqual(
      decoded.filter((operation) => operation.version === 'v2025').map((operation) => `${operation.method} ${operation.path}`),
      ['DELETE /v2025/sources/{id}', 'GET /v2025/sources/{id}', 'HEAD /v2025/sources/{id}', 'POST /v2025/workflows/{id}/test'],
    );
  });
});

/** Operations as the generator makes them: one-line summaries, sorted scopes, unique method and URL per version. */
const operationArbitrary = fc
  .record({
    version: fc.constantFrom(...API_VERSIONS),
    method: fc.constantFrom(...METHODS),
    segments: fc.array(fc.stringMatching(/^[A-Za-z0-9{}._-]{0,12}$/), { maxLength: 5 }),
    id: fc.stringMatching(/^([a-z][A-Za-z0-9]{0,30})?$/),
    tag: fc.constantFrom('Sources', 'Access Profiles', 'SOD Policies', ''),
    summaryWords: fc.array(fc.string({ minLength: 1, maxLength: 8 }).map((word) => word.replace(/\s/g, '_')), { maxLength: 6 }),
    scopes: fc.uniqueArray(fc.constantFrom('idn:sources:read', 'idn:sources:manage', 'sp:scopes:all', 'a:b:c'), { maxLength: 4 }),
    userLevels: fc.uniqueArray(fc.constantFrom('ORG_ADMIN', 'HELPDESK', 'SOURCE_ADMIN'), { maxLength: 3 }),
  })
  .map(
    ({ version, method, segments, id, tag, summaryWords, scopes, userLevels }): ApiOperation => ({
      id,
      method,
      path: versionPrefix(version) + (version === 'v1' ? '/svc/v1' : '') + segments.map((segment) => `/${segment}`).join(''),
      version,
      tag,
      summary: summaryWords.join(' '),
      scopes: [...scopes].sort(),
      userLevels: [...userLevels].sort(),
    }),
  );

function catalogueOrder(a: ApiOperation, b: ApiOperation): number {
  const versions = API_VERSIONS.indexOf(a.version) - API_VERSIONS.indexOf(b.version);
  if (versions !== 0) return versions;
  if (a.path !== b.path) return a.path < b.path ? -1 : 1;
  return a.method < b.method ? -1 : a.method > b.method ? 1 : 0;
}

describe('the compact catalogue', () => {
  it('decodes to exactly the operations encoded, in catalogue order, whatever their ids, paths and summaries', () => {
    fc.assert(
      fc.property(fc.uniqueArray(operationArbitrary, { selector: (operation) => `${operation.method} ${operation.path}`, maxLength: 40 }), (operations) => {
        const decoded = decodeCatalogue(encodeCatalogue(operations, 'test', 'MIT'));
        assert.deepEqual(decoded, [...operations].sort(catalogueOrder));
      }),
      { numRuns: 300 },
    );
  });

  it('writes an operation shared by several versions once', () => {
    const shared = (version: ApiVersion): ApiOperation => ({
      id: 'listSources', method: 'GET', path: `/${version}/sources`, version, tag: 'Sources', summary: 'List sources', scopes: ['idn:sources:read'], userLevels: [],
    });
    const one = encodeCatalogue([shared('v2025')], 'test', 'MIT');
    const three = encodeCatalogue([shared('v2024'), shared('v2025'), shared('v2026')], 'test', 'MIT');
    assert.equal(three.operations.length, one.operations.length);
    assert.deepEqual(decodeCatalogue(three).map((operation) => operation.path), ['/v2024/sources', '/v2025/sources', '/v2026/sources']);
  });

  it('refuses what it could not give back: a path outside its version, an unknown method, a summary of two lines, more distinct values than its digits hold', () => {
    const base: ApiOperation = { id: 'x', method: 'GET', path: '/v3/x', version: 'v3', tag: 'X', summary: 'X', scopes: [], userLevels: [] };
    assert.throws(() => encodeCatalogue([{ ...base, path: '/v2025/x' }], 't', 'MIT'), /GET \/v2025\/x does not start with \/v3\//);
    assert.throws(() => encodeCatalogue([{ ...base, path: '/v3x' }], 't', 'MIT'), /does not start with \/v3\//);
    assert.throws(() => encodeCatalogue([{ ...base, method: 'TRACE' }], 't', 'MIT'), /unknown method TRACE/);
    assert.throws(() => encodeCatalogue([{ ...base, summary: 'two\nlines' }], 't', 'MIT'), /summary is not one line of single spaces/);
    const manyTags = Array.from({ length: 4097 }, (_, index) => ({ ...base, path: `/v3/x${index}`, tag: `Tag ${index}` }));
    assert.throws(() => encodeCatalogue(manyTags, 't', 'MIT'), /\d+ does not fit in 2 base-64 digits: widen the field/);
  });
});

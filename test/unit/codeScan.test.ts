// The code scan over a corpus of scripts written for the tests (test/unit/fixtures/code-scan): REST calls in any
// text, SDK calls per language, noise that must yield nothing, and a hostile workspace built in a temporary folder.
import * as assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { globExcluder } from '../../src/core/codeScan/glob';
import { callsByScope, checkToken, leastPrivilege } from '../../src/core/codeScan/leastPrivilege';
import { nodeScanFileSystem } from '../../src/core/codeScan/nodeFileSystem';
import { OperationIndex, powershellNames, snakeCase } from '../../src/core/codeScan/operationIndex';
import { scanCode, scanText } from '../../src/core/codeScan/scan';
import type { CodeCall } from '../../src/core/codeScan/types';
import { isPatError } from '../../src/core/errors';
import { loadScopeCatalogue } from '../../src/core/scopes/load';
import { TEST_OPERATIONS } from './helpers/codeScanCatalogue';

const CORPUS = path.resolve(__dirname, '../../../test/unit/fixtures/code-scan');
const INDEX = new OperationIndex(TEST_OPERATIONS);

/** `line METHOD path operationId` for each call of one corpus file. */
async function callsIn(relative: string): Promise<string[]> {
  const result = await scanCode(nodeScanFileSystem, [path.join(CORPUS, relative)], INDEX);
  return result.calls.map((call) => `${call.line} ${call.method} ${call.path} ${call.operationId}`);
}

describe('code scan: REST calls in any text', () => {
  it('reads curl: the host, $VAR and ${VAR} bases, -X, --request, continued lines, -d meaning POST, the v1 family, sail api', async () => {
    assert.deepEqual(await callsIn('scripts/curl.sh'), [
      '4 GET /v3/sources listSources',
      '5 POST /v3/sources createSource',
      '6 DELETE /v3/sources/{id} deleteSource',
      '9 POST /v3/search searchPost',
      '10 POST /v3/search searchPost',
      '11 GET /personal-access-tokens/v1 listPersonalAccessTokensV1',
      '12 GET /v3/sources listSources',
      '13 POST /v3/search searchPost',
    ]);
  });

  it('reads Invoke-RestMethod with -Method before or after the URI and $($s.id) / $id as path parameters', async () => {
    const calls = await callsIn('scripts/invoke.ps1');
    assert.deepEqual(calls.slice(0, 3), [
      '4 GET /v3/sources listSources',
      '6 DELETE /v3/sources/{id} deleteSource',
      '8 POST /v2025/workflows/{id}/test testWorkflow',
    ]);
  });

  it('reads Python requests: f-strings, + concatenation, .format, requests.request("GET", …)', async () => {
    assert.deepEqual(await callsIn('scripts/requests_calls.py'), [
      '8 GET /v3/sources listSources',
      '9 GET /v3/sources/{sourceId}/schemas getSourceSchemas',
      '10 POST /v3/search searchPost',
      '11 DELETE /v3/sources/{id} deleteSource',
      '12 GET /v2025/sources/{sourceId}/source-health getSourceHealth',
    ]);
  });

  it("reads fetch's method over several lines, axios.delete, axios({ method }), and quote + id + quote", async () => {
    assert.deepEqual(await callsIn('scripts/fetch_calls.ts'), [
      '7 POST /v3/sources createSource',
      '11 DELETE /v3/sources/{id} deleteSource',
      '14 GET /v2025/workflows listWorkflows',
      '16 GET /v3/sources/{sourceId}/schemas getSourceSchemas',
    ]);
  });

  it('reads .http request lines with {{variables}} and Postman collection items', async () => {
    assert.deepEqual(await callsIn('scripts/requests.http'), ['4 GET /v3/sources listSources', '8 POST /v2025/workflows/{id}/test testWorkflow']);
    assert.deepEqual(await callsIn('scripts/collection.postman_collection.json'), [
      '10 DELETE /v3/sources/{id} deleteSource',
      '21 GET /v3/personal-access-tokens listPersonalAccessTokens',
    ]);
  });

  it('lists ISC-looking calls that match no operation, or not with that method, as unmatched', async () => {
    const result = await scanCode(nodeScanFileSystem, [path.join(CORPUS, 'scripts/unknown.sh')], INDEX);
    assert.deepEqual(result.calls, []);
    assert.deepEqual(
      result.unmatched.map(({ line, text }) => `${line} ${text}`),
      ['2 /v3/not-an-endpoint/$ID', '3 /v3/sources'],
    );
  });
});

describe('code scan: SDK calls', () => {
  it('reads sailpoint-api-client classes by tag and version, bound or chained', async () => {
    assert.deepEqual(await callsIn('scripts/sdk_calls.ts'), [
      '6 GET /v3/sources listSources',
      '8 POST /v2025/workflows/{id}/test testWorkflow',
      '10 GET /beta/sources listSources',
    ]);
  });

  it("counts a method handed to the Paginator on a known SDK object, and nothing on unknown receivers", async () => {
    assert.deepEqual(await callsIn('scripts/paginate.ts'), ['5 GET /v3/accounts listAccounts']);
  });

  it('reads the Python SDK: sailpoint.v3.SourcesApi, an imported and aliased v2025 class, snake_case methods', async () => {
    assert.deepEqual(await callsIn('scripts/sdk_calls.py'), ['10 GET /v3/sources listSources', '13 POST /v2025/workflows/{id}/test testWorkflow']);
  });

  it('reads the Go SDK (apiClient.V3.SourcesAPI.ListSources) next to a plain http.NewRequest', async () => {
    assert.deepEqual(await callsIn('scripts/main.go'), [
      '13 GET /v3/sources listSources',
      '14 GET /v2025/workflows listWorkflows',
      '15 DELETE /v3/sources/{id} deleteSource',
    ]);
  });

  it('reads PowerShell SDK cmdlets whose noun carries the version', async () => {
    const calls = await callsIn('scripts/invoke.ps1');
    assert.deepEqual(calls.slice(3), [
      '9 GET /v2025/sources/{sourceId}/source-health getSourceHealth',
      '10 GET /beta/sources listSources',
      '11 GET /v3/sources listSources',
    ]);
  });

  it('names SDK methods as the generators do', () => {
    assert.equal(snakeCase('listSources'), 'list_sources');
    assert.equal(snakeCase('getSourceSchemaCSV'), 'get_source_schema_csv');
    assert.deepEqual(powershellNames({ id: 'getSourceHealth', method: 'GET', path: '/v2025/x', scopes: [] }, 'v2025'), [
      'Invoke-V2025GetSourceHealth',
      'Get-V2025SourceHealth',
    ]);
  });
});

describe('code scan: precision', () => {
  it('finds nothing in prose, other hosts, OpenAPI keys, route tables, plain cmdlets', async () => {
    const result = await scanCode(nodeScanFileSystem, [path.join(CORPUS, 'noise')], INDEX);
    assert.deepEqual(result, { calls: [], scopes: [], unmatched: [] });
  });

  it('scans a folder in name order with absolute files and 1-based lines, and answers the least privilege', async () => {
    const result = await scanCode(nodeScanFileSystem, [CORPUS], INDEX);
    assert.ok(result.calls.every((call) => path.isAbsolute(call.file) && call.line >= 1));
    assert.equal(result.calls.length, 36);
    assert.deepEqual(result.scopes, [
      'idn:accounts:read',
      'idn:sources:manage',
      // getSourceHealth is granted by idn:sources:read alone
      'idn:sources:read',
      'sp:my-personal-access-tokens:read',
      'sp:search:read',
      'sp:workflow:execute',
      'sp:workflow:read',
    ]);
  });
});

describe('code scan over the real catalogue (4,221 operations at their exact URLs)', () => {
  const described = (result: { calls: CodeCall[] }): string[] =>
    result.calls.map((call) => `${path.basename(call.file)}:${call.line} ${call.method} ${call.path} ${call.operationId}`);

  it('finds in the corpus exactly the calls the test catalogue names, REST and SDK alike', async () => {
    const { operations } = await loadScopeCatalogue();
    const real = await scanCode(nodeScanFileSystem, [path.join(CORPUS, 'scripts')], operations);
    const small = await scanCode(nodeScanFileSystem, [path.join(CORPUS, 'scripts')], INDEX);
    assert.equal(real.calls.length, 36);
    assert.deepEqual(described(real), described(small));
    assert.deepEqual(real.unmatched.map((call) => call.text), ['/v3/not-an-endpoint/$ID', '/v3/sources']);
    assert.ok(!real.scopes.includes('sp:scopes:all'));
  });

  it('builds the index of the whole catalogue in slices, yielding to the event loop, as the constructor indexes it', async () => {
    const { operations } = await loadScopeCatalogue();
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    try {
      // A 0 ms slice yields after every operation: the timer must run while the index is built.
      const sliced = await OperationIndex.build(operations.slice(0, 200), 0);
      assert.ok(ticks > 0, 'the build never yielded');
      const whole = new OperationIndex(operations.slice(0, 200));
      assert.deepEqual([...sliced.breadth], [...whole.breadth]);
      assert.deepEqual([...sliced.cmdlets.keys()], [...whole.cmdlets.keys()]);
      assert.deepEqual(sliced.operationsAt([{ text: 'v3', dynamic: false }, { text: 'sources', dynamic: false }]), whole.operationsAt([{ text: 'v3', dynamic: false }, { text: 'sources', dynamic: false }]));
    } finally {
      clearInterval(timer);
    }
  });

  it('finds nothing in the noise', async () => {
    const { operations } = await loadScopeCatalogue();
    assert.deepEqual(await scanCode(nodeScanFileSystem, [path.join(CORPUS, 'noise')], operations), { calls: [], scopes: [], unmatched: [] });
  });
});

describe('least privilege', () => {
  const call = (operationId: string): CodeCall => {
    const operation = TEST_OPERATIONS.find((candidate) => candidate.id === operationId)!;
    return { file: '/w/x.sh', line: 1, method: operation.method, path: operation.path, operationId, scopes: [...operation.scopes] };
  };
  const breadth = INDEX.breadth;

  it('takes read when reading is all the code does, and manage once it also changes', () => {
    assert.deepEqual(leastPrivilege([call('listSources'), call('getSourceHealth')], breadth), ['idn:sources:read']);
    assert.deepEqual(leastPrivilege([call('listSources'), call('createSource')], breadth), ['idn:sources:manage']);
  });

  it('takes my- before all-, and never sp:scopes:all', () => {
    assert.deepEqual(leastPrivilege([call('listPersonalAccessTokens')], breadth), ['sp:my-personal-access-tokens:read']);
    assert.deepEqual(leastPrivilege([call('getOrgConfig')], breadth), []);
  });

  it('keeps the weaker scope per call instead of one broader scope for both', () => {
    assert.deepEqual(leastPrivilege([call('testWorkflow'), call('listWorkflows')], breadth), ['sp:workflow:execute', 'sp:workflow:read']);
  });

  it('says which calls need each scope', () => {
    const calls = [call('listSources'), call('createSource'), call('searchPost')];
    const byScope = callsByScope(leastPrivilege(calls, breadth), calls);
    assert.deepEqual([...byScope].map(([scope, granted]) => `${scope}: ${granted.map((c) => c.operationId).join(',')}`), [
      'idn:sources:manage: listSources,createSource',
      'sp:search:read: searchPost',
    ]);
  });

  it('checks a token: the calls it would get 403 on and the scopes that grant none of them', () => {
    const calls = [call('listSources'), call('searchPost'), call('getOrgConfig')];
    assert.deepEqual(checkToken(calls, ['idn:sources:read', 'idn:accounts:manage']), {
      missing: [
        { file: '/w/x.sh', line: 1, operationId: 'searchPost', scopes: ['sp:search:read'] },
        { file: '/w/x.sh', line: 1, operationId: 'getOrgConfig', scopes: ['sp:scopes:all'] },
      ],
      excess: ['idn:accounts:manage'],
    });
    assert.deepEqual(checkToken(calls, ['sp:scopes:all']), { missing: [], excess: [] });
  });
});

describe('code scan: a hostile workspace', () => {
  let root: string;
  let outside: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'codescan-'));
    outside = mkdtempSync(path.join(tmpdir(), 'codescan-outside-'));
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });
  const call = 'curl "$BASE/v3/sources"\n';

  it('skips node_modules, .git, excluded globs, files over 1 MB and binary files', async () => {
    for (const folder of ['node_modules/pkg', '.git/hooks', 'dist']) {
      mkdirSync(path.join(root, folder), { recursive: true });
      writeFileSync(path.join(root, folder, 'x.sh'), call);
    }
    writeFileSync(path.join(root, 'big.sh'), call + ' '.repeat(1024 * 1024));
    writeFileSync(path.join(root, 'binary.sh'), Buffer.concat([Buffer.from(call), Buffer.from([0, 1, 2])]));
    writeFileSync(path.join(root, 'kept.sh'), call);
    const result = await scanCode(nodeScanFileSystem, [root], INDEX, { exclude: globExcluder(['**/dist']) });
    assert.deepEqual(
      result.calls.map((found) => path.basename(found.file)),
      ['kept.sh'],
    );
  });

  it('follows no symbolic link: not out of the folder, not round a loop', async () => {
    writeFileSync(path.join(outside, 'secret.sh'), call);
    symlinkSync(outside, path.join(root, 'escape'));
    symlinkSync(path.join(outside, 'secret.sh'), path.join(root, 'escape.sh'));
    mkdirSync(path.join(root, 'loop'));
    symlinkSync(path.join(root, 'loop'), path.join(root, 'loop', 'again'));
    const result = await scanCode(nodeScanFileSystem, [root], INDEX);
    assert.deepEqual(result, { calls: [], scopes: [], unmatched: [] });
  });

  it('tolerates invalid UTF-8 around a call', async () => {
    writeFileSync(path.join(root, 'latin1.sh'), Buffer.concat([Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0x0a]), Buffer.from(call), Buffer.from([0xe9])]));
    const result = await scanCode(nodeScanFileSystem, [root], INDEX);
    assert.deepEqual(result.calls.map((found) => `${found.line} ${found.operationId}`), ['2 listSources']);
  });

  it('costs what any megabyte costs on a 1 MB line of /v3/////…, nested quotes, interpolations and concatenations', function () {
    // Ten megabytes of text on a machine shared with others: the assertion is on CPU time, the timeout only a backstop.
    this.timeout(120_000);
    const size = 1024 * 1024 - 64;
    const fill = (unit: string): string => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
    // CPU time, not wall time: on a shared machine the process may wait for a core, which says nothing of the scan.
    const timed = (name: string, text: string): number => {
      const started = process.cpuUsage();
      scanText(`/w/${name}`, text, INDEX);
      const used = process.cpuUsage(started);
      return (used.user + used.system) / 1000;
    };
    const baseline = timed('plain.sh', fill('lorem ipsum dolor sit amet '));
    const hostile: [string, string][] = [
      ['slashes.sh', `curl "$BASE/v3${fill('/')}"`],
      ['quotes.py', fill(`"'\`"'\``)],
      ['nested.ts', fill('${"${\'${`')],
      ['versions.sh', `"$B${fill('/v3')}"`],
      ['concat.js', fill('"$B/v3/sources/" + id + "')],
      ['hosts.sh', fill('https://a.api.identitynow.com/v3/')],
      ['braces.http', fill('{{a}}/v3/{{')],
      ['cmdlets.ps1', `sailpoint ${fill('Get-V2025SourceHealth-')}`],
      ['sdk.ts', `sailpoint-api-client new SourcesApi(c) ${fill('x.listSources(')}`],
    ];
    for (const [name, text] of hostile) {
      const elapsed = timed(name, text);
      assert.ok(elapsed < Math.max(1500, baseline * 40), `${name} took ${elapsed.toFixed(0)} ms (plain text ${baseline.toFixed(0)} ms)`);
    }
  });

  it('keeps unmatched text short and on one line', async () => {
    writeFileSync(path.join(root, 'long.sh'), `curl "$BASE/v3/${'x'.repeat(5000)}\u0007\u001b[2J"\n`);
    const result = await scanCode(nodeScanFileSystem, [root], INDEX);
    assert.equal(result.unmatched.length, 1);
    assert.ok(result.unmatched[0].text.length <= 120);
    assert.ok([...result.unmatched[0].text].every((character) => character.charCodeAt(0) >= 32), result.unmatched[0].text);
  });

  it('stops when cancelled', async () => {
    writeFileSync(path.join(root, 'a.sh'), call);
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(scanCode(nodeScanFileSystem, [root], INDEX, { signal: controller.signal }), (error) => isPatError(error, 'cancelled'));
  });
});

describe('exclude globs', () => {
  it('matches ** folders, * names, ? and [ ] and {a,b}', () => {
    const excluded = globExcluder(['**/dist', '*.log', 'build/**', '**/{tmp,cache}/**', 'a?c.txt', '**/*.[ch]']);
    for (const hidden of ['dist', 'x/dist', 'x.log', 'build/y/z.sh', 'q/tmp/z', 'cache/z', 'abc.txt', 'src/m.c']) assert.ok(excluded(hidden), hidden);
    for (const shown of ['distx', 'x/y.log', 'src/build/z', 'tmpx', 'abbc.txt', 'src/m.cc']) assert.ok(!excluded(shown), shown);
  });

  it('matches a hostile pattern against a long name quickly', () => {
    const excluded = globExcluder([`${'*a'.repeat(100)}b`, `${'**/'.repeat(50)}z`]);
    const started = Date.now();
    assert.equal(excluded(`${'a'.repeat(250)}/${'a'.repeat(250)}`), false);
    assert.ok(Date.now() - started < 500);
  });
});

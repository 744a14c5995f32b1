// Activation does almost nothing: what loads with dist/extension.js must not grow to hold code that only a command,
// a token list or a request needs. The split build is asked which source files end up in the activation set.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ROOT, splitBuild } from './helpers/splitBuild';

/** Source files in dist/extension.js and the chunks it requires at once (not those behind import()). */
async function activationSources(): Promise<Set<string>> {
  const result = await splitBuild('out/activation-set');
  const outputs = result.metafile.outputs;
  const entry = Object.keys(outputs).find((file) => outputs[file].entryPoint === 'src/extension.ts');
  assert.ok(entry, 'no output for src/extension.ts');
  const seen = new Set<string>();
  const pending = [entry];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    pending.push(...outputs[file].imports.filter((each) => each.kind === 'import-statement' && each.path in outputs).map((each) => each.path));
  }
  return new Set([...seen].flatMap((file) => Object.keys(outputs[file].inputs)));
}

describe('what activation loads', function () {
  this.timeout(30_000);
  let sources: Set<string>;

  before(async () => {
    sources = await activationSources();
  });

  it('is read correctly: the entry and the tree are in it', () => {
    assert.ok(sources.has('src/extension.ts') && sources.has('src/ui/tree/patTreeDataProvider.ts'), [...sources].join('\n'));
  });

  it('leaves out the commands, the network stack, token rows and their words, the expiry badge, the scope catalogue, the code scan and YAML', () => {
    const loadedLater = [
      // The tenant rows read the stored records only: the service, the registry's secret side, the input checks and
      // the redactor load on the first call that waits anyway (issue 20 §1).
      'src/core/patService.ts',
      'src/core/store/tenantRegistry.ts',
      'src/core/validation.ts',
      'src/core/client/redact.ts',
      'src/core/messages.ts',
      'src/ui/commands/index.ts',
      'src/core/client/network.ts',
      'src/core/client/http.ts',
      'src/ui/tree/tokenRows.ts',
      'src/ui/view/tokenPresentation.ts',
      'src/core/ops/owners.ts',
      'src/core/scopes/catalogueData.ts',
      'src/core/scopes/compact.ts',
      'src/core/scopes/scopeCatalogue.ts',
      'src/core/ops/cliConfig.ts',
      'src/ui/auth/iscSessions.ts',
      'src/ui/expiryWatch.ts',
      'src/ui/view/expiryText.ts',
      'src/core/codeScan/scan.ts',
      'src/core/codeScan/operationIndex.ts',
      'src/ui/commands/code/codeHover.ts',
      'src/ui/commands/code/workspaceScan.ts',
    ];
    assert.deepEqual(loadedLater.filter((file) => sources.has(file)), []);
    assert.deepEqual([...sources].filter((file) => file.includes('node_modules')), [], 'a package loads at activation');
  });
});

/**
 * Requires dist/extension.js in a fresh Node (with `vscode` served by a stand-in that accepts every use), then every
 * other file of dist; prints which files of dist the first require read and what extension.js exports.
 */
const LOAD_DIST = `
const Module = require('node:module');
const fs = require('node:fs');
const path = require('node:path');
const anything = new Proxy(function () {}, { get: (_, key) => (key === 'then' ? undefined : anything), apply: () => anything, construct: () => anything });
const load = Module._load;
Module._load = function (request, ...rest) { return request === 'vscode' ? anything : load.call(this, request, ...rest); };
const dist = process.argv[1];
const inDist = () => Object.keys(require.cache).filter((file) => path.dirname(file) === dist).map((file) => path.basename(file));
const entry = require(path.join(dist, 'extension.js'));
const atActivation = inDist();
for (const file of fs.readdirSync(dist).filter((name) => name.endsWith('.js'))) require(path.join(dist, file));
process.stdout.write(JSON.stringify({ atActivation, all: inDist().length, exports: Object.keys(entry) }));
`;

describe('dist/extension.js, as Node loads it', function () {
  this.timeout(30_000);
  const dist = path.join(ROOT, 'dist');

  function loadDist(): { atActivation: string[]; all: number; exports: string[] } {
    const child = spawnSync(process.execPath, ['-e', LOAD_DIST, dist], { encoding: 'utf8' });
    assert.equal(child.status, 0, child.stderr);
    return JSON.parse(child.stdout) as { atActivation: string[]; all: number; exports: string[] };
  }

  it('is one file: activation reads nothing else from dist (each file costs a resolve, a read and a compile)', () => {
    assert.deepEqual(loadDist().atActivation, ['extension.js']);
  });

  it('serves every later chunk the modules merged into it, so each chunk of dist loads', () => {
    const loaded = loadDist();
    const files = readdirSync(dist).filter((name) => name.endsWith('.js'));
    assert.equal(loaded.all, files.length);
    // A later chunk requires extension.js once and reads each merged chunk's module from it as `.chunk_<hash>`.
    const later = files.filter((name) => name !== 'extension.js').map((name) => readFileSync(path.join(dist, name), 'utf8'));
    const wanted = new Set(later.filter((code) => code.includes('require("./extension.js")')).flatMap((code) => [...code.matchAll(/\.(chunk_[A-Z0-9]+)\b/g)].map((match) => match[1])));
    assert.ok(wanted.size > 0, 'no chunk reads a module from extension.js: the test no longer looks at the build it was written for');
    assert.deepEqual([...wanted].filter((key) => !loaded.exports.includes(key)), []);
    assert.ok(loaded.exports.includes('activate') && loaded.exports.includes('deactivate'), loaded.exports.join(', '));
  });
});

// Activation does almost nothing: what loads with dist/extension.js must not grow to hold code that only a command,
// a token list or a request needs. The split build is asked which source files end up in the activation set.
import * as assert from 'node:assert/strict';
import { splitBuild } from './helpers/splitBuild';

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

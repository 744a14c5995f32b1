// The scope catalogue ships as a chunk of its own, loaded on first use: the split build is asked what is in it and
// how big it is, minified as `npm run bundle` makes it. Bytes are deterministic, so this may fail the build.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type * as esbuild from 'esbuild';
import { ROOT, splitBuild } from './helpers/splitBuild';

const CHUNK_ENTRY = 'src/core/scopes/scopeCatalogue.ts';
const CHUNK_LIMIT_BYTES = 150 * 1024;

describe('the scope catalogue chunk', function () {
  this.timeout(30_000);
  let outputs: esbuild.Metafile['outputs'];
  let texts: Map<string, string>;

  before(async () => {
    const result = await splitBuild('out/scope-chunk', { minify: true, legalComments: 'none', chunkNames: '[name]-[hash]' });
    outputs = result.metafile.outputs;
    texts = new Map(result.outputFiles.map((file) => [path.relative(ROOT, file.path), file.text]));
  });

  function chunk(): [string, esbuild.Metafile['outputs'][string]] {
    const found = Object.entries(outputs).find(([, output]) => output.entryPoint === CHUNK_ENTRY);
    assert.ok(found, `no chunk of its own for ${CHUNK_ENTRY}: ${Object.keys(outputs).join(', ')}`);
    return found;
  }

  it('is named after the catalogue and holds its data, decoder and class, which no other output holds', () => {
    const [file, output] = chunk();
    assert.match(path.basename(file), /^scopeCatalogue-[A-Z0-9]+\.js$/);
    for (const input of ['src/core/scopes/catalogueData.ts', 'src/core/scopes/compact.ts']) {
      assert.ok(input in output.inputs, `${input} is not in ${file}`);
      const elsewhere = Object.keys(outputs).filter((other) => other !== file && input in outputs[other].inputs);
      assert.deepEqual(elsewhere, [], `${input} is also in ${elsewhere.join(', ')}`);
    }
  });

  it(`stays within ${CHUNK_LIMIT_BYTES / 1024} KB minified, all of the catalogue included`, () => {
    const [file, output] = chunk();
    const largest = Object.entries(output.inputs).sort(([, a], [, b]) => b.bytesInOutput - a.bytesInOutput).slice(0, 3);
    const parts = largest.map(([input, { bytesInOutput }]) => `${input} ${bytesInOutput} B`).join(', ');
    assert.ok(output.bytes <= CHUNK_LIMIT_BYTES, `${file} is ${output.bytes} B, ${output.bytes - CHUNK_LIMIT_BYTES} B over ${CHUNK_LIMIT_BYTES} B (${parts})`);
  });

  it("carries SailPoint's MIT licence with the data, although the bundle drops comments", () => {
    const text = texts.get(chunk()[0]) ?? '';
    assert.match(text, /Copyright \(c\) 2022 SailPoint/);
    assert.match(text, /THE SOFTWARE IS PROVIDED \\"AS IS\\"|THE SOFTWARE IS PROVIDED "AS IS"/);
  });
});

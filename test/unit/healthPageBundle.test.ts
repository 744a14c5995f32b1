// The health overview's page ships minified (esbuild.mjs, minifyWebviewPage): the production build must carry the
// same script and style as the source, only smaller, or the webview would run something no unit test has read.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import * as esbuild from 'esbuild';
import { HEALTH_PAGE_SCRIPT, HEALTH_PAGE_STYLE } from '../../src/ui/view/healthPage';
import { readBundle, ROOT } from './helpers/bundleBytes';

/** The string literal in `code` whose text starts with `start`, read back into the string it stands for. */
function stringLiteralStarting(code: string, start: string): string | undefined {
  for (const quote of ['"', "'", '`']) {
    const open = code.indexOf(`${quote}${start}`);
    if (open < 0) continue;
    let close = open + 1;
    while (close < code.length && code[close] !== quote) close += code[close] === '\\' ? 2 : 1;
    return vm.runInNewContext(code.slice(open, close + 1)) as string;
  }
  return undefined;
}

describe('the health overview page in the production bundle', () => {
  let chunk: string;

  before(() => {
    const file = readBundle().find((each) => each.inputs.some((input) => input.endsWith('src/ui/view/healthPage.ts')));
    assert.ok(file, 'no file of dist holds src/ui/view/healthPage.ts');
    chunk = readFileSync(path.join(ROOT, 'dist', file.name), 'utf8');
  });

  it('carries the source script minified: the same program, smaller', async () => {
    const expected = (await esbuild.transform(HEALTH_PAGE_SCRIPT, { minify: true, target: 'es2019' })).code.trim();
    const shipped = stringLiteralStarting(chunk, '(function(){');
    assert.equal(shipped, expected);
    assert.ok(expected.length < HEALTH_PAGE_SCRIPT.length * 0.75, `minified ${expected.length} of ${HEALTH_PAGE_SCRIPT.length} characters`);
  });

  it('carries the source style minified', async () => {
    const expected = (await esbuild.transform(HEALTH_PAGE_STYLE, { loader: 'css', minify: true })).code.trim();
    assert.equal(stringLiteralStarting(chunk, 'body{'), expected);
  });
});

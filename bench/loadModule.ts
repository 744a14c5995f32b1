// Child process entry: `node loadModule.js <file>` prints how many milliseconds `require(<file>)` took in a
// fresh Node. For our bundle, `vscode` is served by a stand-in first, as the extension host already holds the real one.
import { readFileSync } from 'node:fs';
import Module from 'node:module';
import { performance } from 'node:perf_hooks';

interface ResolvingModule {
  _resolveFilename(request: string, ...rest: unknown[]): string;
  _cache: Record<string, Module>;
}

/** Every capitalised member the bundle reads (TreeItem, ThemeIcon, ...) as an empty class. */
function provideVscodeStandIn(bundlePath: string): void {
  const members = readFileSync(bundlePath, 'utf8').match(/\.[A-Z][A-Za-z]*\b/g) ?? [];
  const api: Record<string, unknown> = {};
  for (const member of members) api[member.slice(1)] = class {};
  const internals = Module as unknown as ResolvingModule;
  const standIn = new Module('vscode');
  standIn.exports = api;
  standIn.loaded = true;
  internals._cache.vscode = standIn;
  const resolve = internals._resolveFilename.bind(Module);
  internals._resolveFilename = (request, ...rest) => (request === 'vscode' ? 'vscode' : resolve(request, ...rest));
}

function main(): void {
  const [target, mode] = process.argv.slice(2);
  if (target === undefined) throw new Error('usage: node loadModule.js <module or file> [--vscode-stand-in]');
  if (mode === '--vscode-stand-in') provideVscodeStandIn(target);
  const load = Module.createRequire(__filename);
  const startedAt = performance.now();
  load(target);
  process.stdout.write(String(performance.now() - startedAt));
}

main();

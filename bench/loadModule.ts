// Child process entry: `node loadModule.js <file>` prints, as JSON, how many milliseconds `require(<file>)` took in a
// fresh Node and which files beside it that loaded (for our bundle: extension.js and the chunks activation needs). For our bundle, `vscode` is served by a stand-in first, as the extension host already holds the real one.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { installVscodeStandIn } from './vscodeStandIn';

export interface ModuleLoad {
  ms: number;
  /** Names of the files in the target's directory that the load read. */
  files: string[];
}

/** Every capitalised member the bundle and its chunks read (TreeItem, ThemeIcon, ...) as an empty class. */
function provideVscodeStandIn(bundlePath: string): void {
  const dir = path.dirname(bundlePath);
  const code = readdirSync(dir).filter((name) => name.endsWith('.js')).map((name) => readFileSync(path.join(dir, name), 'utf8'));
  const members = code.join('\n').match(/\.[A-Z][A-Za-z]*\b/g) ?? [];
  const api: Record<string, unknown> = {};
  for (const member of members) api[member.slice(1)] = class {};
  installVscodeStandIn(api);
}

function main(): void {
  const [target, mode] = process.argv.slice(2);
  if (target === undefined) throw new Error('usage: node loadModule.js <module or file> [--vscode-stand-in]');
  if (mode === '--vscode-stand-in') provideVscodeStandIn(target);
  const load = Module.createRequire(__filename);
  const startedAt = performance.now();
  load(target);
  const ms = performance.now() - startedAt;
  const dir = path.dirname(target);
  const files = Object.keys(load.cache).filter((file) => path.dirname(file) === dir).map((file) => path.basename(file));
  process.stdout.write(JSON.stringify({ ms, files } satisfies ModuleLoad));
}

if (require.main === module) main();

/** Runs this file in a fresh Node for `target`; `standIn` serves `vscode` first, for our bundle. */
export function loadInFreshNode(target: string, standIn: boolean): ModuleLoad {
  const output = execFileSync(process.execPath, [__filename, target, ...(standIn ? ['--vscode-stand-in'] : [])], { encoding: 'utf8' });
  return JSON.parse(output) as ModuleLoad;
}

// The layering has no import cycles, not even through a type or a lazy import(): a cycle makes load order matter and
// hides which module owns what.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

const SRC = path.resolve(__dirname, '../../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** A relative specifier as the source file it names (`./x.js` is `./x.ts` after compiling). */
function resolvedSource(from: string, specifier: string): string {
  const target = path.resolve(path.dirname(from), specifier.replace(/\.js$/, ''));
  return existsSync(`${target}.ts`) ? `${target}.ts` : path.join(target, 'index.ts');
}

/** Every relative file a module names: imports and re-exports, type-only or not, and dynamic import(). */
function importedSources(file: string, text = readFileSync(file, 'utf8')): string[] {
  return ts
    .preProcessFile(text, true, false)
    .importedFiles.map((imported) => imported.fileName)
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => resolvedSource(file, specifier));
}

/** A cycle among the files, as a list of paths, or undefined. */
function findCycle(graph: Map<string, string[]>): string[] | undefined {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string): string[] | undefined => {
    if (state.get(file) === 'done') return undefined;
    if (state.get(file) === 'visiting') return [...stack.slice(stack.indexOf(file)), file];
    state.set(file, 'visiting');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(file, 'done');
    return undefined;
  };
  for (const file of graph.keys()) {
    const cycle = visit(file);
    if (cycle) return cycle;
  }
  return undefined;
}

describe('import graph of src', () => {
  const graph = new Map(sourceFiles(SRC).map((file) => [file, importedSources(file)]));

  it('is read correctly: known edges are found', () => {
    const redact = path.join(SRC, 'core/client/redact.ts');
    assert.ok(graph.get(redact)?.includes(path.join(SRC, 'core/validation.ts')), 'redact.ts imports validation.ts');
    assert.ok(findCycle(new Map([['a', ['b']], ['b', ['a']]])), 'a two-file cycle is found');
  });

  it('reads type-only imports, re-exports and lazy import() as edges, and skips comments and packages', () => {
    const file = path.join(SRC, 'extension.ts');
    const text = [
      "import type { A } from './core/model';",
      "import { type B } from './core/errors';",
      "export type { C } from './core/ports';",
      "const lazy = import('./core/patService.js');",
      "// import { D } from './core/messages';",
      "import * as vscode from 'vscode';",
    ].join('\n');
    const named = importedSources(file, text).map((target) => path.relative(SRC, target));
    assert.deepEqual(named, ['core/model.ts', 'core/errors.ts', 'core/ports.ts', 'core/patService.ts']);
  });

  it('has no cycles, type-only and lazy imports included', () => {
    const cycle = findCycle(graph);
    assert.equal(cycle?.map((file) => path.relative(SRC, file)).join(' -> '), undefined);
  });
});

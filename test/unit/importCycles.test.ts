// The layering has no import cycles: a cycle makes load order matter and hides which module owns what.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const SRC = path.resolve(__dirname, '../../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** The files a module loads when it loads: static, non-type imports and re-exports of relative paths. */
function staticImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found = [...text.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?from\s+'(\.[^']+)'/gms)].map((match) => match[1]);
  return found
    .map((specifier) => path.resolve(path.dirname(file), specifier))
    .map((target) => (existsSync(`${target}.ts`) ? `${target}.ts` : path.join(target, 'index.ts')));
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
  const graph = new Map(sourceFiles(SRC).map((file) => [file, staticImports(file)]));

  it('is read correctly: known edges are found', () => {
    const redact = path.join(SRC, 'core/client/redact.ts');
    assert.ok(graph.get(redact)?.includes(path.join(SRC, 'core/validation.ts')), 'redact.ts imports validation.ts');
    assert.ok(findCycle(new Map([['a', ['b']], ['b', ['a']]])), 'a two-file cycle is found');
  });

  it('has no cycles (type-only imports and lazy import() excepted)', () => {
    const cycle = findCycle(graph);
    assert.equal(cycle?.map((file) => path.relative(SRC, file)).join(' -> '), undefined);
  });
});

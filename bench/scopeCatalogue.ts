// The scope catalogue: the bytes of its chunk, and the first opening of the scope picker: the chunk required and
// decoded, then every scope's row built as the picker shows it. Each sample in a fresh Node (the first open is
// what a person waits for); the picker's wording comes from the compiled scopeChoices module, loaded beforehand, as the
// commands chunk that holds it is loaded by then.
// Child process entry: `node scopeCatalogue.js <chunk> <scopeChoices module>` prints one sample as JSON.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ScopeCatalogue } from '../src/core/scopes/catalogue';
import type * as ScopeChoices from '../src/ui/commands/token/scopeChoices';
import { atMost, type Figure, missing } from './figures';
import { median, round } from './stats';

const SAMPLES = 5;
const CHUNK_LIMIT_BYTES = 150 * 1024;
const FIRST_OPEN_LIMIT_MS = 100;

interface FirstOpen {
  /** require() of the chunk. */
  loadMs: number;
  /** buildScopeCatalogue(): decoding every operation. */
  decodeMs: number;
  /** A row for every scope, as the scope picker shows them. */
  scopeRowsMs: number;
  /** A row for every operation, as Pick by API shows them (after the picker, on request). */
  operationRowsMs: number;
  operations: number;
  scopes: number;
}

function sampleFirstOpen(chunk: string, choicesModule: string): FirstOpen {
  const load = Module.createRequire(__filename);
  const choices = load(choicesModule) as typeof ScopeChoices;
  const startedAt = performance.now();
  const { buildScopeCatalogue } = load(chunk) as { buildScopeCatalogue: () => ScopeCatalogue };
  const loadedAt = performance.now();
  const catalogue = buildScopeCatalogue();
  const decodedAt = performance.now();
  const scopeRows = catalogue.scopes.map((scope) => choices.scopeChoiceText(catalogue, scope));
  const scopeRowsAt = performance.now();
  const operationRows = catalogue.operations.map((operation) => choices.operationChoiceText(operation));
  const operationRowsAt = performance.now();
  return {
    loadMs: loadedAt - startedAt,
    decodeMs: decodedAt - loadedAt,
    scopeRowsMs: scopeRowsAt - decodedAt,
    operationRowsMs: operationRowsAt - scopeRowsAt,
    operations: operationRows.length,
    scopes: scopeRows.length,
  };
}

if (require.main === module) {
  const [chunk, choicesModule] = process.argv.slice(2);
  process.stdout.write(JSON.stringify(sampleFirstOpen(chunk, choicesModule)));
}

function firstOpenInFreshNode(chunk: string, choicesModule: string): FirstOpen {
  return JSON.parse(execFileSync(process.execPath, [__filename, chunk, choicesModule], { encoding: 'utf8' })) as FirstOpen;
}

const firstOpenTotal = (sample: FirstOpen): number => sample.loadMs + sample.decodeMs + sample.scopeRowsMs;

export function measureScopeCatalogue(repoRoot: string): Figure[] {
  const sizeFigure = 'scope catalogue chunk, minified (all 6 API families)';
  const sizeTarget = atMost(CHUNK_LIMIT_BYTES, `≤ 150 KB (${CHUNK_LIMIT_BYTES.toLocaleString('en-US')} B)`);
  const openFigure = 'scope picker, first open: catalogue loaded, decoded, every scope row built';
  const openTarget = atMost(FIRST_OPEN_LIMIT_MS, `≤ ${FIRST_OPEN_LIMIT_MS} ms`);
  const dist = path.join(repoRoot, 'dist');
  const chunk = existsSync(dist) ? readdirSync(dist).find((file) => /^scopeCatalogue-[A-Z0-9]+\.js$/.test(file)) : undefined;
  const choicesModule = path.join(repoRoot, 'out/src/ui/commands/token/scopeChoices.js');
  if (chunk === undefined || !existsSync(choicesModule)) {
    const why = 'no dist/scopeCatalogue-*.js or out/src/ui/commands/token/scopeChoices.js: run `npm run compile && npm run bundle`';
    return [missing(sizeFigure, 'B', sizeTarget, why), missing(openFigure, 'ms', openTarget, why)];
  }
  const chunkPath = path.join(dist, chunk);
  const samples = Array.from({ length: SAMPLES }, () => firstOpenInFreshNode(chunkPath, choicesModule));
  const at = (part: (sample: FirstOpen) => number): string => `${round(median(samples.map(part)), 1)} ms`;
  const [{ operations, scopes }] = samples;
  return [
    { figure: sizeFigure, value: statSync(chunkPath).size, unit: 'B', target: sizeTarget, detail: `${operations.toLocaleString('en-US')} operations, ${scopes} scopes` },
    {
      figure: openFigure,
      value: round(median(samples.map(firstOpenTotal)), 1),
      unit: 'ms',
      target: openTarget,
      detail:
        `require ${at((sample) => sample.loadMs)}, decode ${at((sample) => sample.decodeMs)}, ${scopes} scope rows ` +
        `${at((sample) => sample.scopeRowsMs)}; then Pick by API's ${operations.toLocaleString('en-US')} rows ` +
        `${at((sample) => sample.operationRowsMs)}; medians of ${SAMPLES} fresh Node processes`,
    },
  ];
}

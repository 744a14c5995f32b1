// `npm run bench`: measures the extension against the fake tenant and prints one table (figure, value, target,
// met?); writes the same to bench/results.json. Figures, not tests: nothing here fails on a missed target.
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import * as path from 'node:path';
import { measureBulkDelete } from './bulkDelete';
import { measureBundle } from './bundle';
import { measureCodeScan } from './codeScan';
import { type Figure, missesLine, missing, NO_TARGET, verdict } from './figures';
import { runInHost } from './host';
import { hostFigures } from './hostFigures';
import { measureManyTenants } from './manyTenants';
import { measureScopeCatalogue } from './scopeCatalogue';
import { measureSideBySide } from './sideBySide';
import { measureWorkbench } from './workbench';

const repoRoot = path.resolve(__dirname, '../..');
const HOST_RUNS = Number(process.env.BENCH_HOST_RUNS ?? 5);

function progress(line: string): void {
  console.error(`[bench] ${line}`);
}

/** A section that throws still leaves a row saying why, and the rest still run. */
async function section(name: string, measure: () => Figure[] | Promise<Figure[]>): Promise<Figure[]> {
  progress(name);
  try {
    return await measure();
  } catch (error) {
    return [missing(name, '', NO_TARGET, `failed: ${error instanceof Error ? error.message : String(error)}`)];
  }
}

function formatValue(figure: Figure): string {
  if (figure.value === null) return 'missing';
  if (figure.unit === 'B') return `${figure.value.toLocaleString('en-US')} B (${(figure.value / 1024).toFixed(1)} KB)`;
  return `${figure.value} ${figure.unit}`;
}

function table(figures: readonly Figure[]): string {
  const rows = figures.map((figure) => [figure.figure, formatValue(figure), figure.target.text, verdict(figure), figure.floor ?? '—', figure.detail ?? '']);
  const header = ['figure', 'value', 'target', 'met?', 'floor', 'detail'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: readonly string[]): string =>
    `| ${cells.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column]))).join(' | ')} |`;
  const rule = `|${widths.map((width, column) => '-'.repeat(column === widths.length - 1 ? 5 : width + 2)).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

function writeResults(figures: readonly Figure[]): string {
  const file = path.join(repoRoot, 'bench/results.json');
  const records = figures.map((figure) => ({
    figure: figure.figure,
    value: figure.value,
    unit: figure.unit,
    target: figure.target.text,
    met: verdict(figure),
    ...(figure.floor === undefined ? {} : { floor: figure.floor }),
    ...(figure.detail === undefined ? {} : { detail: figure.detail }),
  }));
  writeFileSync(file, `${JSON.stringify(records, null, 2)}\n`);
  return file;
}

async function main(): Promise<void> {
  const startedAt = Date.now();
  const figures = [
    ...(await section('bundle and package', () => measureBundle(repoRoot))),
    ...(await section('scope catalogue', () => measureScopeCatalogue(repoRoot))),
    ...(await section(`activation and scale in VS Code (${HOST_RUNS} fresh hosts)`, async () => hostFigures(await runInHost(repoRoot, HOST_RUNS, progress)))),
    ...(await section('the first seconds in the browser workbench', measureWorkbench)),
    ...(await section('many tenants', measureManyTenants)),
    ...(await section('bulk delete under a rate limit', measureBulkDelete)),
    ...(await section('side by side with sailpoint-api-client', () => measureSideBySide(repoRoot))),
    ...(await section('code scan of a generated workspace', measureCodeScan)),
  ];
  const machine = `Node ${process.version}, ${cpus().length} CPUs, load average ${loadavg().map((load) => load.toFixed(1)).join(' ')}`;
  progress(`written to ${path.relative(repoRoot, writeResults(figures))}`);
  // Ready to paste over the README's "Latest run" block: its heading line, the table and the misses line.
  console.log(`\nLatest run (${machine}; ${((Date.now() - startedAt) / 1000).toFixed(0)} s):\n\n${table(figures)}\n\n${missesLine(figures)}`);
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});

// Bundle: the bytes of the minified code VS Code loads at activation (dist/extension.js and the chunks it requires
// at once), of all of dist (the chunks that load on first use included) and of the .vsix vsce makes.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { atMost, type Figure, missing } from './figures';
import { packageVsix } from '../scripts/packageVsix';
import { zipEntries } from '../test/unit/helpers/bundleBytes';
import { loadInFreshNode } from './loadModule';

const KB = 1024;
/** Issue 20's targets. */
const ACTIVATION_LIMIT_BYTES = 30 * KB;
const REST_OF_DIST_LIMIT_BYTES = 150 * KB;
const SCOPE_DATA_LIMIT_BYTES = 150 * KB;
const VSIX_LIMIT_BYTES = 150 * KB;

function kilobytes(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

function bytesOf(dist: string, files: readonly string[]): number {
  return files.reduce((sum, file) => sum + statSync(path.join(dist, file)).size, 0);
}

/** A file of dist as the build's report (out/bundle-report.json, written by esbuild.mjs) describes it. */
interface ReportedFile {
  name: string;
  inputs: string[];
  /** Each source file's minified bytes in it (esbuild's bytesInOutput, before the CommonJS conversion). */
  inputBytes?: Record<string, number>;
}

function readReport(repoRoot: string): ReportedFile[] {
  return (JSON.parse(readFileSync(path.join(repoRoot, 'out/bundle-report.json'), 'utf8')) as { files: ReportedFile[] }).files;
}

/** The chunk holding the generated scope catalogue, as the build's report names it. */
function scopeDataFiles(repoRoot: string): string[] {
  return readReport(repoRoot).filter((file) => file.inputs.some((input) => input.startsWith('src/core/scopes/catalogueData'))).map((file) => file.name);
}

/** How many of the largest parts a detail names. */
const LARGEST_COUNT = 12;

/** The source files that weigh most in these files of dist: the profile of where the bytes go. */
export function largestSources(report: readonly ReportedFile[], files: readonly string[], count = LARGEST_COUNT): string {
  const bytes = new Map<string, number>();
  for (const file of report.filter((each) => files.includes(each.name))) {
    for (const [input, size] of Object.entries(file.inputBytes ?? {})) bytes.set(input, (bytes.get(input) ?? 0) + size);
  }
  const shortName = (input: string): string => input.replace(/^src\//, '').replace(/^node_modules\/([^/]+)\/.*$/, '$1 (package)');
  return [...bytes].sort((a, b) => b[1] - a[1]).slice(0, count).map(([input, size]) => `${shortName(input)} ${kilobytes(size)}`).join(', ');
}

/**
 * What a chunk's first use reads beyond what activation loaded: the chunk and every chunk it requires at once
 * (`import()` lowered to a require inside `.then(() => …)` loads later, so it does not count).
 */
export function firstUseFiles(dist: string, chunk: string, loaded: ReadonlySet<string>): string[] {
  const reads = new Set<string>();
  const visit = (file: string): void => {
    if (reads.has(file) || loaded.has(file)) return;
    reads.add(file);
    for (const match of readFileSync(path.join(dist, file), 'utf8').matchAll(/(then\(\(\)=>[\w$]*\(?)?require\("\.\/([^"]+)"\)/g)) {
      if (match[1] === undefined) visit(match[2]);
    }
  };
  visit(chunk);
  return [...reads];
}

/** The .vsix's largest entries, packed. */
function vsixEntries(zip: Buffer, count = LARGEST_COUNT): string {
  const entries = zipEntries(zip).map((entry) => ({ name: entry.name.replace(/^extension\//, '').replace(/-[A-Z0-9]{8}\.js$/, '.js'), bytes: entry.bytes }));
  return `largest entries packed: ${entries.sort((a, b) => b.bytes - a.bytes).slice(0, count).map((entry) => `${entry.name} ${kilobytes(entry.bytes)}`).join(', ')}`;
}

function chunkList(dist: string, files: readonly string[]): string {
  return files.map((file) => `${file.replace(/-[A-Z0-9]{8}\.js$/, '')} ${kilobytes(bytesOf(dist, [file]))}`).join(', ');
}

/** The files a fresh require() of dist/extension.js reads are exactly what VS Code loads before activate(). */
function bundleFigures(repoRoot: string): Figure[] {
  const figure = 'bundle loaded at activation (dist/extension.js + chunks it requires)';
  const target = atMost(ACTIVATION_LIMIT_BYTES, `≤ 30 KB (${ACTIVATION_LIMIT_BYTES.toLocaleString('en-US')} B)`);
  const restTarget = atMost(REST_OF_DIST_LIMIT_BYTES, '≤ 150 KB');
  const dist = path.join(repoRoot, 'dist');
  if (!existsSync(path.join(dist, 'extension.js'))) {
    const why = 'dist/extension.js is missing: run `npm run bundle`';
    return [missing(figure, 'B', target, why), missing('all of dist except the scope data', 'B', restTarget, why)];
  }
  const loaded = loadInFreshNode(path.join(dist, 'extension.js'), true).files;
  const all = readdirSync(dist).filter((file) => file.endsWith('.js'));
  const scopeData = scopeDataFiles(repoRoot);
  const rest = all.filter((file) => !scopeData.includes(file));
  const onFirstUse = rest.filter((file) => !loaded.includes(file)).sort((a, b) => bytesOf(dist, [b]) - bytesOf(dist, [a]));
  const commands = all.find((file) => file.startsWith('commands-'));
  const firstCommand = commands === undefined ? [] : firstUseFiles(dist, commands, new Set(loaded));
  return [
    {
      figure,
      value: bytesOf(dist, loaded),
      unit: 'B',
      target,
      detail: `extension.js ${kilobytes(bytesOf(dist, ['extension.js']))} + ${loaded.length - 1} shared chunks and runtime`,
    },
    {
      figure: 'all of dist (loaded on first use), except the scope data',
      value: bytesOf(dist, rest),
      unit: 'B',
      target: restTarget,
      detail:
        `on first use: ${chunkList(dist, onFirstUse)}; the first command run reads ${kilobytes(bytesOf(dist, firstCommand))} (commands and ${firstCommand.length - 1} chunks); ` +
        `largest sources (minified, all of it): ${largestSources(readReport(repoRoot), rest)}`,
    },
    {
      figure: 'scope data (generated catalogue chunk)',
      value: bytesOf(dist, scopeData),
      unit: 'B',
      target: atMost(SCOPE_DATA_LIMIT_BYTES, '≤ 150 KB'),
      detail: chunkList(dist, scopeData),
    },
  ];
}

/** The first ERROR line vsce printed, or its last words. */
function vsceFailure(output: string): string {
  const lines = output.split('\n').map((line) => line.trim()).filter((line) => line !== '');
  const error = lines.find((line) => line.startsWith('ERROR'));
  return (error ?? lines.at(-1) ?? 'no output').replace(/\s+/g, ' ').slice(0, 300);
}

function vsixFigure(): Figure {
  const figure = '.vsix (npm run package: vsce, then zopfli)';
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-vsix-'));
  try {
    const vsix = path.join(dir, 'x.vsix');
    const result = packageVsix(vsix);
    if (result.status !== 0) {
      return missing(figure, 'B', atMost(VSIX_LIMIT_BYTES, '≤ 150 KB'), `vsce could not package: ${vsceFailure(result.output)}`);
    }
    return { figure, value: statSync(vsix).size, unit: 'B', target: atMost(VSIX_LIMIT_BYTES, '≤ 150 KB with the scope data'), detail: vsixEntries(readFileSync(vsix)) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Sizes do not vary between runs, so one measurement is the median. */
export function measureBundle(repoRoot: string): Figure[] {
  return [...bundleFigures(repoRoot), vsixFigure()];
}

// Bundle: the bytes of the minified code VS Code loads at activation (dist/extension.js and the chunks it requires
// at once), of all of dist (the chunks that load on first use included) and of the .vsix vsce makes.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { atMost, type Figure, missing, NO_TARGET } from './figures';
import { loadInFreshNode } from './loadModule';

const BUNDLE_LIMIT_BYTES = 60 * 1024;

function kilobytes(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

function bytesOf(dist: string, files: readonly string[]): number {
  return files.reduce((sum, file) => sum + statSync(path.join(dist, file)).size, 0);
}

/** The files a fresh require() of dist/extension.js reads are exactly what VS Code loads before activate(). */
function bundleFigures(repoRoot: string): Figure[] {
  const figure = 'minified bundle loaded at activation (dist/extension.js + chunks it requires)';
  const target = atMost(BUNDLE_LIMIT_BYTES, `≤ 60 KB (${BUNDLE_LIMIT_BYTES.toLocaleString('en-US')} B)`);
  const dist = path.join(repoRoot, 'dist');
  if (!existsSync(path.join(dist, 'extension.js'))) {
    const why = 'dist/extension.js is missing: run `npm run bundle`';
    return [missing(figure, 'B', target, why), missing('minified bundle, all of dist', 'B', NO_TARGET, why)];
  }
  const loaded = loadInFreshNode(path.join(dist, 'extension.js'), true).files;
  const all = readdirSync(dist).filter((file) => file.endsWith('.js'));
  const onFirstUse = all.filter((file) => !loaded.includes(file));
  return [
    {
      figure,
      value: bytesOf(dist, loaded),
      unit: 'B',
      target,
      detail: `extension.js ${kilobytes(bytesOf(dist, ['extension.js']))} + ${loaded.length - 1} shared chunks`,
    },
    {
      figure: 'minified bundle, all of dist (chunks loaded on first use included)',
      value: bytesOf(dist, all),
      unit: 'B',
      target: NO_TARGET,
      detail: `on first use: ${onFirstUse.map((file) => `${file.replace(/-[A-Z0-9]+\.js$/, '')} ${kilobytes(bytesOf(dist, [file]))}`).join(', ')}`,
    },
  ];
}

/** The first ERROR line vsce printed, or its last words. */
function vsceFailure(output: string): string {
  const lines = output.split('\n').map((line) => line.trim()).filter((line) => line !== '');
  const error = lines.find((line) => line.startsWith('ERROR'));
  return (error ?? lines.at(-1) ?? 'no output').replace(/\s+/g, ' ').slice(0, 300);
}

function vsixFigure(repoRoot: string): Figure {
  const figure = '.vsix (vsce package --no-dependencies)';
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-vsix-'));
  try {
    const vsix = path.join(dir, 'x.vsix');
    const vsce = path.join(repoRoot, 'node_modules/.bin/vsce');
    // stdin closed: vsce must not sit waiting on a question nobody will answer.
    const result = spawnSync(vsce, ['package', '--no-dependencies', '--out', vsix], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
    if (result.status !== 0) {
      return missing(figure, 'B', NO_TARGET, `vsce could not package: ${vsceFailure(`${result.stdout}\n${result.stderr}`)}`);
    }
    return { figure, value: statSync(vsix).size, unit: 'B', target: NO_TARGET };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Sizes do not vary between runs, so one measurement is the median. */
export function measureBundle(repoRoot: string): Figure[] {
  return [...bundleFigures(repoRoot), vsixFigure(repoRoot)];
}

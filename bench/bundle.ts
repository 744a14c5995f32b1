// Bundle: the bytes of the minified dist/extension.js (built by `npm run bundle`) and of the .vsix vsce makes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { atMost, type Figure, missing, NO_TARGET } from './figures';

const BUNDLE_LIMIT_BYTES = 60 * 1024;

function bundleFigure(repoRoot: string): Figure {
  const figure = 'minified bundle (dist/extension.js)';
  const target = atMost(BUNDLE_LIMIT_BYTES, `≤ 60 KB (${BUNDLE_LIMIT_BYTES.toLocaleString('en-US')} B)`);
  try {
    return { figure, value: statSync(path.join(repoRoot, 'dist/extension.js')).size, unit: 'B', target };
  } catch {
    return missing(figure, 'B', target, 'dist/extension.js is missing: run `npm run bundle`');
  }
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
  return [bundleFigure(repoRoot), vsixFigure(repoRoot)];
}

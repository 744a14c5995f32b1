// A clone of this repository must build, test, bench and demo alone: nothing it runs may refer to ../shared or to
// any other path outside the repository (our CI machines have such folders; a contributor's clone does not).
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

const REPO_ROOT = path.resolve(__dirname, '../../..');
/** This file, whose examples of what the check flags would flag it. */
const THIS_FILE = 'test/unit/standsAlone.test.ts';
/** The carried SailPoint specs: their own folder is named shared (idn/apis/shared), so only their $refs are checked. */
const CARRIED_SPECS = 'test/contract/specs/';

/** What the build, the tests, the scripts, the bench, CI and F5 run or read, relative to the repository root. */
const SCANNED_ROOTS = ['src', 'test', 'scripts', 'bench', '.ci', '.vscode', 'package.json', 'esbuild.mjs', 'eslint.config.mjs'];
const SKIPPED_FOLDERS = new Set(['node_modules', 'out', 'dist', '.vscode-test']);
const TEXT_FILE = /\.(ts|mts|cts|js|mjs|cjs|json|ya?ml|sh)$|^[^.]+$/;

/** Every text file under the scanned roots (plus the root tsconfig files), as repository-relative POSIX paths. */
function scannedFiles(): string[] {
  const files: string[] = [];
  const visit = (relative: string): void => {
    const absolute = path.join(REPO_ROOT, relative);
    if (statSync(absolute).isDirectory()) {
      for (const name of readdirSync(absolute)) if (!SKIPPED_FOLDERS.has(name)) visit(path.posix.join(relative, name));
    } else if (TEXT_FILE.test(path.posix.basename(relative))) {
      files.push(relative);
    }
  };
  const tsconfigs = readdirSync(REPO_ROOT).filter((name) => /^tsconfig.*\.json$/.test(name));
  for (const root of [...SCANNED_ROOTS, ...tsconfigs]) visit(root);
  return files;
}

const PATH_CALL = /path(?:\.posix)?\.(?:join|resolve)\(\s*([\w.]+(?:\(\))?)\s*((?:,\s*(['"`])[^'"`$]*\3\s*)+)\)/g;
const QUOTED = /(['"`])([^'"`$]*)\1/g;
const SHARED_NAMED = /\.\.[\\/]+shared\b|(['"`])\.\.\1\s*,\s*(['"`])shared\2/;
const ABSOLUTE_OUTSIDE = /(?<![\w.:/~-])\/(?:work|home|Users|mnt|srv|opt)\/[\w.-]/;

/** Where a compiled file runs from: TypeScript runs as out/<same path>.js, other files where they are. */
function runFolder(file: string): string {
  const folder = path.posix.dirname(file);
  return /\.[mc]?ts$/.test(file) ? path.posix.join('out', folder) : folder;
}

function climbsOut(fromFolder: string, segments: string[]): boolean {
  const target = path.posix.normalize(path.posix.join(fromFolder, ...segments));
  return target === '..' || target.startsWith('../');
}

/** The references of one file's text that leave the repository, each as a short description. */
export function outsideReferences(file: string, text: string): string[] {
  const problems: string[] = [];
  if (!file.startsWith(CARRIED_SPECS) && SHARED_NAMED.test(text)) problems.push(`${file} refers to ../shared`);
  const absolute = ABSOLUTE_OUTSIDE.exec(text);
  if (absolute) problems.push(`${file} names the absolute path ${JSON.stringify(text.slice(absolute.index, absolute.index + 30))}`);
  // path.join/resolve from __dirname or from a repository root: resolve where the code really runs.
  const rest = text.replace(PATH_CALL, (call: string, base: string, args: string) => {
    const segments = [...args.matchAll(QUOTED)].map((match) => match[2]);
    const from = /^(__dirname|import\.meta\.dirname)$/.test(base) ? runFolder(file) : /root/i.test(base) ? '.' : undefined;
    if (from !== undefined && climbsOut(from, segments)) problems.push(`${file}: ${call} leaves the repository`);
    return from === undefined ? call : '';
  });
  // Any other relative path (imports, requires, $refs, extends) is taken from the file's own folder.
  for (const [, , literal] of rest.matchAll(QUOTED)) {
    if (/^\.\.?[\\/]/.test(literal) && climbsOut(path.posix.dirname(file), literal.split(/[\\/]/))) {
      problems.push(`${file}: '${literal}' leaves the repository`);
    }
  }
  return problems;
}

describe('The repository stands alone', () => {
  it('no source, test, script, bench file, manifest, build, lint, CI or F5 config refers to a path outside it', () => {
    const files = scannedFiles();
    for (const expected of ['package.json', 'esbuild.mjs', 'eslint.config.mjs', '.ci/run', 'test/contract/spec.ts', 'bench/run.ts']) {
      assert.ok(files.includes(expected), `${expected} is not scanned`);
    }
    const problems = files.filter((file) => file !== THIS_FILE).flatMap((file) => outsideReferences(file, readFileSync(path.join(REPO_ROOT, file), 'utf8')));
    assert.deepEqual(problems, []);
  });

  it('the contract tests load the SailPoint specs from the copies in test/contract/specs, with their licence and source', () => {
    const specs = path.join(REPO_ROOT, 'test/contract/specs');
    assert.match(readFileSync(path.join(specs, 'LICENSE'), 'utf8'), /^MIT License/);
    assert.match(readFileSync(path.join(specs, 'README.md'), 'utf8'), /sailpoint-oss\/api-specs[\s\S]*\b[0-9a-f]{40}\b/);
  });

  describe('the check itself', () => {
    const flagged = (file: string, text: string): boolean => outsideReferences(file, text).length > 0;

    it('flags ../shared however it is spelt', () => {
      assert.ok(flagged('test/contract/spec.ts', "return path.resolve(projectRoot(), '..', 'shared');"));
      assert.ok(flagged('test/contract/spec.ts', "const SPECS = '../shared/sailpoint-api-specs';"));
      assert.ok(flagged('.ci/run', 'cp -r ../shared/sailpoint-api-specs test/'));
      assert.ok(flagged('package.json', '"test:contract": "SPECS=..\\\\shared mocha"'));
    });

    it('flags absolute paths of a machine and relative paths that climb out', () => {
      assert.ok(flagged('bench/run.ts', "const docs = '/work/shared/docs';"));
      assert.ok(flagged('test/unit/x.test.ts', "const root = path.resolve(__dirname, '../../../..');"));
      assert.ok(flagged('scripts/demo.ts', "const sibling = path.join(REPO_ROOT, '..', 'other-repo');"));
      assert.ok(flagged('test/unit/x.test.ts', "import { specs } from '../../../specs';"));
      assert.ok(flagged('tsconfig.test.json', '{ "extends": "../tsconfig.base.json" }'));
      assert.ok(flagged('test/contract/specs/idn/v3/paths/p.yaml', "$ref: '../../../../../../../specs/x.yaml'"));
    });

    it('accepts the repository root, imports inside it and URLs', () => {
      assert.ok(!flagged('test/unit/x.test.ts', "const root = path.resolve(__dirname, '../../..');"));
      assert.ok(!flagged('test/unit/x.test.ts', "const root = path.join(__dirname, '..', '..', '..');"));
      assert.ok(!flagged('test/runner/run.mjs', "const root = path.join(import.meta.dirname, '..', '..');"));
      assert.ok(!flagged('test/unit/x.test.ts', "import { PatManager } from '../../src/core/patManager';"));
      assert.ok(!flagged('test/contract/specs/idn/v3/paths/p.yaml', "$ref: '../../v3/schemas/PatOwner.yaml'"));
      assert.ok(!flagged('src/core/x.ts', "const url = 'https://example.com/work/home/x';"));
    });
  });
});

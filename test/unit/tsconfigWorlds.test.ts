// Each world compiles with its own globals (tsconfig.src/test/tools.json): the extension cannot use a test
// global by accident, and `npm run compile` still checks every world.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

const REPO_ROOT = path.resolve(__dirname, '../../..');

/** The type errors of one probe file compiled as if it lived at `file`, with the options of `tsconfig`. */
function probeErrors(tsconfig: string, file: string, source: string): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(path.join(REPO_ROOT, tsconfig), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  assert.ok(config, `${tsconfig} does not parse`);
  const probe = path.join(REPO_ROOT, file);
  const host = ts.createCompilerHost(config.options);
  const readFile = host.readFile.bind(host);
  host.readFile = (name) => (path.resolve(name) === probe ? source : readFile(name));
  host.fileExists = (name) => path.resolve(name) === probe || ts.sys.fileExists(name);
  const program = ts.createProgram({ rootNames: [probe], options: { ...config.options, noEmit: true, composite: false, incremental: false }, host });
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
}

function readConfig<T>(file: string): T {
  return ts.readConfigFile(path.join(REPO_ROOT, file), (name) => ts.sys.readFile(name)).config as T;
}

const USES_MOCHA = "describe('probe', () => { it('runs', () => undefined); });\nexport {};\n";

describe('TypeScript worlds', () => {
  it('the extension source knows no test globals: describe in src/ does not compile', function () {
    this.timeout(30_000);
    const errors = probeErrors('tsconfig.src.json', 'src/probe.ts', USES_MOCHA);
    assert.ok(errors.some((error) => /Cannot find name 'describe'/.test(error)), errors.join('\n'));
  });

  it('the tests do know mocha', function () {
    this.timeout(30_000);
    assert.deepEqual(probeErrors('tsconfig.test.json', 'test/unit/probe.test.ts', USES_MOCHA), []);
  });

  it('npm run compile builds every world, and every world of the repository is one of them', () => {
    const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    assert.match(manifest.scripts.compile, /(^|&& )tsc -b$/);
    const solution = readConfig<{ files: string[]; references: { path: string }[] }>('tsconfig.json');
    assert.deepEqual(solution.files, []);
    const includes = solution.references.flatMap((reference) => readConfig<{ include: string[] }>(reference.path).include);
    assert.deepEqual(includes.sort(), ['bench/**/*.ts', 'scripts/**/*.ts', 'scripts/codeServerEnvironment.ts', 'scripts/generateL10nBundle.ts', 'scripts/generateScopes.ts', 'scripts/packageVsix.ts', 'scripts/pngRecompress.ts', 'src/**/*.ts', 'test/**/*.ts', 'test/journeys/**/*.ts']);
  });
});

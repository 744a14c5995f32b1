// Loaded by the VS Code extension host (extensionTestsPath): runs every compiled integration test with mocha.
import * as fs from 'node:fs';
import * as path from 'node:path';

interface RunCounts {
  passed: number;
  failed: number;
}

export async function run(): Promise<void> {
  // mocha 12 ships as ESM; a dynamic import loads it from this CommonJS file on any Node the host runs.
  const { default: Mocha } = await import('mocha');
  // PAT_TESTS_GREP narrows a run to matching titles while working on one area; CI leaves it unset.
  const grep = process.env.PAT_TESTS_GREP;
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 20_000, ...(grep ? { grep } : {}) });
  for (const file of findTestFiles(__dirname)) mocha.addFile(file);
  await mocha.loadFilesAsync();
  const counts = await new Promise<RunCounts>((resolve) => {
    const runner = mocha.run((failures) => resolve({ passed: runner.stats?.passes ?? 0, failed: failures }));
  });
  reportCounts(counts);
  if (counts.failed > 0) throw new Error(`${counts.failed} integration test(s) failed`);
  if (counts.passed === 0) throw new Error(`no integration test found under ${__dirname}`);
}

/** Scans for the secrets every other file used, so it must run after all of them. */
const CANARY_SCAN = 'secretsCanary.test.js';

/** Every test file, the canary scan last; without the scan the run fails rather than prove nothing about leaks. */
function findTestFiles(dir: string): string[] {
  const files = fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.test.js'))
    .sort();
  const scan = files.filter((name) => path.basename(name) === CANARY_SCAN);
  if (scan.length !== 1) throw new Error(`expected exactly one ${CANARY_SCAN} under ${dir}, found ${scan.length}`);
  return [...files.filter((name) => !scan.includes(name)), ...scan].map((name) => path.join(dir, name));
}

// The launcher reads the result file to tell "all passed" from "nothing ran"; CI greps the summary line.
function reportCounts(counts: RunCounts): void {
  console.log(`${counts.passed} passed, ${counts.failed} failed`);
  const resultFile = process.env.VSCODE_TEST_RESULT_FILE;
  if (resultFile) fs.writeFileSync(resultFile, JSON.stringify(counts));
}

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

function findTestFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.test.js'))
    .sort()
    .map((name) => path.join(dir, name));
}

// The launcher reads the result file to tell "all passed" from "nothing ran"; CI greps the summary line.
function reportCounts(counts: RunCounts): void {
  console.log(`${counts.passed} passed, ${counts.failed} failed`);
  const resultFile = process.env.VSCODE_TEST_RESULT_FILE;
  if (resultFile) fs.writeFileSync(resultFile, JSON.stringify(counts));
}

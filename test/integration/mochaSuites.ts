// The one mocha loader for the VS Code extension host (extensionTestsPath): the integration tests and the in-host
// benchmark suites both run through it.
import * as fs from 'node:fs';
import * as path from 'node:path';

interface RunCounts {
  passed: number;
  failed: number;
}

export interface SuiteOptions {
  /** Runs every file under dir, in name order, whose name ends with suffix (e.g. `.test.js`). */
  dir: string;
  suffix: string;
  /** Per-test timeout in ms. */
  timeout: number;
  /** What failed or empty runs are called in the error, e.g. "integration test". */
  noun: string;
  /** A file that must exist exactly once and runs after every other one (the canary scan); the run fails without it. */
  last?: string;
}

export async function runSuites({ dir, suffix, timeout, noun, last }: SuiteOptions): Promise<void> {
  // mocha 12 ships as ESM; a dynamic import loads it from this CommonJS file on any Node the host runs.
  const { default: Mocha } = await import('mocha');
  // PAT_TESTS_GREP narrows a run to matching titles while working on one area; CI leaves it unset.
  const grep = process.env.PAT_TESTS_GREP;
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout, ...(grep ? { grep } : {}) });
  for (const file of findFiles(dir, suffix, last)) mocha.addFile(file);
  await mocha.loadFilesAsync();
  const counts = await new Promise<RunCounts>((resolve) => {
    const runner = mocha.run((failures) => resolve({ passed: runner.stats?.passes ?? 0, failed: failures }));
  });
  reportCounts(counts);
  if (counts.failed > 0) throw new Error(`${counts.failed} ${noun}(s) failed`);
  if (counts.passed === 0) throw new Error(`no ${noun} found under ${dir}`);
}

function findFiles(dir: string, suffix: string, last: string | undefined): string[] {
  const files = fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith(suffix))
    .sort();
  if (last === undefined) return files.map((name) => path.join(dir, name));
  const tail = files.filter((name) => path.basename(name) === last);
  if (tail.length !== 1) throw new Error(`expected exactly one ${last} under ${dir}, found ${tail.length}`);
  return [...files.filter((name) => !tail.includes(name)), ...tail].map((name) => path.join(dir, name));
}

// The launcher reads the result file to tell "all passed" from "nothing ran"; CI greps the summary line.
function reportCounts(counts: RunCounts): void {
  console.log(`${counts.passed} passed, ${counts.failed} failed`);
  const resultFile = process.env.VSCODE_TEST_RESULT_FILE;
  if (resultFile) fs.writeFileSync(resultFile, JSON.stringify(counts));
}

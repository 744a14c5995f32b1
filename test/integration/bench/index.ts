// extensionTestsPath of the benchmark run: loads only the *.bench.js suites beside it (never part of `npm test`).
import * as fs from 'node:fs';
import * as path from 'node:path';

interface RunCounts {
  passed: number;
  failed: number;
}

export async function run(): Promise<void> {
  const { default: Mocha } = await import('mocha');
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 120_000 });
  // Sorted: activation must run first, while the extension is not yet active.
  for (const file of fs.readdirSync(__dirname).filter((name) => name.endsWith('.bench.js')).sort()) {
    mocha.addFile(path.join(__dirname, file));
  }
  await mocha.loadFilesAsync();
  const counts = await new Promise<RunCounts>((resolve) => {
    const runner = mocha.run((failures) => resolve({ passed: runner.stats?.passes ?? 0, failed: failures }));
  });
  // The launcher reads this file to tell "all passed" from "nothing ran".
  const resultFile = process.env.VSCODE_TEST_RESULT_FILE;
  if (resultFile) fs.writeFileSync(resultFile, JSON.stringify(counts));
  if (counts.failed > 0) throw new Error(`${counts.failed} benchmark suite(s) failed`);
}

// extensionTestsPath of the benchmark run: the *.bench.js suites beside it (never part of `npm test`), in name
// order, so activation runs first, while the extension is not yet active.
import { runSuites } from '../../test/integration/mochaSuites';

export function run(): Promise<void> {
  return runSuites({ dir: __dirname, suffix: '.bench.js', timeout: 120_000, noun: 'benchmark suite' });
}

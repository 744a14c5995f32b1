// Loaded by the VS Code extension host (extensionTestsPath): runs every compiled integration test with mocha.
import { runSuites } from './mochaSuites';

export function run(): Promise<void> {
  return runSuites({ dir: __dirname, suffix: '.test.js', timeout: 20_000, noun: 'integration test' });
}

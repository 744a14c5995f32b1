// Loaded by the VS Code extension host (extensionTestsPath): runs every compiled integration test with mocha.
import { runSuites } from './mochaSuites';

export function run(): Promise<void> {
  // The canary scan looks for the secrets every other file used, so it must run after all of them.
  return runSuites({ dir: __dirname, suffix: '.test.js', timeout: 20_000, noun: 'integration test', last: 'secretsCanary.test.js' });
}

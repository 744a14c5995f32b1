// `npm run test:integration`: runs out/test/integration/**/*.test.js inside a real VS Code.
// Offline, that VS Code is code-server + headless chromium behind test/runner/code-shim; on a desktop with
// internet, setting VSCODE_TESTS_DESKTOP=1 lets @vscode/test-electron download desktop VS Code instead.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

const repoRoot = path.resolve(__dirname, '../../..');
const runnerDir = path.join(repoRoot, 'test/runner');

function assertExtensionBuilt(): void {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { main: string };
  const entry = path.join(repoRoot, manifest.main);
  if (!fs.existsSync(entry)) throw new Error(`${manifest.main} is missing: run \`npm run bundle\` first`);
}

function installOfflineVsCode(): string {
  execFileSync('bash', [path.join(runnerDir, 'setup.sh')], { stdio: 'inherit' });
  return path.join(runnerDir, 'code-shim');
}

async function main(): Promise<void> {
  assertExtensionBuilt();
  const useDesktop = process.env.VSCODE_TESTS_DESKTOP === '1';
  await runTests({
    // Beside the product: a helper that signs in through the authentication provider as other extensions do, and
    // an attacker that does what a hostile extension can (attacker.test.ts).
    extensionDevelopmentPath: [repoRoot, path.join(repoRoot, 'test/fixtures/auth-consumer'), path.join(repoRoot, 'test/fixtures/attacker')],
    extensionTestsPath: path.join(__dirname, 'index.js'),
    launchArgs: [path.join(repoRoot, 'test/fixtures/workspace'), '--disable-extensions'],
    ...(useDesktop ? {} : { vscodeExecutablePath: installOfflineVsCode() }),
  });
}

main().catch((error: unknown) => {
  console.error(`integration tests failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

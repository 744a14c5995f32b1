// Installs the demo companion extension (scripts/demo-companion) with the tenants file it reads beside it.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { DemoTenantConfig } from './demoTenants';

/** Same name as in demo-companion/extension.ts: the file sits in the companion's folder, so no variable names it. */
export const DEMO_TENANTS_FILE = 'demo-tenants.json';

const COMPANION_MANIFEST = {
  name: 'demo-setup',
  displayName: 'SailPoint PAT Manager: demo setup',
  description: 'Adds the fake demo tenants through SailPoint PAT Manager\'s automation commands. Only used by npm run demo.',
  version: '0.0.0',
  publisher: 'sailpoint-pat-manager-demo',
  private: true,
  engines: { vscode: '^1.74.0' },
  extensionKind: ['ui', 'workspace'],
  activationEvents: ['onStartupFinished'],
  main: './extension.js',
};

/**
 * Installs the companion into an (empty, not yet used) extensions folder: VS Code registers what it finds there
 * on first start. The browser workbench runs without the test driver, so it loads no extension from the URL.
 * The tenants file (fake credentials, readable by the user only) goes beside it, not into an environment variable
 * that every terminal of the demo would inherit. Returns the tenants file's path.
 */
export function installCompanionExtension(extensionsDir: string, configs: readonly DemoTenantConfig[]): string {
  const folder = path.join(extensionsDir, `${COMPANION_MANIFEST.publisher}.${COMPANION_MANIFEST.name}-${COMPANION_MANIFEST.version}`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, 'package.json'), JSON.stringify(COMPANION_MANIFEST, null, 2));
  copyFileSync(path.join(__dirname, 'demo-companion/extension.js'), path.join(folder, 'extension.js'));
  const tenantsFile = path.join(folder, DEMO_TENANTS_FILE);
  writeFileSync(tenantsFile, JSON.stringify(configs, null, 2), { mode: 0o600 });
  return tenantsFile;
}

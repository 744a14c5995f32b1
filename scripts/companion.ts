// Installs the demo companion extension (scripts/demo-companion) and writes the tenants file it reads.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { DemoTenantConfig } from './demoTenants';

export const DEMO_TENANTS_ENV = 'SAILPOINT_PAT_DEMO_TENANTS';

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
 */
export function installCompanionExtension(extensionsDir: string): void {
  const folder = path.join(extensionsDir, `${COMPANION_MANIFEST.publisher}.${COMPANION_MANIFEST.name}-${COMPANION_MANIFEST.version}`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, 'package.json'), JSON.stringify(COMPANION_MANIFEST, null, 2));
  copyFileSync(path.join(__dirname, 'demo-companion/extension.js'), path.join(folder, 'extension.js'));
}

/** The tenants file the companion reads (fake credentials, readable by the user only); returns its env entry. */
export function writeDemoTenantsFile(file: string, configs: readonly DemoTenantConfig[]): NodeJS.ProcessEnv {
  writeFileSync(file, JSON.stringify(configs, null, 2), { mode: 0o600 });
  return { [DEMO_TENANTS_ENV]: file };
}

// A throw-away extension loaded beside SailPoint PAT Manager by `npm run demo` and `npm run screenshots`:
// it configures the demo tenants through the extension's own automation contract, so the tenants and their
// credentials end up in globalState and SecretStorage exactly as if a user had added them.
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

// Same name as in scripts/companion.ts; this file is copied alone, so it imports nothing from there.
const DEMO_TENANTS_FILE = 'demo-tenants.json';
const PAT_EXTENSION_ID = 'sailpoint-pat-manager.sailpoint-pat-manager';
const TENANT_IDS_KEY = 'demoTenantIds';

interface DemoTenantConfig {
  url: string;
  displayName: string;
  clientId: string;
  clientSecret: string;
  /** e.g. every token of the tenant, so owner status shows. */
  listQuery?: unknown;
}

/** activate() returns the tree-reading facade itself. */
type PatExtensionApi = vscode.TreeDataProvider<vscode.TreeItem>;

async function tenantIdsInTree(): Promise<Set<string>> {
  const extension = vscode.extensions.getExtension<PatExtensionApi>(PAT_EXTENSION_ID);
  if (extension === undefined) throw new Error(`${PAT_EXTENSION_ID} is not loaded`);
  const api = await extension.activate();
  const tenants = (await api.getChildren()) ?? [];
  return new Set(tenants.map((tenant) => tenant.id?.replace(/^tenant:/, '') ?? ''));
}

/** Adds a demo tenant, or after a reload of the browser tab (SecretStorage is per tab there) re-stores its credentials. */
async function configure(config: DemoTenantConfig, knownId: string | undefined, present: Set<string>): Promise<string> {
  const credentials = { clientId: config.clientId, clientSecret: config.clientSecret };
  if (knownId !== undefined && present.has(knownId)) {
    await vscode.commands.executeCommand('sailpointPat.updateCredentials', { tenantId: knownId, ...credentials });
    return knownId;
  }
  const { listQuery, ...tenant } = config;
  const added = await vscode.commands.executeCommand<{ tenantId: string }>('sailpointPat.addTenant', tenant);
  if (listQuery !== undefined) await vscode.commands.executeCommand('sailpointPat.setTenantListQuery', { tenantId: added.tenantId, query: listQuery });
  return added.tenantId;
}

async function configureDemoTenants(context: vscode.ExtensionContext, file: string): Promise<void> {
  const configs = JSON.parse(readFileSync(file, 'utf8')) as DemoTenantConfig[];
  const known = context.globalState.get<Record<string, string>>(TENANT_IDS_KEY, {});
  const present = await tenantIdsInTree();
  for (const config of configs) {
    known[config.url] = await configure(config, known[config.url], present);
  }
  await context.globalState.update(TENANT_IDS_KEY, known);
  await vscode.commands.executeCommand('sailpointPat.tokens.focus');
}

export function activate(context: vscode.ExtensionContext): void {
  const file = path.join(context.extensionPath, DEMO_TENANTS_FILE);
  if (!existsSync(file)) return;
  // Not awaited: activation finishes at once, the tenants appear in the tree as each is checked.
  configureDemoTenants(context, file).catch((error: unknown) => {
    void vscode.window.showErrorMessage(`Demo setup failed: ${error instanceof Error ? error.message : String(error)}`);
  });
}

// Settings Sync of the tenant list: only its key, only while `sailpointPat.syncTenants` is on, never a secret.
import * as vscode from 'vscode';
import { applyTenantSync } from '../core/store/tenantSync';
import { syncTenants } from './settings';
import { reportedInTests } from './testHooks';
import type { PatTreeDataProvider } from './tree/patTreeDataProvider';

/**
 * Settings Sync carries the tenant list unless the user turned it off; tenants it brings show on the next focus.
 * The keys are handed over on a timer after activate(): VS Code keeps the last keys an extension gave it in its own
 * storage, per extension version, and Sync reads them from there, so nothing syncs without them meanwhile.
 */
export function syncTenantList(context: vscode.ExtensionContext, tree: PatTreeDataProvider): vscode.Disposable {
  const syncable = reportedInTests(context, context.globalState);
  const handOver = setTimeout(() => applyTenantSync(syncable, syncTenants()));
  return vscode.Disposable.from(
    new vscode.Disposable(() => clearTimeout(handOver)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('sailpointPat.syncTenants')) applyTenantSync(syncable, syncTenants());
    }),
    vscode.window.onDidChangeWindowState((state) => {
      if (state.focused) tree.noticeTenantListChange();
    }),
  );
}

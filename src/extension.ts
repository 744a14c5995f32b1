// Wiring only: build the objects, register the view and the commands, return the automation API.
// Activation touches no network; tokens load when the view shows a tenant or a command needs them.
import * as vscode from 'vscode';
import { PatService } from './core/patService';
import { SecretClipboard } from './ui/clipboard';
import { registerCommands } from './ui/commands/register';
import { ExpiryWatch } from './ui/expiryWatch';
import { HAS_TENANTS_CONTEXT, VIEW_ID } from './ui/ids';
import { channelLogger, createLogChannel } from './ui/log';
import { clipboardClearSeconds } from './ui/settings';
import type { PatNode } from './ui/tree/nodes';
import { PatTreeDataProvider } from './ui/tree/patTreeDataProvider';

export interface PatExtensionApi {
  treeDataProvider: PatTreeDataProvider;
  /** The view, e.g. to read its expiry badge. */
  treeView: vscode.TreeView<PatNode>;
}

/** Another window changed SecretStorage: refresh the tenant the key belongs to (batched, one list per tenant). */
function syncWithOtherWindows(context: vscode.ExtensionContext, service: PatService, tree: PatTreeDataProvider): vscode.Disposable {
  const pending = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const subscription = context.secrets.onDidChange(({ key }) => {
    const tenantId = service.tenantIdForSecretKey(key);
    if (tenantId === undefined) return;
    service.forgetSession(tenantId);
    pending.add(tenantId);
    timer ??= setTimeout(() => {
      timer = undefined;
      pending.forEach((id) => tree.refresh(id));
      pending.clear();
    }, 250);
  });
  return new vscode.Disposable(() => {
    subscription.dispose();
    if (timer !== undefined) clearTimeout(timer);
  });
}

export function activate(context: vscode.ExtensionContext): PatExtensionApi {
  const logChannel = createLogChannel();
  const logger = channelLogger(logChannel);
  const service = new PatService({ kv: context.globalState, secrets: context.secrets, logger });
  const tree = new PatTreeDataProvider(service, logger);
  const clipboard = new SecretClipboard(vscode.env.clipboard, clipboardClearSeconds);
  const treeView = vscode.window.createTreeView<PatNode>(VIEW_ID, { treeDataProvider: tree, canSelectMany: true, showCollapseAll: true });

  context.subscriptions.push(
    logChannel,
    tree,
    treeView,
    clipboard,
    new ExpiryWatch(service, tree, treeView, context.globalState, logger),
    syncWithOtherWindows(context, service, tree),
    vscode.workspace.onDidChangeConfiguration((event) => {
      // Only how tokens look depends on it: redraw from what is loaded instead of listing every tenant again.
      if (event.affectsConfiguration('sailpointPat.expiryWarningDays')) tree.redraw();
    }),
    ...registerCommands({ service, tree, logger, logChannel, clipboard }),
  );
  void vscode.commands.executeCommand('setContext', HAS_TENANTS_CONTEXT, service.listTenants().length > 0);
  return { treeDataProvider: tree, treeView };
}

export function deactivate(): void {
  // Everything is released through context.subscriptions.
}

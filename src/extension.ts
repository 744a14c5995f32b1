// Wiring only: build the objects, register the view and the commands, return the automation API.
// Activation touches no network; tokens load when the view shows a tenant or a command needs them.
import * as vscode from 'vscode';
import type { PatService } from './core/patService';
import { lazyPatService } from './core/lazyPatService';
import { loadOnce } from './core/lazyLoad';
import { extensionApi, type PatExtensionApi } from './ui/api';
import { applyTenantSync } from './core/store/tenantSync';
import { registerAuthProvider } from './ui/auth/register';
import { SecretClipboard } from './ui/clipboard';
import { registerCommands } from './ui/commands/register';
import { registerCodeHover } from './ui/codeHoverAtActivation';
import { HAS_TENANTS_CONTEXT, VIEW_ID } from './ui/ids';
import { channelLogger, createLogChannel } from './ui/log';
import { clipboardClearSeconds, syncTenants } from './ui/settings';
import { secretStoreFor, syncableStateFor } from './ui/testHooks';
import type { Logger } from './core/ports';
import type { ExpiryWatch } from './ui/expiryWatch';
import type { PatNode } from './ui/tree/nodes';
import { PatTreeDataProvider } from './ui/tree/patTreeDataProvider';
import { useDisplayLanguage, useTranslator } from './ui/view/l10n';
import { registerSelectionKeys } from './ui/tree/selectionKeys';

export type { PatExtensionApi };

/**
 * Another window changed SecretStorage: refresh the tenant the key belongs to (batched, one list per tenant). The event
 * fires for this window's own writes too; the service ignores those, so they never cost a sign-in or a 429 pause.
 */
function syncWithOtherWindows(context: vscode.ExtensionContext, service: PatService, tree: PatTreeDataProvider): vscode.Disposable {
  const pending = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;
  const refreshSoon = (tenantId: string | undefined): void => {
    if (tenantId === undefined || disposed) return;
    pending.add(tenantId);
    timer ??= setTimeout(() => {
      timer = undefined;
      pending.forEach((id) => tree.refresh(id));
      pending.clear();
    }, 250);
  };
  const subscription = context.secrets.onDidChange(({ key }) => {
    // A SecretStorage read that fails is no reason to refresh; the next command reports it.
    service.secretChangedElsewhere(key).then(refreshSoon, () => undefined);
  });
  return new vscode.Disposable(() => {
    disposed = true;
    subscription.dispose();
    if (timer !== undefined) clearTimeout(timer);
  });
}

/** Settings Sync carries the tenant list unless the user turned it off; tenants it brings show on the next focus. */
function syncTenantList(context: vscode.ExtensionContext, tree: PatTreeDataProvider): vscode.Disposable {
  const syncable = syncableStateFor(context);
  applyTenantSync(syncable, syncTenants());
  return vscode.Disposable.from(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('sailpointPat.syncTenants')) applyTenantSync(syncable, syncTenants());
    }),
    vscode.window.onDidChangeWindowState((state) => {
      if (state.focused) tree.noticeTenantListChange();
    }),
  );
}

/** The expiry badge has nothing to count before a tenant's tokens are listed, so its code loads with the first list. */
function watchExpiry(service: PatService, tree: PatTreeDataProvider, view: vscode.TreeView<PatNode>, state: vscode.Memento, logger: Logger): vscode.Disposable {
  let watch: Promise<ExpiryWatch> | undefined;
  // Every list goes through the one loaded watch, in order: callbacks on one promise run as they were added.
  const lists = tree.onDidLoadTokens((event) => {
    watch ??= import('./ui/expiryWatch.js').then(({ ExpiryWatch }) => new ExpiryWatch(service, tree, view, state, logger));
    void watch.then(
      (loaded) => loaded.tokensLoaded(event),
      (error: unknown) => logger.warn(`The expiry badge could not load: ${String(error)}`),
    );
  });
  return new vscode.Disposable(() => {
    lists.dispose();
    void watch?.then(
      (loaded) => {
        loaded.dispose();
      },
      () => undefined,
    );
  });
}

export function activate(context: vscode.ExtensionContext): PatExtensionApi {
  useTranslator((message, ...args) => vscode.l10n.t(message, ...args));
  useDisplayLanguage(vscode.env.language);
  const logChannel = createLogChannel();
  const logger = channelLogger(logChannel);
  const secrets = secretStoreFor(context);
  // The tenant rows need only the stored records; the service's own code loads on the first call that waits anyway.
  const service = lazyPatService(
    context.globalState,
    loadOnce(async () => new (await import('./core/patService.js')).PatService({ kv: context.globalState, secrets, logger })),
  );
  const tree = new PatTreeDataProvider(service, logger);
  const clipboard = new SecretClipboard(vscode.env.clipboard, clipboardClearSeconds);
  secretClipboard = clipboard;
  const treeView = vscode.window.createTreeView<PatNode>(VIEW_ID, { treeDataProvider: tree, canSelectMany: true, showCollapseAll: true });

  context.subscriptions.push(
    logChannel,
    tree,
    treeView,
    clipboard,
    watchExpiry(service, tree, treeView, context.globalState, logger),
    syncWithOtherWindows(context, service, tree),
    syncTenantList(context, tree),
    registerAuthProvider({ service, state: context.globalState, logger }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      // Only how tokens look depends on it: redraw from what is loaded instead of listing every tenant again.
      if (event.affectsConfiguration('sailpointPat.expiryWarningDays') || event.affectsConfiguration('sailpointPat.unusedDays')) tree.redraw();
    }),
    ...registerCommands({ service, tree, treeView, logger, logChannel, clipboard }, context.extensionMode),
    ...registerSelectionKeys(treeView),
    registerCodeHover(),
  );
  void vscode.commands.executeCommand('setContext', HAS_TENANTS_CONTEXT, service.listTenants().length > 0);
  // Never the provider itself: its service would hand any extension every tenant's credentials.
  return extensionApi(tree, treeView);
}

/** Set while active: deactivate() clears a copied secret at once, and VS Code waits for that. */
let secretClipboard: SecretClipboard | undefined;

export function deactivate(): Promise<void> {
  // Everything else is released through context.subscriptions.
  return secretClipboard?.clearNow() ?? Promise.resolve();
}

// Wiring only: build the objects, register the view and the commands, return the automation API.
// Activation touches no network; tokens load when the view shows a tenant or a command needs them.
import * as vscode from 'vscode';
import type { PatService } from './core/patService';
import { lazyPatService } from './core/lazyPatService';
import { loadOnce } from './core/lazyLoad';
import { extensionApi, type PatExtensionApi } from './ui/api';
import { registerAuthProvider } from './ui/auth/register';
import { SecretClipboard } from './ui/clipboard';
import { registerCommands } from './ui/commands/register';
import { VIEW_ID } from './ui/ids';
import { channelLogger, lazyLogChannel } from './ui/log';
import { clipboardClearSeconds } from './ui/settings';
import { secretStoreFor, syncWithOtherWindows } from './ui/secretStorage';
import { syncTenantList } from './ui/settingsSync';
import type { Logger } from './core/ports';
import type { ExpiryWatch } from './ui/expiryWatch';
import type { PatNode } from './ui/tree/patNode';
import { PatTreeDataProvider } from './ui/tree/patTreeDataProvider';
import { useDisplayLanguage, useTranslator } from './ui/view/l10n';
import { registerSelectionKeys } from './ui/tree/selectionKeys';
import { FirstRowsLog } from './ui/firstRowsLog';

export type { PatExtensionApi };

/**
 * The expiry badge has nothing to count before a tenant's tokens are listed, so its code loads with the first list,
 * a timer turn after it: the tree's rows go to the window first, the badge follows.
 */
function watchExpiry(service: PatService, tree: PatTreeDataProvider, view: vscode.TreeView<PatNode>, state: vscode.Memento, logger: Logger): vscode.Disposable {
  let watch: Promise<ExpiryWatch> | undefined;
  let disposed = false;
  // Every list goes through the one loaded watch, in order: timers and callbacks on one promise run as they were added.
  const lists = tree.onDidLoadTokens((event) => {
    setTimeout(() => {
      if (disposed) return;
      watch ??= import('./ui/expiryWatch.js').then(({ ExpiryWatch }) => new ExpiryWatch(service, tree, view, state, logger));
      void watch.then(
        (loaded) => loaded.tokensLoaded(event),
        (error: unknown) => logger.warn(`The expiry badge could not load: ${String(error)}`),
      );
    });
  });
  return new vscode.Disposable(() => {
    disposed = true;
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
  const activateStartedAt = FirstRowsLog.start();
  useTranslator((message, ...args) => vscode.l10n.t(message, ...args));
  useDisplayLanguage(vscode.env.language);
  const logChannel = lazyLogChannel();
  const logger = channelLogger(logChannel);
  const secrets = secretStoreFor(context);
  // The tenant rows need only the stored records; the service's own code loads on the first call that waits anyway.
  const service = lazyPatService(
    context.globalState,
    loadOnce(async () => new (await import('./core/patService.js')).PatService({ kv: context.globalState, secrets, logger })),
  );
  const firstRows = new FirstRowsLog(logger);
  const tree = new PatTreeDataProvider(service, logger, firstRows);
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
  );
  tree.announceHasTenants(service.listTenants().length > 0);
  firstRows.ended('activate', activateStartedAt);
  // Never the provider itself: its service would hand any extension every tenant's credentials.
  return extensionApi(tree, treeView);
}

/** Set while active: deactivate() clears a copied secret at once, and VS Code waits for that. */
let secretClipboard: SecretClipboard | undefined;

export function deactivate(): Promise<void> {
  // Everything else is released through context.subscriptions.
  return secretClipboard?.clearNow() ?? Promise.resolve();
}

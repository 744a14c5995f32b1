// VS Code SecretStorage, the one home of every secret: the SecretStore port the service writes through, and what
// this window does when another window changes it.
import * as vscode from 'vscode';
import type { SecretStore } from '../core/ports';
import type { PatService } from '../core/patService';
import type { PatTreeDataProvider } from './tree/patTreeDataProvider';
import { refusableInTests } from './testHooks';

/** The OS keychain behind context.secrets; a test run of this extension may make it refuse new secrets. */
export function secretStoreFor(context: vscode.ExtensionContext): SecretStore {
  return refusableInTests(context, context.secrets);
}

/**
 * Another window changed SecretStorage: refresh the tenant the key belongs to (batched, one list per tenant). The event
 * fires for this window's own writes too; the service ignores those, so they never cost a sign-in or a 429 pause.
 */
export function syncWithOtherWindows(context: vscode.ExtensionContext, service: PatService, tree: PatTreeDataProvider): vscode.Disposable {
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

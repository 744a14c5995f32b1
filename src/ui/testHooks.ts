// Only when VS Code runs this extension's own integration tests (ExtensionMode.Test): a switch that makes
// SecretStorage refuse new secrets, as a locked keychain does, which the real VS Code cannot be made to do.
import * as vscode from 'vscode';
import type { SecretStore } from '../core/ports';

/** Not contributed in package.json and never registered outside test runs. */
export const REFUSE_SECRET_WRITES_COMMAND = 'sailpointPat.test.refuseSecretWrites';

export function secretStoreFor(context: vscode.ExtensionContext): SecretStore {
  if (context.extensionMode !== vscode.ExtensionMode.Test) return context.secrets;
  let refusing = false;
  context.subscriptions.push(vscode.commands.registerCommand(REFUSE_SECRET_WRITES_COMMAND, (refuse: unknown) => (refusing = refuse === true)));
  return {
    get: (key) => context.secrets.get(key),
    store: (key, value) => (refusing ? Promise.reject(new Error('The keychain is locked (test switch).')) : context.secrets.store(key, value)),
    delete: (key) => context.secrets.delete(key),
  };
}

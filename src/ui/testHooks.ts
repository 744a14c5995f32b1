// Only when VS Code runs this extension's own integration tests (ExtensionMode.Test): the two test-only commands.
// Neither is contributed in package.json, part of the automation contract, or registered outside test runs.
import * as vscode from 'vscode';
import type { SecretStore } from '../core/ports';

/** Runs a command with a queue of answers instead of VS Code's prompts (registered in commands/register.ts). */
export const ANSWERED_RUN_TEST_COMMAND = 'sailpointPat.test.runWithAnswers';

/** Makes SecretStorage refuse new secrets, as a locked keychain does, which the real VS Code cannot be made to do. */
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

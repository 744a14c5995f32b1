// Only when VS Code runs this extension's own integration tests (ExtensionMode.Test): the test-only commands.
// None is contributed in package.json, part of the automation contract, or registered outside test runs; the build
// that ships has none of their code (WITH_TEST_HOOKS is false there, so esbuild drops each guarded branch).
import * as vscode from 'vscode';
import type { SecretStore } from '../core/ports';
import { TENANTS_KEY } from '../core/store/secretKeys';
import type { SyncableState } from '../core/store/tenantSync';

/** Runs a command with a queue of answers instead of VS Code's prompts (registered in commands/register.ts). */
export const ANSWERED_RUN_TEST_COMMAND = 'sailpointPat.test.runWithAnswers';

/**
 * Switches the translator to a pseudo-locale (`true`) and back to VS Code's (`false`): a sentence that still reads
 * as English afterwards never went through t(), so no translation could reach it.
 */
export const PSEUDO_LOCALE_TEST_COMMAND = 'sailpointPat.test.pseudoLocale';

/** Shows the health overview's page as set, and hands it a message as if the page sent it (registered in commands/register.ts). */
export const HEALTH_OVERVIEW_TEST_COMMAND = 'sailpointPat.test.healthOverview';

/** Makes SecretStorage refuse new secrets, as a locked keychain does, which the real VS Code cannot be made to do. */
export const REFUSE_SECRET_WRITES_COMMAND = 'sailpointPat.test.refuseSecretWrites';

/** Under ExtensionMode.Test only: the SecretStorage adapter gains a switch that makes it refuse new secrets. */
export function refusableInTests(context: vscode.ExtensionContext, secrets: SecretStore): SecretStore {
  if (!WITH_TEST_HOOKS || context.extensionMode !== vscode.ExtensionMode.Test) return secrets;
  let refusing = false;
  context.subscriptions.push(vscode.commands.registerCommand(REFUSE_SECRET_WRITES_COMMAND, (refuse: unknown) => (refusing = refuse === true)));
  return {
    get: (key) => secrets.get(key),
    store: (key, value) => (refusing ? Promise.reject(new Error('The keychain is locked (test switch).')) : secrets.store(key, value)),
    delete: (key) => secrets.delete(key),
  };
}

/**
 * Settings Sync cannot run offline: this reports the keys the extension gave it, and delivers a tenant list as Sync
 * would from another machine: `{ arrive: records }` adds them to this machine's list, `{ replace: records }` puts
 * them in its place, as Sync does with a list changed elsewhere (a tampered one, in the attacker tests).
 */
export const SETTINGS_SYNC_TEST_COMMAND = 'sailpointPat.test.settingsSync';

export interface SettingsSyncView {
  keysForSync: readonly string[];
  tenants: unknown;
}

/** Under ExtensionMode.Test only: globalState as Settings Sync sees it, reported and fed by the test command. */
export function reportedInTests(context: vscode.ExtensionContext, state: vscode.ExtensionContext['globalState']): SyncableState {
  if (!WITH_TEST_HOOKS || context.extensionMode !== vscode.ExtensionMode.Test) return state;
  let keysForSync: readonly string[] = [];
  context.subscriptions.push(
    vscode.commands.registerCommand(SETTINGS_SYNC_TEST_COMMAND, async (request?: { arrive?: unknown[]; replace?: unknown[] }): Promise<SettingsSyncView> => {
      if (Array.isArray(request?.replace)) {
        await state.update(TENANTS_KEY, request.replace);
      } else if (Array.isArray(request?.arrive)) {
        const current = state.get<unknown>(TENANTS_KEY);
        const arriving: unknown[] = request.arrive;
        await state.update(TENANTS_KEY, [...(Array.isArray(current) ? (current as unknown[]) : []), ...arriving]);
      }
      return { keysForSync, tenants: state.get<unknown>(TENANTS_KEY) };
    }),
  );
  return {
    setKeysForSync(keys) {
      keysForSync = [...keys];
      state.setKeysForSync(keys);
    },
  };
}

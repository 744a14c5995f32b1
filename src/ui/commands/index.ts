// The one list of commands, loaded on the first command run (see register.ts). Keyed by id so that a command
// missing here is a compile error; the manifest contributes exactly COMMAND_IDS (checked by a unit test).
import type { CommandId } from '../ids';
import type { Prompts } from '../prompts/prompts';
import type { PatNode } from '../tree/patNode';
import { type PatCommand, runCommand, type UiContext } from './runner';
import { loadHealthPanel } from './health/overview';
import { addTenantCommand } from './tenant/addTenant';
import { updateCredentialsCommand } from './tenant/updateCredentials';
import { renameTenantCommand } from './tenant/renameTenant';
import { setApiFamilyCommand } from './tenant/setApiFamily';
import { removeTenantCommand } from './tenant/removeTenant';
import { refreshCommand } from './list/refresh';
import { refreshAllCommand } from './list/refreshAll';
import { clearTokenFilterCommand } from './list/clearTokenFilter';
import { filterTokensCommand } from './list/filterTokens';
import { showEveryTokenCommand } from './list/showEveryToken';
import { showOnlyNeedingAttentionCommand } from './list/showOnlyNeedingAttention';
import { setTenantListQueryCommand } from './list/setTenantListQuery';
import { openInWebUiCommand } from './list/openInWebUi';
import { createTokenCommand } from './token/createToken';
import { renameTokenCommand } from './token/renameToken';
import { editTokenScopesCommand } from './token/editTokenScopes';
import { deleteTokenCommand } from './delete/deleteToken';
import { copyTokenIdCommand } from './secret/copyTokenId';
import { copyTokenSecretCommand } from './secret/copyTokenSecret';
import { forgetTokenSecretCommand } from './secret/forgetTokenSecret';
import { showLogCommand } from './list/showLog';
import { findUnusedTokensCommand } from './unused/findUnusedTokens';
import { findUnusedTokensInAnyTenantCommand } from './unused/findUnusedTokensInAnyTenant';
import { deleteTokensCommand } from './delete/deleteTokens';
import { exportInventoryCommand } from './inventory/exportInventory';
import { copyTokenAsEnvCommand } from './inventory/copyTokenAsEnv';
import { rotateTokenCommand } from './rotate/rotateToken';
import { rotateTenantCredentialsCommand } from './rotate/rotateTenantCredentials';
import { editTokenExpiryCommand } from './expiry/editTokenExpiry';
import { openTerminalCommand } from './terminal/openTerminal';
import { importFromSailPointCliCommand } from './import/importFromSailPointCli';
import { scopesForCodeCommand } from './code/scopesForCode';
import { checkTokenAgainstCodeCommand } from './code/checkTokenAgainstCode';
import { showTokenHealthCommand } from './health/showTokenHealth';
import { tokenHealthCommand } from './health/tokenHealth';

const COMMANDS: Record<CommandId, PatCommand> = {
  'sailpointPat.addTenant': addTenantCommand,
  'sailpointPat.updateCredentials': updateCredentialsCommand,
  'sailpointPat.renameTenant': renameTenantCommand,
  'sailpointPat.setApiFamily': setApiFamilyCommand,
  'sailpointPat.removeTenant': removeTenantCommand,
  'sailpointPat.refresh': refreshCommand,
  'sailpointPat.refreshAll': refreshAllCommand,
  'sailpointPat.filterTokens': filterTokensCommand,
  'sailpointPat.clearTokenFilter': clearTokenFilterCommand,
  'sailpointPat.showOnlyNeedingAttention': showOnlyNeedingAttentionCommand,
  'sailpointPat.showEveryToken': showEveryTokenCommand,
  'sailpointPat.setTenantListQuery': setTenantListQueryCommand,
  'sailpointPat.openInWebUi': openInWebUiCommand,
  'sailpointPat.createToken': createTokenCommand,
  'sailpointPat.renameToken': renameTokenCommand,
  'sailpointPat.editTokenScopes': editTokenScopesCommand,
  'sailpointPat.deleteToken': deleteTokenCommand,
  'sailpointPat.copyTokenId': copyTokenIdCommand,
  'sailpointPat.copyTokenSecret': copyTokenSecretCommand,
  'sailpointPat.forgetTokenSecret': forgetTokenSecretCommand,
  'sailpointPat.showLog': showLogCommand,
  'sailpointPat.findUnusedTokens': findUnusedTokensCommand,
  'sailpointPat.findUnusedTokensInAnyTenant': findUnusedTokensInAnyTenantCommand,
  'sailpointPat.deleteTokens': deleteTokensCommand,
  'sailpointPat.exportInventory': exportInventoryCommand,
  'sailpointPat.copyTokenAsEnv': copyTokenAsEnvCommand,
  'sailpointPat.rotateToken': rotateTokenCommand,
  'sailpointPat.rotateTenantCredentials': rotateTenantCredentialsCommand,
  'sailpointPat.editTokenExpiry': editTokenExpiryCommand,
  'sailpointPat.openTerminal': openTerminalCommand,
  'sailpointPat.importFromSailPointCli': importFromSailPointCliCommand,
  'sailpointPat.scopesForCode': scopesForCodeCommand,
  'sailpointPat.checkTokenAgainstCode': checkTokenAgainstCodeCommand,
  'sailpointPat.tokenHealth': tokenHealthCommand,
  'sailpointPat.showTokenHealth': showTokenHealthCommand,
};

export function runCommandById(ui: UiContext, id: CommandId, args: unknown[], ask?: Prompts): Promise<unknown> {
  const runOther = (other: CommandId, node: PatNode | undefined, prompts: Prompts): Promise<unknown> => runCommandById(ui, other, [node], prompts);
  return runCommand(ui, COMMANDS[id], args, runOther, ask);
}

/** Behind the test-mode-only hook: the overview's page, and a message handed to it as if the page sent it. */
export async function healthOverviewForTests(message: unknown): Promise<{ open: boolean; html: string }> {
  return (await loadHealthPanel()).healthPanelForTests(message);
}

// The editor's hover over code-scan calls rides in this chunk (register.ts loads it on the first hover).
export { provideCodeHover } from './code/codeHover';

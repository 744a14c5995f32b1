// The one list of commands, loaded on the first command run (see register.ts). Keyed by id so that a command
// missing here is a compile error; the manifest contributes exactly COMMAND_IDS (checked by a unit test).
import type { CommandId } from '../ids';
import { type PatCommand, runCommand, type UiContext } from './runner';
import { deleteTokensCommand, findUnusedTokensCommand, findUnusedTokensInAnyTenantCommand } from './healthCommands';
import { copyTokenAsEnvCommand, exportInventoryCommand } from './inventoryCommands';
import { editTokenExpiryCommand, rotateTenantCredentialsCommand, rotateTokenCommand } from './rotationCommands';
import { importFromSailPointCliCommand } from './cliImportCommands';
import { openTerminalCommand } from './terminalCommands';
import { copyTokenIdCommand, copyTokenSecretCommand, forgetTokenSecretCommand } from './secretCommands';
import { addTenantCommand, removeTenantCommand, renameTenantCommand, updateCredentialsCommand } from './tenantCommands';
import { createTokenCommand, deleteTokenCommand, editTokenScopesCommand, renameTokenCommand } from './tokenCommands';
import { openInWebUiCommand, refreshAllCommand, refreshCommand, setTenantListQueryCommand, showLogCommand } from './viewCommands';

const COMMANDS: Record<CommandId, PatCommand> = {
  'sailpointPat.addTenant': addTenantCommand,
  'sailpointPat.updateCredentials': updateCredentialsCommand,
  'sailpointPat.renameTenant': renameTenantCommand,
  'sailpointPat.removeTenant': removeTenantCommand,
  'sailpointPat.refresh': refreshCommand,
  'sailpointPat.refreshAll': refreshAllCommand,
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
};

export function runCommandById(ui: UiContext, id: CommandId, args: unknown[]): Promise<unknown> {
  return runCommand(ui, COMMANDS[id], args);
}

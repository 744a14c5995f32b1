// Open Terminal Signed In: a terminal whose process alone holds SAIL_BASE_URL, SAIL_CLIENT_ID and SAIL_CLIENT_SECRET.
import * as vscode from 'vscode';
import { sailEnvironment } from '../../core/ops/envLines';
import type { PersonalAccessToken, Tenant } from '../../core/model';
import { stripUnsafeCharacters } from '../../core/validation';
import { TenantNode, TokenNode } from '../tree/nodes';
import { optionalString } from './args';
import { pickTokenWithSecret } from './inventoryCommands';
import type { CommandRun, PatCommand } from './runner';
import { chooseTenant, tenantFromArgs } from './targets';

const TERMINAL_ICON = new vscode.ThemeIcon('key');

/** The terminal's name: the token's, or the tenant's for its own credentials. */
function terminalName(tenant: Tenant, token: Pick<PersonalAccessToken, 'id'> & { name?: string } | undefined): string {
  const subject = token === undefined ? stripUnsafeCharacters(tenant.displayName) : stripUnsafeCharacters(token.name ?? token.id);
  return `SailPoint: ${subject}`.slice(0, 80);
}

/**
 * The environment goes to this terminal's process only: never environmentVariableCollection (it persists), and the
 * terminal is transient so that terminal persistence never saves its launch configuration, environment included.
 */
async function openSignedInTerminal(run: CommandRun, tenant: Tenant, token?: Pick<PersonalAccessToken, 'id'> & { name?: string }): Promise<vscode.Terminal> {
  const credentials = await run.ui.service.signInEnvironment(tenant.id, token?.id);
  const terminal = vscode.window.createTerminal({
    name: terminalName(tenant, token),
    env: sailEnvironment(credentials),
    isTransient: true,
    iconPath: TERMINAL_ICON,
  });
  terminal.show();
  run.ui.logger.info(`Opened a terminal signed in as ${token === undefined ? 'the tenant' : `token ${token.id}`} of ${stripUnsafeCharacters(tenant.displayName)}.`);
  return terminal;
}

/** From the palette: the tenant's own credentials or one of its tokens whose secret is stored here. */
async function pickSubject(run: CommandRun, tenant: Tenant): Promise<PersonalAccessToken | undefined> {
  if (run.ui.service.storedSecretTokenIds(tenant.id).size === 0) return undefined;
  return await pickTokenWithSecret(run, tenant, 'Open Terminal Signed In', { label: `$(organization) ${stripUnsafeCharacters(tenant.displayName)}`, description: "the tenant's own credentials" });
}

export const openTerminalCommand: PatCommand = {
  id: 'sailpointPat.openTerminal',
  async interactive(run, node) {
    if (node instanceof TokenNode) {
      await openSignedInTerminal(run, node.parent.tenant, node.token);
      return;
    }
    const tenant = await chooseTenant(run, node, 'Open Terminal Signed In');
    await openSignedInTerminal(run, tenant, node instanceof TenantNode ? undefined : await pickSubject(run, tenant));
  },
  async automated(run, args) {
    const tenant = tenantFromArgs(run, args);
    const tokenId = optionalString(args, 'tokenId');
    const terminal = await openSignedInTerminal(run, tenant, tokenId === undefined ? undefined : { id: tokenId });
    return { name: terminal.name };
  },
};

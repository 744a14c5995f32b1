// Open Terminal Signed In: a terminal whose process alone holds SAIL_BASE_URL, SAIL_CLIENT_ID and SAIL_CLIENT_SECRET.
import * as vscode from 'vscode';
import { sailEnvironment } from '../../../core/ops/envLines';
import type { PersonalAccessToken, Tenant } from '../../../core/model';
import { shown, type Item } from '../../prompts/prompts';
import { TenantNode } from '../../tree/nodes';
import { TokenNode } from '../../tree/tokenRows';
import { optionalId, type ArgumentObject } from '../../prompts/args';
import { tokensWithSecretItems } from '../inventory/copyTokenAsEnv';
import type { CommandRun, PatCommand } from '../runner';
import { chooseTenant, tenantFromArgs } from '../targets';
import { t } from '../../view/l10n';

function title(): string {
  return t('Open Terminal Signed In');
}
const TERMINAL_ICON = new vscode.ThemeIcon('key');

type Subject = Pick<PersonalAccessToken, 'id'> & { name?: string };

interface SubjectPick extends Item {
  /** Undefined for the tenant's own credentials. */
  token: PersonalAccessToken | undefined;
}

/** The terminal's name: the token's, or the tenant's for its own credentials. */
function terminalName(tenant: Tenant, token: Subject | undefined): string {
  const subject = token === undefined ? shown(tenant.displayName) : shown(token.name ?? token.id);
  return `SailPoint: ${subject}`.slice(0, 80);
}

/**
 * The environment goes to this terminal's process only: never environmentVariableCollection (it persists), and the
 * terminal is transient so that terminal persistence never saves its launch configuration, environment included.
 */
async function openSignedInTerminal(run: CommandRun, tenant: Tenant, token: Subject | undefined): Promise<vscode.Terminal> {
  const credentials = await run.ui.service.signInEnvironment(tenant.id, token?.id);
  const terminal = vscode.window.createTerminal({
    name: terminalName(tenant, token),
    env: sailEnvironment(credentials),
    isTransient: true,
    iconPath: TERMINAL_ICON,
  });
  terminal.show();
  run.ui.logger.info(`Opened a terminal signed in as ${token === undefined ? 'the tenant' : `token ${token.id}`} of ${shown(tenant.displayName)}.`);
  return terminal;
}

/** From the palette: the tenant's own credentials or one of its tokens whose secret is stored here. */
async function pickSubject(run: CommandRun, tenant: Tenant): Promise<PersonalAccessToken | undefined> {
  if (run.ui.service.storedSecretTokenIds(tenant.id).size === 0) return undefined;
  const itself: SubjectPick = { label: `$(organization) ${shown(tenant.displayName)}`, description: t("the tenant's own credentials"), token: undefined };
  const items: SubjectPick[] = [itself, ...(await tokensWithSecretItems(run, tenant))];
  return (await run.ask.titled(title()).pickOne({ name: 'tokenId', placeholder: t('Whose credentials to use'), items })).token;
}

/** Scripts: `tenantId`, and `tokenId` for a token whose secret is stored here (absent: the tenant's own credentials). */
async function openForScript(run: CommandRun, args: ArgumentObject): Promise<{ name: string }> {
  const tenant = tenantFromArgs(run, args);
  const tokenId = optionalId(args, 'tokenId');
  const terminal = await openSignedInTerminal(run, tenant, tokenId === undefined ? undefined : { id: tokenId });
  return { name: terminal.name };
}

export const openTerminalCommand: PatCommand = {
  id: 'sailpointPat.openTerminal',
  async run(run, invocation) {
    const { node, args } = invocation;
    if (args !== undefined) return openForScript(run, args);
    if (node instanceof TokenNode) {
      await openSignedInTerminal(run, node.parent.tenant, node.token);
      return undefined;
    }
    const tenant = await chooseTenant(run, invocation, title());
    await openSignedInTerminal(run, tenant, node instanceof TenantNode ? undefined : await pickSubject(run, tenant));
    return undefined;
  },
};

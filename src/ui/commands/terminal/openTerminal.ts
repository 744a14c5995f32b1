// Open Terminal Signed In: a terminal whose process alone holds SAIL_BASE_URL, SAIL_CLIENT_ID and SAIL_CLIENT_SECRET.
import * as vscode from 'vscode';
import { sailEnvironment } from '../../../core/ops/envLines';
import type { PersonalAccessToken, Tenant } from '../../../core/model';
import { shown, type Item } from '../../prompts/prompts';
import { TenantNode } from '../../tree/nodes';
import { TokenNode } from '../../tree/tokenRows';
import { t } from '../../view/l10n';
import { tenantHost } from '../../view/presentation';
import { optionalId, type ArgumentObject } from '../../prompts/args';
import { tokensWithSecretItems } from '../inventory/copyTokenAsEnv';
import type { CommandRun, PatCommand } from '../runner';
import { chooseTenant, tenantFromArgs } from '../targets';
import { openPrivateTerminal } from './privateTerminal';

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
 * The environment goes to this terminal's process only (`openPrivateTerminal`): never environmentVariableCollection
 * (it persists), never the terminal object other extensions read, and the terminal is transient.
 */
async function openSignedInTerminal(run: CommandRun, tenant: Tenant, token: Subject | undefined): Promise<vscode.Terminal> {
  const credentials = await run.ui.service.signInEnvironment(tenant.id, token?.id);
  const terminal = openPrivateTerminal({ name: terminalName(tenant, token), env: sailEnvironment(credentials), iconPath: TERMINAL_ICON });
  terminal.show();
  run.ui.logger.info(`Opened a terminal signed in as ${token === undefined ? 'the tenant' : `token ${token.id}`} of ${shown(tenant.displayName)}.`);
  return terminal;
}

/**
 * From the palette: one of the tenant's tokens whose secret is stored here, offered first (a token's own, narrower
 * rights), or the tenant's own sign-in credentials when the person picks them.
 */
async function pickSubject(run: CommandRun, tenant: Tenant): Promise<PersonalAccessToken | undefined> {
  if (run.ui.service.storedSecretTokenIds(tenant.id).size === 0) return undefined;
  const itself: SubjectPick = { label: `$(organization) ${shown(tenant.displayName)}`, description: t("the tenant's own sign-in credentials, with all their rights"), token: undefined };
  const items: SubjectPick[] = [...(await tokensWithSecretItems(run, tenant)), itself];
  return (await run.ask.titled(title()).pickOne({ name: 'tokenId', placeholder: t('Whose credentials to use'), items })).token;
}

/** A script may ask; only the person at this VS Code may hand a secret to a shell, in a modal that names where it signs in. */
async function personAllows(run: CommandRun, tenant: Tenant, tokenId: string | undefined): Promise<void> {
  const whose = tokenId === undefined ? t("the tenant's own sign-in credentials") : t('the secret of token {0}', tokenId);
  try {
    await run.confirmByPerson({
      name: 'confirm',
      message: t('A script or another extension asks to open a terminal signed in to {0} ({1}) with {2}.', shown(tenant.displayName), tenantHost(tenant), whose),
      detail: t('Every program that runs in that terminal can read the client secret. Open it only if you asked for it.'),
      button: t('Open Terminal Signed In'),
    });
  } catch (error) {
    // Dismissed, refused (a test run refuses every dialog) or failed: in each case no person said yes.
    throw new Error(t('Open Terminal Signed In needs a person to confirm it in VS Code, and nobody did: no terminal was opened.'), { cause: error });
  }
}

/** Scripts: `tenantId`, and `tokenId` for a token whose secret is stored here (absent: the tenant's own credentials). */
async function openForScript(run: CommandRun, args: ArgumentObject): Promise<{ name: string }> {
  const tenant = tenantFromArgs(run, args);
  const tokenId = optionalId(args, 'tokenId');
  // Refused before the person is asked: a question about a secret that is not here would only confuse them.
  await run.ui.service.signInEnvironment(tenant.id, tokenId);
  await personAllows(run, tenant, tokenId);
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

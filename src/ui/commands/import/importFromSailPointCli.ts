// Import Tenants from SailPoint CLI: the environments of ~/.sailpoint/config.yaml not yet added, each with its
// credentials asked here (the CLI keeps its secrets in the OS keyring) and proved before anything is saved.
import { readFile, stat } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CliEnvironment, CliEnvironments } from '../../../core/ops/cliConfig';
import { isCancellation, PatError } from '../../../core/errors';
import { loadOnce } from '../../../core/lazyLoad';
import { errorText } from '../../../core/messages';
import type { Tenant } from '../../../core/model';
import { t } from '../../view/l10n';
import { pickEnvironments } from './cliImportPrompts';
import { quoted, shown } from '../../prompts/prompts';
import { askCredentials, hostOf } from '../tenant/tenantPrompts';
import { optionalString, requireString, type ArgumentObject } from '../../prompts/args';
import type { CommandRun, PatCommand } from '../runner';
import { addCheckedTenant, credentialsFrom } from '../tenant/addTenant';
import { EXTENSION_ID } from '../../ids';
import { cliConfigPlace } from './cliConfigPlace';

/** The YAML reader is most of this command's code: it loads when the command first runs, not with every command. */
const loadCliConfig = loadOnce(() => import('../../../core/ops/cliConfig.js'));

/** The file as messages name it: in a remote window, with the machine whose home folder this extension reads. */
function shownPath(): string {
  const runsOnThisComputer = vscode.extensions.getExtension(EXTENSION_ID)?.extensionKind !== vscode.ExtensionKind.Workspace;
  return cliConfigPlace(vscode.env.remoteName, runsOnThisComputer);
}

function configPath(): string {
  return path.join(os.homedir(), '.sailpoint', 'config.yaml');
}

function unreadable(error: unknown): PatError {
  const code = (error as NodeJS.ErrnoException).code;
  return new PatError(
    'invalid-input',
    code === 'ENOENT'
      ? t('No SailPoint CLI configuration was found at {0}: set the CLI up with "sail environment create", or use Add Tenant.', shownPath())
      : t('{0} could not be read ({1}).', shownPath(), code ?? t('unknown error')),
  );
}

/** The file's size is checked before it is read: a file over the cap is never read into memory. */
async function readCliConfig(): Promise<CliEnvironments> {
  const config = await loadCliConfig();
  let text: string;
  try {
    if ((await stat(configPath())).size > config.MAX_CLI_CONFIG_BYTES) {
      throw new PatError('invalid-input', t('{0} is not a SailPoint CLI configuration this extension can read: {1}', shownPath(), t('it is larger than 1 MB.')));
    }
    text = await readFile(configPath(), 'utf8');
  } catch (error) {
    throw error instanceof PatError ? error : unreadable(error);
  }
  return config.parseCliConfig(text, shownPath());
}

/** Environments with why, the first few of them: a hostile file may name hundreds. */
function listed(entries: readonly { name: string; reason: string }[], max = 5): string {
  const named = entries.slice(0, max).map((entry) => `${shown(entry.name)}: ${entry.reason}`).join('; ');
  return entries.length > max ? t('{0}; and {1} more', named, entries.length - max) : named;
}

interface Offer {
  fresh: CliEnvironment[];
  /** Environments not offered, each with why: no usable URL, or a URL already added. */
  skipped: { name: string; reason: string }[];
}

async function environmentsToOffer(run: CommandRun): Promise<Offer> {
  const { usable, skipped } = await readCliConfig();
  const fresh = (await loadCliConfig()).notYetAdded(usable, run.ui.service.listTenants());
  const added = usable
    .filter((environment) => !fresh.includes(environment))
    .map((environment) => {
      const tenant = run.ui.service.tenantWithUrl(environment.baseUrl);
      return { name: environment.name, reason: tenant ? t('already added as {0}', quoted(tenant.displayName)) : t('the same URL as another environment') };
    });
  if (usable.length === 0) {
    throw new PatError('invalid-input', t('No environment in {0} has a URL this extension can use ({1}).', shownPath(), listed(skipped)));
  }
  if (fresh.length === 0) throw new PatError('invalid-input', t('Every environment in {0} is already a tenant here.', shownPath()));
  return { fresh, skipped: [...added, ...skipped] };
}

/**
 * Asks and proves one environment's credentials; the tenant added, or why not. A failure is not shown as a toast
 * to wait behind: it is named in the summary and the import moves on to the next environment.
 */
async function importOne(run: CommandRun, environment: CliEnvironment): Promise<Tenant | string> {
  const name = shown(environment.name);
  const host = hostOf(environment.baseUrl) ?? environment.baseUrl;
  const entered = await askCredentials(run.ask, { tenantName: name, host, title: t('Import {0} from SailPoint CLI', name) });
  const input = { url: environment.baseUrl, displayName: environment.name, credentials: credentialsFrom(entered.clientId, entered.clientSecret) };
  try {
    return await run.network(t('Checking the credentials of {0} with {1}…', quoted(environment.name), host), (signal) => run.ui.service.addTenant(input, signal), {
      passThrough: (error) => !isCancellation(error),
    });
  } catch (error) {
    if (isCancellation(error)) throw error;
    run.logFailure(error);
    return errorText(error);
  }
}

/** Without "environment": lists what could be imported. With it and credentials: imports that one. */
async function importForScript(run: CommandRun, args: ArgumentObject): Promise<unknown> {
  const name = optionalString(args, 'environment');
  if (name === undefined) return { environments: (await environmentsToOffer(run)).fresh };
  // Any environment of the file: one whose URL is already added is refused by the service, naming the tenant.
  const environment = (await readCliConfig()).usable.find((each) => each.name === name);
  if (environment === undefined) throw new PatError('invalid-input', t('{0} has no usable environment "{1}".', shownPath(), shown(name).slice(0, 80)));
  const credentials = credentialsFrom(requireString(args, 'clientId'), requireString(args, 'clientSecret'));
  const tenant = await addCheckedTenant(run, { url: environment.baseUrl, displayName: environment.name, credentials });
  return { tenantId: tenant.id };
}

/** One line for a person: how many came in, and each one that did not, with why. */
function summary(imported: number, chosen: number, failed: readonly { name: string; reason: string }[], skipped: Offer['skipped']): string {
  const parts = [
    chosen === 1 ? t('Imported {0} of 1 environment from the SailPoint CLI.', imported) : t('Imported {0} of {1} environments from the SailPoint CLI.', imported, chosen),
  ];
  if (failed.length > 0) parts.push(t('Not imported: {0}.', listed(failed)));
  if (skipped.length > 0) parts.push(t('Not offered: {0}.', listed(skipped)));
  return parts.join(' ');
}

export const importFromSailPointCliCommand: PatCommand = {
  id: 'sailpointPat.importFromSailPointCli',
  async run(run, invocation) {
    if (invocation.args !== undefined) return importForScript(run, invocation.args);
    const offer = await environmentsToOffer(run);
    const chosen = await pickEnvironments(run.ask, offer.fresh, shownPath());
    const added: Tenant[] = [];
    const failed: { name: string; reason: string }[] = [];
    for (const environment of chosen) {
      const outcome = await importOne(run, environment);
      if (typeof outcome === 'string') failed.push({ name: environment.name, reason: outcome });
      else added.push(outcome);
    }
    run.ui.tree.refresh();
    // Selected one after another, the last stays selected; each is revealed.
    for (const tenant of added) await run.revealTenant(tenant.id);
    // The names are file text and show in the tree; a notification would render a link written in one.
    run.inform(summary(added.length, chosen.length, failed, offer.skipped));
    return undefined;
  },
};

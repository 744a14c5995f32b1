// Import Tenants from SailPoint CLI: the environments of ~/.sailpoint/config.yaml not yet added, each with its
// credentials asked here (the CLI keeps its secrets in the OS keyring) and proved before anything is saved.
import { readFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CliEnvironment } from '../../../core/ops/cliConfig';
import { isCancellation, PatError } from '../../../core/errors';
import { loadOnce } from '../../../core/lazyLoad';
import { pickEnvironments } from './cliImportPrompts';
import { shown } from '../../prompts/prompts';
import { askCredentials } from '../tenant/tenantPrompts';
import { optionalString, requireString, type ArgumentObject } from '../../prompts/args';
import type { CommandRun, PatCommand } from '../runner';
import { addCheckedTenant, credentialsFrom } from '../tenant/addTenant';
import { t } from '../../view/l10n';

const SHOWN_PATH = '~/.sailpoint/config.yaml';
/** The YAML parser is most of this command's code: it loads when the command first runs, not with every command. */
const loadCliConfig = loadOnce(() => import('../../../core/ops/cliConfig.js'));

function configPath(): string {
  return path.join(os.homedir(), '.sailpoint', 'config.yaml');
}

async function readCliEnvironments(): Promise<CliEnvironment[]> {
  let text: string;
  try {
    text = await readFile(configPath(), 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new PatError(
      'invalid-input',
      missing
        ? t('No SailPoint CLI configuration was found at {0}: set the CLI up with "sail environment create", or use Add Tenant.', SHOWN_PATH)
        : t('{0} could not be read ({1}).', SHOWN_PATH, (error as NodeJS.ErrnoException).code ?? 'unknown error'),
    );
  }
  return (await loadCliConfig()).parseCliConfig(text, SHOWN_PATH).usable;
}

async function environmentsToOffer(run: CommandRun): Promise<CliEnvironment[]> {
  const all = await readCliEnvironments();
  const fresh = (await loadCliConfig()).notYetAdded(all, run.ui.service.listTenants());
  if (fresh.length === 0) throw new PatError('invalid-input', t('Every environment in {0} is already a tenant here.', SHOWN_PATH));
  return fresh;
}

/** Asks and proves one environment's credentials; false when the tenant refused them (already shown). */
async function importOne(run: CommandRun, environment: CliEnvironment): Promise<boolean> {
  const name = shown(environment.name);
  const credentials = await askCredentials(run.ask, name, undefined, t('Import {0} from SailPoint CLI', name));
  try {
    await addCheckedTenant(run, { url: environment.baseUrl, displayName: environment.name, credentials: credentialsFrom(credentials.clientId, credentials.clientSecret) });
    return true;
  } catch (error) {
    if (isCancellation(error)) throw error;
    return false;
  }
}

/** Without "environment": lists what could be imported. With it and credentials: imports that one. */
async function importForScript(run: CommandRun, args: ArgumentObject): Promise<unknown> {
  const name = optionalString(args, 'environment');
  const offered = await environmentsToOffer(run);
  if (name === undefined) return { environments: offered };
  const environment = offered.find((each) => each.name === name);
  if (environment === undefined) throw new PatError('invalid-input', t('{0} has no environment "{1}" that is not yet a tenant.', SHOWN_PATH, shown(name).slice(0, 80)));
  const credentials = credentialsFrom(requireString(args, 'clientId'), requireString(args, 'clientSecret'));
  const tenant = await addCheckedTenant(run, { url: environment.baseUrl, displayName: environment.name, credentials });
  return { tenantId: tenant.id };
}

export const importFromSailPointCliCommand: PatCommand = {
  id: 'sailpointPat.importFromSailPointCli',
  async run(run, invocation) {
    if (invocation.args !== undefined) return importForScript(run, invocation.args);
    const chosen = await pickEnvironments(run.ask, await environmentsToOffer(run));
    let imported = 0;
    for (const environment of chosen) if (await importOne(run, environment)) imported++;
    // The names are file text and show in the tree; a notification would render a link written in one.
    run.inform(t('Imported {0} of {1} environments from the SailPoint CLI.', imported, chosen.length));
    return undefined;
  },
};

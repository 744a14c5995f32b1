// Update Credentials: a tenant's new client ID and secret, checked with the tenant (whose host every prompt names)
// before they are stored. A person whose secret the tenant refused is asked for it again, as in Add Tenant.
import { isPatError } from '../../../core/errors';
import type { Credentials, Tenant } from '../../../core/model';
import { quoted } from '../../prompts/prompts';
import { t } from '../../view/l10n';
import { tenantHost } from '../../view/presentation';
import { askCredentials } from './tenantPrompts';
import type { CommandRun, PatCommand } from '../runner';
import { chooseTenant } from '../targets';
import { credentialsFrom, refusedSecretText } from './addTenant';

/** Asks until the tenant accepts the credentials (a person) or once (a script), then stores them. */
export async function updateTenantCredentials(run: CommandRun, tenant: Tenant): Promise<void> {
  const current = run.ask.person ? await run.ui.service.signInClientId(tenant.id) : undefined;
  let previous: Credentials | undefined;
  let secretProblem: string | undefined;
  for (;;) {
    const entered = await askCredentials(run.ask, { tenantName: quoted(tenant.displayName), host: tenantHost(tenant), currentClientId: current, secretProblem }, previous);
    const credentials = credentialsFrom(entered.clientId, entered.clientSecret);
    try {
      await run.network(
        t('Checking the new credentials of {0}…', quoted(tenant.displayName)),
        (signal) => run.ui.service.updateCredentials(tenant.id, credentials, signal),
        { busy: [{ tenantId: tenant.id }], busyLabel: t('Checking credentials…'), tenantId: tenant.id, passThrough: (error) => run.ask.person && isPatError(error, 'credentials-rejected') },
      );
      return;
    } catch (error) {
      if (!run.ask.person || !isPatError(error, 'credentials-rejected')) throw error;
      previous = credentials;
      secretProblem = refusedSecretText(error);
    }
  }
}

export const updateCredentialsCommand: PatCommand = {
  id: 'sailpointPat.updateCredentials',
  async run(run, invocation) {
    const tenant = await chooseTenant(run, invocation, t('Update Credentials'));
    await updateTenantCredentials(run, tenant);
    run.ui.tree.refresh(tenant.id);
    run.inform(t('The new credentials of {0} work and are stored in VS Code SecretStorage.', quoted(tenant.displayName)));
    return undefined;
  },
};

// Update Credentials: a tenant's new client ID and secret, checked with the tenant before they are stored.
import { quoted } from '../../prompts/prompts';
import { askCredentials } from './tenantPrompts';
import type { PatCommand } from '../runner';
import { chooseTenant } from '../targets';
import { credentialsFrom } from './addTenant';
import { t } from '../../view/l10n';

export const updateCredentialsCommand: PatCommand = {
  id: 'sailpointPat.updateCredentials',
  async run(run, invocation) {
    const tenant = await chooseTenant(run, invocation, t('Update Credentials'));
    const current = run.ask.person ? await run.ui.service.signInClientId(tenant.id) : undefined;
    const entered = await askCredentials(run.ask, quoted(tenant.displayName), current);
    const credentials = credentialsFrom(entered.clientId, entered.clientSecret);
    await run.network(
      t('Checking the new credentials of {0}…', quoted(tenant.displayName)),
      (signal) => run.ui.service.updateCredentials(tenant.id, credentials, signal),
      { busy: [{ tenantId: tenant.id }], busyLabel: t('Checking credentials…'), tenantId: tenant.id },
    );
    run.ui.tree.refresh(tenant.id);
    run.inform(t('The new credentials of {0} work and are stored in VS Code SecretStorage.', quoted(tenant.displayName)));
    return undefined;
  },
};

// Update Credentials: a tenant's new client ID and secret, checked with the tenant before they are stored.
import { quoted } from '../../prompts/prompts';
import { askCredentials } from './tenantPrompts';
import type { PatCommand } from '../runner';
import { chooseTenant } from '../targets';
import { credentialsFrom } from './addTenant';

export const updateCredentialsCommand: PatCommand = {
  id: 'sailpointPat.updateCredentials',
  async run(run, invocation) {
    const tenant = await chooseTenant(run, invocation, 'Update Credentials');
    const current = run.ask.person ? await run.ui.service.signInClientId(tenant.id) : undefined;
    const entered = await askCredentials(run.ask, quoted(tenant.displayName), current);
    const credentials = credentialsFrom(entered.clientId, entered.clientSecret);
    await run.network(
      `Checking the new credentials of ${quoted(tenant.displayName)}…`,
      (signal) => run.ui.service.updateCredentials(tenant.id, credentials, signal),
      { busy: [{ tenantId: tenant.id }], busyLabel: 'Checking credentials…', tenantId: tenant.id },
    );
    run.ui.tree.refresh(tenant.id);
    run.inform(`The new credentials of ${quoted(tenant.displayName)} work and are stored in VS Code SecretStorage.`);
    return undefined;
  },
};

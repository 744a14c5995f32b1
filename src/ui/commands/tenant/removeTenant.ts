// Remove Tenant: forgets a tenant and its secrets here; the tokens stay on the tenant.
import { plural } from '../../view/presentation';
import { quoted } from '../../prompts/prompts';
import { t } from '../../view/l10n';
import type { PatCommand } from '../runner';
import { chooseTenant } from '../targets';

export const removeTenantCommand: PatCommand = {
  id: 'sailpointPat.removeTenant',
  async run(run, invocation) {
    const tenant = await chooseTenant(run, invocation, 'Remove Tenant');
    const stored = run.ui.service.storedSecretTokenIds(tenant.id).size;
    await run.ask.confirm({
      name: 'confirm',
      message: `Remove the tenant ${quoted(tenant.displayName)} from VS Code?`,
      detail:
        `Its client ID and secret${stored > 0 ? ` and ${plural(stored, 'stored token secret')}` : ''} ` +
        'are deleted from VS Code SecretStorage. The tokens themselves stay on the tenant.',
      button: 'Remove Tenant',
      keep: t('Keep Tenant'),
    });
    await run.ui.service.removeTenant(tenant.id);
    run.ui.tree.refresh();
    return undefined;
  },
};

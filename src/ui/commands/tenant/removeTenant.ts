// Remove Tenant: forgets a tenant and its secrets here; the tokens stay on the tenant.
import { quoted } from '../../prompts/prompts';
import { t } from '../../view/l10n';
import type { PatCommand } from '../runner';
import { chooseTenant } from '../targets';

export const removeTenantCommand: PatCommand = {
  id: 'sailpointPat.removeTenant',
  async run(run, invocation) {
    const tenant = await chooseTenant(run, invocation, t('Remove Tenant'));
    const stored = run.ui.service.storedSecretTokenIds(tenant.id).size;
    await run.ask.confirm({
      name: 'confirm',
      message: t('Remove the tenant {0} from VS Code?', quoted(tenant.displayName)),
      detail:
        stored === 0
          ? t('Its client ID and secret are deleted from VS Code SecretStorage. The tokens themselves stay on the tenant.')
          : stored === 1
            ? t('Its client ID and secret and 1 stored token secret are deleted from VS Code SecretStorage. The tokens themselves stay on the tenant.')
            : t('Its client ID and secret and {0} stored token secrets are deleted from VS Code SecretStorage. The tokens themselves stay on the tenant.', stored),
      button: t('Remove Tenant'),
      keep: t('Keep Tenant'),
    });
    await run.ui.service.removeTenant(tenant.id);
    run.ui.tree.refresh();
    return undefined;
  },
};

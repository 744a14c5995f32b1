// Rename Tenant: the name the tree shows.
import { validateDisplayName } from '../../../core/validation';
import type { PatCommand } from '../runner';
import { chooseTenant } from '../targets';
import { t } from '../../view/l10n';

export const renameTenantCommand: PatCommand = {
  id: 'sailpointPat.renameTenant',
  async run(run, invocation) {
    const tenant = await chooseTenant(run, invocation, t('Rename Tenant'));
    const displayName = await run.ask.titled(t('Rename Tenant')).inputText({
      name: 'displayName',
      prompt: t('A name to show in the tree'),
      value: tenant.displayName,
      validate: validateDisplayName,
    });
    await run.ui.service.renameTenant(tenant.id, displayName.trim());
    run.ui.tree.refresh();
    return undefined;
  },
};

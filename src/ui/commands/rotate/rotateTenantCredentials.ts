// Rotate Tenant Credentials: replaces the token the tenant signs in with, then deletes the old one.
import { rotateTenantCredentials } from '../../../core/ops/rotation';
import type { PatCommand } from '../runner';
import { chooseTenant, tenantFromArgs } from '../targets';
import { rotateTenantInteractively } from './rotationFlow';
import { t } from '../../view/l10n';

export const rotateTenantCredentialsCommand: PatCommand = {
  id: 'sailpointPat.rotateTenantCredentials',
  async run(run, invocation) {
    if (invocation.args === undefined) {
      await rotateTenantInteractively(run, await chooseTenant(run, invocation, t('Rotate Tenant Credentials')));
      return undefined;
    }
    const tenant = tenantFromArgs(run, invocation.args);
    const result = await run
      .network(t('Rotating tenant credentials…'), (signal) => rotateTenantCredentials(run.ui.service, tenant.id, {}, signal), { retryable: false })
      .finally(() => run.ui.tree.refresh(tenant.id));
    return { tokenId: result.successor.id };
  },
};

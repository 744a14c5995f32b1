// Rotate Token: a successor with the same scopes, then the old token deleted or kept.
import { prepareRotation, rotateToken } from '../../../core/ops/rotation';
import { TokenNode } from '../../tree/tokenRows';
import { optionalString, requireBoolean, requireId, type ArgumentObject } from '../../prompts/args';
import type { CommandRun, Invocation, PatCommand } from '../runner';
import { chooseTenant, refuseOthersToken, tenantFromArgs } from '../targets';
import { unsavedSecretRejection } from '../token/unsavedSecret';
import { tokenBusy, rotateInteractively, pickOwnToken, rotateTenantInteractively } from './rotationFlow';
import { t } from '../../view/l10n';

/** A script's rotation: one call to the core, which keeps the old token when the successor's secret could not be stored. */
async function rotateForScript(run: CommandRun, args: ArgumentObject): Promise<{ tokenId: string }> {
  const tenant = tenantFromArgs(run, args);
  const request = { tenantId: tenant.id, tokenId: requireId(args, 'tokenId'), name: optionalString(args, 'name'), deleteOld: requireBoolean(args, 'deleteOld') };
  await refuseOthersToken(run, tenant.id, request.tokenId, t('Rotate'));
  const { outcome } = await run
    .network(t('Rotating token…'), (signal) => rotateToken(run.ui.service, request, signal), { retryable: false })
    .finally(() => run.ui.tree.refresh(tenant.id));
  if (!outcome.secretSaved) throw await unsavedSecretRejection(run, tenant.id, outcome, t('The old token was kept. '));
  return { tokenId: outcome.token.id };
}

async function rotateForPerson(run: CommandRun, invocation: Invocation): Promise<void> {
  const { node } = invocation;
  const tenant = await chooseTenant(run, invocation, t('Rotate Token'));
  const tokenId = node instanceof TokenNode ? node.token.id : (await pickOwnToken(run, tenant)).id;
  await refuseOthersToken(run, tenant.id, tokenId, t('Rotate'));
  if (tokenId === (await run.ui.service.signInClientId(tenant.id))) {
    await rotateTenantInteractively(run, tenant);
    return;
  }
  const target = await run.network(t('Reading your tokens…'), (signal) => prepareRotation(run.ui.service, tenant.id, tokenId, Date.now(), signal), {
    busy: tokenBusy(tenant.id, tokenId),
    busyLabel: t('Reading…'),
    tenantId: tenant.id,
  });
  await rotateInteractively(run, tenant, target);
}

export const rotateTokenCommand: PatCommand = {
  id: 'sailpointPat.rotateToken',
  async run(run, invocation) {
    // Two paths: a script's answers (name, deleteOld) come all at once, before anything is created, so the core rotates
    // in one step; a person decides about the old token only after the successor exists and consumers were switched.
    if (invocation.args !== undefined) return rotateForScript(run, invocation.args);
    await rotateForPerson(run, invocation);
    return undefined;
  },
};

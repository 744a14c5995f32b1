// The one network step of Rename Token and Edit Scopes.
import type { CommandRun } from '../runner';
import type { TokenTarget } from '../targets';

export async function updateToken(run: CommandRun, target: TokenTarget, title: string, patch: { name?: string; scope?: string[] }): Promise<void> {
  const { tenant, tokenId } = target;
  await run.network(title, (signal) => run.ui.service.updateToken(tenant.id, tokenId, patch, signal), {
    busy: [{ tenantId: tenant.id, tokenId }],
    busyLabel: title,
    tenantId: tenant.id,
  });
  run.ui.tree.refresh(tenant.id);
}

// Refresh: one tenant's tokens, or every tenant's.
import { optionalId } from '../../prompts/args';
import type { PatCommand } from '../runner';
import { tenantOfNode } from '../targets';

export const refreshCommand: PatCommand = {
  id: 'sailpointPat.refresh',
  run(run, { node, args }) {
    // The node's tenant, or the optional argument `tenantId` (checked); neither: every tenant.
    const tenantId = args === undefined ? tenantOfNode(node)?.id : optionalId(args, 'tenantId');
    if (args !== undefined && tenantId !== undefined) run.ui.service.getTenant(tenantId);
    run.ui.tree.refresh(tenantId);
    return Promise.resolve(undefined);
  },
};

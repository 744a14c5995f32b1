// Find Unused Tokens: where and what counts as unused, the search, then the one delete flow for what the user picks.
import { findUnusedTokens, type UnusedSearch } from '../../../core/ops/bulkDelete';
import { PatError } from '../../../core/errors';
import type { Tenant } from '../../../core/model';
import { tenantCount } from '../../view/counts';
import { quoted, shown } from '../../prompts/prompts';
import { askUnused, pickUnusedToDelete } from './unusedPrompts';
import { optionalId, type ArgumentObject } from '../../prompts/args';
import { deleteFound } from '../delete/deleteTokens';
import type { CommandRun, PatCommand } from '../runner';
import { noTenantYet, tenantOfNode } from '../targets';
import { t } from '../../view/l10n';

async function search(run: CommandRun, tenants: readonly Tenant[], criteria: Parameters<typeof findUnusedTokens>[2]): Promise<UnusedSearch> {
  const where = tenants.length === 1 ? shown(tenants[0].displayName) : tenantCount(tenants.length);
  return run.network(t('Looking for unused tokens in {0}…', where), (signal) => findUnusedTokens(run.ui.service, tenants, criteria, Date.now(), signal), {
    tenantId: tenants.length === 1 ? tenants[0].id : undefined,
  });
}

function reportFailedTenants(run: CommandRun, result: UnusedSearch): void {
  if (result.failedTenants.length === 0 || run.automated) return;
  result.failedTenants.forEach(({ tenant, message }) => run.ui.logger.warn(`Finding unused tokens in "${tenant.displayName}" failed: ${message}`));
  const names = result.failedTenants.map(({ tenant }) => quoted(tenant.displayName)).join(', ');
  void run.ask.message({ severity: 'warning', message: t('Could not search {0}; the other tenants were searched. See the log for why.', names), actions: [] });
}

function tenantsFromArgs(run: CommandRun, args: ArgumentObject): Tenant[] {
  const tenantId = optionalId(args, 'tenantId');
  return tenantId === undefined ? run.ui.service.listTenants() : [run.ui.service.getTenant(tenantId)];
}

export const findUnusedTokensCommand: PatCommand = {
  id: 'sailpointPat.findUnusedTokens',
  async run(run, invocation) {
    const all = run.ui.service.listTenants();
    if (all.length === 0 && run.ask.person) throw new PatError('invalid-input', noTenantYet());
    const { scope, criteria } = await askUnused(run.ask, all, tenantOfNode(invocation.node), (args) => tenantsFromArgs(run, args));
    const result = await search(run, scope.tenants, criteria);
    if (scope.one && result.failedTenants.length > 0) throw new PatError('http', result.failedTenants[0].message);
    reportFailedTenants(run, result);
    if (result.found.length === 0) run.inform(t('No unused tokens found.'));
    else {
      const picked = await pickUnusedToDelete(run.ask, result.found, scope.tenants.length > 1);
      await deleteFound(run, picked.map(({ tenant, token, signsInTenant, othersOwner }) => ({ tenant, tokenId: token.id, token, isOwnCredential: signsInTenant, othersOwner })));
    }
    return {
      tokens: result.found.map(({ tenant, token, signsInTenant, ownerStatus }) => ({
        tenantId: tenant.id,
        tokenId: token.id,
        name: token.name,
        managed: token.managed,
        signsInTenant,
        ...(ownerStatus === undefined ? {} : { ownerStatus: ownerStatus.text }),
      })),
      failedTenants: result.failedTenants.map(({ tenant, message }) => ({ tenantId: tenant.id, message })),
    };
  },
};

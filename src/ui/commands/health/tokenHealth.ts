// Token Health: every token of one tenant or all, with the flags that say why it needs attention. A script gets
// the report of the automation contract; a person gets one line and the overview.
import { collectHealth, type HealthReport } from '../../../core/ops/health';
import { PatError } from '../../../core/errors';
import type { Tenant } from '../../../core/model';
import { expiryWarningDays, unusedDays } from '../../settings';
import { healthSummary } from '../../view/healthText';
import { t } from '../../view/l10n';
import { optionalId } from '../../prompts/args';
import type { CommandRun, Invocation, PatCommand } from '../runner';
import { noTenantYet, tenantOfNode } from '../targets';
import { openOverview } from './overview';

/** The automation contract's shape: ids, names and flags only, never a secret. */
export function healthResult(report: HealthReport): unknown {
  return {
    tenants: report.tenants.map(({ tenant, total, flagged }) => ({ tenantId: tenant.id, total, flagged: { ...flagged } })),
    tokens: report.tokens.map(({ tenant, token, flags, ownerStatus }) => ({
      tenantId: tenant.id,
      tokenId: token.id,
      name: token.name,
      owner: { id: token.owner?.id ?? '', name: token.owner?.name ?? null, ...(ownerStatus === undefined ? {} : { status: ownerStatus.text }) },
      flags: [...flags],
    })),
    failedTenants: report.failedTenants.map(({ tenant, message }) => ({ tenantId: tenant.id, message })),
  };
}

/** Lists every tenant asked for and flags its tokens, with progress; failures of single tenants are logged. */
export async function checkHealth(run: CommandRun, tenants: readonly Tenant[]): Promise<HealthReport> {
  const settings = { now: Date.now(), expiryWarningDays: expiryWarningDays(), unusedDays: unusedDays() };
  const report = await run.network(t('Checking token health…'), (signal) => collectHealth(run.ui.service, tenants, settings, signal), {
    tenantId: tenants.length === 1 ? tenants[0].id : undefined,
  });
  for (const { tenant, message } of report.failedTenants) run.ui.logger.warn(`Token health of tenant "${tenant.displayName}" failed: ${message}`);
  return report;
}

/** No tenantId: every tenant, in the order of the tree. From a tenant's (or token's) node: that tenant. */
export function tenantsAsked(run: CommandRun, invocation: Invocation): Tenant[] {
  const tenantId = invocation.args === undefined ? tenantOfNode(invocation.node)?.id : optionalId(invocation.args, 'tenantId');
  if (tenantId !== undefined) return [run.ui.service.getTenant(tenantId)];
  const all = run.ui.service.listTenants();
  // A script gets the empty report; a person is told what to do first.
  if (all.length === 0 && run.ask.person) throw new PatError('invalid-input', noTenantYet());
  return all;
}

/** One line, and the overview of the same report on request. */
async function tellPerson(run: CommandRun, report: HealthReport): Promise<void> {
  const flagged = report.tokens.filter(({ flags }) => flags.length > 0).length;
  const message = healthSummary(flagged, report.tokens.length, report.tenants.length, report.failedTenants.length);
  const showOverview = t('Show Overview');
  if ((await run.ask.message({ severity: 'info', message, actions: [showOverview] })) === showOverview) await openOverview(run, report);
}

export const tokenHealthCommand: PatCommand = {
  id: 'sailpointPat.tokenHealth',
  async run(run, invocation) {
    const report = await checkHealth(run, tenantsAsked(run, invocation));
    if (run.ask.person) await tellPerson(run, report);
    return healthResult(report);
  },
};

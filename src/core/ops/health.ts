// core/ops: token health as facts. Each token listed by a tenant (its current list query) gets the flags that say
// why it needs attention; the UI decides how they read and look.
import { PatError } from '../errors';
import { t } from '../l10n';
import { errorText } from '../messages';
import { ALL_SCOPES, type PersonalAccessToken, type Tenant } from '../model';
import type { PatService } from '../patService';
import { expiryStateAt, parseTime } from './expiry';
import { listsOtherOwners, lookUpOwners, NO_LOOKUP, type OwnerStatus } from './owners';

const DAY_MS = 86_400_000;

/** In the order the contract, the overview and the README list them. */
export const HEALTH_FLAGS = ['expired', 'expiresSoon', 'neverExpires', 'neverUsed', 'unused', 'ownerInactive', 'allRights'] as const;

export type HealthFlag = (typeof HEALTH_FLAGS)[number];

export const DEFAULT_UNUSED_DAYS = 90;
export const MAX_HEALTH_DAYS = 3650;

export interface HealthSettings {
  now: number;
  expiryWarningDays: number;
  unusedDays: number;
}

/** The server grants the owner's every right when the scope is null or empty, or names sp:scopes:all. */
export function grantsAllRights(scope: readonly string[] | null): boolean {
  return scope === null || scope.length === 0 || scope.includes(ALL_SCOPES);
}

/** Not used within the last `unusedDays`; a token never used counts once it is older than that. */
function isUnused(token: PersonalAccessToken, settings: HealthSettings): boolean {
  const cutoff = settings.now - settings.unusedDays * DAY_MS;
  const lastUsed = parseTime(token.lastUsed);
  if (lastUsed !== undefined) return lastUsed < cutoff;
  if (token.lastUsed !== null) return false;
  const created = parseTime(token.created);
  return created !== undefined && created < cutoff;
}

/** The flags of one token, in HEALTH_FLAGS order; `owner` is the looked-up status of its owner, if known. */
export function tokenFlags(token: PersonalAccessToken, settings: HealthSettings, owner?: OwnerStatus): HealthFlag[] {
  const expires = parseTime(token.expirationDate);
  const state = expiryStateAt(token, expires, settings.now, settings.expiryWarningDays);
  const has: Record<HealthFlag, boolean> = {
    expired: state === 'expired',
    expiresSoon: state === 'soon',
    // No expiry date at all: v1's never-expiring tokens, and v3 answers that carry none.
    neverExpires: state === 'never',
    neverUsed: token.lastUsed === null,
    unused: isUnused(token, settings),
    ownerInactive: owner !== undefined && owner.kind !== 'active',
    allRights: grantsAllRights(token.scope),
  };
  return HEALTH_FLAGS.filter((flag) => has[flag]);
}

/** The riskiest token there is: it works forever and can do everything its owner can. */
export function isRiskiest(flags: readonly HealthFlag[]): boolean {
  return flags.includes('neverExpires') && flags.includes('allRights');
}

export interface TokenHealth {
  tenant: Tenant;
  token: PersonalAccessToken;
  flags: HealthFlag[];
  ownerStatus?: OwnerStatus;
}

export interface TenantHealth {
  tenant: Tenant;
  total: number;
  flagged: Record<HealthFlag, number>;
}

export interface HealthReport {
  tenants: TenantHealth[];
  tokens: TokenHealth[];
  failedTenants: { tenant: Tenant; message: string }[];
}

export function checkHealthDays(days: number, what: string): number {
  if (!Number.isInteger(days) || days < 0 || days > MAX_HEALTH_DAYS) {
    throw new PatError('invalid-input', t('{0} must be a whole number of days from 0 to {1}.', what, MAX_HEALTH_DAYS));
  }
  return days;
}

function countFlags(tokens: readonly TokenHealth[]): Record<HealthFlag, number> {
  const counts = Object.fromEntries(HEALTH_FLAGS.map((flag) => [flag, 0])) as Record<HealthFlag, number>;
  for (const { flags } of tokens) for (const flag of flags) counts[flag] += 1;
  return counts;
}

async function tenantHealth(service: PatService, tenant: Tenant, settings: HealthSettings, signal?: AbortSignal): Promise<TokenHealth[]> {
  const tokens = await service.listTokens(tenant.id, signal);
  // Owners are looked up where the list holds other identities' tokens, as the tree does; one's own owner is active.
  const owners = listsOtherOwners(tenant.listQuery) ? await lookUpOwners(service, tenant.id, tokens, signal) : NO_LOOKUP;
  return tokens.map((token) => {
    const ownerStatus = token.owner === null ? undefined : owners.statuses.get(token.owner.id);
    return { tenant, token, flags: tokenFlags(token, settings, ownerStatus), ...(ownerStatus === undefined ? {} : { ownerStatus }) };
  });
}

/** Every tenant in the given order; a tenant that fails is reported and the others go on. Cancellation stops all. */
export async function collectHealth(service: PatService, tenants: readonly Tenant[], settings: HealthSettings, signal?: AbortSignal): Promise<HealthReport> {
  checkHealthDays(settings.expiryWarningDays, t('The expiry warning'));
  checkHealthDays(settings.unusedDays, t('The unused period'));
  const report: HealthReport = { tenants: [], tokens: [], failedTenants: [] };
  for (const tenant of tenants) {
    try {
      const tokens = await tenantHealth(service, tenant, settings, signal);
      report.tenants.push({ tenant, total: tokens.length, flagged: countFlags(tokens) });
      report.tokens.push(...tokens);
    } catch (error) {
      if (signal?.aborted) throw error;
      report.failedTenants.push({ tenant, message: errorText(error) });
    }
  }
  return report;
}

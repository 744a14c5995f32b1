// core/ops: the use cases the commands run over PatService (tokens in bulk, rotation, inventory, expiry, env lines).
// The token inventory auditors ask for: every token of every tenant, never a secret, as JSON or CSV.
// Each tenant is listed with owner "all" when its credentials may read every token; when the tenant refuses
// that (403), with the tenant's own owner choice instead, and the file says which listing each tenant got.
import { isPatError } from '../errors';
import type { OwnerFilter, PersonalAccessToken, Tenant } from '../model';
import { errorText, listQueryText } from '../messages';
import type { PatService } from '../patService';
import { listsOtherOwners, lookUpOwners, type OwnerStatus } from './owners';
import { t } from '../l10n';

export type InventoryFormat = 'json' | 'csv';

export interface TenantInventory {
  tenant: Tenant;
  /** e.g. "all tokens", or "my tokens" when listing all was refused. */
  listed: string;
  tokens: PersonalAccessToken[];
  storedSecretIds: ReadonlySet<string>;
  /** Why the tenant could not be listed at all; it then has no tokens in the inventory. */
  error?: string;
  /** Owners looked up when others' tokens were listed; absent for a list of one's own tokens. */
  ownerStatuses?: ReadonlyMap<string, OwnerStatus>;
  /** Why owner statuses are missing (e.g. no right to read identities). */
  ownerStatusProblem?: string;
}

export interface InventoryRow {
  tenant: string;
  tenantUrl: string;
  tokenId: string;
  name: string;
  ownerName: string | null;
  ownerId: string | null;
  /** e.g. active, disabled, lifecycle inactive, gone; null when not looked up. */
  ownerStatus: string | null;
  /** null: the server grants every right of the owner (sp:scopes:all). */
  scopes: string[] | null;
  created: string | null;
  lastUsed: string | null;
  expiry: string | null;
  neverExpires: boolean;
  managed: boolean;
  secretStoredHere: boolean;
  listed: string;
}

const ALL_OWNERS: OwnerFilter = { kind: 'all' };

async function listTenant(service: PatService, tenant: Tenant, signal?: AbortSignal): Promise<TenantInventory> {
  const storedSecretIds = service.storedSecretTokenIds(tenant.id);
  try {
    const tokens = await service.listTokens(tenant.id, signal, { owner: ALL_OWNERS });
    return { tenant, listed: listQueryText({ owner: ALL_OWNERS }), tokens, storedSecretIds, ...(await ownerColumns(service, tenant, tokens, signal)) };
  } catch (error) {
    const fallback = tenant.listQuery?.owner ?? { kind: 'me' };
    if (!isPatError(error, 'forbidden') || fallback.kind === 'all') throw error;
    const tokens = await service.listTokens(tenant.id, signal, { owner: fallback });
    const owners = fallback.kind === 'identity' ? await ownerColumns(service, tenant, tokens, signal) : {};
    return { tenant, listed: t('{0} (listing all tokens was refused)', listQueryText({ owner: fallback })), tokens, storedSecretIds, ...owners };
  }
}

async function ownerColumns(
  service: PatService,
  tenant: Tenant,
  tokens: readonly PersonalAccessToken[],
  signal?: AbortSignal,
): Promise<Pick<TenantInventory, 'ownerStatuses' | 'ownerStatusProblem'>> {
  const lookup = await lookUpOwners(service, tenant.id, tokens, signal);
  return lookup.failure === undefined ? { ownerStatuses: lookup.statuses } : { ownerStatusProblem: lookup.failure };
}

/** Each tenant's list as the tree shows it: the tenant's own choice of what it lists. */
async function listTenantAsShown(service: PatService, tenant: Tenant, signal?: AbortSignal): Promise<TenantInventory> {
  const tokens = await service.listTokens(tenant.id, signal);
  const owners = listsOtherOwners(tenant.listQuery) ? await ownerColumns(service, tenant, tokens, signal) : {};
  return { tenant, listed: listQueryText(tenant.listQuery ?? { owner: { kind: 'me' } }), tokens, storedSecretIds: service.storedSecretTokenIds(tenant.id), ...owners };
}

/** "everything": all tokens each tenant's credentials may list; "asShown": what each tenant lists in the tree. */
export type InventoryScope = 'everything' | 'asShown';

/** Lists every tenant; a tenant that fails is recorded with its error and the others go on. Cancellation stops all. */
export async function collectInventory(service: PatService, signal?: AbortSignal, scope: InventoryScope = 'everything'): Promise<TenantInventory[]> {
  const inventories: TenantInventory[] = [];
  for (const tenant of service.listTenants()) {
    try {
      inventories.push(await (scope === 'everything' ? listTenant(service, tenant, signal) : listTenantAsShown(service, tenant, signal)));
    } catch (error) {
      if (signal?.aborted || isPatError(error, 'cancelled')) throw error;
      inventories.push({ tenant, listed: 'nothing', tokens: [], storedSecretIds: new Set(), error: errorText(error) });
    }
  }
  return inventories;
}

export function inventoryRows(inventories: readonly TenantInventory[]): InventoryRow[] {
  return inventories.flatMap(({ tenant, listed, tokens, storedSecretIds, ownerStatuses, ownerStatusProblem }) =>
    tokens.map((token) => ({
      tenant: tenant.displayName,
      tenantUrl: tenant.baseUrl,
      tokenId: token.id,
      name: token.name,
      ownerName: token.owner?.name ?? null,
      ownerId: token.owner?.id ?? null,
      ownerStatus: ownerStatusCell(token, ownerStatuses, ownerStatusProblem),
      scopes: token.scope === null ? null : [...token.scope],
      created: token.created,
      lastUsed: token.lastUsed,
      expiry: token.expirationDate,
      neverExpires: token.expirationDate === null && token.userAwareTokenNeverExpires === true,
      managed: token.managed,
      secretStoredHere: storedSecretIds.has(token.id),
      listed,
    })),
  );
}

function ownerStatusCell(token: PersonalAccessToken, statuses: TenantInventory['ownerStatuses'], problem: string | undefined): string | null {
  if (problem !== undefined) return 'unknown';
  return token.owner === null ? null : (statuses?.get(token.owner.id)?.text ?? null);
}

export function inventoryJson(inventories: readonly TenantInventory[], generatedAt: string): string {
  const tenants = inventories.map(({ tenant, listed, tokens, error, ownerStatusProblem }) => ({
    tenant: tenant.displayName,
    tenantUrl: tenant.baseUrl,
    apiFamily: tenant.apiFamily,
    listed,
    tokenCount: tokens.length,
    ...(error === undefined ? {} : { error }),
    ...(ownerStatusProblem === undefined ? {} : { ownerStatusProblem }),
  }));
  return `${JSON.stringify({ generatedAt, secretsIncluded: false, tenants, tokens: inventoryRows(inventories) }, null, 2)}\n`;
}

/** Characters that make a spreadsheet read a cell as a formula (or hide one behind a line break). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One RFC 4180 field: a leading formula character is neutralised with `'`, then quoted when needed. */
export function csvCell(value: string): string {
  const guarded = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

export const CSV_COLUMNS = [
  'tenant',
  'tenant URL',
  'token id',
  'name',
  'owner',
  'owner id',
  'owner status',
  'scopes',
  'created',
  'last used',
  'expiry',
  'managed',
  'secret stored here',
  'listed',
] as const;

function csvValues(row: InventoryRow): string[] {
  return [
    row.tenant,
    row.tenantUrl,
    row.tokenId,
    row.name,
    row.ownerName ?? '',
    row.ownerId ?? '',
    row.ownerStatus ?? '',
    row.scopes === null ? 'sp:scopes:all' : row.scopes.join(' '),
    row.created ?? '',
    row.lastUsed ?? 'never',
    row.neverExpires ? 'never' : (row.expiry ?? ''),
    row.managed ? 'yes' : 'no',
    row.secretStoredHere ? 'yes' : 'no',
    row.listed,
  ];
}

/** Header plus one line per token, CRLF line ends as RFC 4180 asks. Tenants that failed have no rows. */
export function inventoryCsv(rows: readonly InventoryRow[]): string {
  return [CSV_COLUMNS, ...rows.map(csvValues)].map((values) => `${values.map(csvCell).join(',')}\r\n`).join('');
}

export function inventoryText(format: InventoryFormat, inventories: readonly TenantInventory[], generatedAt: string): string {
  return format === 'json' ? inventoryJson(inventories, generatedAt) : inventoryCsv(inventoryRows(inventories));
}

// The sessions other extensions hold through the SailPoint ISC authentication provider: which tenant a scope names,
// and the records kept between windows (session id, tenant id, scopes; never a token or a secret).
import { PatError } from '../errors';
import type { Tenant } from '../model';
import type { KeyValueStore } from '../ports';
import { stripUnsafeCharacters } from '../validation';
import { AUTH_SESSIONS_KEY, isSafeId } from './secretKeys';
import { t } from '../l10n';

/** `tenant:<tenant id>` or `tenant:<API host>`, e.g. `tenant:acme.api.identitynow.com`. */
export const TENANT_SCOPE_PREFIX = 'tenant:';

export interface AuthSessionRecord {
  id: string;
  tenantId: string;
  scopes: string[];
}

function apiHost(tenant: Tenant): string {
  return new URL(tenant.baseUrl).host.toLowerCase();
}

/**
 * The account VS Code shows and keys consent on (by label): each tenant's own, so consent given for one tenant never
 * covers another of the same name and host. The tenant id in the label keeps it distinct and stable.
 */
export function accountOf(tenant: Tenant): { id: string; label: string } {
  const name = stripUnsafeCharacters(tenant.displayName).replace(/[[\]()]/g, '').slice(0, 60);
  return { id: tenant.id, label: `${name} (${apiHost(tenant)}) · ${tenant.id}` };
}

/** The one tenant the scopes name; a clear error for anything else, as the calling extension's author needs it. */
export function tenantForScopes(scopes: readonly string[], tenants: readonly Tenant[]): Tenant {
  const named = scopes.filter((scope) => scope.startsWith(TENANT_SCOPE_PREFIX));
  if (named.length !== 1 || scopes.length !== 1) {
    throw new PatError('invalid-input', t('Ask for exactly one scope naming a tenant: "tenant:<tenant id or API host>", e.g. "tenant:acme.api.identitynow.com".'));
  }
  const wanted = named[0].slice(TENANT_SCOPE_PREFIX.length).trim().toLowerCase();
  const byId = tenants.find((each) => each.id.toLowerCase() === wanted);
  const byHost = tenants.filter((each) => apiHost(each) === wanted);
  if (byId === undefined && byHost.length > 1) {
    // Picking one silently would hand out a tenant the person may not have meant: the caller names it by id.
    const choices = byHost.map((each) => `"${TENANT_SCOPE_PREFIX}${each.id}" (${stripUnsafeCharacters(each.displayName).replace(/[[\]()]/g, '').slice(0, 60)})`);
    throw new PatError('invalid-input', t('{0} tenants have the API host {1}: ask for one of {2}.', byHost.length, wanted, choices.join(', ')));
  }
  const tenant = byId ?? byHost[0];
  if (tenant === undefined) {
    // The scope is another extension's text: echoed without the characters a notification would make a link of.
    const echoed = stripUnsafeCharacters(named[0]).replace(/[[\]()]/g, '').slice(0, 120);
    throw new PatError('invalid-input', t('No tenant in SailPoint PAT Manager matches "{0}": add it in the SailPoint PAT view first.', echoed));
  }
  return tenant;
}

export function sameScopes(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((scope) => b.includes(scope));
}

function parseRecord(value: unknown): AuthSessionRecord | undefined {
  const record = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  const scopes = record?.scopes;
  if (!record || !isSafeId(record.id) || !isSafeId(record.tenantId) || !Array.isArray(scopes) || !scopes.every((each) => typeof each === 'string')) {
    return undefined;
  }
  return { id: record.id, tenantId: record.tenantId, scopes: [...scopes] };
}

/** The session records of this machine (not synced: a session is consent given here). */
export class AuthSessionStore {
  constructor(private readonly state: KeyValueStore) {}

  list(): AuthSessionRecord[] {
    const stored = this.state.get<unknown>(AUTH_SESSIONS_KEY);
    return (Array.isArray(stored) ? stored : []).map(parseRecord).filter((each): each is AuthSessionRecord => each !== undefined);
  }

  async add(record: AuthSessionRecord): Promise<void> {
    await this.write([...this.list().filter((each) => each.id !== record.id), record]);
  }

  /** Removes the records the predicate selects; returns them. */
  async remove(selected: (record: AuthSessionRecord) => boolean): Promise<AuthSessionRecord[]> {
    const records = this.list();
    const removed = records.filter(selected);
    if (removed.length > 0) await this.write(records.filter((each) => !selected(each)));
    return removed;
  }

  private async write(records: AuthSessionRecord[]): Promise<void> {
    await this.state.update(AUTH_SESSIONS_KEY, records.length === 0 ? undefined : records);
  }
}

// What other extensions get from the SailPoint ISC provider: a session per tenant carrying the tenant's short-lived
// access token (never its client secret, never a PAT secret). Only createSession, which VS Code calls after the
// person's consent, signs in; getSessions answers from the access token already cached, with no request at all,
// because VS Code asks it on behalf of extensions that have not been allowed yet.
import * as vscode from 'vscode';
import { accountOf, type AuthSessionRecord, AuthSessionStore, sameScopes, tenantForScopes } from '../../core/store/authSessions';
import type { Tenant } from '../../core/model';
import { errorText } from '../../core/messages';
import { stripUnsafeCharacters } from '../../core/validation';
import type { KeyValueStore, Logger } from '../../core/ports';
import type { PatService } from '../../core/patService';

export type SessionsChange = vscode.AuthenticationProviderAuthenticationSessionsChangeEvent;

/** What the provider's sessions work with; register.ts builds it at activation and hands it over on first use. */
export interface AuthProviderContext {
  service: PatService;
  /** This machine's globalState: where session records (no tokens) are kept. */
  state: KeyValueStore;
  logger: Logger;
  changed: vscode.EventEmitter<SessionsChange>;
}

/** Errors reach another extension's author: our redacted words, never a secret. */
function asError(error: unknown): Error {
  return new Error(errorText(error));
}

export class IscSessions {
  private readonly store: AuthSessionStore;
  /** The access token each session last carried, so a renewal is announced as a change. */
  private readonly lastTokens = new Map<string, string>();

  constructor(private readonly context: AuthProviderContext) {
    this.store = new AuthSessionStore(context.state);
  }

  /**
   * Never a request. With scopes (an extension's getSession): the sessions whose tenant has a valid access token
   * cached; one that expired is renewed only through createSession, after consent. Without: the Accounts menu's list.
   */
  async getSessions(scopes: readonly string[] | undefined): Promise<vscode.AuthenticationSession[]> {
    const tenants = await this.liveTenants();
    const records = this.store.list().filter((record) => scopes === undefined || scopes.length === 0 || sameScopes(record.scopes, scopes));
    if (scopes === undefined || scopes.length === 0) {
      return records.map((record) => this.session(record, tenants.get(record.tenantId)!, this.lastTokens.get(record.id) ?? ''));
    }
    return records.flatMap((record) => {
      const cached = this.context.service.cachedAccessToken(record.tenantId);
      return cached === undefined ? [] : [this.sessionCarrying(record, tenants.get(record.tenantId)!, cached.accessToken)];
    });
  }

  async createSession(scopes: readonly string[]): Promise<vscode.AuthenticationSession> {
    let tenant: Tenant;
    try {
      tenant = tenantForScopes(scopes, this.context.service.listTenants());
    } catch (error) {
      throw asError(error);
    }
    const existing = this.store.list().find((record) => record.tenantId === tenant.id && sameScopes(record.scopes, scopes));
    const record: AuthSessionRecord = existing ?? { id: globalThis.crypto.randomUUID(), tenantId: tenant.id, scopes: [...scopes] };
    // Minted before the record is kept, so a session never exists for credentials that do not work.
    const session = await this.freshSession(record, tenant, false);
    if (existing === undefined) {
      await this.store.add(record);
      this.context.changed.fire({ added: [session], removed: [], changed: [] });
      // createSession is not told who asks (no API names the extension); VS Code's consent modal named it to the person.
      this.context.logger.info(
        `Another extension (VS Code does not say which) signed in to tenant ${stripUnsafeCharacters(tenant.displayName)} with scopes ${scopes.map(stripUnsafeCharacters).join(' ')} (session ${record.id}).`,
      );
    }
    return session;
  }

  async removeSession(sessionId: string): Promise<void> {
    const tenants = new Map(this.context.service.listTenants().map((tenant) => [tenant.id, tenant]));
    const removed = await this.store.remove((record) => record.id === sessionId);
    // The token handed out stays valid until it expires; the next session at least gets a fresh one.
    removed.forEach((record) => this.context.service.dropAccessToken(record.tenantId));
    this.forget(removed, tenants);
    removed.forEach((record) => this.context.logger.info(`Signed out session ${record.id}.`));
  }

  /** The tenants sessions may still use; sessions of removed tenants are forgotten (and announced). */
  private async liveTenants(): Promise<Map<string, Tenant>> {
    const tenants = new Map(this.context.service.listTenants().map((tenant) => [tenant.id, tenant]));
    const orphans = await this.store.remove((record) => !tenants.has(record.tenantId));
    this.forget(orphans, tenants);
    return tenants;
  }

  private forget(records: readonly AuthSessionRecord[], tenants: ReadonlyMap<string, Tenant>): void {
    if (records.length === 0) return;
    const removed = records.map((record) => {
      this.lastTokens.delete(record.id);
      const tenant = tenants.get(record.tenantId);
      const account = tenant === undefined ? { id: record.tenantId, label: record.tenantId } : accountOf(tenant);
      return { id: record.id, accessToken: '', account, scopes: record.scopes };
    });
    this.context.changed.fire({ added: [], removed, changed: [] });
  }

  private async freshSession(record: AuthSessionRecord, tenant: Tenant, announce = true): Promise<vscode.AuthenticationSession> {
    let accessToken: string;
    try {
      accessToken = (await this.context.service.accessToken(tenant.id)).accessToken;
    } catch (error) {
      throw asError(error);
    }
    return this.sessionCarrying(record, tenant, accessToken, announce);
  }

  /** The session with this access token; a token other than the one it last carried is announced as a change. */
  private sessionCarrying(record: AuthSessionRecord, tenant: Tenant, accessToken: string, announce = true): vscode.AuthenticationSession {
    const previous = this.lastTokens.get(record.id);
    this.lastTokens.set(record.id, accessToken);
    const session = this.session(record, tenant, accessToken);
    if (announce && previous !== undefined && previous !== accessToken) this.context.changed.fire({ added: [], removed: [], changed: [session] });
    return session;
  }

  private session(record: AuthSessionRecord, tenant: Tenant, accessToken: string): vscode.AuthenticationSession {
    return { id: record.id, accessToken, account: accountOf(tenant), scopes: [...record.scopes] };
  }
}

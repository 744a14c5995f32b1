// Registers the SailPoint ISC authentication provider at activation; its code loads when VS Code first asks it
// for sessions, so activation pays for one registration only.
import * as vscode from 'vscode';
import { loadOnce } from '../../core/lazyLoad';
import { AUTH_PROVIDER_ID, AUTH_PROVIDER_LABEL } from '../ids';
import type { AuthProviderContext, SessionsChange } from './iscSessions';

export function registerAuthProvider(context: Omit<AuthProviderContext, 'changed'>): vscode.Disposable {
  const changed = new vscode.EventEmitter<SessionsChange>();
  const sessions = loadOnce(async () => new (await import('./iscSessions.js')).IscSessions({ ...context, changed }));
  const provider: vscode.AuthenticationProvider = {
    onDidChangeSessions: changed.event,
    getSessions: async (scopes) => (await sessions()).getSessions(scopes),
    createSession: async (scopes) => (await sessions()).createSession(scopes),
    removeSession: async (sessionId) => (await sessions()).removeSession(sessionId),
  };
  // One account per tenant, one session per account: VS Code asks consent per extension and account.
  const registration = vscode.authentication.registerAuthenticationProvider(AUTH_PROVIDER_ID, AUTH_PROVIDER_LABEL, provider, {
    supportsMultipleAccounts: false,
  });
  return vscode.Disposable.from(registration, changed);
}

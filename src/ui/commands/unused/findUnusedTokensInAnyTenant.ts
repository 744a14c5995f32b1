// The view title's Find Unused Tokens, across every tenant.
import type { PatCommand } from '../runner';
import { findUnusedTokensCommand } from './findUnusedTokens';

/** The view title's Find Unused Tokens: VS Code passes the focused node to title commands, which must not narrow this one. */
export const findUnusedTokensInAnyTenantCommand: PatCommand = {
  id: 'sailpointPat.findUnusedTokensInAnyTenant',
  run: (run, invocation) => findUnusedTokensCommand.run(run, { args: invocation.args }),
};

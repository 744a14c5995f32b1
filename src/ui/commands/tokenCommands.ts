// Create Token, Rename Token, Edit Scopes.
import { PatError, UserCancelled } from '../../core/errors';
import { ownTokenCount, TOKENS_PER_OWNER } from '../../core/ops/owners';
import { ALL_SCOPES, type PersonalAccessToken, type Tenant } from '../../core/model';
import { errorText } from '../../core/messages';
import { discardNewToken } from '../../core/ops/rotation';
import type { CreateTokenOutcome } from '../../core/patService';
import { quoted, shown } from '../prompts/prompts';
import { askNewToken, askTokenName, askTokenScopes } from '../prompts/tokenPrompts';
import type { CommandRun, Invocation, PatCommand } from './runner';
import { copyStoredSecret } from './secretCommands';
import { chooseTenant, refuseOthersToken, tokenLabel, tokenTarget, type TokenTarget } from './targets';

/** Offered after the secret is already in SecretStorage; the notification text never contains it. */
async function offerCopies(run: CommandRun, tenant: Tenant, token: PersonalAccessToken): Promise<void> {
  const choice = await run.ask.message({
    severity: 'info',
    message: `Token ${quoted(token.name)} created; its secret is stored in VS Code.`,
    actions: ['Copy Secret', 'Copy Client ID'] as const,
  });
  if (choice === 'Copy Client ID') await run.ui.clipboard.copyText(token.id);
  if (choice === 'Copy Secret') await copyStoredSecret(run, tenant.id, token);
}

/**
 * A script cannot be shown the secret SecretStorage refused, so the token would live on with its secret lost: it is
 * deleted again (best effort), and the rejection says whether that worked.
 */
export async function unsavedSecretRejection(
  run: CommandRun,
  tenantId: string,
  outcome: Extract<CreateTokenOutcome, { secretSaved: false }>,
  note = '',
): Promise<PatError> {
  const cleanup = await discardNewToken(run.ui.service, tenantId, outcome.token);
  run.ui.tree.refresh(tenantId);
  return new PatError(
    'secret-storage',
    `Token ${quoted(outcome.token.name)} (${outcome.token.id}) was created, but VS Code could not store its secret: ${errorText(outcome.error)} ${note}${cleanup}.`,
  );
}

/** SecretStorage refused the secret: this is the only chance to keep it, so the user must see it; a script gets an error. */
export async function showUnsavedSecret(run: CommandRun, tenantId: string, outcome: Extract<CreateTokenOutcome, { secretSaved: false }>): Promise<void> {
  if (run.automated) throw await unsavedSecretRejection(run, tenantId, outcome);
  const choice = await run.ask.message({
    severity: 'warning',
    modal: true,
    message: `Token ${quoted(outcome.token.name)} was created, but VS Code could not store its secret.`,
    detail: `${errorText(outcome.error)}\n\nCopy the secret now and keep it somewhere safe; it cannot be shown again.\n\nClient ID: ${outcome.token.id}\nSecret: ${outcome.secret}`,
    actions: ['Copy Secret'] as const,
  });
  // Through copySecret like every other secret, so it is cleared as the setting promises.
  if (choice === 'Copy Secret') await run.ui.clipboard.copySecret(outcome.secret);
}

/** ISC refuses a token beyond 10 per identity: say so before the wizard, with Find Unused Tokens one click away. */
async function warnAtTokenLimit(run: CommandRun, tenant: Tenant): Promise<void> {
  const count = await run.network('Counting your tokens…', (signal) => ownTokenCount(run.ui.service, tenant.id, signal), { tenantId: tenant.id });
  if (count < TOKENS_PER_OWNER) return;
  const answer = await run.ask.message({
    severity: 'warning',
    modal: true,
    message: `You already have ${count}/${TOKENS_PER_OWNER} tokens in ${quoted(tenant.displayName)}.`,
    detail: `ISC allows ${TOKENS_PER_OWNER} personal access tokens per identity and refuses a new one until one is deleted.`,
    actions: ['Find Unused Tokens', 'Create Anyway'] as const,
  });
  if (answer === 'Find Unused Tokens') await run.other('sailpointPat.findUnusedTokens', run.ui.tree.tenantNode(tenant.id));
  if (answer !== 'Create Anyway') throw new UserCancelled();
}

export const createTokenCommand: PatCommand = {
  id: 'sailpointPat.createToken',
  run: (run, invocation) => createTokenWithScopes(run, invocation, undefined),
};

/** Create Token, its scope step starting from `scope` (Scopes This Code Needs) or the default. */
export async function createTokenWithScopes(run: CommandRun, invocation: Invocation, scope: readonly string[] | undefined): Promise<{ tokenId: string }> {
  const tenant = await chooseTenant(run, invocation, 'Create Token');
  if (run.ask.person) await warnAtTokenLimit(run, tenant);
  const request = await askNewToken(run.ask, shown(tenant.displayName), tenant.apiFamily, scope);
  // Refreshed whatever happens: a failed or cancelled create may still have made the token.
  const create = (signal: AbortSignal): Promise<CreateTokenOutcome> =>
    run.ui.service.createToken(tenant.id, request, signal).finally(() => run.ui.tree.refresh(tenant.id));
  const outcome = await run.network(`Creating the token ${quoted(request.name)}…`, create, {
    busy: [{ tenantId: tenant.id }],
    busyLabel: 'Creating token…',
    retryable: false,
    tenantId: tenant.id,
  });
  if (!outcome.secretSaved) await showUnsavedSecret(run, tenant.id, outcome);
  else if (run.ask.person) void offerCopies(run, tenant, outcome.token).catch((error: unknown) => run.logFailure(error));
  return { tokenId: outcome.token.id };
}

async function updateToken(run: CommandRun, target: TokenTarget, title: string, patch: { name?: string; scope?: string[] }): Promise<void> {
  const { tenant, tokenId } = target;
  await run.network(title, (signal) => run.ui.service.updateToken(tenant.id, tokenId, patch, signal), {
    busy: [{ tenantId: tenant.id, tokenId }],
    busyLabel: title,
    tenantId: tenant.id,
  });
  run.ui.tree.refresh(tenant.id);
}

export const renameTokenCommand: PatCommand = {
  id: 'sailpointPat.renameToken',
  async run(run, invocation) {
    const target = tokenTarget(run, invocation);
    await refuseOthersToken(run, target.tenant.id, target.tokenId, 'Rename');
    const name = await askTokenName(run.ask, target.token?.name ?? '');
    await updateToken(run, target, 'Renaming…', { name });
    return undefined;
  },
};

const SCOPE_CHANGE_NOTE = 'New scopes apply to access tokens minted afterwards and can take up to 20 minutes to take effect.';

function sameScopes(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((scope) => b.includes(scope));
}

export const editTokenScopesCommand: PatCommand = {
  id: 'sailpointPat.editTokenScopes',
  async run(run, invocation) {
    const target = tokenTarget(run, invocation);
    await refuseOthersToken(run, target.tenant.id, target.tokenId, 'Edit Scopes');
    const current = target.token?.scope ?? [ALL_SCOPES];
    const scope = await askTokenScopes(run.ask, tokenLabel(target), current);
    // Nothing changed: nothing to send, and nothing "updated" to claim. Scripts always send what they give.
    if (run.ask.person && sameScopes(scope, current)) {
      run.inform(`The scopes of ${tokenLabel(target)} are unchanged; nothing was sent.`);
      return undefined;
    }
    await updateToken(run, target, 'Updating scopes…', { scope });
    run.inform(`Scopes of ${tokenLabel(target)} updated. ${SCOPE_CHANGE_NOTE}`);
    return undefined;
  },
};

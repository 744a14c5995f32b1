// Create Token: the token limit warning, the wizard, the create, then copies offered.
import { isPatError, UserCancelled } from '../../../core/errors';
import { errorText } from '../../../core/messages';
import { tokenLimitOf } from '../../../core/ops/rotation';
import { MAX_TOKENS_PER_OWNER } from '../../../core/ops/owners';
import { type PersonalAccessToken, type Tenant } from '../../../core/model';
import type { CreateTokenOutcome } from '../../../core/patService';
import { quoted, shown } from '../../prompts/prompts';
import { askNewToken, newTokenDraft, type CreateStep } from './tokenPrompts';
import type { CommandRun, Invocation, PatCommand } from '../runner';
import { copyStoredSecret } from '../secret/storedSecret';
import { chooseTenant } from '../targets';
import { showUnsavedSecret } from './unsavedSecret';
import { t } from '../../view/l10n';

/** Offered after the secret is already in SecretStorage; the notification text never contains it. */
async function offerCopies(run: CommandRun, tenant: Tenant, token: PersonalAccessToken): Promise<void> {
  const choice = await run.ask.message({
    severity: 'info',
    message: t('Token {0} created; its secret is stored in VS Code.', quoted(token.name)),
    actions: [t('Copy Secret'), t('Copy Client ID')] as const,
  });
  if (choice === t('Copy Client ID')) await run.ui.clipboard.copyText(token.id);
  if (choice === t('Copy Secret')) await copyStoredSecret(run, tenant.id, token);
}

/**
 * ISC refuses a token beyond 10 per identity: say so before the wizard, with Find Unused Tokens one click away.
 * Returns the person's own tokens, so the name step can refuse a name already taken.
 */
async function warnAtTokenLimit(run: CommandRun, tenant: Tenant): Promise<PersonalAccessToken[]> {
  const mine = await run.network(t('Counting your tokens…'), (signal) => run.ui.service.listTokens(tenant.id, signal, { owner: { kind: 'me' } }), { tenantId: tenant.id });
  const count = mine.length;
  if (count < MAX_TOKENS_PER_OWNER) return mine;
  const answer = await run.ask.message({
    severity: 'warning',
    modal: true,
    message: t('You already have {0}/{1} tokens in {2}.', count, MAX_TOKENS_PER_OWNER, quoted(tenant.displayName)),
    detail: t('ISC allows {0} personal access tokens per identity and refuses a new one until one is deleted.', MAX_TOKENS_PER_OWNER),
    actions: [t('Find Unused Tokens'), t('Create Anyway')] as const,
  });
  if (answer === t('Find Unused Tokens')) await run.other('sailpointPat.findUnusedTokens', run.ui.tree.tenantNode(tenant.id));
  if (answer !== t('Create Anyway')) throw new UserCancelled();
  return mine;
}

/** Where a person goes back to when the tenant refuses the create (400): the step its message is about, if any. */
function refusedStep(error: unknown): CreateStep | undefined {
  if (!isPatError(error) || error.status !== 400 || tokenLimitOf(error) !== undefined) return undefined;
  const text = `${error.serverMessage ?? ''} ${error.message}`;
  if (/expir/i.test(text)) return 'expiry';
  if (/validity/i.test(text)) return 'validity';
  if (/scope/i.test(text)) return 'scope';
  return /\bname/i.test(text) ? 'name' : undefined;
}

/**
 * Creates the token; a person whose create the tenant refuses is told why and taken back to the step concerned,
 * every answer kept. Scripts get the refusal as their error.
 */
async function createWithWizard(run: CommandRun, tenant: Tenant, mine: readonly PersonalAccessToken[], scope: readonly string[] | undefined): Promise<CreateTokenOutcome> {
  const draft = newTokenDraft(scope);
  let from: CreateStep = 'name';
  for (;;) {
    const request = await askNewToken(run.ask, shown(tenant.displayName), tenant.apiFamily, mine, draft, from);
    // Refreshed whatever happens: a failed or cancelled create may still have made the token.
    const create = (signal: AbortSignal): Promise<CreateTokenOutcome> =>
      run.ui.service.createToken(tenant.id, request, signal).finally(() => run.ui.tree.refresh(tenant.id));
    try {
      return await run.network(t('Creating the token {0}…', quoted(request.name)), create, {
        busy: [{ tenantId: tenant.id }],
        busyLabel: t('Creating token…'),
        retryable: false,
        tenantId: tenant.id,
        passThrough: (error) => run.ask.person && refusedStep(error) !== undefined,
      });
    } catch (error) {
      const step = run.ask.person ? refusedStep(error) : undefined;
      if (step === undefined) throw error;
      run.logFailure(error);
      await run.ask.message({ severity: 'error', message: t('The tenant refused the token: {0} Your answers are kept; change what it names.', errorText(error)), actions: [] });
      from = step;
    }
  }
}

export const createTokenCommand: PatCommand = {
  id: 'sailpointPat.createToken',
  run: (run, invocation) => createTokenWithScopes(run, invocation, undefined),
};

/** Create Token, its scope step starting from `scope` (Scopes This Code Needs) or the default. */
export async function createTokenWithScopes(run: CommandRun, invocation: Invocation, scope: readonly string[] | undefined): Promise<{ tokenId: string }> {
  const tenant = await chooseTenant(run, invocation, t('Create Token'));
  // Scripts' names go to the tenant as given; the tenant refuses a duplicate.
  const mine = run.ask.person ? await warnAtTokenLimit(run, tenant) : [];
  const outcome = await createWithWizard(run, tenant, mine, scope);
  if (!outcome.secretSaved) await showUnsavedSecret(run, tenant.id, outcome);
  else if (run.ask.person) void offerCopies(run, tenant, outcome.token).catch((error: unknown) => run.logFailure(error));
  return { tokenId: outcome.token.id };
}

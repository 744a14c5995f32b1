// Create Token: the token limit warning, the wizard, the create, then copies offered.
import { UserCancelled } from '../../../core/errors';
import { ownTokenCount, MAX_TOKENS_PER_OWNER } from '../../../core/ops/owners';
import { type PersonalAccessToken, type Tenant } from '../../../core/model';
import type { CreateTokenOutcome } from '../../../core/patService';
import { quoted, shown } from '../../prompts/prompts';
import { askNewToken } from './tokenPrompts';
import type { CommandRun, PatCommand } from '../runner';
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

/** ISC refuses a token beyond 10 per identity: say so before the wizard, with Find Unused Tokens one click away. */
async function warnAtTokenLimit(run: CommandRun, tenant: Tenant): Promise<void> {
  const count = await run.network(t('Counting your tokens…'), (signal) => ownTokenCount(run.ui.service, tenant.id, signal), { tenantId: tenant.id });
  if (count < MAX_TOKENS_PER_OWNER) return;
  const answer = await run.ask.message({
    severity: 'warning',
    modal: true,
    message: t('You already have {0}/{1} tokens in {2}.', count, MAX_TOKENS_PER_OWNER, quoted(tenant.displayName)),
    detail: t('ISC allows {0} personal access tokens per identity and refuses a new one until one is deleted.', MAX_TOKENS_PER_OWNER),
    actions: [t('Find Unused Tokens'), t('Create Anyway')] as const,
  });
  if (answer === t('Find Unused Tokens')) await run.other('sailpointPat.findUnusedTokens', run.ui.tree.tenantNode(tenant.id));
  if (answer !== t('Create Anyway')) throw new UserCancelled();
}

export const createTokenCommand: PatCommand = {
  id: 'sailpointPat.createToken',
  async run(run, invocation) {
    const tenant = await chooseTenant(run, invocation, t('Create Token'));
    if (run.ask.person) await warnAtTokenLimit(run, tenant);
    const request = await askNewToken(run.ask, shown(tenant.displayName), tenant.apiFamily);
    // Refreshed whatever happens: a failed or cancelled create may still have made the token.
    const create = (signal: AbortSignal): Promise<CreateTokenOutcome> =>
      run.ui.service.createToken(tenant.id, request, signal).finally(() => run.ui.tree.refresh(tenant.id));
    const outcome = await run.network(t('Creating the token {0}…', quoted(request.name)), create, {
      busy: [{ tenantId: tenant.id }],
      busyLabel: t('Creating token…'),
      retryable: false,
      tenantId: tenant.id,
    });
    if (!outcome.secretSaved) await showUnsavedSecret(run, tenant.id, outcome);
    else if (run.ask.person) void offerCopies(run, tenant, outcome.token).catch((error: unknown) => run.logFailure(error));
    return { tokenId: outcome.token.id };
  },
};

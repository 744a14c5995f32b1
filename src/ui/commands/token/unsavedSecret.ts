// When SecretStorage refuses a new token's secret: shown once to a person, deleted again for a script (Create Token, Rotate).
import { PatError } from '../../../core/errors';
import { errorText } from '../../../core/messages';
import { discardNewToken } from '../../../core/ops/rotation';
import type { CreateTokenOutcome } from '../../../core/patService';
import { quoted } from '../../prompts/prompts';
import type { CommandRun } from '../runner';
import { t } from '../../view/l10n';

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
    t('Token {0} ({1}) was created, but VS Code could not store its secret: {2} {3}{4}.', quoted(outcome.token.name), outcome.token.id, errorText(outcome.error), note, cleanup),
  );
}

/** SecretStorage refused the secret: this is the only chance to keep it, so the user must see it; a script gets an error. */
export async function showUnsavedSecret(run: CommandRun, tenantId: string, outcome: Extract<CreateTokenOutcome, { secretSaved: false }>): Promise<void> {
  if (run.automated) throw await unsavedSecretRejection(run, tenantId, outcome);
  const choice = await run.ask.message({
    severity: 'warning',
    modal: true,
    message: t('Token {0} was created, but VS Code could not store its secret.', quoted(outcome.token.name)),
    detail: t('{0}\n\nCopy the secret now and keep it somewhere safe; it cannot be shown again.\n\nClient ID: {1}\nSecret: {2}', errorText(outcome.error), outcome.token.id, outcome.secret),
    actions: [t('Copy Secret')] as const,
  });
  // Through copySecret like every other secret, so it is cleared as the setting promises.
  if (choice === t('Copy Secret')) await run.ui.clipboard.copySecret(outcome.secret);
}

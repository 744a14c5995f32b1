// The questions of a rotation: the successor's name, whether consumers were switched, the tenant-credential
// confirmation and the way forward at the token limit. Dismissing a modal always takes the choice that deletes nothing.
import { checkSuccessorName, type RotationTarget } from '../../../core/ops/rotation';
import { normalizeTokenName } from '../../../core/validation';
import { quoted, type Prompts } from '../../prompts/prompts';
import { t } from '../../view/l10n';

export async function askSuccessorName(ask: Prompts, target: RotationTarget): Promise<string> {
  const name = await ask.titled(`Rotate ${quoted(target.old.name)}`).inputText({
    name: 'name',
    prompt: t('Name of the new token (unique among your tokens). It gets the same scopes and access-token lifetime.'),
    value: target.proposedName,
    validate: (value) => checkSuccessorName(value, target.mine),
  });
  return normalizeTokenName(name);
}

export type AfterRotationChoice = 'copySecret' | 'deleteOld' | 'keepBoth';

function keepBothText(): string {
  return t('Keep Both');
}
function deleteOldText(): string {
  return t('Delete Old Token');
}
function copyNewSecretText(): string {
  return t('Copy New Secret');
}

/**
 * One question: may the old token go? Keep Both takes the place of VS Code's Cancel (Escape), so no two buttons mean
 * one thing; Enter presses Copy New Secret, which deletes nothing and brings the question back.
 */
export async function askAfterRotation(ask: Prompts, oldName: string, successorName: string): Promise<AfterRotationChoice> {
  const answer = await ask.message({
    severity: 'warning',
    modal: true,
    message: t('Token {0} created. Delete the old token {1} now?', quoted(successorName), quoted(oldName)),
    detail: t('Delete it only once everything that used {0} uses the new client ID and secret; until then keep both. The new secret is stored in VS Code.', quoted(oldName)),
    actions: [copyNewSecretText(), deleteOldText(), keepBothText()] as const,
    closeAction: keepBothText(),
  });
  if (answer === deleteOldText()) return 'deleteOld';
  return answer === copyNewSecretText() ? 'copySecret' : 'keepBoth';
}

/** After "delete old token first": the old one is gone, so the only thing left to offer is the new secret. */
export async function offerSuccessorSecret(ask: Prompts, oldName: string, successorName: string): Promise<boolean> {
  const answer = await ask.message({
    severity: 'info',
    modal: true,
    message: t('Token {0} created in place of {1}.', quoted(successorName), quoted(oldName)),
    detail: t('Switch everything that used {0} to the new client ID and secret. The new secret is stored in VS Code.', quoted(oldName)),
    actions: [copyNewSecretText()] as const,
  });
  return answer === copyNewSecretText();
}

export function confirmTenantRotation(ask: Prompts, tenantName: string, oldName: string, successorName: string): Promise<void> {
  return ask.confirm({
    name: 'confirm',
    message: t('Rotate the credentials of {0}?', quoted(tenantName)),
    detail: [
      t("A new token {0} with the same scopes is created and must sign in successfully; then the tenant's stored credentials switch to it and the old token {1} is deleted.", quoted(successorName), quoted(oldName)),
      t('Anything else that uses {0} stops working. If a step fails, the tenant keeps credentials that work.', quoted(oldName)),
    ].join('\n\n'),
    button: t('Rotate Credentials'),
    keep: t('Keep Current Credentials'),
  });
}

export type LimitWayForward = 'findUnused' | 'deleteOldFirst';

/** The limit explained in a modal with the ways forward that apply; undefined when the user dismisses it. */
export async function askLimitWayForward(ask: Prompts, message: string, canDeleteOldFirst: boolean): Promise<LimitWayForward | undefined> {
  const findUnused = t('Find Unused Tokens');
  const deleteOldFirst = t('Delete Old Token First');
  const answer = await ask.message({
    severity: 'warning',
    modal: true,
    message: t('Token limit reached'),
    detail: message,
    actions: canDeleteOldFirst ? [findUnused, deleteOldFirst] : [findUnused],
  });
  if (answer === findUnused) return 'findUnused';
  return answer === deleteOldFirst ? 'deleteOldFirst' : undefined;
}

export function confirmDeleteOldFirst(ask: Prompts, oldName: string, successorName: string): Promise<void> {
  return ask.confirm({
    name: 'confirm',
    message: t('Delete {0} before its successor exists?', quoted(oldName)),
    detail: t('Everything that uses {0} stops working until you switch it to {1}. If creating the successor then fails, neither token exists. This cannot be undone.', quoted(oldName), quoted(successorName)),
    button: t('Delete Old Token First'),
    keep: t('Keep Old Token'),
  });
}

// The questions of a rotation: the successor's name, whether consumers were switched, the tenant-credential
// confirmation and the way forward at the token limit. Dismissing a modal always takes the choice that deletes nothing.
import { checkSuccessorName, type RotationTarget } from '../../../core/ops/rotation';
import { normalizeTokenName } from '../../../core/validation';
import { quoted, type Prompts } from '../../prompts/prompts';
import { t } from '../../view/l10n';

export async function askSuccessorName(ask: Prompts, target: RotationTarget): Promise<string> {
  const name = await ask.titled(`Rotate ${quoted(target.old.name)}`).inputText({
    name: 'name',
    prompt: 'Name of the new token (unique among your tokens). It gets the same scopes and access-token lifetime.',
    value: target.proposedName,
    validate: (value) => checkSuccessorName(value, target.mine),
  });
  return normalizeTokenName(name);
}

export type AfterRotationChoice = 'copySecret' | 'deleteOld' | 'keepBoth';

const KEEP_BOTH = 'Keep Both';
const DELETE_OLD = 'Delete Old Token';
const COPY_SECRET = 'Copy New Secret';

/**
 * One question: may the old token go? Keep Both takes the place of VS Code's Cancel (Escape), so no two buttons mean
 * one thing; Enter presses Copy New Secret, which deletes nothing and brings the question back.
 */
export async function askAfterRotation(ask: Prompts, oldName: string, successorName: string): Promise<AfterRotationChoice> {
  const answer = await ask.message({
    severity: 'warning',
    modal: true,
    message: `Token ${quoted(successorName)} created. Delete the old token ${quoted(oldName)} now?`,
    detail: `Delete it only once everything that used ${quoted(oldName)} uses the new client ID and secret; until then keep both. The new secret is stored in VS Code.`,
    actions: [COPY_SECRET, DELETE_OLD, KEEP_BOTH] as const,
    closeAction: KEEP_BOTH,
  });
  if (answer === DELETE_OLD) return 'deleteOld';
  return answer === COPY_SECRET ? 'copySecret' : 'keepBoth';
}

/** After "delete old token first": the old one is gone, so the only thing left to offer is the new secret. */
export async function offerSuccessorSecret(ask: Prompts, oldName: string, successorName: string): Promise<boolean> {
  const answer = await ask.message({
    severity: 'info',
    modal: true,
    message: `Token ${quoted(successorName)} created in place of ${quoted(oldName)}.`,
    detail: `Switch everything that used ${quoted(oldName)} to the new client ID and secret. The new secret is stored in VS Code.`,
    actions: [COPY_SECRET] as const,
  });
  return answer === COPY_SECRET;
}

export function confirmTenantRotation(ask: Prompts, tenantName: string, oldName: string, successorName: string): Promise<void> {
  return ask.confirm({
    name: 'confirm',
    message: `Rotate the credentials of ${quoted(tenantName)}?`,
    detail: [
      `A new token ${quoted(successorName)} with the same scopes is created and must sign in successfully; then the tenant's stored credentials switch to it and the old token ${quoted(oldName)} is deleted.`,
      `Anything else that uses ${quoted(oldName)} stops working. If a step fails, the tenant keeps credentials that work.`,
    ].join('\n\n'),
    button: 'Rotate Credentials',
    keep: t('Keep Current Credentials'),
  });
}

export type LimitWayForward = 'findUnused' | 'deleteOldFirst';

/** The limit explained in a modal with the ways forward that apply; undefined when the user dismisses it. */
export async function askLimitWayForward(ask: Prompts, message: string, canDeleteOldFirst: boolean): Promise<LimitWayForward | undefined> {
  const findUnused = 'Find Unused Tokens';
  const deleteOldFirst = 'Delete Old Token First';
  const answer = await ask.message({
    severity: 'warning',
    modal: true,
    message: 'Token limit reached',
    detail: message,
    actions: canDeleteOldFirst ? [findUnused, deleteOldFirst] : [findUnused],
  });
  if (answer === findUnused) return 'findUnused';
  return answer === deleteOldFirst ? 'deleteOldFirst' : undefined;
}

export function confirmDeleteOldFirst(ask: Prompts, oldName: string, successorName: string): Promise<void> {
  return ask.confirm({
    name: 'confirm',
    message: `Delete ${quoted(oldName)} before its successor exists?`,
    detail: `Everything that uses ${quoted(oldName)} stops working until you switch it to ${quoted(successorName)}. If creating the successor then fails, neither token exists. This cannot be undone.`,
    button: 'Delete Old Token First',
    keep: t('Keep Old Token'),
  });
}

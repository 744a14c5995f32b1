// The questions of a rotation: the successor's name, whether consumers were switched, the tenant-credential
// confirmation and the way forward at the token limit. Dismissing a modal always takes the choice that deletes nothing.
import * as vscode from 'vscode';
import { checkSuccessorName, type RotationTarget } from '../../core/ops/rotation';
import { normalizeTokenName, stripUnsafeCharacters } from '../../core/validation';
import { singleInput, UserCancelled } from './wizard';

function quoted(name: string): string {
  return `"${stripUnsafeCharacters(name)}"`;
}

export async function askSuccessorName(target: RotationTarget): Promise<string> {
  const name = await singleInput(`Rotate ${quoted(target.old.name)}`).inputBox({
    prompt: 'Name of the new token (unique among your tokens). It gets the same scopes and access-token lifetime.',
    value: target.proposedName,
    validate: (value) => checkSuccessorName(value, target.mine),
  });
  return normalizeTokenName(name);
}

export type AfterRotationChoice = 'copySecret' | 'copyId' | 'deleteOld' | 'keepBoth';

const AFTER_ROTATION_BUTTONS: Record<Exclude<AfterRotationChoice, 'keepBoth'>, string> = {
  copySecret: 'Copy Secret',
  copyId: 'Copy Client ID',
  deleteOld: 'Delete Old Token',
};
const KEEP_BOTH = 'Keep Both';

/** Asked until the user decides; the copy buttons bring the question back. Dismissing it keeps both tokens. */
export async function askAfterRotation(oldName: string, successorName: string, oldAlreadyDeleted: boolean): Promise<AfterRotationChoice> {
  const detail = oldAlreadyDeleted
    ? `Its secret is stored in VS Code. Switch everything that used ${quoted(oldName)} to the new client ID and secret.`
    : `Its secret is stored in VS Code. Switch everything that uses ${quoted(oldName)} to the new client ID and secret, then delete the old token. Have all its consumers been switched?`;
  const buttons = oldAlreadyDeleted
    ? [AFTER_ROTATION_BUTTONS.copySecret, AFTER_ROTATION_BUTTONS.copyId]
    : [AFTER_ROTATION_BUTTONS.copySecret, AFTER_ROTATION_BUTTONS.copyId, AFTER_ROTATION_BUTTONS.deleteOld, KEEP_BOTH];
  const answer = await vscode.window.showWarningMessage(`Token ${quoted(successorName)} created.`, { modal: true, detail }, ...buttons);
  const choice = (Object.keys(AFTER_ROTATION_BUTTONS) as Exclude<AfterRotationChoice, 'keepBoth'>[]).find(
    (key) => AFTER_ROTATION_BUTTONS[key] === answer,
  );
  return choice ?? 'keepBoth';
}

export async function confirmTenantRotation(tenantName: string, oldName: string, successorName: string): Promise<void> {
  const button = 'Rotate Credentials';
  const answer = await vscode.window.showWarningMessage(
    `Rotate the credentials of ${quoted(tenantName)}?`,
    {
      modal: true,
      detail: [
        `A new token ${quoted(successorName)} with the same scopes is created and must sign in successfully; then the tenant's stored credentials switch to it and the old token ${quoted(oldName)} is deleted.`,
        `Anything else that uses ${quoted(oldName)} stops working. If a step fails, the tenant keeps credentials that work.`,
      ].join('\n\n'),
    },
    button,
  );
  if (answer !== button) throw new UserCancelled();
}

export type LimitWayForward = 'findUnused' | 'deleteOldFirst';

/** The limit explained in a modal with the ways forward that apply; undefined when the user dismisses it. */
export async function askLimitWayForward(message: string, canDeleteOldFirst: boolean): Promise<LimitWayForward | undefined> {
  const findUnused = 'Find Unused Tokens';
  const deleteOldFirst = 'Delete Old Token First';
  const buttons = canDeleteOldFirst ? [findUnused, deleteOldFirst] : [findUnused];
  const answer = await vscode.window.showWarningMessage('Token limit reached', { modal: true, detail: message }, ...buttons);
  if (answer === findUnused) return 'findUnused';
  return answer === deleteOldFirst ? 'deleteOldFirst' : undefined;
}

export async function confirmDeleteOldFirst(oldName: string, successorName: string): Promise<void> {
  const button = 'Delete Old Token First';
  const answer = await vscode.window.showWarningMessage(
    `Delete ${quoted(oldName)} before its successor exists?`,
    {
      modal: true,
      detail: `Everything that uses ${quoted(oldName)} stops working until you switch it to ${quoted(successorName)}. If creating the successor then fails, neither token exists. This cannot be undone.`,
    },
    button,
  );
  if (answer !== button) throw new UserCancelled();
}

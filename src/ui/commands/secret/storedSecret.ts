// Reading a stored token secret and copying it, for Copy Secret, Create Token, Rotate and Copy as Env.
import * as vscode from 'vscode';
import { inertText } from '../../../core/validation';
import { PatError } from '../../../core/errors';
import type { PersonalAccessToken } from '../../../core/model';
import { quoted } from '../../prompts/prompts';
import type { CommandRun } from '../runner';
import { t } from '../../view/l10n';

const STATUS_MESSAGE_MS = 5000;

export function status(run: CommandRun, message: string): void {
  // The status bar renders $(icon) syntax: a name must not draw icons there.
  if (!run.automated) vscode.window.setStatusBarMessage(inertText(message).replace(/\$\(/g, '$ ('), STATUS_MESSAGE_MS);
}

/** The secret VS Code stored for the token; a clear error when there is none. */
export async function storedSecret(run: CommandRun, tenantId: string, label: string, tokenId: string): Promise<string> {
  const secret = await run.ui.service.getStoredSecret(tenantId, tokenId);
  if (secret === undefined) {
    throw new PatError('invalid-input', t('No secret of token {0} is stored in VS Code; it is shown only when the token is created.', label));
  }
  return secret;
}

export async function copyStoredSecret(run: CommandRun, tenantId: string, token: Pick<PersonalAccessToken, 'id'> & { name?: string }): Promise<void> {
  const label = token.name === undefined ? token.id : quoted(token.name);
  const seconds = await run.ui.clipboard.copySecret(await storedSecret(run, tenantId, label, token.id));
  const clearing = seconds > 0 ? t(' The clipboard is cleared in {0} s if it still holds it.', seconds) : '';
  status(run, t('Secret of {0} copied.{1}', label, clearing));
}

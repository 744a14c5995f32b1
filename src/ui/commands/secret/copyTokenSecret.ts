// Copy Token ID, Copy Secret, Forget Stored Secret.
import * as vscode from 'vscode';
import { inertText } from '../../core/validation';
import { PatError } from '../../core/errors';
import type { PersonalAccessToken } from '../../core/model';
import { quoted } from '../prompts/prompts';
import type { CommandRun, PatCommand } from './runner';
import { tokenLabel, tokenTarget } from './targets';

const STATUS_MESSAGE_MS = 5000;

export function status(run: CommandRun, message: string): void {
  // The status bar renders $(icon) syntax: a name must not draw icons there.
  if (!run.automated) vscode.window.setStatusBarMessage(inertText(message).replace(/\$\(/g, '$ ('), STATUS_MESSAGE_MS);
}

/** The secret VS Code stored for the token; a clear error when there is none. */
export async function storedSecret(run: CommandRun, tenantId: string, label: string, tokenId: string): Promise<string> {
  const secret = await run.ui.service.getStoredSecret(tenantId, tokenId);
  if (secret === undefined) {
    throw new PatError('invalid-input', `No secret of token ${label} is stored in VS Code; it is shown only when the token is created.`);
  }
  return secret;
}

export async function copyStoredSecret(run: CommandRun, tenantId: string, token: Pick<PersonalAccessToken, 'id'> & { name?: string }): Promise<void> {
  const label = token.name === undefined ? token.id : quoted(token.name);
  const seconds = await run.ui.clipboard.copySecret(await storedSecret(run, tenantId, label, token.id));
  const clearing = seconds > 0 ? ` The clipboard is cleared in ${seconds} s if it still holds it.` : '';
  status(run, `Secret of ${label} copied.${clearing}`);
}

export const copyTokenIdCommand: PatCommand = {
  id: 'sailpointPat.copyTokenId',
  async run(run, invocation) {
    const target = tokenTarget(run, invocation);
    await run.ui.clipboard.copyText(target.tokenId);
    status(run, `Client ID of ${tokenLabel(target)} copied.`);
    return undefined;
  },
};

export const copyTokenSecretCommand: PatCommand = {
  id: 'sailpointPat.copyTokenSecret',
  async run(run, invocation) {
    const target = tokenTarget(run, invocation);
    await copyStoredSecret(run, target.tenant.id, target.token ?? { id: target.tokenId });
    return undefined;
  },
};

export const forgetTokenSecretCommand: PatCommand = {
  id: 'sailpointPat.forgetTokenSecret',
  async run(run, invocation) {
    const target = tokenTarget(run, invocation);
    await run.ask.confirm({
      name: 'confirm',
      message: `Forget the stored secret of ${tokenLabel(target)}?`,
      detail: 'VS Code deletes its copy of the secret and cannot show it again. The token itself keeps working.',
      button: 'Forget Secret',
    });
    await run.ui.service.forgetStoredSecret(target.tenant.id, target.tokenId);
    run.ui.tree.refresh(target.tenant.id);
    return undefined;
  },
};

// Copy Token ID, Copy Secret, Forget Stored Secret.
import * as vscode from 'vscode';
import { PatError } from '../../core/errors';
import type { PersonalAccessToken } from '../../core/model';
import { stripUnsafeCharacters } from '../../core/validation';
import { UserCancelled } from '../prompts/wizard';
import { requireId } from './args';
import type { CommandRun, PatCommand } from './runner';
import { requireTokenNode, tenantFromArgs } from './targets';

const STATUS_MESSAGE_MS = 5000;

function status(run: CommandRun, message: string): void {
  if (!run.automated) vscode.window.setStatusBarMessage(message, STATUS_MESSAGE_MS);
}

/** The label a token is known by in messages; scripts pass only ids. */
function tokenName(token: Pick<PersonalAccessToken, 'id'> & { name?: string }): string {
  return token.name === undefined ? token.id : `"${stripUnsafeCharacters(token.name)}"`;
}

export async function copyStoredSecret(run: CommandRun, tenantId: string, token: Pick<PersonalAccessToken, 'id'> & { name?: string }): Promise<void> {
  const secret = await run.ui.service.getStoredSecret(tenantId, token.id);
  if (secret === undefined) {
    throw new PatError('invalid-input', `No secret of token ${tokenName(token)} is stored in VS Code; it is shown only when the token is created.`);
  }
  const seconds = await run.ui.clipboard.copySecret(secret);
  const clearing = seconds > 0 ? ` The clipboard is cleared in ${seconds} s if it still holds it.` : '';
  status(run, `Secret of ${tokenName(token)} copied.${clearing}`);
}

export const copyTokenIdCommand: PatCommand = {
  id: 'sailpointPat.copyTokenId',
  async interactive(run, node) {
    const { token } = requireTokenNode(node);
    await run.ui.clipboard.copyText(token.id);
    status(run, `Client ID of ${tokenName(token)} copied.`);
  },
  async automated(run, args) {
    tenantFromArgs(run, args);
    await run.ui.clipboard.copyText(requireId(args, 'tokenId'));
  },
};

export const copyTokenSecretCommand: PatCommand = {
  id: 'sailpointPat.copyTokenSecret',
  async interactive(run, node) {
    const { tenantId, token } = requireTokenNode(node);
    await copyStoredSecret(run, tenantId, token);
  },
  async automated(run, args) {
    const tenant = tenantFromArgs(run, args);
    await copyStoredSecret(run, tenant.id, { id: requireId(args, 'tokenId') });
  },
};

async function forgetSecret(run: CommandRun, tenantId: string, tokenId: string): Promise<void> {
  await run.ui.service.forgetStoredSecret(tenantId, tokenId);
  run.ui.tree.refresh(tenantId);
}

export const forgetTokenSecretCommand: PatCommand = {
  id: 'sailpointPat.forgetTokenSecret',
  async interactive(run, node) {
    const { tenantId, token } = requireTokenNode(node);
    const button = 'Forget Secret';
    const answer = await vscode.window.showWarningMessage(
      `Forget the stored secret of ${tokenName(token)}?`,
      {
        modal: true,
        detail: 'VS Code deletes its copy of the secret and cannot show it again. The token itself keeps working.',
      },
      button,
    );
    if (answer !== button) throw new UserCancelled();
    await forgetSecret(run, tenantId, token.id);
  },
  async automated(run, args) {
    const tenant = tenantFromArgs(run, args);
    await forgetSecret(run, tenant.id, requireId(args, 'tokenId'));
  },
};

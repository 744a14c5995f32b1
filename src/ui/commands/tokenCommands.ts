// Create Token, Rename Token, Edit Scopes, Delete Token.
import * as vscode from 'vscode';
import { PatError } from '../../core/errors';
import { ALL_SCOPES, type CreateTokenRequest, type PersonalAccessToken, type Tenant } from '../../core/model';
import { errorText } from '../../core/messages';
import { defaultRedactor } from '../../core/client/redact';
import type { CreateTokenOutcome } from '../../core/patService';
import { stripUnsafeCharacters } from '../../core/validation';
import { askNewToken, askTokenName, askTokenScopes } from '../prompts/tokenPrompts';
import { singleInput, UserCancelled } from '../prompts/wizard';
import { ownTokenCount, TOKENS_PER_OWNER } from '../../core/ops/owners';
import type { PatNode } from '../tree/nodes';
import { optionalBoolean, optionalNumber, optionalString, requireString, requireStringArray, type ArgumentObject } from './args';
import type { CommandRun, PatCommand } from './runner';
import { type BulkTarget, bulkTargetsOf, confirmBulkDelete, deleteInBulk } from './healthCommands';
import { copyStoredSecret } from './secretCommands';
import { chooseTenant, refuseOthersToken, requireTokenNode, selectedTokenNodes, tenantFromArgs, tokenPickItems } from './targets';

function shown(text: string): string {
  return stripUnsafeCharacters(text);
}

async function createToken(run: CommandRun, tenant: Tenant, request: CreateTokenRequest): Promise<CreateTokenOutcome> {
  const node = run.ui.tree.tenantNode(tenant.id);
  const outcome = await run.network(
    `Creating the token "${shown(request.name)}"…`,
    (signal) => run.ui.service.createToken(tenant.id, request, signal),
    { busy: node === undefined ? [] : [node], busyLabel: 'Creating token…', retryable: false, tenantId: tenant.id },
  );
  if (!outcome.secretSaved) defaultRedactor.register(outcome.secret);
  run.ui.tree.refresh(tenant.id);
  return outcome;
}

/** Offered after the secret is already in SecretStorage; the notification text never contains it. */
async function offerCopies(run: CommandRun, tenant: Tenant, token: PersonalAccessToken): Promise<void> {
  const copySecret = 'Copy Secret';
  const copyId = 'Copy Client ID';
  const choice = await vscode.window.showInformationMessage(
    `Token "${shown(token.name)}" created; its secret is stored in VS Code.`,
    copySecret,
    copyId,
  );
  if (choice === copyId) await run.ui.clipboard.copyText(token.id);
  if (choice === copySecret) await copyStoredSecret(run, tenant.id, token);
}

/** SecretStorage refused the secret: this is the only chance to keep it, so the user must see it. */
export async function showUnsavedSecret(run: CommandRun, outcome: Extract<CreateTokenOutcome, { secretSaved: false }>): Promise<void> {
  const copy = 'Copy Secret';
  const choice = await vscode.window.showWarningMessage(
    `Token "${shown(outcome.token.name)}" was created, but VS Code could not store its secret.`,
    {
      modal: true,
      detail: `${errorText(outcome.error)}\n\nCopy the secret now and keep it somewhere safe; it cannot be shown again.\n\nClient ID: ${outcome.token.id}\nSecret: ${outcome.secret}`,
    },
    copy,
  );
  if (choice === copy) await run.ui.clipboard.copyText(outcome.secret);
}

function requestFromArgs(args: ArgumentObject, tenant: Tenant): CreateTokenRequest {
  const request: CreateTokenRequest = { name: requireString(args, 'name'), scope: requireStringArray(args, 'scope') };
  const validity = optionalNumber(args, 'accessTokenValiditySeconds');
  const expirationDate = optionalString(args, 'expirationDate');
  if (validity !== undefined) request.accessTokenValiditySeconds = validity;
  const neverExpires = optionalBoolean(args, 'neverExpires') === true;
  if (expirationDate !== undefined && neverExpires) throw new PatError('invalid-input', 'Give either "expirationDate" or "neverExpires": true, not both.');
  if (expirationDate !== undefined) request.expirationDate = expirationDate;
  // v1 without a date makes a token that never expires: only when the script says so explicitly.
  else if (neverExpires) request.userAwareTokenNeverExpires = true;
  else if (tenant.apiFamily === 'v1') {
    throw new PatError('invalid-input', 'Without "expirationDate" a v1 token never expires: pass "neverExpires": true to accept that, or give an "expirationDate".');
  }
  return request;
}

/** ISC refuses a token beyond 10 per identity: say so before the wizard, with Find Unused Tokens one click away. */
async function warnAtTokenLimit(run: CommandRun, tenant: Tenant): Promise<void> {
  const count = await run.network('Counting your tokens…', (signal) => ownTokenCount(run.ui.service, tenant.id, signal), { tenantId: tenant.id });
  if (count < TOKENS_PER_OWNER) return;
  const find = 'Find Unused Tokens';
  const anyway = 'Create Anyway';
  const answer = await vscode.window.showWarningMessage(
    `You already have ${count}/${TOKENS_PER_OWNER} tokens in "${shown(tenant.displayName)}".`,
    { modal: true, detail: `ISC allows ${TOKENS_PER_OWNER} personal access tokens per identity and refuses a new one until one is deleted.` },
    find,
    anyway,
  );
  if (answer === find) await vscode.commands.executeCommand('sailpointPat.findUnusedTokens', run.ui.tree.tenantNode(tenant.id));
  if (answer !== anyway) throw new UserCancelled();
}

export const createTokenCommand: PatCommand = {
  id: 'sailpointPat.createToken',
  async interactive(run, node) {
    const tenant = await chooseTenant(run, node, 'Create Token');
    await warnAtTokenLimit(run, tenant);
    const request = await askNewToken(shown(tenant.displayName), tenant.apiFamily);
    const outcome = await createToken(run, tenant, request);
    if (outcome.secretSaved) void offerCopies(run, tenant, outcome.token).catch((error) => run.logFailure(error));
    else await showUnsavedSecret(run, outcome);
  },
  async automated(run, args) {
    const tenant = tenantFromArgs(run, args);
    const outcome = await createToken(run, tenant, requestFromArgs(args, tenant));
    if (!outcome.secretSaved) {
      throw new PatError('secret-storage', `Token "${outcome.token.name}" (${outcome.token.id}) was created, but VS Code could not store its secret: ${errorText(outcome.error)}`);
    }
    return { tokenId: outcome.token.id };
  },
};

async function updateToken(run: CommandRun, tenantId: string, tokenId: string, title: string, patch: { name?: string; scope?: string[] }): Promise<void> {
  const node = run.ui.tree.tokenNode(tenantId, tokenId);
  await run.network(title, (signal) => run.ui.service.updateToken(tenantId, tokenId, patch, signal), {
    busy: node === undefined ? [] : [node],
    busyLabel: title,
    tenantId,
  });
  run.ui.tree.refresh(tenantId);
}

export const renameTokenCommand: PatCommand = {
  id: 'sailpointPat.renameToken',
  async interactive(run, node) {
    const { tenantId, token } = requireTokenNode(node);
    await refuseOthersToken(run, tenantId, token.id, 'Rename');
    const name = await askTokenName(token.name);
    await updateToken(run, tenantId, token.id, 'Renaming…', { name });
  },
  async automated(run, args) {
    const tenant = tenantFromArgs(run, args);
    const tokenId = requireString(args, 'tokenId');
    const name = requireString(args, 'name');
    await refuseOthersToken(run, tenant.id, tokenId, 'Rename');
    await updateToken(run, tenant.id, tokenId, 'Renaming…', { name });
  },
};

const SCOPE_CHANGE_NOTE = 'New scopes apply to access tokens minted afterwards and can take up to 20 minutes to take effect.';

export const editTokenScopesCommand: PatCommand = {
  id: 'sailpointPat.editTokenScopes',
  async interactive(run, node) {
    const { tenantId, token } = requireTokenNode(node);
    await refuseOthersToken(run, tenantId, token.id, 'Edit Scopes');
    const scope = await askTokenScopes(shown(token.name), token.scope ?? [ALL_SCOPES]);
    await updateToken(run, tenantId, token.id, 'Updating scopes…', { scope });
    run.inform(`Scopes of "${shown(token.name)}" updated. ${SCOPE_CHANGE_NOTE}`);
  },
  async automated(run, args) {
    const tenant = tenantFromArgs(run, args);
    const tokenId = requireString(args, 'tokenId');
    const scope = requireStringArray(args, 'scope');
    await refuseOthersToken(run, tenant.id, tokenId, 'Edit Scopes');
    await updateToken(run, tenant.id, tokenId, 'Updating scopes…', { scope });
  },
};

async function pickTokensToDelete(run: CommandRun, node: PatNode | undefined): Promise<BulkTarget[]> {
  const tenant = await chooseTenant(run, node, 'Delete Tokens');
  const items = await tokenPickItems(run, tenant);
  if (items.length === 0) throw new PatError('invalid-input', `"${shown(tenant.displayName)}" lists no tokens.`);
  const picked = await singleInput('Delete Tokens').pickMany({ placeholder: 'Tokens to delete', items });
  const ownClientId = await run.ui.service.signInClientId(tenant.id);
  return picked.map(({ token }) => ({
    tenant,
    token,
    node: run.ui.tree.tokenNode(tenant.id, token.id),
    isOwnCredential: token.id === ownClientId,
  }));
}

/** Deletes every target; one failure does not stop the rest. Returns the failures. */
async function deleteTargets(run: CommandRun, targets: readonly BulkTarget[]): Promise<{ target: BulkTarget; error: unknown }[]> {
  const title = targets.length === 1 ? `Deleting "${shown(targets[0].token.name)}"…` : `Deleting ${targets.length} tokens…`;
  const results = await run.network(
    title,
    (signal) =>
      Promise.allSettled(
        targets.map(({ tenant, token, node }) =>
          run.ui.tree.busy(node === undefined ? [] : [node], 'Deleting…', () => run.ui.service.deleteToken(tenant.id, token.id, signal)),
        ),
      ),
    { retryable: false },
  );
  new Set(targets.map((target) => target.tenant.id)).forEach((tenantId) => run.ui.tree.refresh(tenantId));
  return results.flatMap((result, index) => (result.status === 'rejected' ? [{ target: targets[index], error: result.reason as unknown }] : []));
}

export const deleteTokenCommand: PatCommand = {
  id: 'sailpointPat.deleteToken',
  async interactive(run, node, selection) {
    const nodes = selectedTokenNodes(node, selection);
    const targets = nodes.length > 0 ? bulkTargetsOf(nodes) : await pickTokensToDelete(run, node);
    // Several tokens go through the bulk delete: counted progress, each token's outcome, Retry failed.
    if (targets.length > 1) {
      await deleteInBulk(run, targets);
      return;
    }
    await confirmBulkDelete(targets);
    const failures = await deleteTargets(run, targets);
    if (failures.length > 0) throw failures[0].error;
    run.inform(`Token "${shown(targets[0].token.name)}" deleted.`);
  },
  async automated(run, args) {
    const tenant = tenantFromArgs(run, args);
    const tokenId = requireString(args, 'tokenId');
    const node = run.ui.tree.tokenNode(tenant.id, tokenId);
    await run.network(`Deleting token…`, (signal) => run.ui.service.deleteToken(tenant.id, tokenId, signal), {
      busy: node === undefined ? [] : [node],
      busyLabel: 'Deleting…',
    });
    run.ui.tree.refresh(tenant.id);
  },
};

// Rotate Token, Rotate Tenant Credentials and Change Expiry (v1). The steps and their rollback live in
// core/ops/rotation.ts; here they get progress, questions and the way forward at the token limit.
import * as vscode from 'vscode';
import { PatError } from '../../core/errors';
import { ALL_SCOPES, type PersonalAccessToken, type Tenant, type TokenPatch } from '../../core/model';
import { errorText } from '../../core/messages';
import { presentToken } from '../view/presentation';
import {
  createSuccessor,
  deleteOldToken,
  listOwnTokens,
  MAX_TOKENS_PER_OWNER,
  prepareRotation,
  rotateTenantCredentials,
  rotateToken,
  tenantSignInToken,
  TokenLimitError,
  type RotationTarget,
} from '../../core/ops/rotation';
import type { CreateTokenOutcome } from '../../core/patService';
import { stripUnsafeCharacters, validateExpirationDate } from '../../core/validation';
import type { CommandId } from '../ids';
import { askExpiryChange } from '../prompts/expiryPrompts';
import { parseExpiry } from '../prompts/inputChecks';
import {
  askAfterRotation,
  askLimitWayForward,
  askSuccessorName,
  confirmDeleteOldFirst,
  confirmTenantRotation,
} from '../prompts/rotationPrompts';
import { singleInput } from '../prompts/wizard';
import { TokenNode } from '../tree/nodes';
import { optionalString, requireBoolean, requireString, type ArgumentObject } from './args';
import type { CommandRun, PatCommand } from './runner';
import { copyStoredSecret } from './secretCommands';
import { chooseTenant, refuseOthersToken, tenantFromArgs, tokenPickItems } from './targets';
import { showUnsavedSecret } from './tokenCommands';

const FIND_UNUSED_COMMAND: CommandId = 'sailpointPat.findUnusedTokens';
const V3_EXPIRY_MESSAGE =
  "The v3 API cannot change a token's expiry (only its name and scopes). Rotate the token instead: its successor expires 6 months from now.";

function shown(text: string): string {
  return stripUnsafeCharacters(text);
}

function tokenBusy(run: CommandRun, tenantId: string, tokenId: string): TokenNode[] {
  const node = run.ui.tree.tokenNode(tenantId, tokenId);
  return node === undefined ? [] : [node];
}

/** Creates the successor, handing the limit back as a value so it can be explained rather than shown as an error. */
async function createInteractively(run: CommandRun, tenant: Tenant, target: RotationTarget, name: string): Promise<CreateTokenOutcome | TokenLimitError> {
  const node = run.ui.tree.tenantNode(tenant.id);
  const outcome = await run.network(
    `Creating "${shown(name)}"…`,
    (signal) =>
      createSuccessor(run.ui.service, tenant.id, target, { name, now: Date.now() }, signal).catch((error: unknown) => {
        if (error instanceof TokenLimitError) return error;
        throw error;
      }),
    { busy: node === undefined ? [] : [node], busyLabel: 'Creating token…', retryable: false, tenantId: tenant.id },
  );
  run.ui.tree.refresh(tenant.id);
  return outcome;
}

/** Offers the copies until the user decides about the old token; returns whether it should be deleted now. */
async function settleOldToken(run: CommandRun, tenant: Tenant, old: PersonalAccessToken, successor: PersonalAccessToken, oldAlreadyDeleted: boolean): Promise<boolean> {
  for (;;) {
    const choice = await askAfterRotation(old.name, successor.name, oldAlreadyDeleted);
    if (choice === 'copySecret') await copyStoredSecret(run, tenant.id, successor);
    else if (choice === 'copyId') await run.ui.clipboard.copyText(successor.id);
    else return choice === 'deleteOld';
  }
}

async function finishRotation(run: CommandRun, tenant: Tenant, old: PersonalAccessToken, outcome: CreateTokenOutcome, oldAlreadyDeleted: boolean): Promise<void> {
  if (!outcome.secretSaved) {
    await showUnsavedSecret(run, outcome);
    return;
  }
  const successor = outcome.token;
  if (!(await settleOldToken(run, tenant, old, successor, oldAlreadyDeleted))) {
    if (!oldAlreadyDeleted) run.inform(`Both tokens kept. Delete "${shown(old.name)}" once nothing uses it any more.`);
    return;
  }
  await run.network(`Deleting "${shown(old.name)}"…`, (signal) => deleteOldToken(run.ui.service, tenant.id, old, successor, signal), {
    busy: tokenBusy(run, tenant.id, old.id),
    busyLabel: 'Deleting…',
    tenantId: tenant.id,
  });
  run.ui.tree.refresh(tenant.id);
  run.inform(`"${shown(old.name)}" was replaced by "${shown(successor.name)}" and deleted.`);
}

async function findUnusedTokens(run: CommandRun, tenant: Tenant): Promise<void> {
  await vscode.commands.executeCommand(FIND_UNUSED_COMMAND, run.ui.tree.tenantNode(tenant.id));
}

/** Deletes the old token (after a modal), then creates its successor in the place that frees. */
async function rotateDeletingFirst(run: CommandRun, tenant: Tenant, target: RotationTarget, name: string): Promise<void> {
  const { old } = target;
  await confirmDeleteOldFirst(old.name, name);
  await run.network(`Deleting "${shown(old.name)}"…`, (signal) => run.ui.service.deleteToken(tenant.id, old.id, signal), {
    busy: tokenBusy(run, tenant.id, old.id),
    busyLabel: 'Deleting…',
    tenantId: tenant.id,
  });
  const freed: RotationTarget = { ...target, mine: target.mine.filter((token) => token.id !== old.id), atLimit: false };
  const scopes = (old.scope ?? [ALL_SCOPES]).join(', ');
  const outcome = await run
    .network(
      `Creating "${shown(name)}"…`,
      (signal) =>
        createSuccessor(run.ui.service, tenant.id, freed, { name, now: Date.now() }, signal).catch((error: unknown) => {
          throw new PatError(
            'http',
            `"${shown(old.name)}" was deleted, but creating its successor failed: ${errorText(error)} Create a token with the scopes ${scopes} yourself.`,
            { cause: error },
          );
        }),
      { retryable: false, tenantId: tenant.id },
    )
    .finally(() => run.ui.tree.refresh(tenant.id));
  await finishRotation(run, tenant, old, outcome, true);
}

/** At the limit: explain, then find unused tokens or (when allowed) delete the old token first. */
async function wayForwardAtLimit(run: CommandRun, tenant: Tenant, target: RotationTarget, limit: TokenLimitError): Promise<void> {
  const choice = await askLimitWayForward(limit.message, !limit.forTenantCredentials);
  if (choice === 'findUnused') await findUnusedTokens(run, tenant);
  if (choice === 'deleteOldFirst') await rotateDeletingFirst(run, tenant, target, await askSuccessorName(target));
}

async function rotateInteractively(run: CommandRun, tenant: Tenant, target: RotationTarget): Promise<void> {
  if (target.atLimit) {
    await wayForwardAtLimit(run, tenant, target, new TokenLimitError(MAX_TOKENS_PER_OWNER, false));
    return;
  }
  const name = await askSuccessorName(target);
  const outcome = await createInteractively(run, tenant, target, name);
  if (outcome instanceof TokenLimitError) await wayForwardAtLimit(run, tenant, target, outcome);
  else await finishRotation(run, tenant, target.old, outcome, false);
}

interface OwnTokenPick extends vscode.QuickPickItem {
  token: PersonalAccessToken;
}

/** From the palette: one of the caller's own tokens. */
async function pickOwnToken(run: CommandRun, tenant: Tenant): Promise<PersonalAccessToken> {
  const mine = await run.network(`Listing your tokens in ${shown(tenant.displayName)}…`, (signal) => listOwnTokens(run.ui.service, tenant.id, signal), {
    tenantId: tenant.id,
  });
  if (mine.length === 0) throw new PatError('invalid-input', `You have no tokens in "${shown(tenant.displayName)}" to rotate.`);
  const now = Date.now();
  const items: OwnTokenPick[] = mine.map((token) => {
    const view = presentToken(token, { now, expiryWarningDays: 0, secretStored: false, isOwnCredential: false });
    return { label: view.label, description: view.description, token };
  });
  return (await singleInput('Rotate Token').pickOne({ placeholder: 'Token to rotate', items })).token;
}

async function rotateTenantInteractively(run: CommandRun, tenant: Tenant): Promise<void> {
  const node = run.ui.tree.tenantNode(tenant.id);
  const target = await run.network('Finding the token the tenant signs in with…', (signal) => tenantSignInToken(run.ui.service, tenant.id, Date.now(), signal), {
    tenantId: tenant.id,
  });
  if (target.atLimit) {
    await wayForwardAtLimit(run, tenant, target, new TokenLimitError(MAX_TOKENS_PER_OWNER, true));
    return;
  }
  const name = await askSuccessorName(target);
  await confirmTenantRotation(tenant.displayName, target.old.name, name);
  const result = await run.network(
    `Rotating the credentials of ${shown(tenant.displayName)}…`,
    (signal) =>
      rotateTenantCredentials(run.ui.service, tenant.id, { name, target, now: Date.now() }, signal).catch((error: unknown) => {
        if (error instanceof TokenLimitError) return error;
        throw error;
      }),
    { busy: node === undefined ? [] : [node], busyLabel: 'Rotating credentials…', retryable: false, cancellable: false },
  ).finally(() => run.ui.tree.refresh(tenant.id));
  if (result instanceof TokenLimitError) {
    await wayForwardAtLimit(run, tenant, target, result);
    return;
  }
  run.inform(`${shown(tenant.displayName)} now signs in with "${shown(result.successor.name)}"; "${shown(result.old.name)}" was deleted.`);
}

export const rotateTokenCommand: PatCommand = {
  id: 'sailpointPat.rotateToken',
  async interactive(run, node) {
    const tenant = await chooseTenant(run, node, 'Rotate Token');
    const tokenId = node instanceof TokenNode ? node.token.id : (await pickOwnToken(run, tenant)).id;
    await refuseOthersToken(run, tenant.id, tokenId, 'Rotate');
    if (tokenId === (await run.ui.service.signInClientId(tenant.id))) {
      await rotateTenantInteractively(run, tenant);
      return;
    }
    const target = await run.network('Reading your tokens…', (signal) => prepareRotation(run.ui.service, tenant.id, tokenId, Date.now(), signal), {
      busy: tokenBusy(run, tenant.id, tokenId),
      busyLabel: 'Reading…',
      tenantId: tenant.id,
    });
    await rotateInteractively(run, tenant, target);
  },
  async automated(run, args) {
    const tenant = tenantFromArgs(run, args);
    const request = { tenantId: tenant.id, tokenId: requireString(args, 'tokenId'), name: optionalString(args, 'name'), deleteOld: requireBoolean(args, 'deleteOld') };
    await refuseOthersToken(run, tenant.id, request.tokenId, 'Rotate');
    const result = await run
      .network('Rotating token…', (signal) => rotateToken(run.ui.service, request, signal), { retryable: false })
      .finally(() => run.ui.tree.refresh(tenant.id));
    const { outcome } = result;
    if (!outcome.secretSaved) {
      throw new PatError(
        'secret-storage',
        `The successor "${outcome.token.name}" (${outcome.token.id}) was created, but VS Code could not store its secret, so the old token was kept.`,
      );
    }
    return { tokenId: outcome.token.id };
  },
};

export const rotateTenantCredentialsCommand: PatCommand = {
  id: 'sailpointPat.rotateTenantCredentials',
  async interactive(run, node) {
    await rotateTenantInteractively(run, await chooseTenant(run, node, 'Rotate Tenant Credentials'));
  },
  async automated(run, args) {
    const tenant = tenantFromArgs(run, args);
    const result = await run
      .network('Rotating tenant credentials…', (signal) => rotateTenantCredentials(run.ui.service, tenant.id, {}, signal), { retryable: false })
      .finally(() => run.ui.tree.refresh(tenant.id));
    return { tokenId: result.successor.id };
  },
};

function requireV1(tenant: Tenant): void {
  if (tenant.apiFamily !== 'v1') throw new PatError('invalid-input', V3_EXPIRY_MESSAGE);
}

/** null = never expires, which the v1 API accepts only with the acknowledgment flag in the same patch. */
function expiryPatch(expirationDate: string | null): TokenPatch {
  if (expirationDate === null) return { expirationDate: null, userAwareTokenNeverExpires: true };
  const iso = parseExpiry(expirationDate);
  const problem = iso === undefined ? 'Enter a date.' : validateExpirationDate(iso, 'v1', Date.now());
  if (iso === undefined || problem !== undefined) throw new PatError('invalid-input', problem ?? 'Enter a date.');
  return { expirationDate: iso, userAwareTokenNeverExpires: false };
}

async function changeExpiry(run: CommandRun, tenantId: string, tokenId: string, patch: TokenPatch): Promise<PersonalAccessToken> {
  const token = await run.network('Changing the expiry…', (signal) => run.ui.service.updateToken(tenantId, tokenId, patch, signal), {
    busy: tokenBusy(run, tenantId, tokenId),
    busyLabel: 'Changing expiry…',
    tenantId,
  });
  run.ui.tree.refresh(tenantId);
  return token;
}

function requireExpiryArgument(args: ArgumentObject): string | null {
  const value = args.expirationDate;
  if (value === null) return null;
  if (typeof value === 'string' && value.trim() !== '') return value;
  throw new PatError('invalid-input', 'The argument "expirationDate" must be a date-time string, or null for a token that never expires.');
}

export const editTokenExpiryCommand: PatCommand = {
  id: 'sailpointPat.editTokenExpiry',
  async interactive(run, node) {
    const tenant = await chooseTenant(run, node, 'Change Expiry');
    requireV1(tenant);
    const token = node instanceof TokenNode ? node.token : (await singleInput('Change Expiry').pickOne({ placeholder: 'Token whose expiry to change', items: await tokenPickItems(run, tenant) })).token;
    await refuseOthersToken(run, tenant.id, token.id, 'Change Expiry');
    const expirationDate = await askExpiryChange(shown(token.name), token.expirationDate);
    await changeExpiry(run, tenant.id, token.id, expiryPatch(expirationDate));
    run.inform(expirationDate === null ? `"${shown(token.name)}" now never expires.` : `"${shown(token.name)}" now expires ${expirationDate}.`);
  },
  async automated(run, args) {
    const tenant = tenantFromArgs(run, args);
    requireV1(tenant);
    const tokenId = requireString(args, 'tokenId');
    const patch = expiryPatch(requireExpiryArgument(args));
    await refuseOthersToken(run, tenant.id, tokenId, 'Change Expiry');
    await changeExpiry(run, tenant.id, tokenId, patch);
  },
};

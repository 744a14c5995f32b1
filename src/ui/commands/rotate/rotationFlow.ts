// The person's rotation flow shared by Rotate Token and Rotate Tenant Credentials. The steps and their rollback live
// in core/ops/rotation.ts; here they get progress, questions and the way forward at the token limit.
import { PatError } from '../../../core/errors';
import { ALL_SCOPES, type PersonalAccessToken, type Tenant } from '../../../core/model';
import { errorText } from '../../../core/messages';
import { presentToken } from '../../view/tokenPresentation';
import { MAX_TOKENS_PER_OWNER } from '../../../core/ops/owners';
import { createSuccessor, deleteOldToken, listOwnTokens, rotateTenantCredentials, tenantSignInToken, TokenLimitError, type RotationTarget } from '../../../core/ops/rotation';
import type { CreateTokenOutcome } from '../../../core/patService';
import { shown, type Item } from '../../prompts/prompts';
import { askAfterRotation, askLimitWayForward, askSuccessorName, confirmDeleteOldFirst, confirmTenantRotation, offerSuccessorSecret } from './rotationPrompts';
import type { CommandRun } from '../runner';
import { copyStoredSecret } from '../secret/storedSecret';
import { showUnsavedSecret } from '../token/unsavedSecret';
import { t } from '../../view/l10n';

export function tokenBusy(tenantId: string, tokenId: string): { tenantId: string; tokenId: string }[] {
  return [{ tenantId, tokenId }];
}

/** Creates the successor, handing the limit back as a value so it can be explained rather than shown as an error. */
async function createInteractively(run: CommandRun, tenant: Tenant, target: RotationTarget, name: string): Promise<CreateTokenOutcome | TokenLimitError> {
  const outcome = await run.network(
    `Creating "${shown(name)}"…`,
    (signal) =>
      createSuccessor(run.ui.service, tenant.id, target, { name, now: Date.now() }, signal)
        .catch((error: unknown) => {
          if (error instanceof TokenLimitError) return error;
          throw error;
        })
        .finally(() => run.ui.tree.refresh(tenant.id)),
    { busy: [{ tenantId: tenant.id }], busyLabel: t('Creating token…'), retryable: false, tenantId: tenant.id },
  );
  return outcome;
}

/** Asks until the user decides about the old token, copying the new secret on the way; returns whether to delete it now. */
async function settleOldToken(run: CommandRun, tenant: Tenant, old: PersonalAccessToken, successor: PersonalAccessToken, oldAlreadyDeleted: boolean): Promise<boolean> {
  if (oldAlreadyDeleted) {
    if (await offerSuccessorSecret(run.ask, old.name, successor.name)) await copyStoredSecret(run, tenant.id, successor);
    return false;
  }
  for (;;) {
    const choice = await askAfterRotation(run.ask, old.name, successor.name);
    if (choice !== 'copySecret') return choice === 'deleteOld';
    await copyStoredSecret(run, tenant.id, successor);
  }
}

async function finishRotation(run: CommandRun, tenant: Tenant, old: PersonalAccessToken, outcome: CreateTokenOutcome, oldAlreadyDeleted: boolean): Promise<void> {
  if (!outcome.secretSaved) {
    await showUnsavedSecret(run, tenant.id, outcome);
    return;
  }
  const successor = outcome.token;
  if (!(await settleOldToken(run, tenant, old, successor, oldAlreadyDeleted))) {
    if (!oldAlreadyDeleted) run.inform(t('Both tokens kept. Delete "{0}" once nothing uses it any more.', shown(old.name)));
    return;
  }
  await run.network(`Deleting "${shown(old.name)}"…`, (signal) => deleteOldToken(run.ui.service, tenant.id, old, successor, signal), {
    busy: tokenBusy(tenant.id, old.id),
    busyLabel: t('Deleting…'),
    tenantId: tenant.id,
  });
  run.ui.tree.refresh(tenant.id);
  run.inform(t('"{0}" was replaced by "{1}" and deleted.', shown(old.name), shown(successor.name)));
}

async function findUnusedTokens(run: CommandRun, tenant: Tenant): Promise<void> {
  await run.other('sailpointPat.findUnusedTokens', run.ui.tree.tenantNode(tenant.id));
}

/** Deletes the old token (after a modal), then creates its successor in the place that frees. */
async function rotateDeletingFirst(run: CommandRun, tenant: Tenant, target: RotationTarget, name: string): Promise<void> {
  const { old } = target;
  await confirmDeleteOldFirst(run.ask, old.name, name);
  await run.network(`Deleting "${shown(old.name)}"…`, (signal) => run.ui.service.deleteToken(tenant.id, old.id, signal), {
    busy: tokenBusy(tenant.id, old.id),
    busyLabel: t('Deleting…'),
    tenantId: tenant.id,
  });
  const freed: RotationTarget = { ...target, mine: target.mine.filter((token) => token.id !== old.id), atLimit: false };
  const scopes = (old.scope ?? [ALL_SCOPES]).join(', ');
  const outcome = await run.network(
    `Creating "${shown(name)}"…`,
    (signal) =>
      createSuccessor(run.ui.service, tenant.id, freed, { name, now: Date.now() }, signal)
        .catch((error: unknown) => {
          // Not a cancellation even when Cancel caused it: the old token is gone, which the user must hear.
          throw new PatError(
            'http',
            t('"{0}" was deleted, but creating its successor failed: {1} Create a token with the scopes {2} yourself.', shown(old.name), errorText(error), scopes),
            { cause: error },
          );
        })
        .finally(() => run.ui.tree.refresh(tenant.id)),
    { retryable: false, tenantId: tenant.id },
  );
  await finishRotation(run, tenant, old, outcome, true);
}

/** At the limit: explain, then find unused tokens or (when allowed) delete the old token first. */
async function wayForwardAtLimit(run: CommandRun, tenant: Tenant, target: RotationTarget, limit: TokenLimitError): Promise<void> {
  const choice = await askLimitWayForward(run.ask, limit.message, !limit.forTenantCredentials);
  if (choice === 'findUnused') await findUnusedTokens(run, tenant);
  if (choice === 'deleteOldFirst') await rotateDeletingFirst(run, tenant, target, await askSuccessorName(run.ask, target));
}

export async function rotateInteractively(run: CommandRun, tenant: Tenant, target: RotationTarget): Promise<void> {
  if (target.atLimit) {
    await wayForwardAtLimit(run, tenant, target, new TokenLimitError(MAX_TOKENS_PER_OWNER, false));
    return;
  }
  const name = await askSuccessorName(run.ask, target);
  const outcome = await createInteractively(run, tenant, target, name);
  if (outcome instanceof TokenLimitError) await wayForwardAtLimit(run, tenant, target, outcome);
  else await finishRotation(run, tenant, target.old, outcome, false);
}

interface OwnTokenPick extends Item {
  token: PersonalAccessToken;
}

/** From the palette: one of the caller's own tokens. */
export async function pickOwnToken(run: CommandRun, tenant: Tenant): Promise<PersonalAccessToken> {
  const mine = await run.network(t('Listing your tokens in {0}…', shown(tenant.displayName)), (signal) => listOwnTokens(run.ui.service, tenant.id, signal), {
    tenantId: tenant.id,
  });
  if (mine.length === 0) throw new PatError('invalid-input', t('You have no tokens in "{0}" to rotate.', shown(tenant.displayName)));
  const now = Date.now();
  const items: OwnTokenPick[] = mine.map((token) => {
    const view = presentToken(token, { now, expiryWarningDays: 0, secretStored: false, isOwnCredential: false });
    return { label: view.label, description: view.description, token };
  });
  return (await run.ask.titled(t('Rotate Token')).pickOne({ name: 'tokenId', placeholder: t('Token to rotate'), items })).token;
}

export async function rotateTenantInteractively(run: CommandRun, tenant: Tenant): Promise<void> {
  const target = await run.network(t('Finding the token the tenant signs in with…'), (signal) => tenantSignInToken(run.ui.service, tenant.id, Date.now(), signal), {
    tenantId: tenant.id,
  });
  if (target.atLimit) {
    await wayForwardAtLimit(run, tenant, target, new TokenLimitError(MAX_TOKENS_PER_OWNER, true));
    return;
  }
  const name = await askSuccessorName(run.ask, target);
  await confirmTenantRotation(run.ask, tenant.displayName, target.old.name, name);
  const result = await run.network(
    t('Rotating the credentials of {0}…', shown(tenant.displayName)),
    (signal) =>
      rotateTenantCredentials(run.ui.service, tenant.id, { name, target, now: Date.now() }, signal).catch((error: unknown) => {
        if (error instanceof TokenLimitError) return error;
        throw error;
      }),
    { busy: [{ tenantId: tenant.id }], busyLabel: t('Rotating credentials…'), retryable: false, cancellable: false },
  ).finally(() => run.ui.tree.refresh(tenant.id));
  if (result instanceof TokenLimitError) {
    await wayForwardAtLimit(run, tenant, target, result);
    return;
  }
  run.inform(t('{0} now signs in with "{1}"; "{2}" was deleted.', shown(tenant.displayName), shown(result.successor.name), shown(result.old.name)));
}

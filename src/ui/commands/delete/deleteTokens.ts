// The one delete flow: Delete Token (one, or every selected token), Delete Tokens (bulk) and the deletes Find Unused
// Tokens offers. One modal names every token with its tenant; then a counted, cancellable run, the summary, Retry failed.
import { deleteTokens, type BulkDeleteResult, type BulkProgress, type FailedItem, type TokenRef } from '../../../core/ops/bulkDelete';
import { PatError } from '../../../core/errors';
import type { PersonalAccessToken, Tenant, TokenOwner } from '../../../core/model';
import { ownerName } from '../../view/ownerName';
import { isSafeId } from '../../../core/store/secretKeys';
import { t } from '../../view/l10n';
import { tokenCount } from '../../view/counts';
import { bulkSummary, deleteButtonText } from './deleteWords';
import { quoted, shown } from '../../prompts/prompts';
import type { ArgumentObject } from '../../prompts/args';
import type { CommandRun, Invocation, PatCommand } from '../runner';
import { chooseTenant, selectedTokenNodes, tokenLabel, tokenPickItems, tokenTarget, type TokenTarget } from '../targets';

/** A token about to be deleted, with what the modal must warn about. */
export interface DeleteTarget extends TokenTarget {
  isOwnCredential: boolean;
  /** Another identity's token: the modal names whose it is. */
  othersOwner?: TokenOwner;
}

function refOf(target: DeleteTarget): TokenRef {
  return { tenantId: target.tenant.id, tokenId: target.tokenId };
}

function refKey(item: TokenRef): string {
  return `${item.tenantId}\u0000${item.tokenId}`;
}

/** "name (tenant)": two tenants can hold tokens of the same name. */
function nameWithTenant(target: DeleteTarget): string {
  return `${tokenLabel(target)} (${shown(target.tenant.displayName)})`;
}

function confirmationDetail(targets: readonly DeleteTarget[]): string {
  const lines = targets.map((target) => `• ${nameWithTenant(target)}${target.othersOwner === undefined ? '' : t(', owned by {0}', ownerName(target.othersOwner))}`);
  const own = targets.filter((target) => target.isOwnCredential).map(nameWithTenant);
  const managed = targets.filter((target) => target.token?.managed === true).map(nameWithTenant);
  const warnings = [
    own.length > 0 ? t('{0}: a tenant signs in with this token, so VS Code will lose access to it.', own.join(', ')) : '',
    managed.length > 0 ? t('{0}: managed by the platform (e.g. used by a workflow).', managed.join(', ')) : '',
    t('Anything that uses these tokens stops working. This cannot be undone.'),
  ];
  return [...lines, '', ...warnings.filter((warning) => warning !== '')].join('\n');
}

/** The one delete confirmation; scripts that name the tokens have consented by calling. */
function confirmDelete(run: CommandRun, targets: readonly DeleteTarget[]): Promise<void> {
  // The detail names every token with its tenant; the question stays short, so a long name cannot push it away.
  const message = targets.length === 1 ? t('Delete this token?') : t('Delete {0} tokens?', targets.length);
  const keep = targets.length === 1 ? t('Keep Token') : t('Keep Tokens');
  return run.ask.confirm({ name: 'confirm', message, detail: confirmationDetail(targets), button: deleteButtonText(targets.length), keep });
}

function progressText({ done, failed, total }: BulkProgress): string {
  return failed > 0 ? t('{0} of {1} done, {2} failed', done, total, failed) : t('{0} of {1} done', done, total);
}

/** Deletes with the command wrapper's cancellable progress, counting; refreshes the tenants concerned afterwards. */
async function runBulkDelete(run: CommandRun, items: readonly TokenRef[]): Promise<BulkDeleteResult> {
  try {
    return await run.network(
      t('Deleting {0}', tokenCount(items.length)),
      (signal, report) =>
        deleteTokens(run.ui.service, items, {
          signal,
          onProgress: (counts) => report(progressText(counts), 100 / counts.total),
          around: (item, work) => run.ui.tree.busy([item], t('Deleting…'), work),
        }),
      { retryable: false },
    );
  } finally {
    new Set(items.map((item) => item.tenantId)).forEach((tenantId) => run.ui.tree.refresh(tenantId));
  }
}

/** Tells the outcome; "Retry failed" returns the failed ones to run again (they were confirmed already). */
async function summarise(run: CommandRun, result: BulkDeleteResult, names: ReadonlyMap<string, string>): Promise<TokenRef[]> {
  const nameOf = (item: TokenRef): string => names.get(refKey(item)) ?? item.tokenId;
  result.failed.forEach((item) => run.ui.logger.warn(`Delete: ${nameOf(item)} (${item.tokenId}) was not deleted: ${item.message}`));
  if (result.failed.length === 0) {
    run.inform(bulkSummary(result));
    return [];
  }
  const first = result.failed[0];
  const choice = await run.ask.message({
    severity: 'warning',
    message: `${bulkSummary(result)} ${nameOf(first)}: ${first.message}`,
    actions: [t('Retry failed'), t('Show Log')] as const,
  });
  if (choice === t('Show Log')) run.ui.logChannel.show(true);
  return choice === t('Retry failed') ? result.failed.map(({ tenantId, tokenId }) => ({ tenantId, tokenId })) : [];
}

/** Deletes one token: its own error (with Retry for a transient one) rather than a count. */
async function deleteOne(run: CommandRun, target: DeleteTarget): Promise<void> {
  const { tenant, tokenId } = target;
  await run
    .network(`Deleting ${tokenLabel(target)}…`, (signal) => run.ui.service.deleteToken(tenant.id, tokenId, signal), {
      busy: [{ tenantId: tenant.id, tokenId }],
      busyLabel: t('Deleting…'),
      tenantId: tenant.id,
    })
    .finally(() => run.ui.tree.refresh(tenant.id));
  run.inform(`Token ${nameWithTenant(target)} deleted.`);
}

/**
 * Asks once, then deletes: a single token by itself (its own error, with Retry when transient), several with a count,
 * the summary and Retry failed. `counted` reports even a single token in the result instead of throwing its error.
 */
export async function deleteWithConfirmation(run: CommandRun, targets: readonly DeleteTarget[], counted: boolean): Promise<BulkDeleteResult> {
  await confirmDelete(run, targets);
  if (targets.length === 1 && !counted) {
    await deleteOne(run, targets[0]);
    return { deleted: [refOf(targets[0])], failed: [] };
  }
  const names = new Map(targets.map((target) => [refKey(refOf(target)), nameWithTenant(target)]));
  const deleted: TokenRef[] = [];
  let items = targets.map(refOf);
  let failed: FailedItem[] = [];
  while (items.length > 0) {
    const round = await runBulkDelete(run, items);
    deleted.push(...round.deleted);
    failed = round.failed;
    items = await summarise(run, round, names);
  }
  return { deleted, failed };
}

/** The tokens selected in the tree, as delete targets. */
function selectedTargets(invocation: Invocation): DeleteTarget[] {
  return selectedTokenNodes(invocation.node, invocation.selection).map((node) => ({
    tenant: node.parent.tenant,
    tokenId: node.token.id,
    token: node.token,
    node,
    isOwnCredential: node.isOwnCredential,
    othersOwner: node.isOthersToken && node.token.owner !== null ? node.token.owner : undefined,
  }));
}

/** From the palette or a tenant: the tokens of one tenant, picked. */
async function pickTargets(run: CommandRun, invocation: Invocation): Promise<DeleteTarget[]> {
  const tenant = await chooseTenant(run, invocation, t('Delete Tokens'));
  const items = await tokenPickItems(run, tenant);
  if (items.length === 0) throw new PatError('invalid-input', t('{0} lists no tokens.', quoted(tenant.displayName)));
  const picked = await run.ask.titled(t('Delete Tokens')).pickMany({ name: 'items', placeholder: t('Tokens to delete'), items });
  const ownClientId = await run.ui.service.signInClientId(tenant.id);
  return picked.map(({ token }) => targetOf(tenant, token, token.id === ownClientId));
}

function targetOf(tenant: Tenant, token: PersonalAccessToken, isOwnCredential: boolean): DeleteTarget {
  return { tenant, tokenId: token.id, token, isOwnCredential };
}

/** The selected tokens, the token a script names, or (from a tenant or the palette) the tokens the user picks. */
export async function targetsOf(run: CommandRun, invocation: Invocation): Promise<DeleteTarget[]> {
  const selected = selectedTargets(invocation);
  if (selected.length > 0) return selected;
  if (invocation.args !== undefined) return [{ ...tokenTarget(run, invocation), isOwnCredential: false }];
  return pickTargets(run, invocation);
}

function itemsFromArgs(run: CommandRun, args: ArgumentObject): DeleteTarget[] {
  const value = args.items;
  const invalid = new PatError('invalid-input', t("The argument \"items\" must be a non-empty array of { tenantId, tokenId } with valid ids (letters, digits, '-' or '_')."));
  if (!Array.isArray(value) || value.length === 0) throw invalid;
  const refs = value.map((item: unknown): TokenRef => {
    if (typeof item !== 'object' || item === null) throw invalid;
    const { tenantId, tokenId } = item as Record<string, unknown>;
    if (!isSafeId(tenantId) || !isSafeId(tokenId)) throw invalid;
    return { tenantId, tokenId };
  });
  // Every tenant must exist before anything is deleted: a typo in one item changes nothing.
  return refs.map(({ tenantId, tokenId }) => ({ tenant: run.ui.service.getTenant(tenantId), tokenId, isOwnCredential: false }));
}

export const deleteTokensCommand: PatCommand = {
  id: 'sailpointPat.deleteTokens',
  run(run, invocation) {
    // A script names each token: exactly these are deleted, and the result says what happened to each.
    if (invocation.args !== undefined) return deleteWithConfirmation(run, itemsFromArgs(run, invocation.args), true);
    return targetsOf(run, invocation).then((targets) => deleteWithConfirmation(run, targets, false));
  },
};

/** Find Unused Tokens' deletes: the same modal and run. */
export function deleteFound(run: CommandRun, targets: readonly DeleteTarget[]): Promise<BulkDeleteResult> {
  return deleteWithConfirmation(run, targets, true);
}

// Find Unused Tokens and Delete Tokens (bulk): one modal, a few deletes at a time, each token's outcome, Retry failed.
import * as vscode from 'vscode';
import {
  bulkSummary,
  deleteTokens,
  findUnusedTokens,
  type BulkDeleteResult,
  type BulkProgress,
  type TokenRef,
  type UnusedCriteria,
  type UnusedSearch,
} from '../../core/ops/bulkDelete';
import { PatError } from '../../core/errors';
import type { PersonalAccessToken, Tenant } from '../../core/model';
import { deleteButtonText } from '../view/presentation';
import { stripUnsafeCharacters } from '../../core/validation';
import { askUnusedCriteria, askUnusedScope, pickUnusedToDelete } from '../prompts/unusedPrompts';
import { singleInput, UserCancelled } from '../prompts/wizard';
import type { PatNode, TokenNode } from '../tree/nodes';
import { optionalBoolean, optionalNumber, optionalString, type ArgumentObject } from './args';
import type { CommandRun, PatCommand } from './runner';
import { chooseTenant, selectedTokenNodes, tenantOfNode, tokenPickItems } from './targets';

/** A token about to be deleted, with what the modal must warn about. */
export interface BulkTarget {
  tenant: Tenant;
  token: PersonalAccessToken;
  node: TokenNode | undefined;
  isOwnCredential: boolean;
}

function shown(text: string): string {
  return stripUnsafeCharacters(text);
}

function criteriaFromArgs(args: ArgumentObject): UnusedCriteria {
  return {
    neverUsed: optionalBoolean(args, 'neverUsed') ?? false,
    unusedSinceDays: optionalNumber(args, 'unusedSinceDays'),
    ownerInactive: optionalBoolean(args, 'ownerInactive'),
  };
}

async function search(run: CommandRun, tenants: readonly Tenant[], criteria: UnusedCriteria): Promise<UnusedSearch> {
  const where = tenants.length === 1 ? shown(tenants[0].displayName) : `${tenants.length} tenants`;
  return run.network(`Looking for unused tokens in ${where}…`, (signal) => findUnusedTokens(run.ui.service, tenants, criteria, Date.now(), signal), {
    tenantId: tenants.length === 1 ? tenants[0].id : undefined,
  });
}

function reportFailedTenants(run: CommandRun, result: UnusedSearch): void {
  if (result.failedTenants.length === 0 || run.automated) return;
  result.failedTenants.forEach(({ tenant, message }) => run.ui.logger.warn(`Finding unused tokens in "${tenant.displayName}" failed: ${message}`));
  const names = result.failedTenants.map(({ tenant }) => `"${shown(tenant.displayName)}"`).join(', ');
  void vscode.window.showWarningMessage(`Could not search ${names}; the other tenants were searched. See the log for why.`);
}

export const findUnusedTokensCommand: PatCommand = {
  id: 'sailpointPat.findUnusedTokens',
  async interactive(run, node) {
    const fromNode = tenantOfNode(node);
    const all = run.ui.service.listTenants();
    if (all.length === 0) throw new PatError('invalid-input', 'No tenant yet: add one first with "SailPoint PAT: Add Tenant".');
    const tenants = fromNode !== undefined ? [fromNode] : await askUnusedScope(all);
    const result = await search(run, tenants, await askUnusedCriteria());
    reportFailedTenants(run, result);
    if (result.found.length === 0) {
      run.inform('No unused tokens found.');
      return;
    }
    const picked = await pickUnusedToDelete(result.found, tenants.length > 1);
    const targets = picked.map(({ tenant, token, signsInTenant }) => ({
      tenant,
      token,
      node: run.ui.tree.tokenNode(tenant.id, token.id),
      isOwnCredential: signsInTenant,
    }));
    await deleteInBulk(run, targets);
  },
  async automated(run, args) {
    const tenantId = optionalString(args, 'tenantId');
    const tenants = tenantId === undefined ? run.ui.service.listTenants() : [run.ui.service.getTenant(tenantId)];
    const result = await search(run, tenants, criteriaFromArgs(args));
    if (tenantId !== undefined && result.failedTenants.length > 0) throw new PatError('http', result.failedTenants[0].message);
    return {
      tokens: result.found.map(({ tenant, token, signsInTenant, ownerStatus }) => ({
        tenantId: tenant.id,
        tokenId: token.id,
        name: token.name,
        managed: token.managed,
        signsInTenant,
        ...(ownerStatus === undefined ? {} : { ownerStatus: ownerStatus.text }),
      })),
      failedTenants: result.failedTenants.map(({ tenant, message }) => ({ tenantId: tenant.id, message })),
    };
  },
};

/** The view title's Find Unused Tokens: VS Code passes the focused node to title commands, which must not narrow this one. */
export const findUnusedTokensInAnyTenantCommand: PatCommand = {
  id: 'sailpointPat.findUnusedTokensInAnyTenant',
  interactive: (run) => findUnusedTokensCommand.interactive(run, undefined, undefined),
  automated: (run, args) => findUnusedTokensCommand.automated(run, args),
};

function confirmationDetail(targets: readonly BulkTarget[]): string {
  const severalTenants = new Set(targets.map((target) => target.tenant.id)).size > 1;
  const lines = targets.map(({ tenant, token }) => `• ${shown(token.name)}${severalTenants ? ` (${shown(tenant.displayName)})` : ''}`);
  const own = targets.filter((target) => target.isOwnCredential).map((target) => `"${shown(target.token.name)}"`);
  const managed = targets.filter((target) => target.token.managed).map((target) => `"${shown(target.token.name)}"`);
  const warnings = [
    own.length > 0 ? `${own.join(', ')}: a tenant signs in with this token, so VS Code will lose access to it.` : '',
    managed.length > 0 ? `${managed.join(', ')}: managed by the platform (e.g. used by a workflow).` : '',
    'Anything that uses these tokens stops working. This cannot be undone.',
  ];
  return [...lines, '', ...warnings.filter((warning) => warning !== '')].join('\n');
}

/** The tokens selected in the tree, as delete targets. */
export function bulkTargetsOf(nodes: readonly TokenNode[]): BulkTarget[] {
  return nodes.map((node) => ({ tenant: node.parent.tenant, token: node.token, node, isOwnCredential: node.isOwnCredential }));
}

/** The one delete confirmation: a modal naming every token and warning about the protected ones. */
export async function confirmBulkDelete(targets: readonly BulkTarget[]): Promise<void> {
  const button = deleteButtonText(targets.length);
  const what = targets.length === 1 ? `the token "${shown(targets[0].token.name)}"` : `${targets.length} tokens`;
  const answer = await vscode.window.showWarningMessage(`Delete ${what}?`, { modal: true, detail: confirmationDetail(targets) }, button);
  if (answer !== button) throw new UserCancelled();
}

function progressText({ done, failed, total }: BulkProgress): string {
  return `${done} of ${total} done${failed > 0 ? `, ${failed} failed` : ''}`;
}

/** Deletes with a cancellable progress notification that counts; refreshes the tenants concerned afterwards. */
async function runBulkDelete(run: CommandRun, items: readonly TokenRef[], nodes: ReadonlyMap<string, TokenNode>): Promise<BulkDeleteResult> {
  const title = `Deleting ${items.length} token${items.length === 1 ? '' : 's'}`;
  const options = { location: vscode.ProgressLocation.Notification, title, cancellable: true };
  try {
    return await vscode.window.withProgress(options, async (progress, cancel) => {
      const abort = new AbortController();
      const subscription = cancel.onCancellationRequested(() => abort.abort(new UserCancelled()));
      try {
        return await deleteTokens(run.ui.service, items, {
          signal: abort.signal,
          onProgress: (counts) => progress.report({ message: progressText(counts), increment: 100 / counts.total }),
          around: (item, work) => {
            const node = nodes.get(refKey(item));
            return run.ui.tree.busy(node === undefined ? [] : [node], 'Deleting…', work);
          },
        });
      } finally {
        subscription.dispose();
      }
    });
  } finally {
    new Set(items.map((item) => item.tenantId)).forEach((tenantId) => run.ui.tree.refresh(tenantId));
  }
}

function refKey(item: TokenRef): string {
  return `${item.tenantId}\u0000${item.tokenId}`;
}

/** Logs each failure and tells the user; "Retry failed" runs the failed ones again (they were confirmed already). */
async function summarise(run: CommandRun, result: BulkDeleteResult, names: ReadonlyMap<string, string>): Promise<TokenRef[]> {
  const nameOf = (item: TokenRef): string => names.get(refKey(item)) ?? item.tokenId;
  result.deleted.forEach((item) => run.ui.logger.info(`Bulk delete: deleted "${nameOf(item)}" (${item.tokenId}).`));
  result.failed.forEach((item) => run.ui.logger.warn(`Bulk delete: "${nameOf(item)}" (${item.tokenId}) was not deleted: ${item.message}`));
  if (result.failed.length === 0) {
    run.inform(bulkSummary(result));
    return [];
  }
  const retry = 'Retry failed';
  const showLog = 'Show Log';
  const first = result.failed[0];
  const choice = await vscode.window.showWarningMessage(`${bulkSummary(result)} "${nameOf(first)}": ${first.message}`, retry, showLog);
  if (choice === showLog) run.ui.logChannel.show(true);
  return choice === retry ? result.failed.map(({ tenantId, tokenId }) => ({ tenantId, tokenId })) : [];
}

/** The interactive bulk delete: one modal naming every token, then the run, the summary and any retries. */
export async function deleteInBulk(run: CommandRun, targets: readonly BulkTarget[]): Promise<void> {
  if (targets.length === 0) return;
  await confirmBulkDelete(targets);
  const names = new Map(targets.map((target) => [refKey({ tenantId: target.tenant.id, tokenId: target.token.id }), shown(target.token.name)]));
  const nodes = new Map(targets.flatMap((target) => (target.node === undefined ? [] : [[refKey({ tenantId: target.tenant.id, tokenId: target.token.id }), target.node] as const])));
  let items: TokenRef[] = targets.map((target) => ({ tenantId: target.tenant.id, tokenId: target.token.id }));
  while (items.length > 0) {
    items = await summarise(run, await runBulkDelete(run, items, nodes), names);
  }
}

async function pickTargets(run: CommandRun, node: PatNode | undefined): Promise<BulkTarget[]> {
  const tenant = await chooseTenant(run, node, 'Delete Tokens');
  const items = await tokenPickItems(run, tenant);
  if (items.length === 0) throw new PatError('invalid-input', `"${shown(tenant.displayName)}" lists no tokens.`);
  const picked = await singleInput('Delete Tokens').pickMany({ placeholder: 'Tokens to delete', items });
  const ownClientId = await run.ui.service.signInClientId(tenant.id);
  return picked.map(({ token }) => ({ tenant, token, node: run.ui.tree.tokenNode(tenant.id, token.id), isOwnCredential: token.id === ownClientId }));
}

function itemsFromArgs(run: CommandRun, args: ArgumentObject): TokenRef[] {
  const value = args.items;
  const invalid = new PatError('invalid-input', 'The argument "items" must be a non-empty array of { tenantId, tokenId } with non-empty strings.');
  if (!Array.isArray(value) || value.length === 0) throw invalid;
  const items = value.map((item: unknown): TokenRef => {
    if (typeof item !== 'object' || item === null) throw invalid;
    const { tenantId, tokenId } = item as Record<string, unknown>;
    if (typeof tenantId !== 'string' || typeof tokenId !== 'string' || tenantId.trim() === '' || tokenId.trim() === '') throw invalid;
    return { tenantId, tokenId };
  });
  // Every tenant must exist before anything is deleted: a typo in one item changes nothing.
  new Set(items.map((item) => item.tenantId)).forEach((tenantId) => run.ui.service.getTenant(tenantId));
  return items;
}

export const deleteTokensCommand: PatCommand = {
  id: 'sailpointPat.deleteTokens',
  async interactive(run, node, selection) {
    const nodes = selectedTokenNodes(node, selection);
    const targets = nodes.length > 0 ? bulkTargetsOf(nodes) : await pickTargets(run, node);
    await deleteInBulk(run, targets);
  },
  async automated(run, args) {
    // The caller named each token explicitly: no modal, and exactly these are deleted.
    const items = itemsFromArgs(run, args);
    const nodes = new Map(items.flatMap((item) => {
      const found = run.ui.tree.tokenNode(item.tenantId, item.tokenId);
      return found === undefined ? [] : [[refKey(item), found] as const];
    }));
    const result = await runBulkDelete(run, items, nodes);
    result.failed.forEach((item) => run.ui.logger.warn(`Bulk delete: ${item.tokenId} was not deleted: ${item.message}`));
    return result;
  },
};

// What a command acts on: the node it was invoked on, what the user picks from the palette, or the argument object.
import * as vscode from 'vscode';
import { PatError } from '../../core/errors';
import { othersTokenMessage } from '../../core/ops/owners';
import type { PersonalAccessToken, Tenant } from '../../core/model';
import { presentToken, tenantHost } from '../view/presentation';
import { stripUnsafeCharacters } from '../../core/validation';
import { singleInput } from '../prompts/wizard';
import { MessageNode, TenantNode, TokenNode, type PatNode } from '../tree/nodes';
import { requireString, type ArgumentObject } from './args';
import type { CommandRun } from './runner';

export function tenantOfNode(node: PatNode | undefined): Tenant | undefined {
  if (node instanceof TenantNode) return node.tenant;
  if (node instanceof TokenNode || node instanceof MessageNode) return node.parent.tenant;
  return undefined;
}

export function tenantFromArgs(run: CommandRun, args: ArgumentObject): Tenant {
  return run.ui.service.getTenant(requireString(args, 'tenantId'));
}

/** The node's tenant; from the palette, the only tenant or one the user picks. */
export async function chooseTenant(run: CommandRun, node: PatNode | undefined, purpose: string): Promise<Tenant> {
  const fromNode = tenantOfNode(node);
  if (fromNode !== undefined) return fromNode;
  const tenants = run.ui.service.listTenants();
  if (tenants.length === 0) throw new PatError('invalid-input', 'No tenant yet: add one first with "SailPoint PAT: Add Tenant".');
  if (tenants.length === 1) return tenants[0];
  const items = tenants.map((tenant) => ({ label: stripUnsafeCharacters(tenant.displayName), description: tenantHost(tenant), tenant }));
  const picked = await singleInput(purpose).pickOne({ placeholder: 'Choose a tenant', items });
  return picked.tenant;
}

export function requireTokenNode(node: PatNode | undefined): TokenNode {
  if (node instanceof TokenNode) return node;
  throw new PatError('invalid-input', 'Run this command on a token in the Personal Access Tokens view.');
}

/** The token nodes a command acts on: the multi-selection if the clicked node is part of it, else the clicked node. */
export function selectedTokenNodes(node: PatNode | undefined, selection: readonly PatNode[] | undefined): TokenNode[] {
  const tokens = (selection ?? []).filter((each): each is TokenNode => each instanceof TokenNode);
  if (node instanceof TokenNode && !tokens.includes(node)) return [node];
  return tokens;
}

export interface TokenPick extends vscode.QuickPickItem {
  token: PersonalAccessToken;
}

/** Tokens of a tenant as picker items; the tenant's own credential and managed tokens are marked. */
export async function tokenPickItems(run: CommandRun, tenant: Tenant): Promise<TokenPick[]> {
  const tokens = await run.network(`Listing the tokens of ${stripUnsafeCharacters(tenant.displayName)}…`, () =>
    run.ui.tree.tokens(tenant.id),
  );
  const ownClientId = await run.ui.service.signInClientId(tenant.id);
  const stored = run.ui.service.storedSecretTokenIds(tenant.id);
  const now = Date.now();
  return tokens.map((token) => {
    const view = presentToken(token, { now, expiryWarningDays: 0, secretStored: stored.has(token.id), isOwnCredential: token.id === ownClientId });
    const warnings = [token.managed ? 'managed by the platform' : '', token.id === ownClientId ? 'this tenant signs in with it' : ''];
    return {
      label: view.label,
      description: view.description,
      detail: warnings.filter((warning) => warning !== '').join(' · ') || undefined,
      token,
    };
  });
}

/**
 * Refuses, before any change request, to rename, rescope, rotate or re-date another identity's token (ISC would
 * answer 403). Whose it is comes from the tree's list, loaded if it is not yet; when that fails the server decides.
 */
export async function refuseOthersToken(run: CommandRun, tenantId: string, tokenId: string, action: string): Promise<void> {
  let node = run.ui.tree.tokenNode(tenantId, tokenId);
  if (node === undefined) {
    await run.ui.tree.tokens(tenantId).catch(() => undefined);
    node = run.ui.tree.tokenNode(tenantId, tokenId);
  }
  if (node?.isOthersToken === true) throw new PatError('invalid-input', othersTokenMessage(action, node.token.name, node.token.owner?.name ?? null));
}

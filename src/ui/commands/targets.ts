// What a command acts on: the node it was invoked on, what the user picks from the palette, or the argument object.
import { PatError } from '../../core/errors';
import type { PersonalAccessToken, Tenant } from '../../core/model';
import { tenantHost } from '../view/presentation';
import { presentToken } from '../view/tokenPresentation';
import { quoted, shown, type Item } from '../prompts/prompts';
import { MessageNode, TenantNode } from '../tree/nodes';
import type { PatNode } from '../tree/patNode';
import { TokenNode } from '../tree/tokenRows';
import { requireId, type ArgumentObject } from '../prompts/args';
import type { CommandRun, Invocation } from './runner';
import { t } from '../view/l10n';

export function noTenantYet(): string {
  return t('No tenant yet: add one first with "SailPoint PAT: Add Tenant".');
}

export function tenantOfNode(node: PatNode | undefined): Tenant | undefined {
  if (node instanceof TenantNode) return node.tenant;
  if (node instanceof TokenNode || node instanceof MessageNode) return node.parent.tenant;
  return undefined;
}

export function tenantFromArgs(run: CommandRun, args: ArgumentObject): Tenant {
  return run.ui.service.getTenant(requireId(args, 'tenantId'));
}

interface TenantPick extends Item {
  tenant: Tenant;
}

/** The node's tenant; else the one the user picks (nothing to ask with one tenant), or the argument `tenantId`. */
export async function chooseTenant(run: CommandRun, invocation: Invocation, purpose: string): Promise<Tenant> {
  const fromNode = tenantOfNode(invocation.node);
  if (fromNode !== undefined) return fromNode;
  const tenants = run.automated ? [] : run.ui.service.listTenants();
  if (!run.automated && tenants.length === 0) throw new PatError('invalid-input', noTenantYet());
  const items: TenantPick[] = tenants.map((tenant) => ({ label: shown(tenant.displayName), description: tenantHost(tenant), tenant }));
  const picked = await run.ask.titled(purpose).pickOne({
    name: 'tenantId',
    placeholder: t('Choose a tenant'),
    items,
    skipIfOne: true,
    fromArguments: (args) => ({ label: '', tenant: tenantFromArgs(run, args) }),
  });
  return picked.tenant;
}

/** A token a command acts on; scripts name only its id, so the token itself is known only from the tree. */
export interface TokenTarget {
  tenant: Tenant;
  tokenId: string;
  token?: PersonalAccessToken;
  node?: TokenNode;
}

/** The token node the command was invoked on, or `tenantId` and `tokenId` of the argument object. */
export function tokenTarget(run: CommandRun, invocation: Invocation): TokenTarget {
  const { node, args } = invocation;
  if (node instanceof TokenNode) return { tenant: node.parent.tenant, tokenId: node.token.id, token: node.token, node };
  if (args !== undefined) {
    const tenant = tenantFromArgs(run, args);
    const tokenId = requireId(args, 'tokenId');
    return { tenant, tokenId, node: run.ui.tree.tokenNode(tenant.id, tokenId) };
  }
  throw new PatError('invalid-input', t('Run this command on a token in the Personal Access Tokens view.'));
}

/** The label a token is known by in messages: its quoted name, or its id when a script named only that. */
export function tokenLabel(target: Pick<TokenTarget, 'tokenId' | 'token'>): string {
  return target.token === undefined ? target.tokenId : `"${shown(target.token.name)}"`;
}

/** The token nodes a command acts on: the multi-selection if the clicked node is part of it, else the clicked node. */
export function selectedTokenNodes(node: PatNode | undefined, selection: readonly PatNode[] | undefined): TokenNode[] {
  const tokens = (selection ?? []).filter((each): each is TokenNode => each instanceof TokenNode);
  if (node instanceof TokenNode && !tokens.includes(node)) return [node];
  return tokens;
}

export interface TokenPick extends Item {
  token: PersonalAccessToken;
}

/** Tokens of a tenant as picker items; the tenant's own credential and managed tokens are marked. */
export async function tokenPickItems(run: CommandRun, tenant: Tenant): Promise<TokenPick[]> {
  const tokens = await run.network(t('Listing the tokens of {0}…', shown(tenant.displayName)), () => run.ui.tree.tokens(tenant.id));
  const ownClientId = await run.ui.service.signInClientId(tenant.id);
  const stored = run.ui.service.storedSecretTokenIds(tenant.id);
  const now = Date.now();
  return tokens.map((token) => {
    const view = presentToken(token, { now, expiryWarningDays: 0, secretStored: stored.has(token.id), isOwnCredential: token.id === ownClientId });
    const warnings = [token.managed ? t('managed by the platform') : '', token.id === ownClientId ? t('this tenant signs in with it') : ''];
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

/** Why a person or script may not change another identity's token. */
export function othersTokenMessage(action: string, tokenName: string, ownerName: string | null): string {
  const owner = ownerName === null ? t('another identity') : `"${shown(ownerName)}"`;
  return t("{0} is not possible on {1}: it belongs to {2}, and ISC changes only the caller's own tokens (an administrator may list and delete others' tokens, not rename, rescope or rotate them).", action, quoted(tokenName), owner);
}

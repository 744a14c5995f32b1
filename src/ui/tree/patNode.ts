// Every kind of row in the tree, above both files that define them, so neither imports the other.
import type { LoadingNode, MessageNode, TenantNode } from './nodes';
import type { FilterEmptyNode, TokenNode } from './tokenRows';

export type PatNode = TenantNode | TokenNode | MessageNode | LoadingNode | FilterEmptyNode;

/** A token row, told apart without the class, which loads with the first token list (tokenRows.ts). */
export function isTokenNode(node: unknown): node is TokenNode {
  return (node as { kind?: unknown } | undefined)?.kind === 'token';
}

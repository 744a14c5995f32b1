// "Pick by API": from the operations a script will call to the scopes its token needs, and what else they grant.
import type { ApiOperation, ScopeCatalogue } from './catalogue';
import { minimalScopeCover } from './cover';

export interface ScopeProposal {
  /** The fewest scopes that grant every chosen operation the spec names a scope for; sorted. */
  scopes: string[];
  /** Chosen operations whose spec names no scope: the proposal cannot speak for them. */
  unknown: ApiOperation[];
  /** Operations the proposed scopes grant beyond those chosen. */
  alsoGranted: ApiOperation[];
  /** False when the choice was too large to search fully and a near-minimal answer is given. */
  optimal: boolean;
}

export function proposeScopes(catalogue: ScopeCatalogue, chosen: readonly ApiOperation[]): ScopeProposal {
  const cover = minimalScopeCover(
    chosen.map((operation) => operation.scopes),
    (scope) => catalogue.operationsOf(scope).length,
  );
  const picked = new Set(chosen);
  return {
    scopes: cover.scopes,
    unknown: cover.uncoverable.map((index) => chosen[index]),
    alsoGranted: catalogue.grantedBy(cover.scopes).filter((operation) => !picked.has(operation)),
    optimal: cover.optimal,
  };
}

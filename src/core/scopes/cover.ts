// The fewest scopes that let a token call a chosen set of operations: a set cover, where an operation is covered
// by any one of the scopes it lists. Solved exactly (branch and bound) for the handful of operations a script
// calls. Ties go to fewer scopes that change things, then to scopes that grant fewer operations (summed scope by scope), then to
// fewer `all-…` scopes (sp:all-personal-access-tokens over sp:my-…), then to the alphabetically first list.
import { ALL_SCOPES } from '../model';
import { scopeAccess } from './access';

export interface ScopeCover {
  /** Sorted. */
  scopes: string[];
  /** Indexes of the operations whose spec names no scope: no scope can be proposed for them. */
  uncoverable: number[];
  /** False when the search gave up on a very large choice and fell back to the greedy answer. */
  optimal: boolean;
}

interface Cost {
  count: number;
  /** Scopes that are not read-only: fewer is better at equal count. */
  changing: number;
  /** Operations the scopes grant, summed scope by scope. */
  breadth: number;
  /** Scopes over everyone's objects, e.g. sp:all-personal-access-tokens:read. */
  everyones: number;
  names: readonly string[];
}

/** How many operations a scope grants on its own; used only to break ties. */
export type ScopeBreadth = (scope: string) => number;

const DEFAULT_STEP_LIMIT = 200_000;

function costOf(scopes: Iterable<string>, breadthOf: ScopeBreadth): Cost {
  const names = [...scopes].sort();
  return {
    count: names.length,
    changing: names.filter((scope) => scopeAccess(scope) !== 'read').length,
    breadth: names.reduce((sum, scope) => sum + breadthOf(scope), 0),
    everyones: names.filter((scope) => /:all-/.test(scope)).length,
    names,
  };
}

/** Negative when a is better. */
function compareCosts(a: Cost, b: Cost): number {
  if (a.count !== b.count) return a.count - b.count;
  if (a.changing !== b.changing) return a.changing - b.changing;
  if (a.breadth !== b.breadth) return a.breadth - b.breadth;
  if (a.everyones !== b.everyones) return a.everyones - b.everyones;
  for (let index = 0; index < a.names.length; index++) {
    if (a.names[index] !== b.names[index]) return a.names[index] < b.names[index] ? -1 : 1;
  }
  return 0;
}

/** sp:scopes:all grants everything: proposed only for an operation that lists nothing else. */
function candidatesOf(scopes: readonly string[]): string[] {
  const unique = [...new Set(scopes)];
  const specific = unique.filter((scope) => scope !== ALL_SCOPES);
  return specific.length > 0 ? specific : unique;
}

/** Read-only scopes first, then by name: the order in which both the greedy pass and the search try them. */
function preferenceOrder(a: string, b: string): number {
  const readA = scopeAccess(a) === 'read' ? 0 : 1;
  const readB = scopeAccess(b) === 'read' ? 0 : 1;
  return readA !== readB ? readA - readB : a < b ? -1 : a > b ? 1 : 0;
}

/** Each round takes the scope that covers the most operations still open. */
function greedyCover(requirements: readonly string[][]): Set<string> {
  const chosen = new Set<string>();
  let open = requirements;
  while (open.length > 0) {
    const counts = new Map<string, number>();
    for (const requirement of open) for (const scope of requirement) counts.set(scope, (counts.get(scope) ?? 0) + 1);
    const [best] = [...counts].sort(([a, countA], [b, countB]) => countB - countA || preferenceOrder(a, b));
    chosen.add(best[0]);
    open = open.filter((requirement) => !requirement.includes(best[0]));
  }
  return chosen;
}

/** Drops repeated requirements and those another one implies (covering {a} covers {a, b}). */
function essentialRequirements(requirements: readonly string[][]): string[][] {
  const unique = [...new Map(requirements.map((scopes) => [[...scopes].sort().join(' '), [...scopes].sort()])).values()];
  return unique.filter(
    (requirement, index) =>
      !unique.some(
        (other, otherIndex) => otherIndex !== index && other.length < requirement.length && other.every((scope) => requirement.includes(scope)),
      ),
  );
}

/**
 * The smallest set of scopes such that every operation lists at least one of them. `operationScopes[i]` is the
 * scopes operation i accepts. Among sets of the same size, the one with fewer non-read scopes wins.
 */
export function minimalScopeCover(
  operationScopes: readonly (readonly string[])[],
  breadthOf: ScopeBreadth = () => 0,
  stepLimit = DEFAULT_STEP_LIMIT,
): ScopeCover {
  const uncoverable = operationScopes.flatMap((scopes, index) => (scopes.length === 0 ? [index] : []));
  const requirements = essentialRequirements(operationScopes.filter((scopes) => scopes.length > 0).map(candidatesOf));
  let best = costOf(greedyCover(requirements), breadthOf);
  let steps = 0;
  const chosen = new Set<string>();
  const search = (): void => {
    steps++;
    const open = requirements.filter((requirement) => !requirement.some((scope) => chosen.has(scope)));
    const partial = costOf(chosen, breadthOf);
    if (open.length === 0) {
      if (compareCosts(partial, best) < 0) best = partial;
      return;
    }
    // Every cover holds one scope of each open operation: branch on the operation with the fewest.
    const narrowest = open.reduce((a, b) => (b.length < a.length ? b : a));
    for (const scope of [...narrowest].sort(preferenceOrder)) {
      if (steps > stepLimit) return;
      const bound = { count: partial.count + 1, changing: partial.changing + (scopeAccess(scope) === 'read' ? 0 : 1) };
      if (bound.count > best.count || (bound.count === best.count && bound.changing > best.changing)) continue;
      chosen.add(scope);
      search();
      chosen.delete(scope);
    }
  };
  search();
  return { scopes: [...best.names], uncoverable, optimal: steps <= stepLimit };
}

// Least privilege for the calls a workspace makes: for each call the least powerful scopes that grant it (read
// before manage, `my-` before `all-`), the smallest set of those, then every chosen scope another chosen scope
// makes redundant dropped. sp:scopes:all is never proposed.
import { ALL_SCOPES } from '../model';
import { scopeAccess } from '../scopes/access';
import { minimalScopeCover } from '../scopes/cover';
import type { CodeCall, TokenCheckResult } from './types';

type Power = [access: number, everyones: number, breadth: number];

function powerOf(scope: string, breadth: ReadonlyMap<string, number>): Power {
  return [scopeAccess(scope) === 'read' ? 0 : 1, scope.includes(':all-') ? 1 : 0, breadth.get(scope) ?? 0];
}

function comparePower(a: Power, b: Power): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** The scopes of a call that may be proposed: never sp:scopes:all. */
function grantingScopes(call: Pick<CodeCall, 'scopes'>): string[] {
  return [...new Set(call.scopes)].filter((scope) => scope !== ALL_SCOPES);
}

/** The least powerful tier (read/manage, my/all) of a call's scopes. */
function leastTier(scopes: readonly string[], breadth: ReadonlyMap<string, number>): string[] {
  const tiers = scopes.map((scope) => powerOf(scope, breadth));
  const best = tiers.reduce((a, b) => (a[0] - b[0] || a[1] - b[1]) <= 0 ? a : b);
  return scopes.filter((_, index) => tiers[index][0] === best[0] && tiers[index][1] === best[1]);
}

/** Each distinct list once: a workspace calls the same operations many times. */
function distinct(lists: readonly string[][]): string[][] {
  return [...new Map(lists.map((list) => [[...list].sort().join(' '), list])).values()];
}

export function leastPrivilege(calls: readonly Pick<CodeCall, 'scopes'>[], breadth: ReadonlyMap<string, number>): string[] {
  const needs = distinct(calls.map(grantingScopes).filter((scopes) => scopes.length > 0));
  if (needs.length === 0) return [];
  const tiers = distinct(needs.map((scopes) => leastTier(scopes, breadth)));
  // A call with one least scope leaves no choice; the search is only over what those do not already grant.
  const forced = new Set(tiers.filter((tier) => tier.length === 1).map(([scope]) => scope));
  const open = tiers.filter((tier) => !tier.some((scope) => forced.has(scope)));
  const cover = minimalScopeCover(open, (scope) => breadth.get(scope) ?? 0, 20_000);
  const chosen = new Set([...forced, ...cover.scopes]);
  // Most powerful first, so of two scopes that each make the other redundant the weaker stays.
  const byPowerDescending = [...chosen].sort((a, b) => comparePower(powerOf(b, breadth), powerOf(a, breadth)) || (a < b ? 1 : -1));
  // Dropping a scope can only leave the calls it grants without one: only those are checked again (checking every
  // call for every scope held the extension host some 50 ms over 2,000 distinct operations).
  const needsOf = new Map<string, string[][]>();
  for (const scopes of needs) {
    for (const scope of scopes) {
      const granted = needsOf.get(scope);
      if (granted === undefined) needsOf.set(scope, [scopes]);
      else granted.push(scopes);
    }
  }
  for (const scope of byPowerDescending) {
    chosen.delete(scope);
    if (!(needsOf.get(scope) ?? []).every((scopes) => scopes.some((candidate) => chosen.has(candidate)))) chosen.add(scope);
  }
  return [...chosen].sort();
}

/** For each scope of the answer, the calls it grants: what a person sees under it. */
export function callsByScope<Call extends Pick<CodeCall, 'scopes'>>(scopes: readonly string[], calls: readonly Call[]): Map<string, Call[]> {
  return new Map(scopes.map((scope) => [scope, calls.filter((call) => call.scopes.includes(scope))]));
}

/** What a token with these scopes could not call (403), and which of its scopes grant none of the calls. */
export function checkToken(calls: readonly CodeCall[], tokenScopes: readonly string[]): TokenCheckResult {
  const held = new Set(tokenScopes);
  const everything = held.has(ALL_SCOPES);
  const missing = calls
    .filter((call) => call.scopes.length > 0 && !everything && !call.scopes.some((scope) => held.has(scope)))
    .map(({ file, line, operationId, scopes }) => ({ file, line, operationId, scopes: [...scopes] }));
  const used = (scope: string): boolean => (scope === ALL_SCOPES ? calls.length > 0 : calls.some((call) => call.scopes.includes(scope)));
  const excess = [...held].filter((scope) => !used(scope)).sort();
  return { missing, excess };
}

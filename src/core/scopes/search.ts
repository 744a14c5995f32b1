// The scope picker's search: QuickPick's own filter wants the typed text contiguous, so "sources read" would miss
// `idn:sources:read`. Here every typed word counts, in any order, in the scope's name or in what it grants.
import type { ScopeCatalogue } from './catalogue';

/** The typed words, lower case; colons stay, so a whole scope typed finds that scope. */
function searchWords(text: string): string[] {
  return text.toLowerCase().split(/[\s,]+/).filter((word) => word !== '');
}

function hasEveryWord(text: string, words: readonly string[]): boolean {
  const lower = text.toLowerCase();
  return words.every((word) => lower.includes(word));
}

/** The scopes with v3 ones first and v1 ones last; alphabetical within a version. */
export function scopesByVersion(catalogue: ScopeCatalogue, scopes: readonly string[]): string[] {
  const rank = new Map(scopes.map((scope) => [scope, catalogue.versionRank(scope)]));
  return [...scopes].sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0) || a.localeCompare(b));
}

/**
 * The scopes that contain every typed word in their name or in the summaries of what they grant: name matches
 * first, each group v3 first. Nothing typed keeps the scopes as given.
 */
export function searchScopes(catalogue: ScopeCatalogue, text: string, scopes: readonly string[]): string[] {
  const words = searchWords(text);
  if (words.length === 0) return [...scopes];
  const byName = scopes.filter((scope) => hasEveryWord(scope, words));
  const byGrant = scopes.filter((scope) => !byName.includes(scope) && hasEveryWord(`${scope} ${catalogue.operationsOf(scope).map((operation) => operation.summary).join(' ')}`, words));
  return [...scopesByVersion(catalogue, byName), ...scopesByVersion(catalogue, byGrant)];
}

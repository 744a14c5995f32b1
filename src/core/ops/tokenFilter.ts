// The view's text filter: which tokens a few typed words select. Facts only; the UI decides how to show them.
import type { PersonalAccessToken } from '../model';

/** Longer filters are cut: the words only select rows, and the text is shown in the view's title bar. */
export const MAX_FILTER_LENGTH = 200;

/** The words of a filter, lower case, in the order typed; none means no filter. */
export function filterWords(text: string): string[] {
  return text.slice(0, MAX_FILTER_LENGTH).toLowerCase().split(/\s+/).filter((word) => word !== '');
}

/** Every word occurs in the name, the owner's name or one of the scopes, in any order; no words match every token. */
export function tokenMatchesFilter(token: PersonalAccessToken, words: readonly string[]): boolean {
  if (words.length === 0) return true;
  const haystack = [token.name, token.owner?.name ?? '', ...(token.scope ?? [])].join('\n').toLowerCase();
  return words.every((word) => haystack.includes(word));
}

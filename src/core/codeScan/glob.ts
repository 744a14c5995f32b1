// `files.exclude` / `search.exclude` globs (`**/dist`, `*.min.js`, `{a,b}/**`, `?`, `[ab]`) matched against a path
// relative to the scanned folder. The patterns come from workspace settings, which an attacker may write: matching
// is a table over (pattern segment, path segment) and a star scan per name, never a backtracking RegExp.

const MAX_PATTERN = 256;
const MAX_EXPANSIONS = 64;

/** `{a,b}/x` → `a/x`, `b/x` (one level of braces, at most MAX_EXPANSIONS results). */
function expandBraces(pattern: string): string[] {
  const open = pattern.indexOf('{');
  const close = open === -1 ? -1 : pattern.indexOf('}', open);
  if (close === -1) return [pattern];
  const head = pattern.slice(0, open);
  const tail = pattern.slice(close + 1);
  const results: string[] = [];
  for (const choice of pattern.slice(open + 1, close).split(',')) {
    for (const rest of expandBraces(tail)) {
      if (results.length >= MAX_EXPANSIONS) return results;
      results.push(head + choice + rest);
    }
  }
  return results;
}

/** One name against one segment pattern with `*`, `?` and `[…]`: the classic two-pointer star scan. */
function matchName(pattern: string, name: string): boolean {
  let p = 0;
  let n = 0;
  let starP = -1;
  let starN = 0;
  while (n < name.length) {
    if (p < pattern.length && pattern[p] === '*') {
      starP = p++;
      starN = n;
    } else if (p < pattern.length && matchOne(pattern, p, name[n])) {
      p = nextToken(pattern, p);
      n++;
    } else if (starP !== -1) {
      p = starP + 1;
      n = ++starN;
    } else return false;
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

function nextToken(pattern: string, p: number): number {
  if (pattern[p] !== '[') return p + 1;
  const close = pattern.indexOf(']', p + 1);
  return close === -1 ? p + 1 : close + 1;
}

function matchOne(pattern: string, p: number, character: string): boolean {
  const token = pattern[p];
  if (token === '?') return character !== '/';
  if (token !== '[') return token === character;
  const close = pattern.indexOf(']', p + 1);
  if (close === -1) return character === '[';
  let body = pattern.slice(p + 1, close);
  const negated = body.startsWith('!') || body.startsWith('^');
  if (negated) body = body.slice(1);
  let found = false;
  for (let index = 0; index < body.length; index++) {
    if (body[index + 1] === '-' && index + 2 < body.length) {
      if (character >= body[index] && character <= body[index + 2]) found = true;
      index += 2;
    } else if (body[index] === character) found = true;
  }
  return found !== negated;
}

/** Segments of pattern against segments of path, `**` standing for any number of segments: a table, no recursion. */
function matchSegments(pattern: readonly string[], path: readonly string[]): boolean {
  // reachable[j]: pattern[0..i) can match path[0..j)
  let reachable = new Array<boolean>(path.length + 1).fill(false);
  reachable[0] = true;
  for (const segment of pattern) {
    const next = new Array<boolean>(path.length + 1).fill(false);
    if (segment === '**') {
      let any = false;
      for (let j = 0; j <= path.length; j++) {
        any ||= reachable[j];
        next[j] = any;
      }
    } else {
      for (let j = 0; j < path.length; j++) if (reachable[j] && matchName(segment, path[j])) next[j + 1] = true;
    }
    reachable = next;
  }
  return reachable[path.length];
}

/** A test for relative paths (`/`-separated): true when any pattern matches the path. */
export function globExcluder(patterns: readonly string[]): (relativePath: string) => boolean {
  const compiled = patterns
    .filter((pattern) => pattern.length > 0 && pattern.length <= MAX_PATTERN)
    .flatMap(expandBraces)
    .map((pattern) => pattern.replace(/^\.\//, '').split('/').filter((segment) => segment !== ''));
  return (relativePath) => {
    const path = relativePath.split('/').filter((segment) => segment !== '');
    return compiled.some((pattern) => matchSegments(pattern, path));
  };
}

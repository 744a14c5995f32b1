// The HTTP method of a REST call, from the same call: `curl -X`, `-Method`, `requests.post(`, `method: 'POST'`,
// `axios.delete(`, `http.NewRequest("PUT"`, `PostAsync(`, an `.http` request line, a Postman item's `"method"`.
// The window looked at is bounded and never overlaps the next call's, so the whole file costs linear time.
import { isLetter, isQuote, isSpace } from './text';

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
const MAX_BEFORE = 400;
const MAX_AFTER = 1500;
const CONTINUES_BEFORE = '\\`^(,{[';
const CONTINUES_AFTER = '\\`^';

interface Signal {
  method: string;
  distance: number;
}

/** The last non-space character before `index` on its line, or ''. */
function lastCharBefore(text: string, index: number, floor: number): string {
  let position = index - 1;
  while (position >= floor && (isSpace(text[position]) || text[position] === '\r')) position--;
  return position >= floor ? text[position] : '';
}

/** The window's start: this line, and earlier lines that the statement continues from. */
function windowStart(text: string, start: number, floor: number): number {
  const limit = Math.max(floor, start - MAX_BEFORE);
  let position = start - 1;
  while (position >= limit) {
    if (text[position] === '\n' && !CONTINUES_BEFORE.includes(lastCharBefore(text, position, limit) || '\0')) return position + 1;
    position--;
  }
  return limit;
}

/** The window's end: this line, and later lines while brackets stay open or the line continues. */
function windowEnd(text: string, from: number, start: number, end: number, ceiling: number): number {
  const limit = Math.min(ceiling, end + MAX_AFTER, text.length);
  // Brackets opened before the path (the path's own interpolations are balanced).
  let depth = 0;
  for (let position = from; position < start; position++) depth += bracketDelta(text[position]);
  for (let position = end; position < limit; position++) {
    const character = text[position];
    depth += bracketDelta(character);
    if (character === '\n' && depth <= 0 && !CONTINUES_AFTER.includes(lastCharBefore(text, position, end) || '\0')) return position;
  }
  return limit;
}

function bracketDelta(character: string): number {
  return '({['.includes(character) ? 1 : ')}]'.includes(character) ? -1 : 0;
}

/** The word before `index`, skipping spaces, quotes, `:` and `=`: `method: '`, `-Method `, `-X `. */
function keywordBefore(text: string, index: number, floor: number): string {
  let position = index - 1;
  while (position >= floor && (isSpace(text[position]) || isQuote(text[position]) || text[position] === ':' || text[position] === '=')) position--;
  const end = position + 1;
  while (position >= floor && isLetter(text.charCodeAt(position))) position--;
  return text.slice(position + 1, end).toLowerCase();
}

function signalOf(text: string, wordStart: number, wordEnd: number, floor: number): string | undefined {
  const word = text.slice(wordStart, wordEnd);
  const upper = word.toUpperCase();
  const before = text[wordStart - 1] ?? '';
  const after = text[wordEnd] ?? '';
  if (METHODS.has(upper)) {
    if (before === '.' && after === '(') return upper; // requests.post(, axios.delete(, http.Get(
    if (before === '.' && keywordBefore(text, wordStart - 1, floor) === 'httpmethod') return upper;
    const keyword = keywordBefore(text, wordStart, floor);
    if (keyword === 'method' || keyword === 'request' || keyword === 'api' || (keyword === 'x' && text[wordStart - 1] !== '.')) return upper;
    if (isQuote(before)) {
      const opener = text[wordStart - 2 - countSpacesBack(text, wordStart - 2)] ?? '';
      if (opener === '(' || opener === ',') return upper; // http.NewRequest("POST", …), requests.request('put', …)
    }
    if (isSpace(after) && (wordStart === floor || text[wordStart - 1] === '\n' || onlySpacesBefore(text, wordStart))) return upper; // GET {{base}}/v3/…
    return undefined;
  }
  if (upper.startsWith('X') && METHODS.has(upper.slice(1)) && before === '-') return upper.slice(1); // curl -XPOST
  if (word.startsWith('Method') && METHODS.has(upper.slice(6))) return upper.slice(6); // http.MethodPost
  if (word.endsWith('Async') && after === '(' && METHODS.has(upper.slice(0, -5))) return upper.slice(0, -5); // PostAsync(
  return undefined;
}

function countSpacesBack(text: string, index: number): number {
  let count = 0;
  while (index - count >= 0 && isSpace(text[index - count])) count++;
  return count;
}

function onlySpacesBefore(text: string, index: number): boolean {
  let position = index - 1;
  while (position >= 0 && isSpace(text[position])) position--;
  return position < 0 || text[position] === '\n';
}

/** curl sends a body with POST unless told otherwise. */
function curlWithBody(window: string): boolean {
  if (!window.includes('curl')) return false;
  return [' -d ', ' -d\'', ' -d"', '--data', ' -F ', '--form', '--json'].some((flag) => window.includes(flag));
}

/**
 * The method of the call whose path spans [start, end), looking no further back than `floor` (the previous call's
 * end) and no further on than `ceiling` (the next call's start). Undefined when the call does not say.
 */
export function methodOfCall(text: string, start: number, end: number, floor: number, ceiling: number): string | undefined {
  const from = windowStart(text, start, floor);
  const to = windowEnd(text, from, start, end, ceiling);
  let best: Signal | undefined;
  let position = from;
  while (position < to) {
    // The path itself holds no method word: a megabyte-long path is skipped, not read again.
    if (position >= start && position < end) position = end;
    if (!isLetter(text.charCodeAt(position))) {
      position++;
      continue;
    }
    const wordStart = position;
    while (position < to && isLetter(text.charCodeAt(position))) position++;
    if (position > start && wordStart < end) continue;
    const method = signalOf(text, wordStart, position, from);
    if (method === undefined) continue;
    const distance = wordStart < start ? start - position : wordStart - end;
    if (best === undefined || distance < best.distance) best = { method, distance };
  }
  if (best !== undefined) return best.method;
  return curlWithBody(text.slice(from, to)) ? 'POST' : undefined;
}

/** A Postman collection names the method in the request object, before its URL: offsets of every `"method"`. */
export function postmanMethodOffsets(text: string): number[] {
  const offsets: number[] = [];
  let from = 0;
  for (;;) {
    const found = text.indexOf('"method"', from);
    if (found === -1) return offsets;
    offsets.push(found);
    from = found + 8;
  }
}

/** The method of the nearest `"method": "…"` before `position` within 4,000 characters. */
export function postmanMethodBefore(text: string, offsets: readonly number[], position: number): string | undefined {
  let low = 0;
  let high = offsets.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (offsets[middle] < position) {
      found = offsets[middle];
      low = middle + 1;
    } else high = middle - 1;
  }
  if (found === -1 || position - found > 4000) return undefined;
  let index = found + 8;
  while (index < text.length && index - found < 40 && (isSpace(text[index]) || text[index] === ':' || text[index] === '"' || text[index] === '\n' || text[index] === '\r')) index++;
  let wordEnd = index;
  while (wordEnd < text.length && wordEnd - index < 8 && isLetter(text.charCodeAt(wordEnd))) wordEnd++;
  const method = text.slice(index, wordEnd).toUpperCase();
  return METHODS.has(method) ? method : undefined;
}

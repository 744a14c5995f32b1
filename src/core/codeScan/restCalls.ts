// REST calls in any text: a version-prefixed ISC path (`/v3/`, `/beta/`, `/v2024/`…, or a service's `/…/v1`) that
// follows a base-URL expression (an ISC host, an interpolation, a string a base is joined to), read segment by
// segment with interpolations as path parameters. Hand-written scanning, no pattern over file text: each character
// is looked at a bounded number of times.
import type { FoundSegment, OperationIndex } from './operationIndex';
import { PREFIX_VERSIONS } from './operationIndex';
import { isIdentChar, isQuote, isSpace, skipBalanced, skipSpaces, skipSpacesBack } from './text';

/** How a file's text is read: prose needs a full ISC URL or an interpolated base; `.http` files have request lines. */
export type FileKind = 'prose' | 'http' | 'json' | 'powershell' | 'typescript' | 'python' | 'go' | 'code';

export interface RestHit {
  /** Offset of the path's first `/`. */
  start: number;
  /** Offset just after the path (and any concatenated parts). */
  end: number;
  segments: FoundSegment[];
  /** More segments than any template has: matches nothing. */
  overflow: boolean;
}

const MAX_SEGMENTS = 16;
const MAX_SEGMENT_TEXT = 128;
const MAX_HOST = 256;
const NON_API_HOST_STARTS = ['status.', 'developer.', 'documentation.', 'community.', 'www.', 'docs.'];

function isPathChar(code: number): boolean {
  // letters, digits, _ - . ~ ! * = @ :
  return isIdentChar(code) || code === 45 || code === 46 || code === 126 || code === 33 || code === 42 || code === 61 || code === 64 || code === 58;
}

function isHostChar(character: string): boolean {
  return isIdentChar(character.charCodeAt(0)) || '.-:{}$%()'.includes(character);
}

/** The length of the version prefix word after the `/` at `slash` (`v3`, `beta`, or `sources/v1`), or 0. */
function prefixLength(text: string, slash: number, index: OperationIndex): number {
  for (const version of PREFIX_VERSIONS) {
    if (text.startsWith(version, slash + 1) && text[slash + 1 + version.length] === '/' && index.versions.has(version)) return version.length;
  }
  let end = slash + 1;
  while (end < text.length && end - slash <= 64) {
    const code = text.charCodeAt(end);
    if (!((code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 45)) break;
    end++;
  }
  if (end === slash + 1 || !text.startsWith('/v1', end)) return 0;
  const after = end + 3 < text.length ? text.charCodeAt(end + 3) : 0;
  if (isIdentChar(after) || after === 45) return 0;
  return index.v1Services.has(text.slice(slash + 1, end)) ? end + 3 - slash - 1 : 0;
}

export function isIscHost(host: string): boolean {
  const name = host.toLowerCase();
  if (name.includes('github') || NON_API_HOST_STARTS.some((start) => name.startsWith(start))) return false;
  if (/[{$%]/.test(name)) return true;
  const bare = name.replace(/:\d+$/, '');
  const iscDomain = ['.identitynow.com', '.identitynow-demo.com', '.sailpoint.com'].some((domain) => bare.endsWith(domain));
  return iscDomain && (bare.startsWith('api.') || bare.includes('.api.'));
}

/** How the path at `slash` is introduced: a string's opening quote, an interpolated base, an ISC host, or nothing. */
function introduction(text: string, slash: number, kind: FileKind): 'quote' | 'base' | undefined {
  const before = text[slash - 1];
  if (before === undefined) return undefined;
  if (isQuote(before)) return kind === 'prose' ? undefined : 'quote';
  if (before === '}' || before === ')' || before === '%') return 'base';
  if (before === ' ' && sailCliBefore(text, slash)) return 'base';
  // `$BASE/v3`, `$env:ISC_URL/v3`, `%s/v3`
  let start = slash - 1;
  while (start >= 0 && slash - start <= 64 && (isIdentChar(text.charCodeAt(start)) || text[start] === ':')) start--;
  if (text[start] === '$' && start < slash - 1) return 'base';
  if (before === 's' && text[slash - 2] === '%') return 'base';
  // `https://tenant.api.identitynow.com/v3`
  let hostStart = slash;
  while (hostStart > 0 && slash - hostStart < MAX_HOST && isHostChar(text[hostStart - 1])) hostStart--;
  if (hostStart >= 3 && text.startsWith('://', hostStart - 3) && hostStart < slash && isIscHost(text.slice(hostStart, slash))) return 'base';
  return undefined;
}

/** The SailPoint CLI's `sail api get /v3/sources`: the path is the call, the verb its method. */
function sailCliBefore(text: string, slash: number): boolean {
  return /\bsail\s+api\s+(get|post|put|patch|delete)\s+$/i.test(text.slice(Math.max(0, slash - 40), slash));
}

interface Reader {
  segments: FoundSegment[];
  current: FoundSegment;
  overflow: boolean;
}

function closeSegment(reader: Reader): void {
  // `//` closes an empty segment: nothing to keep, nothing to allocate (a line of slashes costs one pass).
  if (reader.current.text === '' && !reader.current.dynamic) return;
  if (reader.segments.length >= MAX_SEGMENTS) reader.overflow = true;
  else reader.segments.push(reader.current);
  reader.current = { text: '', dynamic: false };
}

/** After a string's closing quote: `" + id + "/x"` continues the path; `" + id` ends it with a dynamic segment. */
function concatenation(text: string, quote: number): { resume: number } | { end: number; dynamic: boolean } | undefined {
  let index = skipSpaces(text, quote + 1);
  if (text[index] !== '+') return undefined;
  index = skipSpaces(text, index + 1);
  if (isQuote(text[index] ?? '')) return { resume: index + 1 };
  const start = index;
  let depth = 0;
  while (index < text.length && index - start < 200) {
    const character = text[index];
    if ('([{'.includes(character)) depth++;
    else if (')]}'.includes(character)) {
      if (depth === 0) break;
      depth--;
    } else if (depth === 0 && ('+,;\n\r'.includes(character) || isQuote(character))) break;
    index++;
  }
  if (index === start) return undefined;
  const expressionEnd = skipSpacesBack(text, index - 1) + 1;
  const next = skipSpaces(text, index);
  if (text[next] === '+') {
    const quoteAt = skipSpaces(text, next + 1);
    if (isQuote(text[quoteAt] ?? '')) return { resume: quoteAt + 1 };
  }
  return { end: expressionEnd, dynamic: true };
}

/** Reads the path from its first `/`; returns where it ends. */
function readPath(text: string, slash: number, reader: Reader): number {
  let index = slash + 1;
  for (;;) {
    if (index >= text.length) return index;
    const character = text[index];
    const code = text.charCodeAt(index);
    if (character === '/') {
      closeSegment(reader);
      index++;
      while (text.charCodeAt(index) === 47) index++;
    } else if (isPathChar(code)) {
      if (character === ':' && reader.current.text === '') reader.current.dynamic = true;
      if (reader.current.text.length < MAX_SEGMENT_TEXT) reader.current.text += character;
      index++;
    } else if (character === '{' || character === '$' || character === '<' || character === '%') {
      const skipped = skipInterpolation(text, index);
      if (skipped === -1) {
        if (character === '%') {
          if (reader.current.text.length < MAX_SEGMENT_TEXT) reader.current.text += character;
          index++;
          continue;
        }
        return index;
      }
      reader.current.dynamic = true;
      index = skipped;
    } else if (isQuote(character)) {
      const joined = concatenation(text, index);
      if (joined === undefined) return index;
      // `"…/sources/" + id + "/schemas"`: the value is a segment of its own; `"…/sources" + query` adds a query.
      if ('resume' in joined) {
        if (reader.current.text === '' && concatenatedValue(text, joined.resume)) reader.current.dynamic = true;
        index = joined.resume;
        continue;
      }
      if (reader.current.text !== '') return index;
      reader.current.dynamic = true;
      return joined.end;
    } else {
      return index;
    }
  }
}

/** True when the `+ … +` between two strings held a value (not just `" + "`). */
function concatenatedValue(text: string, resume: number): boolean {
  let index = resume - 2;
  index = skipSpacesBack(text, index);
  if (text[index] !== '+') return false;
  index = skipSpacesBack(text, index - 1);
  return !isQuote(text[index] ?? '');
}

/** The index after `${…}`, `{…}`, `{{…}}`, `$(…)`, `$name`, `$env:NAME`, `<id>`, `:id`, `%s`, or -1. */
function skipInterpolation(text: string, index: number): number {
  const character = text[index];
  const next = text[index + 1] ?? '';
  if (character === '{') return next === '{' ? skipDouble(text, index) : skipBalanced(text, index, '{', '}');
  if (character === '$') {
    if (next === '{') return skipBalanced(text, index + 1, '{', '}');
    if (next === '(') return skipBalanced(text, index + 1, '(', ')');
    let end = index + 1;
    while (end < text.length && end - index < 64 && (isIdentChar(text.charCodeAt(end)) || text[end] === ':')) end++;
    return end > index + 1 ? end : -1;
  }
  if (character === '<') {
    let end = index + 1;
    while (end < text.length && end - index < 64 && (isIdentChar(text.charCodeAt(end)) || text[end] === '-')) end++;
    return text[end] === '>' && end > index + 1 ? end + 1 : -1;
  }
  // `%s`, `%d`, `%v`: a format verb; `%2F` is an escaped character, part of a literal.
  return 'sdv'.includes(next) && next !== '' ? index + 2 : -1;
}

function skipDouble(text: string, index: number): number {
  const close = text.indexOf('}}', index + 2);
  return close === -1 || close - index > 256 || text.slice(index, close).includes('\n') ? -1 : close + 2;
}

/** The REST calls' paths in the text, in order, at most `limit` of them. */
export function findRestHits(text: string, index: OperationIndex, kind: FileKind, limit = Infinity): RestHit[] {
  const hits: RestHit[] = [];
  let from = 0;
  while (hits.length < limit) {
    const slash = text.indexOf('/', from);
    if (slash === -1) return hits;
    from = slash + 1;
    if (prefixLength(text, slash, index) === 0) continue;
    const how = introduction(text, slash, kind);
    if (how === undefined) continue;
    const reader: Reader = { segments: [], current: { text: '', dynamic: false }, overflow: false };
    const end = readPath(text, slash, reader);
    closeSegment(reader);
    from = Math.max(from, end);
    // A quoted path followed by `:` is a key (an OpenAPI document, a route table), not a call.
    if (isQuote(text[end] ?? '') && text[skipSpaces(text, end + 1)] === ':') continue;
    if (how === 'quote' && isSpace(text[end] ?? '')) continue;
    hits.push({ start: slash, end, segments: reader.segments, overflow: reader.overflow });
  }
  return hits;
}

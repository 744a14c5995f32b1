// The one redaction facility: every log line and every user-facing error passes through it.
import type { Logger } from '../ports';
import { MIN_SECRET_LENGTH, stripUnsafeCharacters } from '../validation';

const MASK = '***';

const SECRET_NAMES = 'access_token|refresh_token|id_token|client_secret|clientSecret|accessToken|secret|password';
const PATTERNS: readonly { pattern: RegExp; replacement: string }[] = [
  { pattern: /\b(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi, replacement: `$1${MASK}` },
  { pattern: new RegExp(`\\b(${SECRET_NAMES})=[^&\\s"']+`, 'gi'), replacement: `$1=${MASK}` },
  { pattern: new RegExp(`("(?:${SECRET_NAMES})"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, 'gi'), replacement: `$1"${MASK}"` },
  { pattern: /\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, replacement: MASK },
  { pattern: /(?<![0-9A-Fa-f])[0-9A-Fa-f]{64}(?![0-9A-Fa-f])/g, replacement: MASK },
];

function lowerCasePercentEscapes(text: string): string {
  return text.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());
}

/** encodeURIComponent throws on lone surrogates; such a value cannot travel URL-encoded anyway. */
function uriEncodedOrUndefined(secret: string): string | undefined {
  try {
    return encodeURIComponent(secret);
  } catch {
    return undefined;
  }
}

/** The forms in which a secret can show up in a URL, a form body, JSON or a header. */
export function encodedForms(secret: string): string[] {
  const uriEncoded = uriEncodedOrUndefined(secret);
  const formEncoded = new URLSearchParams({ v: secret }).toString().slice(2);
  const base64 = Buffer.from(secret, 'utf8').toString('base64');
  const uriForms = uriEncoded === undefined ? [] : [uriEncoded, uriEncoded.replace(/%20/g, '+'), lowerCasePercentEscapes(uriEncoded)];
  const forms = [
    secret,
    ...uriForms,
    formEncoded,
    lowerCasePercentEscapes(formEncoded),
    base64,
    base64.replace(/=+$/, ''),
    Buffer.from(secret, 'utf8').toString('base64url'),
    JSON.stringify(secret).slice(1, -1),
    // What a form body with mixed-case escapes decodes to in the decoded view: spaces still as '+'.
    secret.replace(/ /g, '+'),
  ];
  return [...new Set(forms)];
}

/**
 * The text as a reader would decode it: line breaks (and the indent after them) dropped, JSON escapes
 * (`\\/`, `\\uXXXX`, `\\n`…), percent escapes of any case and HTML character references decoded. `from[i]`/`to[i]`
 * give the span of the original text that character `i` came from, so a secret found here is masked there.
 */
interface DecodedView {
  text: string;
  from: Int32Array;
  to: Int32Array;
}

/** Worth decoding only when something in the text could hide a secret from a plain match. */
const MAY_HIDE = /[\\%&\r\n]/;
const HEX2 = /^[0-9A-Fa-f]{2}$/;
const HEX4 = /^[0-9A-Fa-f]{4}$/;
const JSON_ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', t: '\t' };
/** `&#65;`, `&#x41;` (the `;` optional, as browsers read them) and the named references servers emit. */
const HTML_REFERENCE = /^&(?:#(\d{1,7});?|#[xX]([0-9A-Fa-f]{1,6});?|(amp|lt|gt|quot|apos|nbsp);)/;
const NAMED_REFERENCES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00A0' };

/** Bytes of a UTF-8 sequence by its lead byte; 0 for a byte that cannot lead one. */
function utf8Length(lead: number): number {
  return lead < 0x80 ? 1 : lead >= 0xc2 && lead < 0xe0 ? 2 : lead >= 0xe0 && lead < 0xf0 ? 3 : lead >= 0xf0 && lead < 0xf5 ? 4 : 0;
}

/** The characters a run of percent escapes at `start` decodes to, and its length; undefined if it is not one. */
function percentEscapeAt(text: string, start: number): { chars: string; length: number } | undefined {
  const byteAt = (offset: number): number | undefined => {
    const hex = text.slice(offset + 1, offset + 3);
    return text[offset] === '%' && HEX2.test(hex) ? parseInt(hex, 16) : undefined;
  };
  const lead = byteAt(start);
  const count = lead === undefined ? 0 : utf8Length(lead);
  const bytes: number[] = [];
  for (let i = 0; i < count; i++) {
    const byte = byteAt(start + 3 * i);
    if (byte === undefined || (i > 0 && (byte & 0xc0) !== 0x80)) return undefined;
    bytes.push(byte);
  }
  return count === 0 ? undefined : { chars: Buffer.from(bytes).toString('utf8'), length: 3 * count };
}

/** The characters a backslash escape at `start` decodes to ('' for a line break), and its length. */
function jsonEscapeAt(text: string, start: number): { chars: string; length: number } | undefined {
  const kind = text[start + 1];
  if (kind === 'n' || kind === 'r') return { chars: '', length: 2 };
  if (kind === 'u' && HEX4.test(text.slice(start + 2, start + 6))) {
    return { chars: String.fromCharCode(parseInt(text.slice(start + 2, start + 6), 16)), length: 6 };
  }
  const decoded = kind === undefined ? undefined : JSON_ESCAPES[kind];
  return decoded === undefined ? undefined : { chars: decoded, length: 2 };
}

/** The character an HTML character reference at `start` stands for, and its length. */
function htmlReferenceAt(text: string, start: number): { chars: string; length: number } | undefined {
  const match = HTML_REFERENCE.exec(text.slice(start, start + 12));
  if (!match) return undefined;
  const code = match[1] !== undefined ? Number(match[1]) : match[2] !== undefined ? parseInt(match[2], 16) : undefined;
  if (code === undefined) return { chars: NAMED_REFERENCES[match[3]], length: match[0].length };
  return code > 0x10ffff ? undefined : { chars: String.fromCodePoint(code), length: match[0].length };
}

function escapeAt(text: string, start: number): { chars: string; length: number } | undefined {
  const char = text[start];
  return char === '%' ? percentEscapeAt(text, start) : char === '&' ? htmlReferenceAt(text, start) : jsonEscapeAt(text, start);
}

/** Without `mapped` only the text is built (from/to stay empty): the common case, where nothing is found, costs less. */
function decodedView(text: string, mapped: boolean): DecodedView {
  // Kept because it measured faster (bench/README.md): typed arrays and slices between escapes, not a push per character.
  const from = new Int32Array(mapped ? text.length : 0);
  const to = new Int32Array(mapped ? text.length : 0);
  const pieces: string[] = [];
  let length = 0;
  const append = (chars: string, start: number, end: number, oneEach: boolean): void => {
    pieces.push(chars);
    if (!mapped) return;
    for (let unit = 0; unit < chars.length; unit++, length++) {
      from[length] = oneEach ? start + unit : start;
      to[length] = oneEach ? start + unit + 1 : end;
    }
  };
  const special = new RegExp(MAY_HIDE.source, 'g');
  let position = 0;
  for (let match = special.exec(text); match !== null; match = special.exec(text)) {
    append(text.slice(position, match.index), position, match.index, true);
    position = match.index;
    if (match[0] === '\r' || match[0] === '\n') {
      while (position < text.length && ' \t\r\n'.includes(text[position])) position++;
    } else {
      const escape = escapeAt(text, position);
      const consumed = escape?.length ?? 1;
      append(escape?.chars ?? match[0], position, position + consumed, false);
      position += consumed;
    }
    special.lastIndex = position;
  }
  append(text.slice(position), position, text.length, true);
  return { text: pieces.join(''), from, to };
}

/** What a reader does not see, or skips: whitespace and format characters (zero-width spaces and joiners, BOM, soft hyphen). */
const UNSEEN = /[\s\p{Cf}]/u;
/** Where the ASCII fast path of readerView stops: a run of ASCII whitespace (dropped whole), or a character beyond ASCII. */
const NOT_PLAIN_ASCII = /[\t\n\v\f\r ]+|[^\p{ASCII}]/gu;
const COMBINING_MARK = /\p{M}/u;
const BEYOND_ASCII = /[^\p{ASCII}]/u;
const ASCII_WHITESPACE = /[\t\n\v\f\r ]+/g;

/**
 * The decoded view compared as a reader compares text: without whitespace and zero-width characters, each character
 * with its combining marks in NFC, case folded. An inserted space, NFD or upper case then hides nothing.
 */
function readerView(text: string, mapped: boolean): DecodedView {
  const decoded = MAY_HIDE.test(text) ? decodedView(text, mapped) : undefined;
  const source = decoded?.text ?? text;
  if (!mapped && !BEYOND_ASCII.test(source)) {
    // Kept because it measured faster: native replace and case folding, the same result as the loop below for ASCII.
    return { text: source.replace(ASCII_WHITESPACE, '').toLowerCase(), from: new Int32Array(0), to: new Int32Array(0) };
  }
  const from = new Int32Array(mapped ? source.length : 0);
  const to = new Int32Array(mapped ? source.length : 0);
  const pieces: string[] = [];
  let length = 0;
  const append = (chars: string, start: number, end: number, oneEach: boolean): void => {
    pieces.push(chars);
    if (!mapped) return;
    for (let unit = 0; unit < chars.length; unit++, length++) {
      const first = oneEach ? start + unit : start;
      const last = oneEach ? first : end - 1;
      from[length] = decoded ? decoded.from[first] : first;
      to[length] = decoded ? decoded.to[last] : last + 1;
    }
  };
  const special = new RegExp(NOT_PLAIN_ASCII);
  let position = 0;
  for (let match = special.exec(source); match !== null; match = special.exec(source)) {
    if (match[0].charCodeAt(0) < 0x80) {
      append(source.slice(position, match.index).toLowerCase(), position, match.index, true);
      position = match.index + match[0].length;
      continue;
    }
    if (UNSEEN.test(match[0])) {
      append(source.slice(position, match.index).toLowerCase(), position, match.index, true);
      position = match.index + match[0].length;
      continue;
    }
    // A combining mark belongs with the letter before it, which NFC may compose it into.
    const clusterStart = match.index > position && COMBINING_MARK.test(match[0]) ? match.index - 1 : match.index;
    append(source.slice(position, clusterStart).toLowerCase(), position, clusterStart, true);
    position = clusterStart;
    let end = match.index + match[0].length;
    while (end < source.length && COMBINING_MARK.test(source[end])) end++;
    append(source.slice(position, end).normalize('NFC').toLowerCase(), position, end, false);
    position = end;
    special.lastIndex = position;
  }
  append(source.slice(position).toLowerCase(), position, source.length, true);
  return { text: pieces.join(''), from, to };
}

/** Registered forms are bucketed by a hash of their first characters; every form is at least this long. */
const PREFIX_LENGTH = 4;
/** A run this long that starts or ends a registered secret is masked: a cut secret still narrows a search. */
const PARTIAL_RUN_LENGTH = 32;

function prefixHash(text: string, start: number): number {
  let hash = 0;
  for (let i = start; i < start + PREFIX_LENGTH; i++) {
    hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
  }
  return hash;
}

const NO_ENTRIES: readonly never[] = [];
/** Slots of the first test; a power of two. Small, since a Redactor made per call (the fuzz tests) allocates two. */
const MAYBE_TABLE_SIZE = 0x4000;

/** Strings looked up by the hash of their first characters, longest first; one scan finds hundreds as cheaply as one. */
class PrefixIndex<T extends { key: string }> {
  private readonly buckets = new Map<number, T[]>();
  /** A cheap first test per position: is any key's prefix hash equal to this one in its low bits? */
  private readonly maybe = new Uint8Array(MAYBE_TABLE_SIZE);

  constructor(entries: readonly T[]) {
    for (const entry of [...entries].sort((a, b) => b.key.length - a.key.length)) {
      const hash = prefixHash(entry.key, 0);
      this.buckets.set(hash, [...(this.buckets.get(hash) ?? []), entry]);
      this.maybe[hash & (MAYBE_TABLE_SIZE - 1)] = 1;
    }
  }

  get size(): number {
    return this.buckets.size;
  }

  /** The entries whose key may start at `position` in `text`, longest first; the caller checks with startsWith. */
  candidates(text: string, position: number): readonly T[] {
    const hash = prefixHash(text, position);
    // Kept because it measured faster: no array is made for the positions where nothing can start.
    return this.maybe[hash & (MAYBE_TABLE_SIZE - 1)] === 1 ? (this.buckets.get(hash) ?? NO_ENTRIES) : NO_ENTRIES;
  }
}

/**
 * What the reader view is searched for: a registered form whole, or the first or last PARTIAL_RUN_LENGTH characters
 * of a registered secret (`secret` is then the whole secret as the reader view spells it).
 */
type ReadEntry = { key: string; kind: 'form' } | { key: string; kind: 'start' | 'end'; secret: string };

/** The text's spans sorted and merged, so overlapping finds are masked once. */
function merged(spans: [number, number][]): [number, number][] {
  const sorted = [...spans].sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const result: [number, number][] = [];
  for (const [start, end] of sorted) {
    const last = result[result.length - 1];
    if (last !== undefined && start <= last[1]) last[1] = Math.max(last[1], end);
    else result.push([start, end]);
  }
  return result;
}

/**
 * Masks registered secrets (in each encoding) and anything shaped like a credential.
 * One scan per line looks registered forms up by prefix, so hundreds of secrets cost little more than one.
 */
export class Redactor {
  private readonly forms = new Set<string>();
  private readonly secrets = new Set<string>();
  private indexes: { raw: PrefixIndex<{ key: string }>; read: PrefixIndex<ReadEntry> } | undefined;
  /** Only a form that contains the mask character can re-form after masking. */
  private mayReform = false;

  register(secret: string): void {
    if (secret.length < MIN_SECRET_LENGTH) {
      return;
    }
    if (!this.secrets.has(secret)) {
      this.secrets.add(secret);
      this.indexes = undefined;
    }
    for (const form of encodedForms(secret)) {
      if (!this.forms.has(form)) {
        this.forms.add(form);
        this.mayReform ||= form.includes('*');
      }
    }
  }

  redact(text: string): string {
    let result = text;
    for (const { pattern, replacement } of PATTERNS) {
      result = result.replace(pattern, replacement);
    }
    // A secret containing the mask can re-form around it, so then repeat until nothing changes; each pass shortens the text.
    for (let masked = this.maskForms(result); masked !== result; masked = this.maskForms(result)) {
      result = masked;
      if (!this.mayReform) {
        break;
      }
    }
    return this.maskAsRead(result);
  }

  /** Replaces the leftmost, then longest, registered form at each position. */
  private maskForms(text: string): string {
    const { raw } = this.index();
    return masked(text, this.findForms(text, raw));
  }

  /**
   * Masks what only shows as a reader reads the text: decoded (split over lines, JSON, percent or HTML escapes), without
   * whitespace or zero-width characters, NFC, any case; and runs that start or end a registered secret.
   */
  private maskAsRead(text: string): string {
    if (this.secrets.size === 0) {
      return text;
    }
    // First the text alone; the map back to the original is built only when something was found.
    if (this.findAsRead(readerView(text, false).text).length === 0) {
      return text;
    }
    const view = readerView(text, true);
    return masked(text, merged(this.findAsRead(view.text)).map(([start, end]): [number, number] => [view.from[start], view.to[end - 1]]));
  }

  /** The [start, end) of each registered form, leftmost then longest, not overlapping. */
  private findForms(text: string, index: PrefixIndex<{ key: string }>): [number, number][] {
    const spans: [number, number][] = [];
    let position = 0;
    while (index.size > 0 && position <= text.length - PREFIX_LENGTH) {
      const form = index.candidates(text, position).find((entry) => text.startsWith(entry.key, position));
      if (form === undefined) {
        position++;
      } else {
        spans.push([position, position + form.key.length]);
        position += form.key.length;
      }
    }
    return spans;
  }

  /** In one scan of the reader view: registered forms, and runs of PARTIAL_RUN_LENGTH or more that start or end a secret. */
  private findAsRead(text: string): [number, number][] {
    const index = this.index().read;
    const spans: [number, number][] = [];
    let position = 0;
    while (index.size > 0 && position <= text.length - PREFIX_LENGTH) {
      const entries = index.candidates(text, position);
      const form = entries.find((entry) => entry.kind === 'form' && text.startsWith(entry.key, position));
      if (form !== undefined) {
        spans.push([position, position + form.key.length]);
        position += form.key.length;
        continue;
      }
      for (const entry of entries) {
        if (!text.startsWith(entry.key, position)) continue;
        if (entry.kind === 'start') spans.push([position, position + matchedForward(text, position, entry.secret)]);
        else if (entry.kind === 'end') spans.push([position - matchedBackward(text, position, entry.secret), position + PARTIAL_RUN_LENGTH]);
      }
      position++;
    }
    return spans;
  }

  private index(): { raw: PrefixIndex<{ key: string }>; read: PrefixIndex<ReadEntry> } {
    if (!this.indexes) {
      const asRead = (text: string): string => readerView(text, false).text;
      const entries: ReadEntry[] = [];
      // A percent- or JSON-escaped form reads as the secret itself, which is indexed already: it is not read again.
      const readable = [...this.forms].filter((form) => this.secrets.has(form) || !/[%\\]/.test(form));
      for (const key of new Set(readable.map(asRead))) {
        if (key.length >= MIN_SECRET_LENGTH) entries.push({ key, kind: 'form' });
      }
      for (const secret of new Set([...this.secrets].map(asRead))) {
        if (secret.length >= PARTIAL_RUN_LENGTH) {
          entries.push({ key: secret.slice(0, PARTIAL_RUN_LENGTH), kind: 'start', secret });
          entries.push({ key: secret.slice(-PARTIAL_RUN_LENGTH), kind: 'end', secret });
        }
      }
      this.indexes = { raw: new PrefixIndex([...this.forms].map((key) => ({ key }))), read: new PrefixIndex(entries) };
    }
    return this.indexes;
  }
}

/** How many characters from `position` continue the secret's start (at least PARTIAL_RUN_LENGTH, as found). */
function matchedForward(text: string, position: number, secret: string): number {
  let length = PARTIAL_RUN_LENGTH;
  while (length < secret.length && text[position + length] === secret[length]) length++;
  return length;
}

/** How many characters before `position` continue the secret's end backwards (its last PARTIAL_RUN_LENGTH start at `position`). */
function matchedBackward(text: string, position: number, secret: string): number {
  let length = 0;
  const before = secret.length - PARTIAL_RUN_LENGTH;
  while (length < before && position - length > 0 && text[position - length - 1] === secret[before - length - 1]) length++;
  return length;
}

/** The text with each span (in order, not overlapping) replaced by the mask. */
function masked(text: string, spans: readonly [number, number][]): string {
  if (spans.length === 0) {
    return text;
  }
  let output = '';
  let copiedUpTo = 0;
  for (const [start, end] of spans) {
    output += text.slice(copiedUpTo, Math.max(start, copiedUpTo)) + MASK;
    copiedUpTo = Math.max(end, copiedUpTo);
  }
  return output + text.slice(copiedUpTo);
}

/** Process-wide: every component registers the secrets it handles here. */
export const defaultRedactor = new Redactor();

export function redact(text: string): string {
  return defaultRedactor.redact(text);
}

/** Redacted, then one line: a name with a line break in it cannot forge a log entry. */
export function redactingLogger(logger: Logger, redactor: Redactor = defaultRedactor): Logger {
  const clean = (message: string): string => stripUnsafeCharacters(redactor.redact(message));
  return {
    trace: (message) => logger.trace(clean(message)),
    debug: (message) => logger.debug(clean(message)),
    info: (message) => logger.info(clean(message)),
    warn: (message) => logger.warn(clean(message)),
    error: (message) => logger.error(clean(message)),
  };
}

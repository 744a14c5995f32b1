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
 * (`\\/`, `\\uXXXX`, `\\n`…) and percent escapes of any case decoded. `from[i]`/`to[i]` give the span
 * of the original text that character `i` came from, so a secret found here is masked there.
 */
interface DecodedView {
  text: string;
  from: Int32Array;
  to: Int32Array;
}

/** Worth decoding only when something in the text could hide a secret from a plain match. */
const MAY_HIDE = /[\\%\r\n]/;
const HEX2 = /^[0-9A-Fa-f]{2}$/;
const HEX4 = /^[0-9A-Fa-f]{4}$/;
const JSON_ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', t: '\t' };

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

function decodedView(text: string): DecodedView {
  // Kept because it measured faster (bench/README.md): typed arrays and slices between escapes, not a push per character.
  const from = new Int32Array(text.length);
  const to = new Int32Array(text.length);
  const pieces: string[] = [];
  let length = 0;
  const append = (chars: string, start: number, end: number, oneEach: boolean): void => {
    pieces.push(chars);
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
      const escape = match[0] === '%' ? percentEscapeAt(text, position) : jsonEscapeAt(text, position);
      const consumed = escape?.length ?? 1;
      append(escape?.chars ?? match[0], position, position + consumed, false);
      position += consumed;
    }
    special.lastIndex = position;
  }
  append(text.slice(position), position, text.length, true);
  return { text: pieces.join(''), from, to };
}

/** Registered forms are bucketed by a hash of their first characters; every form is at least this long. */
const PREFIX_LENGTH = 4;

function prefixHash(text: string, start: number): number {
  let hash = 0;
  for (let i = start; i < start + PREFIX_LENGTH; i++) {
    hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
  }
  return hash;
}

/**
 * Masks registered secrets (in each encoding) and anything shaped like a credential.
 * One scan per line looks registered forms up by prefix, so hundreds of secrets cost little more than one.
 */
export class Redactor {
  private readonly forms = new Set<string>();
  private index: Map<number, string[]> | undefined;
  /** A cheap first test per position: is any form's prefix hash equal to this one in its low 16 bits? */
  private maybePrefix = new Uint8Array(0x10000);
  /** Only a form that contains the mask character can re-form after masking. */
  private mayReform = false;

  register(secret: string): void {
    if (secret.length < MIN_SECRET_LENGTH) {
      return;
    }
    for (const form of encodedForms(secret)) {
      if (!this.forms.has(form)) {
        this.forms.add(form);
        this.index = undefined;
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
    return this.maskDecodedForms(result);
  }

  /** Replaces the leftmost, then longest, registered form at each position. */
  private maskForms(text: string): string {
    return masked(text, this.findForms(text));
  }

  /** Masks forms that only show once the text is decoded: split over lines, JSON-escaped, percent-escaped in any case. */
  private maskDecodedForms(text: string): string {
    if (this.forms.size === 0 || !MAY_HIDE.test(text)) {
      return text;
    }
    const view = decodedView(text);
    const spans = this.findForms(view.text).map(([start, end]): [number, number] => [view.from[start], view.to[end - 1]]);
    return masked(text, spans);
  }

  /** The [start, end) of each registered form, leftmost then longest, not overlapping. */
  private findForms(text: string): [number, number][] {
    const index = this.formIndex();
    const spans: [number, number][] = [];
    let position = 0;
    while (index.size > 0 && position <= text.length - PREFIX_LENGTH) {
      const hash = prefixHash(text, position);
      const form =
        this.maybePrefix[hash & 0xffff] === 1
          ? index.get(hash)?.find((candidate) => text.startsWith(candidate, position))
          : undefined;
      if (form === undefined) {
        position++;
      } else {
        spans.push([position, position + form.length]);
        position += form.length;
      }
    }
    return spans;
  }

  private formIndex(): Map<number, string[]> {
    if (!this.index) {
      this.index = new Map();
      this.maybePrefix = new Uint8Array(0x10000);
      for (const form of [...this.forms].sort((a, b) => b.length - a.length)) {
        const hash = prefixHash(form, 0);
        this.index.set(hash, [...(this.index.get(hash) ?? []), form]);
        this.maybePrefix[hash & 0xffff] = 1;
      }
    }
    return this.index;
  }
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

// The one redaction facility: every log line and every user-facing error passes through it.
import type { Logger } from '../ports';

const MASK = '***';
/** Shorter values are too likely to occur by chance; masking them would mangle ordinary text. */
export const MIN_SECRET_LENGTH = 8;

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
  ];
  return [...new Set(forms)];
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
    return result;
  }

  /** Replaces the leftmost, then longest, registered form at each position. */
  private maskForms(text: string): string {
    const index = this.formIndex();
    if (index.size === 0) {
      return text;
    }
    let output = '';
    let copiedUpTo = 0;
    let position = 0;
    while (position <= text.length - PREFIX_LENGTH) {
      const hash = prefixHash(text, position);
      const form =
        this.maybePrefix[hash & 0xffff] === 1
          ? index.get(hash)?.find((candidate) => text.startsWith(candidate, position))
          : undefined;
      if (form === undefined) {
        position++;
      } else {
        output += text.slice(copiedUpTo, position) + MASK;
        position += form.length;
        copiedUpTo = position;
      }
    }
    return copiedUpTo === 0 ? text : output + text.slice(copiedUpTo);
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

/** Process-wide: every component registers the secrets it handles here. */
export const defaultRedactor = new Redactor();

export function redact(text: string): string {
  return defaultRedactor.redact(text);
}

export function redactingLogger(logger: Logger, redactor: Redactor = defaultRedactor): Logger {
  return {
    trace: (message) => logger.trace(redactor.redact(message)),
    debug: (message) => logger.debug(redactor.redact(message)),
    info: (message) => logger.info(redactor.redact(message)),
    warn: (message) => logger.warn(redactor.redact(message)),
    error: (message) => logger.error(redactor.redact(message)),
  };
}

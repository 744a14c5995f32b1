// The one redaction facility: every log line and every user-facing error passes through it.
import type { Logger } from './ports';

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

/** The forms in which a secret can show up in a URL, a form body, JSON or a header. */
export function encodedForms(secret: string): string[] {
  const uriEncoded = encodeURIComponent(secret);
  const formEncoded = new URLSearchParams({ v: secret }).toString().slice(2);
  const base64 = Buffer.from(secret, 'utf8').toString('base64');
  const forms = [
    secret,
    uriEncoded,
    uriEncoded.replace(/%20/g, '+'),
    formEncoded,
    lowerCasePercentEscapes(uriEncoded),
    lowerCasePercentEscapes(formEncoded),
    base64,
    base64.replace(/=+$/, ''),
    Buffer.from(secret, 'utf8').toString('base64url'),
    JSON.stringify(secret).slice(1, -1),
  ];
  return [...new Set(forms)];
}

/**
 * Masks registered secrets (in each encoding) and anything shaped like a credential.
 * Registered forms are matched with plain substring search, longest first, so hundreds of secrets stay cheap.
 */
export class Redactor {
  private readonly forms = new Set<string>();
  private sortedForms: string[] | undefined = [];

  register(secret: string): void {
    if (secret.length < MIN_SECRET_LENGTH) {
      return;
    }
    for (const form of encodedForms(secret)) {
      if (!this.forms.has(form)) {
        this.forms.add(form);
        this.sortedForms = undefined;
      }
    }
  }

  redact(text: string): string {
    let result = text;
    for (const { pattern, replacement } of PATTERNS) {
      result = result.replace(pattern, replacement);
    }
    // A secret containing the mask can re-form around it, so repeat until nothing changes; each pass shortens the text.
    let changed = true;
    while (changed) {
      changed = false;
      for (const form of this.formsLongestFirst()) {
        if (result.includes(form)) {
          result = result.split(form).join(MASK);
          changed = true;
        }
      }
    }
    return result;
  }

  private formsLongestFirst(): string[] {
    this.sortedForms ??= [...this.forms].sort((a, b) => b.length - a.length);
    return this.sortedForms;
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

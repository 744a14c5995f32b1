// Turns whatever an error response carries into the few facts worth showing: the server's message, its
// detail code and the tracking id users quote to SailPoint support. Never throws, whatever the body.
import { inertText } from '../validation';
import { redact } from './redact';
import { t } from '../l10n';

export interface ErrorBodyFacts {
  serverMessage?: string;
  detailCode?: string;
  trackingId?: string;
}

export const MAX_SERVER_MESSAGE_CHARS = 500;
const MAX_CODE_CHARS = 100;
/** Only this much of a body is inspected, so a 5 MB error page costs nothing. */
const MAX_INSPECTED_CHARS = 256 * 1024;
const FALLBACK_LOCALE = 'en-US';
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/g;

export function parseErrorBody(
  status: number,
  contentType: string | null | undefined,
  text: string,
  preferredLocale?: string,
): ErrorBodyFacts {
  const body = text.length > MAX_INSPECTED_CHARS ? text.slice(0, MAX_INSPECTED_CHARS) : text;
  const trimmed = body.trim();
  if (trimmed === '') {
    return {};
  }
  const type = (contentType ?? '').toLowerCase();
  if (type.includes('html') || /^<(!doctype|html|head|body)\b/i.test(trimmed)) {
    return { serverMessage: describeHtml(trimmed) };
  }
  const looksLikeJson = type.includes('json') || trimmed.startsWith('{') || trimmed.startsWith('[');
  if (looksLikeJson) {
    return parseJsonErrorBody(status, trimmed, text.length > body.length, preferredLocale);
  }
  return { serverMessage: cleanServerText(trimmed) };
}

function parseJsonErrorBody(status: number, text: string, cutShort: boolean, preferredLocale?: string): ErrorBodyFacts {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { serverMessage: cutShort ? t('an oversized JSON body') : t('a malformed or truncated JSON body') };
  }
  if (!isRecord(parsed)) {
    return typeof parsed === 'string' && parsed.trim() !== '' ? { serverMessage: cleanServerText(parsed) } : {};
  }
  const facts: ErrorBodyFacts = {};
  const message = pickMessage(parsed, preferredLocale);
  if (message !== undefined) {
    facts.serverMessage = cleanServerText(message);
  }
  const detailCode = stringField(parsed, 'detailCode') ?? oauthErrorCode(status, parsed);
  if (detailCode !== undefined) {
    facts.detailCode = cleanServerText(detailCode, MAX_CODE_CHARS);
  }
  const trackingId = stringField(parsed, 'trackingId');
  if (trackingId !== undefined) {
    facts.trackingId = cleanServerText(trackingId, MAX_CODE_CHARS);
  }
  return facts;
}

/** ErrorResponseDto messages first (user's locale, then en-US, then any), then the OAuth, 401 and 429 shapes. */
function pickMessage(body: Record<string, unknown>, preferredLocale?: string): string | undefined {
  return (
    pickLocalizedMessage(body.messages, preferredLocale) ??
    stringField(body, 'error_description') ??
    stringField(body, 'error') ??
    stringField(body, 'message') ??
    stringField(body, 'formatted_msg')
  );
}

function pickLocalizedMessage(messages: unknown, preferredLocale?: string): string | undefined {
  if (!Array.isArray(messages)) {
    return undefined;
  }
  const candidates = messages
    .filter(isRecord)
    .map((m) => ({ locale: typeof m.locale === 'string' ? m.locale.toLowerCase() : '', text: m.text }))
    .filter((m): m is { locale: string; text: string } => typeof m.text === 'string' && m.text.trim() !== '');
  const wanted = [preferredLocale, FALLBACK_LOCALE].filter((l): l is string => !!l).map((l) => l.toLowerCase());
  for (const locale of wanted) {
    const match =
      candidates.find((m) => m.locale === locale) ?? candidates.find((m) => m.locale.split('-')[0] === locale.split('-')[0]);
    if (match) {
      return match.text;
    }
  }
  return candidates[0]?.text;
}

/** An OAuth error (`invalid_client`, …) is the most precise code a token endpoint gives. */
function oauthErrorCode(status: number, body: Record<string, unknown>): string | undefined {
  const error = stringField(body, 'error');
  return error !== undefined && (status === 400 || status === 401) && /^[a-z_]+$/.test(error) ? error : undefined;
}

function describeHtml(html: string): string {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(html)?.[1];
  const cleanTitle = title === undefined ? '' : cleanServerText(decodeBasicEntities(title), 200);
  return cleanTitle === '' ? t('an HTML page, probably from a proxy') : t('an HTML page, probably from a proxy: "{0}"', cleanTitle);
}

function decodeBasicEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => HTML_ENTITIES[name] ?? '');
}

const HTML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };

/** Server text made safe to show: one line, no control or direction-override characters, bounded length. */
export function cleanServerText(text: string, maxChars = MAX_SERVER_MESSAGE_CHARS): string {
  // Redacted whole before any cut: a secret echoed across the cut would otherwise keep most of its characters.
  const oneLine = inertText(redact(text).slice(0, maxChars * 4))
    .replace(ZERO_WIDTH, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (oneLine.length <= maxChars) {
    return oneLine;
  }
  // Never leave half of a surrogate pair at the cut.
  return `${oneLine.slice(0, maxChars - 1).replace(/[\ud800-\udbff]$/, '')}…`;
}

function stringField(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

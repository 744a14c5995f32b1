// Server and user text made safe to show: one line, no control, bidi-override or invalid characters, no Markdown.
// Apart from validation.ts (input checks), because the tree's tenant rows need this at activation and nothing else.

const LINE_BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]+/gu;
const INVISIBLE_CONTROLS = /[\p{Cc}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;
const LONE_SURROGATES = /\p{Cs}/gu;
/** Every ASCII punctuation character can be backslash-escaped in Markdown; escaping all of them leaves no syntax. */
const MARKDOWN_PUNCTUATION = /[!-/:-@[-`{-~]/g;
/** Any character one of the three replacements above would change (line breaks are \p{Cc} or listed). */
const ANY_UNSAFE = /[\p{Cc}\p{Cs}\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/u;
/** ANY_UNSAFE or Markdown punctuation. */
const ANY_UNSAFE_OR_MARKDOWN = /[!-/:-@[-`{-~\p{Cc}\p{Cs}\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/u;

/** Server text as safe plain text for a label: no control, bidi-override or invalid characters, one line. */
export function stripUnsafeCharacters(text: string): string {
  // Called for every field of every listed token: clean text (nearly all of it) costs one scan and no copy.
  if (!ANY_UNSAFE.test(text)) return text;
  return text.replace(LINE_BREAKS, ' ').replace(INVISIBLE_CONTROLS, '').replace(LONE_SURROGATES, '\uFFFD');
}

/** A name as messages quote it: in double quotes, without the characters that could spoof the text around it. */
export function quoted(name: string): string {
  return `"${stripUnsafeCharacters(name)}"`;
}

/**
 * Text for a notification, a modal or a progress title: VS Code renders `[text](command:…)` there as a clickable link,
 * so a space after every `]` before `(` keeps names and server text inert. Also one line, no control characters.
 */
export function inertText(text: string): string {
  return stripUnsafeCharacters(text).replace(/\]\(/g, '] (');
}

/** Server text safe to embed in a Markdown tooltip: stripped as above, and no link, command link, HTML or theme icon can form. */
export function sanitizeForDisplay(text: string): string {
  if (!ANY_UNSAFE_OR_MARKDOWN.test(text)) return text;
  return stripUnsafeCharacters(text).replace(MARKDOWN_PUNCTUATION, '\\$&');
}

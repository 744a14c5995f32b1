// ui/view: a translator that asks the real one (VS Code's l10n) once per message and keeps the translated template
// split at its placeholders. A list of 10,000 tokens says several sentences per row; filling each through the
// translator's regular expression took about as long as parsing the whole answer (issue 20, bench/README.md).
import type { MessageArgument, Translator } from './l10n';

/** More distinct messages than the source has calls of t(): beyond it, a message (a server's text) is not kept. */
export const TEMPLATE_CACHE_LIMIT = 2000;

/** Every `{…}` in a message kept here is one of these: a placeholder with one digit, as our messages write them. */
const ANY_BRACES = /\{[^}]*\}/g;
const SIMPLE_PLACEHOLDER = /^\{\d\}$/;
const PLACEHOLDER_SPLIT = /\{(\d)\}/;

/** Literal text at even positions, placeholder indexes at odd ones. */
type Template = readonly (string | number)[];

/** `{0}`…`{n}` for the placeholders of a message made only of simple ones; undefined for any other brace in it. */
function placeholdersOf(message: string): string[] | undefined {
  let highest = -1;
  for (const [braces] of message.matchAll(ANY_BRACES)) {
    if (!SIMPLE_PLACEHOLDER.test(braces)) return undefined;
    highest = Math.max(highest, Number(braces[1]));
  }
  return Array.from({ length: highest + 1 }, (_, index) => `{${index}}`);
}

function templateOf(translated: string): Template {
  return translated.split(PLACEHOLDER_SPLIT).map((part, index) => (index % 2 === 0 ? part : Number(part)));
}

function filled(template: Template, args: readonly MessageArgument[]): string {
  let text = '';
  for (const part of template) {
    if (typeof part === 'string') text += part;
    else text += args[part] === undefined ? `{${part}}` : String(args[part]);
  }
  return text;
}

/**
 * `translate` asked once per message with each placeholder standing for itself, which gives the translated template;
 * each call then fills that template. A message with other braces, or past the limit, goes to `translate` each time.
 */
export function compiledTranslator(translate: Translator): Translator {
  const templates = new Map<string, Template>();
  return (message, ...args) => {
    const known = templates.get(message);
    if (known !== undefined) return filled(known, args);
    const placeholders = templates.size < TEMPLATE_CACHE_LIMIT ? placeholdersOf(message) : undefined;
    if (placeholders === undefined) return translate(message, ...args);
    const template = templateOf(translate(message, ...placeholders));
    templates.set(message, template);
    return filled(template, args);
  };
}

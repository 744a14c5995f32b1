// Every sentence a person sees goes through `t`, so it can be translated: the view's words and the core's error
// messages alike (the core stays vscode-free: activation hands this module VS Code's translator, `vscode.l10n.t`,
// which reads the bundle in `l10n/` for the display language). Until then, and in plain-Node tests, `{0}`-style
// placeholders are filled in the English text as written. `npm run l10n` collects every `t('…')` into the bundle.

/** The arguments a message's `{0}`, `{1}`, … placeholders take. */
export type MessageArgument = string | number | boolean;
export type Translator = (message: string, ...args: MessageArgument[]) => string;

export const fillPlaceholders: Translator = (message, ...args) =>
  message.replace(/\{(\d+)\}/g, (match, index: string) => {
    const value = args[Number(index)];
    return value === undefined ? match : String(value);
  });

let translator: Translator = fillPlaceholders;

/** The display text of `message` (English source text, the key of the bundle) with its placeholders filled. */
export function t(message: string, ...args: MessageArgument[]): string {
  return translator(message, ...args);
}

/** The translator `t` uses now: the token rows wrap it (ui/view/compiledTranslator.ts) when the first list loads. */
export function currentTranslator(): Translator {
  return translator;
}

/** Called once at activation with `vscode.l10n.t`; tests may hand a pseudo-locale translator. */
export function useTranslator(next: Translator): void {
  translator = next;
}

/** The BCP 47 tag dates and relative times are formatted in; activation sets it from `vscode.env.language`. */
let displayLanguage = 'en';

export function useDisplayLanguage(language: string): void {
  displayLanguage = language;
}

export function currentDisplayLanguage(): string {
  return displayLanguage;
}

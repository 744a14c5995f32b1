// ui/view: the order token rows appear in: by name, in VS Code's display language, equal names as listed.

/** Languages already checked: a tag is checked once, not once per list. */
const checkedLocales = new Map<string, string | undefined>();

/**
 * The display language as a locale to compare in; undefined (the runtime's own) for a malformed tag. A language ICU
 * lacks still works: it falls back to the nearest one it has.
 */
export function collationLocale(language: string): string | undefined {
  if (checkedLocales.has(language)) return checkedLocales.get(language);
  let locale: string | undefined;
  try {
    new Intl.Collator(language);
    locale = language;
  } catch {
    locale = undefined;
  }
  checkedLocales.set(language, locale);
  return locale;
}

interface Named {
  readonly name: string;
}
type NameCompare = (a: Named, b: Named) => number;

// Kept because it measured faster (bench/README.md): 10,000 names sort in 7 ms instead of 20 (Node 24). V8 compiles
// localeCompare to its fast comparison of one-byte text only when the locale is a literal on its list of locales
// that sort such text alike (CompareStringsOptionsFor); Intl.Collator#compare never takes it.
/** The display languages on V8's list, by VS Code's lower-case id, each with its locale written as a literal. */
const LITERAL_LOCALE_COMPARES: Readonly<Record<string, NameCompare>> = {
  en: (a, b) => a.name.localeCompare(b.name, 'en'),
  'en-us': (a, b) => a.name.localeCompare(b.name, 'en-US'),
  'en-gb': (a, b) => a.name.localeCompare(b.name, 'en-GB'),
  de: (a, b) => a.name.localeCompare(b.name, 'de'),
  es: (a, b) => a.name.localeCompare(b.name, 'es'),
  fr: (a, b) => a.name.localeCompare(b.name, 'fr'),
  it: (a, b) => a.name.localeCompare(b.name, 'it'),
  pl: (a, b) => a.name.localeCompare(b.name, 'pl'),
};

function nameCompare(locale: string | undefined): NameCompare {
  const literal = locale === undefined ? undefined : LITERAL_LOCALE_COMPARES[locale.toLowerCase()];
  if (literal !== undefined) return literal;
  const collator = new Intl.Collator(locale);
  return (a, b) => collator.compare(a.name, b.name);
}

/** A sorted copy, in the order of `new Intl.Collator(locale).compare`; Array#sort keeps equal names in list order. */
export function byDisplayName<T extends Named>(items: readonly T[], locale: string | undefined): T[] {
  return [...items].sort(nameCompare(locale));
}

/**
 * The first comparison of a process loads ICU's collation data (75 ms in a profiled first render). The tree calls
 * this when the first list is requested, so that happens while the list is on the wire.
 */
export function warmCollation(locale: string | undefined): void {
  nameCompare(locale)({ name: 'a' }, { name: 'b' });
}

import * as assert from 'node:assert/strict';
import { byDisplayName, collationLocale } from '../../src/ui/view/displayOrder';

/** Names a tenant may hold: case, accents, digits, punctuation, other scripts, emoji, a lone surrogate, control text. */
const HOSTILE_NAMES = [
  'zeta',
  'Zeta',
  'alpha',
  'Alpha',
  'älpha',
  'Ärger',
  'apfel',
  'token 10',
  'token 9',
  'token-9',
  'token_9',
  'aa',
  'å',
  'ab',
  'ß',
  'ss',
  '東京',
  'トークン',
  '🔑 key',
  'name\u0000with nul',
  'lone \ud800 surrogate',
  'right\u202eleft',
  '',
  ' leading space',
  'Œuvre',
  'ångström',
  'zeta',
];

function names(items: readonly { name: string }[]): string[] {
  return items.map((item) => item.name);
}

/** What the tree promises: the order Intl.Collator gives in the display language, equal names in list order. */
function collatorOrder(items: readonly { name: string; at: number }[], locale: string | undefined): { name: string; at: number }[] {
  const collator = new Intl.Collator(locale);
  return [...items].sort((a, b) => collator.compare(a.name, b.name) || a.at - b.at);
}

describe('display order of token names', () => {
  const items = HOSTILE_NAMES.map((name, at) => ({ name, at }));

  for (const language of ['en', 'en-US', 'en-gb', 'de', 'es', 'fr', 'it', 'pl', 'sv', 'ja', 'tr', 'zh-cn', 'qps-ploc']) {
    it(`sorts by the display language's collation (${language}), equal names kept in list order`, () => {
      const locale = collationLocale(language);
      const sorted = byDisplayName(items, locale);
      assert.deepEqual(sorted, collatorOrder(items, locale));
      assert.notDeepEqual(names(sorted), names(items), 'the list was not reordered at all');
    });
  }

  // Thousands of comparisons get the comparator optimised, which is where V8 may take its fast path for one-byte text.
  it('keeps the collator order in the optimised comparison of a long list of one-byte names', () => {
    const alphabet = ' -_.,:;!?()[]{}@*/&#%+<=>|~$0123456789aAbBcCzZéÉßåÅ';
    const long = Array.from({ length: 6000 }, (_, at) => {
      let name = '';
      for (let step = 0, seed = at * 7919 + 13; step < 1 + (at % 9); step++, seed = (seed * 48271) % 2147483647) name += alphabet[seed % alphabet.length];
      return { name, at };
    });
    for (const language of ['en', 'en-us', 'de', 'fr', 'pl']) {
      assert.deepEqual(names(byDisplayName(long, collationLocale(language))), names(collatorOrder(long, language)), language);
    }
  });

  it('sorts Swedish å after z, as a Swede reads it, and English å as an a', () => {
    const words = ['zebra', 'ås', 'at'].map((name, at) => ({ name, at }));
    assert.deepEqual(names(byDisplayName(words, collationLocale('sv'))), ['at', 'zebra', 'ås']);
    assert.deepEqual(names(byDisplayName(words, collationLocale('en'))), ['ås', 'at', 'zebra']);
  });

  it("falls back to the runtime's own collation for a malformed display language instead of throwing", () => {
    assert.equal(collationLocale('not a language tag!'), undefined);
    assert.deepEqual(byDisplayName(items, undefined), collatorOrder(items, undefined));
  });

  it('leaves the list it was given untouched', () => {
    const before = names(items);
    byDisplayName(items, 'en');
    assert.deepEqual(names(items), before);
  });
});

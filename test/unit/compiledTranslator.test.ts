import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { compiledTranslator, TEMPLATE_CACHE_LIMIT } from '../../src/ui/view/compiledTranslator';
import type { MessageArgument, Translator } from '../../src/ui/view/l10n';

/** VS Code's own filling (format2): every `{n}` replaced once, from the arguments, a missing one left as written. */
function fillLikeVsCode(message: string, ...args: MessageArgument[]): string {
  return message.replace(/\{(\d+)\}/g, (match, index: string) => (args[Number(index)] === undefined ? match : String(args[Number(index)])));
}

/** A translator as a bundle would be: the template changes (words, order of placeholders), the filling is VS Code's. */
function countingTranslator(bundle: Record<string, string> = {}): { translate: Translator; asked: string[] } {
  const asked: string[] = [];
  const translate: Translator = (message, ...args) => {
    asked.push(message);
    return fillLikeVsCode(bundle[message] ?? message, ...args);
  };
  return { translate, asked };
}

const piece = fc.constantFrom('Token ', '{0}', '{1}', '{2}', ': ', '. ', '{', '}', '{x}', '$&', '{10}', 'ä');
const messages = fc.array(piece, { maxLength: 8 }).map((parts) => parts.join(''));
const argument = fc.oneof(fc.constantFrom('{1}', '$&', '{0}', ''), fc.string(), fc.integer(), fc.boolean());

describe('the translator that compiles each message once', () => {
  it('gives exactly what the translator gives, whatever the message and the arguments (hostile ones too)', () => {
    fc.assert(
      fc.property(messages, fc.array(argument, { maxLength: 4 }), (message, args) => {
        const compiled = compiledTranslator(countingTranslator().translate);
        const expected = fillLikeVsCode(message, ...args);
        assert.equal(compiled(message, ...args), expected);
        assert.equal(compiled(message, ...args), expected, 'the second call, from the compiled template, differs');
      }),
      { numRuns: 500 },
    );
  });

  it("follows a translation that reorders the placeholders, and asks the translator once per message", () => {
    const { translate, asked } = countingTranslator({ 'Token {0}: {1}. {2}': 'Jeton {0} — {2} ({1})' });
    const compiled = compiledTranslator(translate);
    assert.equal(compiled('Token {0}: {1}. {2}', 'ci', 'expired', 'v3'), 'Jeton ci — v3 (expired)');
    assert.equal(compiled('Token {0}: {1}. {2}', 'x{2}', '$&', 7), 'Jeton x{2} — 7 ($&)');
    assert.equal(compiled('never used'), 'never used');
    assert.equal(compiled('never used'), 'never used');
    assert.deepEqual(asked, ['Token {0}: {1}. {2}', 'never used']);
  });

  it('keeps at most TEMPLATE_CACHE_LIMIT messages, so text from a server cannot grow it without end', () => {
    const { translate, asked } = countingTranslator();
    const compiled = compiledTranslator(translate);
    for (let i = 0; i < TEMPLATE_CACHE_LIMIT + 50; i++) assert.equal(compiled(`server said ${i} {0}`, i), `server said ${i} ${i}`);
    asked.length = 0;
    compiled(`server said ${TEMPLATE_CACHE_LIMIT + 10} {0}`, 1);
    compiled(`server said ${TEMPLATE_CACHE_LIMIT + 10} {0}`, 1);
    assert.equal(asked.length, 2, 'a message past the limit is translated each time, not kept');
  });

  it('fills a huge placeholder index as the translator does, without building an argument per index', () => {
    const { translate } = countingTranslator();
    const compiled = compiledTranslator(translate);
    const message = 'a {99999999} b {0}';
    const startedAt = process.hrtime.bigint();
    assert.equal(compiled(message, 'x'), 'a {99999999} b x');
    assert.ok(process.hrtime.bigint() - startedAt < 50_000_000n, 'took over 50 ms');
  });
});

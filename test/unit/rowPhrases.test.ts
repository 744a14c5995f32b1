import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { ALL_SCOPES, type PersonalAccessToken } from '../../src/core/model';
import type { OwnerStatus } from '../../src/core/ops/owners';
import { currentTranslator, fillPlaceholders, useTranslator } from '../../src/ui/view/l10n';
import { presentToken, RowPhrases, type OwnerFacts, type TokenViewOptions } from '../../src/ui/view/tokenPresentation';
import { DAY, iso, plain, token } from './helpers/tokenFixture';

const MINUTE = 60_000;

/** Offsets from now that land in every unit a phrase rounds to, both sides of now, and on its edges. */
const offset = fc.oneof(
  fc.integer({ min: -2 * MINUTE, max: 2 * MINUTE }),
  fc.integer({ min: -3 * DAY, max: 3 * DAY }),
  fc.integer({ min: -800 * DAY, max: 800 * DAY }),
  fc.constantFrom(-60 * DAY, 60 * DAY, -730 * DAY, 730 * DAY, -MINUTE, MINUTE, -DAY, DAY),
);
const date = fc.oneof(offset.map(iso), fc.constant(null), fc.constantFrom('not a date', '2026-02-30T00:00:00.000Z'));
const ownerIds = ['id-1', 'id-2', 'id-3'];
const text = fc.oneof(fc.string(), fc.constantFrom('ci-deploy', 'a\u0000b', 'x\u0001y', '{0}', 'line\nbreak', '\u202eevil'));

const tokens = fc.record({
  name: text,
  scope: fc.oneof(fc.constant(null), fc.array(fc.oneof(text, fc.constantFrom(ALL_SCOPES, 'sp:scopes:default', 'idn:accounts:read')), { maxLength: 5 })),
  owner: fc.oneof(fc.constant(null), fc.record({ type: fc.constant('IDENTITY'), id: fc.constantFrom(...ownerIds), name: fc.oneof(fc.constant(null), text) })),
  lastUsed: date,
  expirationDate: date,
  managed: fc.boolean(),
  userAwareTokenNeverExpires: fc.constantFrom(null, true, false),
}).map((fields): PersonalAccessToken => token(fields));

const statuses: OwnerStatus[] = [
  { kind: 'active', text: 'active' },
  { kind: 'inactive', text: 'disabled' },
  { kind: 'inactive', text: 'lifecycle leaver' },
  { kind: 'gone', text: 'gone' },
];
const owners = fc
  .record({
    statuses: fc.array(fc.tuple(fc.constantFrom(...ownerIds), fc.constantFrom(...statuses)), { maxLength: 3 }),
    callerIdentityId: fc.constantFrom(null, ...ownerIds),
  })
  .map(({ statuses: known, callerIdentityId }): OwnerFacts => ({ statuses: new Map(known), counts: new Map(), callerIdentityId }));
const loadOptions = fc.record({
  apiFamily: fc.constantFrom('v1' as const, 'v3' as const),
  expiryWarningDays: fc.constantFrom(0, 14, 90),
  owners: fc.oneof(fc.constant(undefined), owners),
});
const rowFlags = fc.record({ secretStored: fc.boolean(), isOwnCredential: fc.boolean() });

describe('row phrases: what the rows of one list load share', () => {
  it('gives every row of a load exactly the words it has on its own, whatever the tokens and marks', () => {
    fc.assert(
      fc.property(loadOptions, fc.array(fc.tuple(tokens, rowFlags), { minLength: 1, maxLength: 25 }), (load, rows) => {
        const shared = new RowPhrases();
        for (const [each, flags] of rows) {
          const options: TokenViewOptions = { ...plain, ...load, ...flags };
          assert.deepEqual(presentToken(each, { ...options, phrases: shared }), presentToken(each, options));
        }
      }),
      { numRuns: 400 },
    );
  });

  it('gives rows that share one scope list (as the list check hands them out) the words each has on its own', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(tokens, fc.nat({ max: 2 })), { minLength: 1, maxLength: 25 }), (rows) => {
        const lists: (string[] | null)[] = [['sp:scopes:default'], null, ['a:b', '\u202ec:d', ALL_SCOPES]];
        const shared = new RowPhrases();
        for (const [each, list] of rows) {
          const sharing = { ...each, scope: lists[list] };
          assert.deepEqual(presentToken(sharing, { ...plain, phrases: shared }), presentToken(sharing, plain));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('reuses a phrase only where it reads the same: one load, many distinct dates', () => {
    const shared = new RowPhrases();
    const options = { ...plain, phrases: shared };
    const said = (overrides: Partial<PersonalAccessToken>): string => presentToken(token(overrides), options).description;
    assert.equal(said({ lastUsed: iso(-3 * DAY) }), 'sp:scopes:default · last used 3 days ago · expires in 3 months');
    assert.equal(said({ lastUsed: iso(-4 * DAY) }), 'sp:scopes:default · last used 4 days ago · expires in 3 months');
    assert.equal(said({ lastUsed: iso(4 * DAY) }), 'sp:scopes:default · last used in 4 days · expires in 3 months');
    assert.equal(said({ lastUsed: iso(-3 * DAY), expirationDate: iso(-DAY) }), 'sp:scopes:default · last used 3 days ago · expired');
    assert.equal(said({ lastUsed: 'yesterday-ish', expirationDate: 'soon-ish' }), 'sp:scopes:default · last used unknown');
    assert.equal(said({ lastUsed: null, expirationDate: null }), 'sp:scopes:default · never used · never expires');
    assert.equal(said({ scope: ['a', 'b', 'c'] }), '3 scopes · last used 3 days ago · expires in 3 months');
    assert.equal(said({ scope: ['a', 'b', 'c', ALL_SCOPES] }), 'all rights · last used 3 days ago · expires in 3 months');
    assert.equal(said({ scope: ['a', 'b', 'c', 'd'] }), '4 scopes · last used 3 days ago · expires in 3 months');
  });

  describe('a translation that moves the name', () => {
    const english = currentTranslator();
    afterEach(() => useTranslator(english));

    function sentence(translation: string, name: string): string {
      useTranslator((message, ...args) => fillPlaceholders(message === 'Token {0}: {1}. {2}' ? translation : message, ...args));
      const options = { ...plain, phrases: new RowPhrases() };
      // The second row of a load is the one filled from what the first left shared.
      presentToken(token({ name: 'first' }), options);
      return presentToken(token({ name }), options).accessibilityLabel;
    }

    it('says the description before the name when the translation does', () => {
      assert.equal(sentence('{2} — {0} ({1})', 'ci-deploy'), 'sp:scopes:default · last used 3 days ago · expires in 3 months — ci-deploy (in use and not expiring soon)');
    });

    it('says the name twice, or not at all, when the translation does', () => {
      assert.equal(sentence('{0}: {1}. {2} ({0})', 'ci-deploy'), 'ci-deploy: in use and not expiring soon. sp:scopes:default · last used 3 days ago · expires in 3 months (ci-deploy)');
      assert.equal(sentence('{1}. {2}', 'ci-deploy'), 'in use and not expiring soon. sp:scopes:default · last used 3 days ago · expires in 3 months');
    });

    it('reads a name holding the characters that stand for the name and description as plain text', () => {
      assert.equal(sentence('{2} — {0} ({1})', 'a\u0000b\u0001c'), 'sp:scopes:default · last used 3 days ago · expires in 3 months — abc (in use and not expiring soon)');
      assert.equal(sentence('Token {0}: {1}. {2}', '{2}\u0000'), 'Token {2}: in use and not expiring soon. sp:scopes:default · last used 3 days ago · expires in 3 months');
    });
  });
});

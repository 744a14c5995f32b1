// The Identities search filter built from what a person types: the text stays one string literal, whatever it holds.
import * as assert from 'node:assert/strict';
import { MAX_IDENTITY_SEARCH_LENGTH, nameSearchFilter } from '../../src/core/client/identitiesApi';

describe('identity search by name: the filter expression', () => {
  it('asks name sw with the typed text as one quoted literal', () => {
    assert.equal(nameSearchFilter('Ada'), 'name sw "Ada"');
    assert.equal(nameSearchFilter('  Ada Admin  '), 'name sw "Ada Admin"');
  });

  it('escapes quotes and backslashes, so a quote or parenthesis cannot end the literal or add a clause', () => {
    assert.equal(nameSearchFilter('a") or id in ("x'), 'name sw "a\\") or id in (\\"x"');
    assert.equal(nameSearchFilter('back\\"slash'), 'name sw "back\\\\\\"slash"');
    assert.equal(nameSearchFilter('O\'Brien (ops)'), 'name sw "O\'Brien (ops)"');
  });

  it('drops control characters and cuts long text; blank text is no search', () => {
    assert.equal(nameSearchFilter('a\nb\u0000c\u202ed'), 'name sw "abcd"');
    assert.equal(nameSearchFilter('x'.repeat(500)), `name sw "${'x'.repeat(MAX_IDENTITY_SEARCH_LENGTH)}"`);
    assert.equal(nameSearchFilter(' \t '), undefined);
  });
});

// The view's text filter as facts: which tokens a few words select.
import * as assert from 'node:assert/strict';
import type { PersonalAccessToken } from '../../src/core/model';
import { filterWords, MAX_FILTER_LENGTH, tokenMatchesFilter } from '../../src/core/ops/tokenFilter';

function token(name: string, ownerName: string | null, scope: string[] | null): PersonalAccessToken {
  return { id: 'a1', name, scope, owner: { type: 'IDENTITY', id: 'o1', name: ownerName }, created: null, lastUsed: null, managed: false, accessTokenValiditySeconds: null, expirationDate: null, userAwareTokenNeverExpires: null };
}

describe('token filter', () => {
  const deploy = token('CI deploy', 'Sam Dev', ['idn:accounts:read']);

  it('matches every word, in any order, across name, owner and scope, ignoring case', () => {
    assert.equal(tokenMatchesFilter(deploy, filterWords('dev SAM')), true);
    assert.equal(tokenMatchesFilter(deploy, filterWords('accounts deploy')), true);
    assert.equal(tokenMatchesFilter(deploy, filterWords('accounts export')), false, 'one word missing is no match');
  });

  it('an empty or blank filter selects every token, also one without owner name or scopes', () => {
    assert.deepEqual(filterWords('  \t '), []);
    assert.equal(tokenMatchesFilter(token('x', null, null), filterWords('')), true);
    assert.equal(tokenMatchesFilter(token('x', null, null), filterWords('sp:scopes')), false);
  });

  it('cuts a huge filter instead of searching with it', () => {
    const words = filterWords(`${'a'.repeat(MAX_FILTER_LENGTH)}zzz`);
    assert.deepEqual(words, ['a'.repeat(MAX_FILTER_LENGTH)]);
  });
});

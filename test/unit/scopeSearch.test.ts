// The scope picker's own search (QuickPick's filter is contiguous fuzzy): every typed word, in any order, and v3
// scopes before v1 ones.
import * as assert from 'node:assert/strict';
import { type ApiOperation, type ApiVersion, ScopeCatalogue } from '../../src/core/scopes/catalogue';
import { scopesByVersion, searchScopes } from '../../src/core/scopes/search';

function operation(version: ApiVersion, path: string, summary: string, scopes: string[]): ApiOperation {
  return { id: '', method: 'GET', path, version, tag: '', summary, scopes, userLevels: [] };
}

const CATALOGUE = new ScopeCatalogue([
  operation('v1', '/sources/v1/{id}', 'Get a source', ['sp:sources:read']),
  operation('v3', '/v3/sources', 'List sources', ['idn:sources:read']),
  operation('v3', '/v3/sources/{id}', 'Update a source', ['idn:sources:manage']),
  operation('v3', '/v3/accounts', 'List accounts', ['idn:accounts:read']),
  operation('v2025', '/v2025/sources/{id}/schemas', 'List schemas of a source', ['idn:source-schema:read']),
]);

function found(text: string): string[] {
  return searchScopes(CATALOGUE, text, CATALOGUE.scopes);
}

describe('scope search', () => {
  it('finds a scope by its words in any order', () => {
    assert.deepEqual(found('sources read'), ['idn:sources:read', 'sp:sources:read']);
    assert.deepEqual(found('read sources'), ['idn:sources:read', 'sp:sources:read']);
    assert.deepEqual(found('SOURCES   Read'), ['idn:sources:read', 'sp:sources:read']);
  });

  it('lists v3 scopes before newer versions and the v1 family last', () => {
    assert.deepEqual(found('source'), ['idn:sources:manage', 'idn:sources:read', 'idn:source-schema:read', 'sp:sources:read']);
  });

  it('also finds a scope by what it grants, after the scopes whose name matches', () => {
    assert.deepEqual(found('schemas'), ['idn:source-schema:read']);
    assert.deepEqual(found('list accounts'), ['idn:accounts:read']);
    assert.deepEqual(found('read list'), ['idn:accounts:read', 'idn:sources:read', 'idn:source-schema:read']);
  });

  it('matches the whole scope as typed, colons and all', () => {
    assert.deepEqual(found('sp:sources:read'), ['sp:sources:read']);
  });

  it("keeps every scope in the order given when nothing is typed (the token's own scopes first)", () => {
    assert.deepEqual(searchScopes(CATALOGUE, '  ', ['sp:sources:read', 'idn:accounts:read']), ['sp:sources:read', 'idn:accounts:read']);
  });

  it('orders the catalogue v3 first, then newer versions, the v1 family and unknown scopes last', () => {
    assert.deepEqual(scopesByVersion(CATALOGUE, ['typo:scope', ...CATALOGUE.scopes]), [
      'idn:accounts:read', 'idn:sources:manage', 'idn:sources:read', 'idn:source-schema:read', 'sp:sources:read', 'typo:scope',
    ]);
  });

  it('treats typed punctuation as text, not as a pattern, and keeps unknown scopes findable', () => {
    assert.deepEqual(found('.*'), []);
    assert.deepEqual(searchScopes(CATALOGUE, 'acounts', ['idn:acounts:manage', 'idn:accounts:read']), ['idn:acounts:manage']);
  });
});

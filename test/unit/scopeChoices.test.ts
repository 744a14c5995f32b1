import * as assert from 'node:assert/strict';
import { type ApiOperation, type ApiVersion, ScopeCatalogue } from '../../src/core/scopes/catalogue';
import { loadScopeCatalogue } from '../../src/core/scopes/load';
import { proposeScopes } from '../../src/core/scopes/propose';
import { validateScopes } from '../../src/core/validation';
import { operationChoiceText, proposalText, proposedChoiceText, scopeChoiceText } from '../../src/ui/commands/token/scopeChoices';

function operation(id: string, method: string, url: string, summary: string, scopes: string[], userLevels: string[] = []): ApiOperation {
  return { id, method, path: url, version: 'v1', tag: 'X', summary, scopes, userLevels };
}

const catalogue = new ScopeCatalogue([
  operation('listX', 'GET', '/x/v1', 'List x', ['a:x:manage', 'a:x:read', 'sp:scopes:all'], ['HELPDESK', 'ORG_ADMIN']),
  operation('getX', 'GET', '/x/v1/{id}', 'Get x', ['a:x:manage', 'a:x:read']),
  operation('makeX', 'POST', '/x/v1', 'Make x', ['a:x:manage']),
  operation('dropX', 'DELETE', '/x/v1/{id}', 'Drop x', ['a:x:manage']),
  operation('moveX', 'POST', '/x/v1/{id}/move', 'Move x', ['a:x:manage']),
  operation('openY', 'GET', '/y/v1', 'Open y', []),
]);

describe('scope picker text', () => {
  it('says of a scope whether it reads or changes, how many operations it grants, and names a few', () => {
    assert.deepEqual(scopeChoiceText(catalogue, 'a:x:read'), { label: 'a:x:read', description: 'read · 2 operations', detail: 'List x; Get x' });
    const manage = scopeChoiceText(catalogue, 'a:x:manage');
    assert.equal(manage.description, 'manage · 5 operations');
    assert.equal(manage.detail, 'List x; Get x; Make x; and 2 more');
  });

  it('names each summary once where API versions repeat an operation, and counts the rest the same way', () => {
    const inVersions = (versions: readonly ApiVersion[], id: string, method: string, url: string, summary: string): ApiOperation[] =>
      versions.map((version) => ({ ...operation(id, method, `/${version}${url}`, summary, ['a:x:read']), version }));
    const versioned = new ScopeCatalogue([
      ...inVersions(['v3', 'v2024', 'v2025'], 'listX', 'GET', '/x', 'List x'),
      ...inVersions(['v3', 'v2025'], 'getX', 'GET', '/x/{id}', 'Get x'),
      ...['Count x', 'Find x', 'Sort x'].flatMap((summary, index) => inVersions(['beta', 'v2026'], `x${index}`, 'GET', `/x/${index}`, summary)),
    ]);
    assert.deepEqual(scopeChoiceText(versioned, 'a:x:read'), {
      label: 'a:x:read',
      description: 'read · 11 operations',
      detail: 'List x; Get x; Count x; and 2 more',
    });
  });

  it('keeps sp:scopes:all as all rights and flags a scope the catalogue does not know, with no icon from its text', () => {
    assert.match(scopeChoiceText(catalogue, 'sp:scopes:all').label, /ALL your rights/);
    const unknown = scopeChoiceText(catalogue, 'a:x:reed$(zap)\n');
    assert.equal(unknown.label, '$(warning) a:x:reed$\u200b(zap) ');
    assert.match(unknown.detail, /grants nothing/);
  });

  it('shows an operation by method, path and summary, with the scopes it accepts and its user levels', () => {
    const [listX, getX, , , , openY] = catalogue.operations;
    assert.deepEqual(operationChoiceText(listX), {
      label: 'GET /x/v1',
      description: 'List x',
      detail: 'Any of: a:x:manage, a:x:read, sp:scopes:all · user levels: HELPDESK, ORG_ADMIN',
    });
    assert.equal(operationChoiceText(getX).detail, 'Any of: a:x:manage, a:x:read');
    assert.equal(operationChoiceText(openY).detail, 'The spec names no scope');
  });

  it('sums up a proposal: how many scopes for how many operations, what else they grant, what they cannot speak for', () => {
    const [listX, , makeX, , , openY] = catalogue.operations;
    assert.equal(proposalText(proposeScopes(catalogue, [listX]), 1), '1 scope covers 1 chosen operation and also grants 1 other operation.');
    const text = proposalText(proposeScopes(catalogue, [makeX, openY]), 2);
    assert.equal(text, '1 scope covers 2 chosen operations and also grants 4 other operations. The specs name no scope for: Open y.');
    assert.equal(proposedChoiceText(catalogue, 'a:x:manage', [makeX]).detail, 'Also grants: List x; Get x; Drop x; and 1 more');
  });

  it('offers only well-formed scopes from the real catalogue', async () => {
    assert.equal(validateScopes((await loadScopeCatalogue()).scopes), undefined);
  });
});

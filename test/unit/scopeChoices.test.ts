import * as assert from 'node:assert/strict';
import { ScopeCatalogue } from '../../src/core/scopes/catalogue';
import { loadScopeCatalogue } from '../../src/core/scopes/load';
import { proposeScopes } from '../../src/core/scopes/propose';
import { validateScopes } from '../../src/core/validation';
import { operationChoiceText, proposalText, proposedChoiceText, scopeChoiceText } from '../../src/ui/commands/token/scopeChoices';

const catalogue = new ScopeCatalogue({
  source: 'test',
  scopes: ['a:x:manage', 'a:x:read', 'sp:scopes:all'],
  userLevels: ['HELPDESK', 'ORG_ADMIN'],
  operations: [
    ['listX', 'GET', '/x/v1', 'List x', [0, 1, 2], [0, 1]],
    ['getX', 'GET', '/x/v1/{id}', 'Get x', [0, 1], []],
    ['makeX', 'POST', '/x/v1', 'Make x', [0], []],
    ['dropX', 'DELETE', '/x/v1/{id}', 'Drop x', [0], []],
    ['moveX', 'POST', '/x/v1/{id}/move', 'Move x', [0], []],
    ['openY', 'GET', '/y/v1', 'Open y', [], []],
  ],
});

describe('scope picker text', () => {
  it('says of a scope whether it reads or changes, how many operations it grants, and names a few', () => {
    assert.deepEqual(scopeChoiceText(catalogue, 'a:x:read'), { label: 'a:x:read', description: 'read · 2 operations', detail: 'List x; Get x' });
    const manage = scopeChoiceText(catalogue, 'a:x:manage');
    assert.equal(manage.description, 'manage · 5 operations');
    assert.equal(manage.detail, 'List x; Get x; Make x; and 2 more');
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

import * as assert from 'node:assert/strict';
import type { PersonalAccessToken, Tenant } from '../../src/core/model';
import type { OwnerStatus } from '../../src/core/ops/owners';
import { presentTenant, type TenantState } from '../../src/ui/view/presentation';
import { presentToken, type TokenViewOptions } from '../../src/ui/view/tokenPresentation';
import { DAY, iso, plain, token } from './helpers/tokenFixture';


function words(overrides: Partial<PersonalAccessToken> = {}, options: Partial<TokenViewOptions> = {}): string {
  return presentToken(token(overrides), { ...plain, ...options }).accessibilityLabel;
}

function withOwner(status: OwnerStatus): Partial<TokenViewOptions> {
  return { owners: { statuses: new Map([['id-1', status]]), counts: new Map([['id-1', 1]]), callerIdentityId: 'id-1' } };
}

describe('row words: what a screen reader says for a token row', () => {
  it('names the token, says it is healthy and reads the description', () => {
    assert.equal(words(), 'Token ci-deploy: in use and not expiring soon. sp:scopes:default · last used 3 days ago · expires in 3 months');
  });

  it('says each mark the icon or the badges show, one by one', () => {
    assert.match(words({ expirationDate: iso(-DAY) }), /^Token ci-deploy: expired\. /);
    assert.match(words({ expirationDate: iso(3 * DAY) }), /^Token ci-deploy: expires soon\. /);
    assert.match(words({ lastUsed: null }), /^Token ci-deploy: never used\. /);
    assert.match(words({ managed: true }), /^Token ci-deploy: managed by the platform\. /);
    assert.match(words({}, { secretStored: true }), /^Token ci-deploy: secret stored here\. /);
    assert.match(words({}, { isOwnCredential: true }), /^Token ci-deploy: this tenant signs in with it\. /);
    assert.match(words({}, withOwner({ kind: 'inactive', text: 'terminated' })), /^Token ci-deploy: owner inactive \(terminated\)\. /);
    assert.match(words({}, withOwner({ kind: 'gone', text: 'gone' })), /^Token ci-deploy: owner gone\. /);
    assert.match(words({}, withOwner({ kind: 'active', text: 'active' })), /^Token ci-deploy: in use and not expiring soon\. /);
    const riskiest = { scope: ['sp:scopes:all'], expirationDate: null, userAwareTokenNeverExpires: true };
    assert.match(words(riskiest), /^Token ci-deploy: riskiest: never expires and grants all rights\. riskiest · /);
  });

  it('says every mark at once, where the icon can show only the most urgent', () => {
    const all = words(
      { expirationDate: iso(-DAY), lastUsed: null, managed: true },
      { secretStored: true, isOwnCredential: true, ...withOwner({ kind: 'inactive', text: 'disabled' }) },
    );
    assert.match(all, /^Token ci-deploy: expired, never used, managed by the platform, secret stored here, this tenant signs in with it, owner inactive \(disabled\)\. /);
  });

  it('reads a hostile name as text: no control characters, no line breaks', () => {
    const label = words({ name: 'evil\u0007\nname\u202e' });
    assert.doesNotMatch(label, /[\p{Cc}\u202e]/u);
    assert.match(label, /^Token evil/);
  });
});

describe('row words: tenant rows and their problem rows', () => {
  const tenant: Tenant = {
    id: 't1',
    displayName: 'Acme Production',
    baseUrl: 'https://acme.api.identitynow.com',
    apiFamily: 'v3',
    listQuery: { owner: { kind: 'me' } },
  };

  const cases: [TenantState, string][] = [
    ['unknown', 'not loaded yet'],
    ['ok', 'ok'],
    ['credentials-missing', 'credentials missing'],
    ['credentials-rejected', 'credentials rejected'],
    ['unreachable', 'unreachable'],
    ['error', 'error'],
  ];
  for (const [state, said] of cases) {
    it(`says a ${state} tenant's state, which its icon shows`, () => {
      assert.equal(presentTenant(tenant, state).accessibilityLabel, `Tenant Acme Production: ${said}. ${presentTenant(tenant, state).description}`);
    });
  }
});

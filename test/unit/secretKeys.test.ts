import * as assert from 'node:assert/strict';
import { isPatError } from '../../src/core/errors';
import {
  TENANTS_KEY,
  credentialsKey,
  isSafeId,
  parseSecretKey,
  storedSecretIndexKey,
  tokenSecretKey,
} from '../../src/core/store/secretKeys';

const TENANT = '3f1c9a52-8e0b-4d7e-9c61-2a5b7d9e0f13';
const TOKEN = '9b2f4e8c1a7d4b3e8f6a0c5d2e9b1f47';

describe('secretKeys', () => {
  it('builds namespaced keys from ids only', () => {
    assert.equal(credentialsKey(TENANT), `sailpointPat.tenant.${TENANT}.credentials`);
    assert.equal(tokenSecretKey(TENANT, TOKEN), `sailpointPat.tenant.${TENANT}.token.${TOKEN}.secret`);
    assert.equal(storedSecretIndexKey(TENANT), `sailpointPat.tenant.${TENANT}.storedSecretTokenIds`);
    assert.equal(TENANTS_KEY, 'sailpointPat.tenants');
  });

  it('parses its own keys back', () => {
    assert.deepEqual(parseSecretKey(credentialsKey(TENANT)), { tenantId: TENANT });
    assert.deepEqual(parseSecretKey(tokenSecretKey(TENANT, TOKEN)), { tenantId: TENANT, tokenId: TOKEN });
  });

  it('does not parse foreign or malformed keys', () => {
    for (const key of [
      '',
      'github.auth',
      'sailpointPat.tenants',
      storedSecretIndexKey(TENANT),
      `sailpointPat.tenant.${TENANT}`,
      `sailpointPat.tenant.${TENANT}.credentials.extra`,
      `sailpointPat.tenant.${TENANT}.token.${TOKEN}`,
      `sailpointPat.tenant.${TENANT}.token..secret`,
      `sailpointPat.tenant.${TENANT}.token.a b.secret`,
      'sailpointPat.tenant..credentials',
      `other.sailpointPat.tenant.${TENANT}.credentials`,
    ]) {
      assert.equal(parseSecretKey(key), undefined, key);
    }
  });

  it('refuses ids that could break out of their place in a key', () => {
    for (const id of ['', 'a.b', 'a b', '../x', 'acme\n', 'ü', 'x'.repeat(129), 'id/1', '*']) {
      assert.equal(isSafeId(id), false, JSON.stringify(id));
      assert.throws(() => credentialsKey(id), (error) => isPatError(error, 'invalid-input'));
      assert.throws(() => tokenSecretKey(TENANT, id), (error) => isPatError(error, 'invalid-input'));
      assert.throws(() => storedSecretIndexKey(id), (error) => isPatError(error, 'invalid-input'));
    }
    assert.equal(isSafeId(42), false);
    assert.equal(isSafeId('x'.repeat(128)), true);
  });
});

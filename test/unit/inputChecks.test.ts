import * as assert from 'node:assert/strict';
import {
  checkClientId,
  checkClientSecret,
  checkExpiry,
  checkExtraScopes,
  checkTenantUrl,
  checkValidity,
  parseExpiry,
  parseScopeList,
  parseSinceDate,
  parseValidity,
} from '../../src/ui/prompts/inputChecks';
import { optionalChoice, optionalNumber, requireString, requireStringArray } from '../../src/ui/prompts/args';

const NOW = Date.parse('2026-08-15T12:00:00Z');

describe('wizard input checks', () => {
  it('accepts a tenant name or API URL as typed and rejects hosts that could steal credentials', () => {
    assert.equal(checkTenantUrl('acme'), undefined);
    assert.equal(checkTenantUrl('https://acme.api.identitynow.com'), undefined);
    assert.notEqual(checkTenantUrl('https://acme.api.identitynow.com@evil.com'), undefined);
    assert.notEqual(checkTenantUrl('javascript:alert(1)'), undefined);
    assert.notEqual(checkTenantUrl(''), undefined);
  });

  it('checks the client id and the secret', () => {
    assert.equal(checkClientId('2c9180835d2e5168015d32f890ca1581'), undefined);
    assert.notEqual(checkClientId(''), undefined);
    assert.notEqual(checkClientId('has space'), undefined);
    assert.equal(checkClientSecret('abc', 'a+&=%#secret'), undefined);
    assert.notEqual(checkClientSecret('abc', 'line\nbreak'), undefined);
    assert.notEqual(checkClientSecret('abc', ''), undefined);
  });

  it('parses free scope entry and refuses an empty scope list', () => {
    assert.deepEqual(parseScopeList(' idn:a:read, idn:b:manage  idn:a:read '), ['idn:a:read', 'idn:b:manage']);
    assert.equal(checkExtraScopes('', 2), undefined);
    assert.match(checkExtraScopes('', 0) ?? '', /at least one scope/);
    assert.notEqual(checkExtraScopes('Not A Scope', 1), undefined);
  });

  it('treats an empty validity as the default and checks the range otherwise', () => {
    assert.equal(parseValidity(' '), undefined);
    assert.equal(checkValidity(''), undefined);
    assert.equal(checkValidity('3600'), undefined);
    assert.notEqual(checkValidity('10'), undefined);
    assert.notEqual(checkValidity('43201'), undefined);
    assert.notEqual(checkValidity('1h'), undefined);
  });

  it('reads a plain expiry date as the end of that day and enforces the v3 six-month limit', () => {
    assert.equal(parseExpiry(''), undefined);
    assert.equal(parseExpiry('2026-09-01'), '2026-09-01T23:59:59Z');
    assert.equal(checkExpiry('2026-09-01', 'v3', NOW), undefined);
    assert.equal(checkExpiry('', 'v3', NOW), undefined);
    assert.notEqual(checkExpiry('2027-06-01', 'v3', NOW), undefined);
    assert.equal(checkExpiry('2027-06-01', 'v1', NOW), undefined);
    assert.notEqual(checkExpiry('2026-08-01', 'v1', NOW), undefined);
    assert.notEqual(checkExpiry('next week', 'v1', NOW), undefined);
  });

  it('reads a "not used since" date as the start of that day', () => {
    assert.equal(parseSinceDate('2026-01-31'), '2026-01-31T00:00:00.000Z');
    assert.equal(parseSinceDate('31/01/2026'), undefined);
  });
});

describe('automation arguments', () => {
  it('reads the documented shapes', () => {
    const args = { tenantId: 't1', scope: ['a:b'], seconds: 60, apiFamily: 'v1' };
    assert.equal(requireString(args, 'tenantId'), 't1');
    assert.deepEqual(requireStringArray(args, 'scope'), ['a:b']);
    assert.equal(optionalNumber(args, 'seconds'), 60);
    assert.equal(optionalNumber(args, 'missing'), undefined);
    assert.equal(optionalChoice(args, 'apiFamily', ['v3', 'v1']), 'v1');
  });

  it('rejects wrong shapes with a message naming the argument', () => {
    assert.throws(() => requireString({}, 'tenantId'), /"tenantId" must be a non-empty string/);
    assert.throws(() => requireStringArray({ scope: 'a:b' }, 'scope'), /"scope" must be an array of strings/);
    assert.throws(() => optionalNumber({ seconds: '60' }, 'seconds'), /"seconds" must be a number/);
    assert.throws(() => optionalChoice({ apiFamily: 'v2' }, 'apiFamily', ['v3', 'v1']), /one of v3, v1/);
  });
});

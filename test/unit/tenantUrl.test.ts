import * as assert from 'node:assert/strict';
import { normalizeTenantUrl, webUiPatPageUrl } from '../../src/core/tenantUrl';

function accepted(input: string): { baseUrl: string; tenantName: string | null } {
  const result = normalizeTenantUrl(input);
  assert.ok(result.ok, `expected ${JSON.stringify(input)} to be accepted, got: ${result.ok ? '' : result.reason}`);
  return { baseUrl: result.baseUrl, tenantName: result.tenantName };
}

function rejected(input: string): string {
  const result = normalizeTenantUrl(input);
  assert.ok(!result.ok, `expected ${JSON.stringify(input)} to be rejected, got ${result.ok ? result.baseUrl : ''}`);
  return result.reason;
}

describe('normalizeTenantUrl', () => {
  describe('maps tenant names and SailPoint hosts to the API host', () => {
    const cases: [string, string, string][] = [
      ['acme', 'https://acme.api.identitynow.com', 'acme'],
      ['ACME', 'https://acme.api.identitynow.com', 'acme'],
      ['  acme  ', 'https://acme.api.identitynow.com', 'acme'],
      ['acme-corp-2', 'https://acme-corp-2.api.identitynow.com', 'acme-corp-2'],
      ['acme.identitynow.com', 'https://acme.api.identitynow.com', 'acme'],
      ['acme.api.identitynow.com', 'https://acme.api.identitynow.com', 'acme'],
      ['Acme.Api.IdentityNow.com', 'https://acme.api.identitynow.com', 'acme'],
      ['acme.identitynow-demo.com', 'https://acme.api.identitynow-demo.com', 'acme'],
      ['acme.api.identitynow-demo.com', 'https://acme.api.identitynow-demo.com', 'acme'],
      ['acme.identitysoon.com', 'https://acme.api.cloud.sailpoint.com', 'acme'],
      ['acme.api.cloud.sailpoint.com', 'https://acme.api.cloud.sailpoint.com', 'acme'],
      ['https://acme.identitynow.com', 'https://acme.api.identitynow.com', 'acme'],
      ['https://acme.identitynow.com/', 'https://acme.api.identitynow.com', 'acme'],
      ['https://acme.identitynow.com/ui/d/user-preferences/personal-access-tokens', 'https://acme.api.identitynow.com', 'acme'],
      ['https://acme.identitysoon.com/ui/d/dashboard', 'https://acme.api.cloud.sailpoint.com', 'acme'],
      ['https://acme.api.identitynow.com/', 'https://acme.api.identitynow.com', 'acme'],
      ['https://acme.api.identitynow.com/v3', 'https://acme.api.identitynow.com', 'acme'],
      ['HTTPS://acme.api.identitynow.com:443', 'https://acme.api.identitynow.com', 'acme'],
      ['acme.identitynow.com/', 'https://acme.api.identitynow.com', 'acme'],
    ];
    for (const [input, baseUrl, tenantName] of cases) {
      it(`${JSON.stringify(input)} → ${baseUrl}`, () => {
        assert.deepEqual(accepted(input), { baseUrl, tenantName });
      });
    }
  });

  describe('keeps explicit https API base URLs of other hosts', () => {
    const cases: [string, string][] = [
      ['https://isc.example.com', 'https://isc.example.com'],
      ['https://ISC.Example.com/', 'https://isc.example.com'],
      ['https://isc.example.com:8443/api/', 'https://isc.example.com:8443/api'],
      ['https://gw.example.com/sailpoint/API//', 'https://gw.example.com/sailpoint/API'],
      ['https://acme.api.identitynow.com.evil.com', 'https://acme.api.identitynow.com.evil.com'],
      ['https://xn--bcher-kva.example', 'https://xn--bcher-kva.example'],
    ];
    for (const [input, baseUrl] of cases) {
      it(`${input} → ${baseUrl}`, () => {
        assert.deepEqual(accepted(input), { baseUrl, tenantName: null });
      });
    }
  });

  describe('accepts loopback over http or https for local development', () => {
    const cases: [string, string][] = [
      ['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
      ['http://127.0.0.1:8080/', 'http://127.0.0.1:8080'],
      ['http://127.5.6.7:1/tenant/', 'http://127.5.6.7:1/tenant'],
      ['http://localhost:3000', 'http://localhost:3000'],
      ['http://LOCALHOST', 'http://localhost'],
      ['http://[::1]:9000', 'http://[::1]:9000'],
      ['http://[0:0:0:0:0:0:0:1]:9000', 'http://[::1]:9000'],
    ];
    for (const [input, baseUrl] of cases) {
      it(`${input} → ${baseUrl}`, () => {
        assert.deepEqual(accepted(input), { baseUrl, tenantName: null });
      });
    }
  });

  describe('rejects, with a reason that says what to do', () => {
    const cases: [string, RegExp][] = [
      ['', /Enter a tenant name/],
      ['   ', /Enter a tenant name/],
      ['acme.api.identitynow.com.evil.com', /not a SailPoint host.*full URL starting with https:\/\//],
      ['acme.example.com', /not a SailPoint host/],
      ['https://acme.api.identitynow.com@evil.com', /user name or password/],
      ['https://a@evil.com', /user name or password/],
      ['https://@evil.com', /user name or password/],
      ['https://user:pass@acme.api.identitynow.com', /user name or password/],
      ['acme.api.identitynow.com@evil.com', /user name or password/],
      ['http://acme.api.identitynow.com', /Only https/],
      ['http://isc.example.com', /Only https/],
      ['javascript:alert(1)', /Only https/],
      ['JavaScript://%0aalert(1)', /Only https/],
      ['ftp://acme.api.identitynow.com', /Only https/],
      ['file:///etc/passwd', /Only https/],
      ['data:text/html,hi', /Only https/],
      ['https:acme.api.identitynow.com', /Only https/],
      ['https://8.8.8.8', /IP addresses/],
      ['https://10.0.0.1:8443', /IP addresses/],
      ['https://0x08080808', /IP addresses/],
      ['https://[2001:db8::1]', /IP addresses/],
      ['http://[::ffff:127.0.0.1]', /IP addresses/],
      ['https://127.0.0.1', /IP addresses/],
      ['127.0.0.1:8080', /full URL/],
      ['localhost', /full URL/],
      ['-acme', /not a valid host name part/],
      ['acme-', /not a valid host name part/],
      ['a..b', /empty part/],
      ['.acme', /empty part/],
      ['acme.identitynow.com.', /empty part/],
      [`${'a'.repeat(300)}`, /not a valid host name part/],
      [`${'a'.repeat(64)}.identitynow.com`, /not a valid host name part/],
      [`https://${'abcdefghi.'.repeat(26)}com`, /too long/],
      ['acme corp', /spaces/],
      ['acme\n.evil.com', /line breaks/],
      ['https://acme.api.identitynow.com/v3?x=1', /query/],
      ['https://acme.api.identitynow.com/#frag', /fragment/],
      ['https://acme.api.identitynow.com?', /query/],
      ['https://evil.com\\@acme.api.identitynow.com', /backslash/],
      ['https://acme%2eapi.identitynow.com', /only contain letters/],
      ['https://ac_me.example.com', /only contain letters/],
      ['https://bücher.example', /only contain letters/],
      ['https://acme.api.identitynow.com:8443', /port/],
      ['acme:8080', /not a SailPoint host/],
      ['https://isc.example.com/a/../b', /plain segments/],
      ['https://isc.example.com/%2e%2e/x', /plain segments/],
      ['https://acme', /full host name/],
      ['https://isc.example.com:99999', /not a valid URL/],
      ['https://', /only contain letters/],
    ];
    for (const [input, reason] of cases) {
      it(JSON.stringify(input).slice(0, 80), () => {
        const message = rejected(input);
        assert.match(message, reason);
        assert.match(message, /^[A-Z0-9"].*\.$/s, 'reasons are sentences');
      });
    }

    it('lets a surrounding-whitespace input through but not an internal one', () => {
      assert.equal(accepted('\t acme.identitynow.com \n').baseUrl, 'https://acme.api.identitynow.com');
      rejected('acme .identitynow.com');
    });
  });
});

describe('webUiPatPageUrl', () => {
  it('derives the web-UI page for each SailPoint domain', () => {
    assert.equal(
      webUiPatPageUrl('https://acme.api.identitynow.com'),
      'https://acme.identitynow.com/ui/d/user-preferences/personal-access-tokens',
    );
    assert.equal(
      webUiPatPageUrl('https://acme.api.identitynow-demo.com'),
      'https://acme.identitynow-demo.com/ui/d/user-preferences/personal-access-tokens',
    );
    assert.equal(
      webUiPatPageUrl('https://acme.api.cloud.sailpoint.com'),
      'https://acme.identitysoon.com/ui/d/user-preferences/personal-access-tokens',
    );
  });

  it('is null for custom, local, UI or unparseable addresses', () => {
    for (const baseUrl of [
      'https://isc.example.com',
      'http://127.0.0.1:8080',
      'https://acme.identitynow.com',
      'http://acme.api.identitynow.com',
      'https://acme.api.identitynow.com:8443',
      'not a url',
    ]) {
      assert.equal(webUiPatPageUrl(baseUrl), null, baseUrl);
    }
  });
});

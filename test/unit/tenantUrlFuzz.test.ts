import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { Redactor, encodedForms } from '../../src/core/client/redact';
import { normalizeTenantUrl } from '../../src/core/tenantUrl';
import { sanitizeForDisplay } from '../../src/core/validation';

const RUNS = { numRuns: 3000 };
const SAILPOINT_API_HOST = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.(?:api\.identitynow\.com|api\.identitynow-demo\.com|api\.cloud\.sailpoint\.com)$/;
const LOOPBACK_HOST = /^(?:localhost|\[::1\]|127\.\d+\.\d+\.\d+)$/;

/** URL-ish strings assembled from the pieces attackers and typos are made of. */
const adversarialUrl = fc
  .tuple(
    fc.constantFrom('', 'https://', 'http://', 'HTTPS://', 'javascript:', 'ftp://', 'https:', '//', 'file://', ' '),
    fc.constantFrom('', 'user@', 'user:pass@', '@', 'acme.api.identitynow.com@', '%40'),
    fc.constantFrom(
      'acme', 'acme.identitynow.com', 'acme.api.identitynow.com', 'acme.identitysoon.com', 'acme.api.cloud.sailpoint.com',
      'acme.api.identitynow.com.evil.com', 'evil.com', '127.0.0.1', '127.1', '0x7f.1', '[::1]', '[::ffff:7f00:1]', 'localhost',
      '8.8.8.8', '-acme', 'a..b', 'ACME.IdentityNow-Demo.com', 'xn--e1afmkfd.example', 'a'.repeat(70), 'évil.com', '',
    ),
    fc.constantFrom('', ':443', ':8080', ':0', ':99999', ':', ':abc'),
    fc.constantFrom('', '/', '/v3', '/ui/d/x', '/a/../b', '//', '/%2e%2e', '\\evil.com', '/\u202E'),
    fc.constantFrom('', '?', '?a=1', '#', '#frag', '\n', '\t', ' '),
  )
  .map((parts) => parts.join(''));

const anyInput = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: 'grapheme-ascii', maxLength: 80 }),
  fc.webUrl({ validSchemes: ['https', 'http', 'ftp'], withQueryParameters: true, withFragments: true, authoritySettings: { withUserInfo: true, withPort: true, withIPv4: true, withIPv6: true } }),
  adversarialUrl,
);

describe('fuzz: normalizeTenantUrl', () => {
  it('never throws, and everything it accepts is a safe, normal API base URL', () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const result = normalizeTenantUrl(input);
        if (!result.ok) {
          assert.ok(result.reason.length > 0);
          return;
        }
        const url = new URL(result.baseUrl);
        const loopback = LOOPBACK_HOST.test(url.hostname);
        assert.ok(url.protocol === 'https:' || (url.protocol === 'http:' && loopback), result.baseUrl);
        assert.equal(url.username + url.password + url.search + url.hash, '');
        assert.ok(!result.baseUrl.endsWith('/'), result.baseUrl);
        assert.equal(result.baseUrl, result.baseUrl.toLowerCase().slice(0, url.origin.length) + result.baseUrl.slice(url.origin.length));
        const explicitHttps = /^https:\/\//i.test(input.trim());
        assert.ok(SAILPOINT_API_HOST.test(url.hostname) || loopback || explicitHttps, `${input} → ${result.baseUrl}`);
        assert.ok(!input.includes('@'), `userinfo accepted: ${input}`);
        if (!SAILPOINT_API_HOST.test(url.hostname) && !loopback) {
          const typedAuthority = input.trim().replace(/^https:\/\//i, '').split('/')[0].toLowerCase().replace(/:443$/, '');
          assert.equal(url.host, typedAuthority, `the host must be exactly the one typed: ${input}`);
        }
        const again = normalizeTenantUrl(result.baseUrl);
        assert.ok(again.ok && again.baseUrl === result.baseUrl, `not idempotent: ${result.baseUrl}`);
      }),
      RUNS,
    );
  });
});

/** True when a Markdown link, HTML tag or theme icon could start somewhere in the text. */
function hasUnescapedSyntax(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') {
      i++;
    } else if ('[]()<>$`*_!'.includes(text[i])) {
      return true;
    }
  }
  return false;
}

describe('fuzz: sanitizeForDisplay', () => {
  const hostile = fc
    .array(fc.oneof(fc.string({ unit: 'binary', maxLength: 10 }), fc.constantFrom('[x](command:a.b?%5B%5D)', '](command:', '\\', '\\]', '\u202E', '\u2066', '\u200F', '\n', '<a href="command:x">', '$(zap)', '\uD800')), { maxLength: 12 })
    .map((parts) => parts.join(''));

  it('leaves no direction override, control character or unescaped link syntax', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const output = sanitizeForDisplay(text);
        assert.ok(!/[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\p{Cc}\p{Cs}]/u.test(output), JSON.stringify(output));
        assert.ok(!hasUnescapedSyntax(output), JSON.stringify(output));
        assert.ok(!/(?<!\\)\](?:\\?\()command:/.test(output.replace(/\\\\/g, '')), JSON.stringify(output));
      }),
      RUNS,
    );
  });
});

/** Computed independently of the redactor, so a form it forgets is caught. */
function encodingsOf(secret: string): string[] {
  const utf8 = Buffer.from(secret, 'utf8');
  const encodings = [secret, new URLSearchParams({ s: secret }).toString().slice(2), utf8.toString('base64'), utf8.toString('base64url'), JSON.stringify(secret).slice(1, -1)];
  try {
    encodings.push(encodeURIComponent(secret));
  } catch {
    // Lone surrogates cannot be URI-encoded, so they cannot travel that way either.
  }
  return encodings;
}

describe('fuzz: Redactor', () => {
  const secretArb = fc.string({ unit: 'binary', minLength: 8, maxLength: 40 });
  const textArb = fc.string({ unit: 'binary', maxLength: 40 });

  it('never lets a registered secret survive in any of its encodings, wherever it is embedded', () => {
    fc.assert(
      fc.property(secretArb, fc.array(secretArb, { maxLength: 3 }), textArb, textArb, fc.nat(), (secret, others, before, after, pick) => {
        const redactor = new Redactor();
        for (const other of [...others, secret]) {
          redactor.register(other);
        }
        const forms = [...encodingsOf(secret), ...encodedForms(secret)];
        const embedded = forms[pick % forms.length];
        const output = redactor.redact(`${before}${embedded}${after}${before}${secret}`);
        for (const form of forms) {
          assert.ok(!output.includes(form), `form ${JSON.stringify(form)} survived in ${JSON.stringify(output)}`);
        }
      }),
      RUNS,
    );
  });

  it('never throws on arbitrary text', () => {
    const redactor = new Redactor();
    redactor.register('0123456789abcdef');
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        assert.equal(typeof redactor.redact(text), 'string');
      }),
      RUNS,
    );
  });
});

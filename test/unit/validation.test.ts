import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import {
  addMonthsUtc,
  normalizeTokenName,
  parseIsoDateTime,
  inertText,
  sanitizeForDisplay,
  stripUnsafeCharacters,
  trimCredentials,
  validateAccessTokenValiditySeconds,
  validateCredentials,
  validateDisplayName,
  validateExpirationDate,
  validateScopes,
  validateTokenName,
} from '../../src/core/validation';

const NOW = Date.parse('2026-08-31T12:00:00Z');
const PAT_ID = '0f3a2c4e6b8d0f1a3c5e7b9d1f2a4c6e';

describe('validateTokenName', () => {
  it('accepts ordinary names, emoji, quotes, backslashes and link-like text (shown safely elsewhere)', () => {
    for (const name of ['NodeJS Integration', '  padded  ', 'CI 🚀 token', 'naïve', 'it\'s "quoted" \\ back\\slash', '[x](command:workbench.action.quit)', 'x'.repeat(128), '👍'.repeat(128)]) {
      assert.equal(validateTokenName(name), undefined, name);
    }
  });

  it('rejects empty, too long, multi-line, control and direction-override names', () => {
    const cases: [string, RegExp][] = [
      ['', /Enter a token name/],
      ['   ', /Enter a token name/],
      ['x'.repeat(129), /at most 128/],
      ['x'.repeat(10 * 1024), /at most 128/],
      ['line\nbreak', /one line/],
      ['tab\there', /one line/],
      ['nul\u0000', /one line/],
      ['del\u007F', /one line/],
      ['para\u2029graph', /one line/],
      ['evil\u202Etxt.exe', /text-direction/],
      ['\u202Aembedded', /text-direction/],
      ['iso\u2066late\u2069', /text-direction/],
      ['lone \uD800 surrogate', /invalid character/],
    ];
    for (const [name, message] of cases) {
      assert.match(validateTokenName(name) ?? '', message, JSON.stringify(name.slice(0, 20)));
    }
  });

  it('normalises names to trimmed NFC so NFD and NFC spellings are the same name', () => {
    const nfc = 'caf\u00E9';
    const nfd = 'cafe\u0301';
    assert.notEqual(nfc, nfd);
    assert.equal(normalizeTokenName(` ${nfd} `), nfc);
    assert.equal(normalizeTokenName(nfc), nfc);
    assert.equal(validateTokenName(nfd), undefined);
  });
});

describe('validateDisplayName', () => {
  it('accepts up to 100 characters and applies the same safety rules', () => {
    assert.equal(validateDisplayName('Acme production'), undefined);
    assert.equal(validateDisplayName('x'.repeat(100)), undefined);
    assert.match(validateDisplayName('x'.repeat(101)) ?? '', /display name is too long/);
    assert.match(validateDisplayName('') ?? '', /Enter a display name/);
    assert.match(validateDisplayName('a\u202Eb') ?? '', /text-direction/);
    assert.match(validateDisplayName('a\r\nb') ?? '', /one line/);
  });
});

describe('validateScopes', () => {
  it('accepts real ISC scopes and the explicit all-scopes choice', () => {
    for (const scopes of [['sp:scopes:all'], ['sp:scopes:default'], ['idn:access-request:manage', 'sp:my-personal-access-tokens:read'], ['idn:*:read'], ['sp:workflow_execute.external']]) {
      assert.equal(validateScopes(scopes), undefined, scopes.join());
    }
  });

  it('never lets an empty list through silently, since the server would grant every right', () => {
    assert.match(validateScopes([]) ?? '', /at least one scope.*sp:scopes:all explicitly/);
  });

  it('rejects malformed, duplicate and oversized scopes', () => {
    const cases: [string[], RegExp][] = [
      [[''], /empty/],
      [['  '], /empty/],
      [['sp:scopes:default', 'sp:scopes:default'], /listed twice/],
      [['SP:Scopes:All'], /not a scope/],
      [['sp:scopes default'], /not a scope/],
      [['sp::all'], /not a scope/],
      [[':sp'], /not a scope/],
      [['sp:'], /not a scope/],
      [['sp:scopes:all\n'], /not a scope/],
      [['[x](command:x)'], /not a scope/],
      [[`sp:${'a'.repeat(300)}`], /too long/],
      [[42 as unknown as string], /empty/],
    ];
    for (const [scopes, message] of cases) {
      assert.match(validateScopes(scopes) ?? '', message, JSON.stringify(scopes).slice(0, 40));
    }
  });
});

describe('validateAccessTokenValiditySeconds', () => {
  it('accepts whole seconds from 15 to 43200', () => {
    for (const seconds of [15, 3600, 43200]) {
      assert.equal(validateAccessTokenValiditySeconds(seconds), undefined);
    }
  });

  it('rejects everything else', () => {
    for (const seconds of [14, 43201, 0, -1, 15.5, Number.NaN, Infinity, '3600' as unknown as number]) {
      assert.match(validateAccessTokenValiditySeconds(seconds) ?? '', /15 to 43200/, String(seconds));
    }
  });
});

describe('validateExpirationDate', () => {
  it('accepts a future date-time within 6 months on v3, and later ones on v1', () => {
    assert.equal(validateExpirationDate('2026-09-01T00:00:00Z', 'v3', NOW), undefined);
    assert.equal(validateExpirationDate('2027-02-28T12:00:00Z', 'v3', NOW), undefined, '31 Aug + 6 months is the end of February');
    assert.equal(validateExpirationDate('2027-02-28T14:00:00+02:00', 'v3', NOW), undefined);
    assert.equal(validateExpirationDate(' 2026-12-01T00:00:00.123Z ', 'v3', NOW), undefined);
    assert.equal(validateExpirationDate('2030-01-01T00:00:00Z', 'v1', NOW), undefined);
  });

  it('rejects past, too distant and malformed dates', () => {
    const cases: [string, 'v3' | 'v1', RegExp][] = [
      ['2026-08-31T12:00:00Z', 'v3', /future/],
      ['2020-01-01T00:00:00Z', 'v1', /future/],
      ['2027-02-28T12:00:01Z', 'v3', /at most 6 months/],
      ['2030-01-01T00:00:00Z', 'v3', /at most 6 months/],
      ['2026-12-01', 'v3', /ISO date-time/],
      ['2026-12-01T00:00:00', 'v3', /ISO date-time/],
      ['2026-02-30T00:00:00Z', 'v1', /ISO date-time/],
      ['2026-13-01T00:00:00Z', 'v1', /ISO date-time/],
      ['2026-12-01T24:00:00Z', 'v1', /ISO date-time/],
      ['next tuesday', 'v1', /ISO date-time/],
      ['', 'v1', /ISO date-time/],
    ];
    for (const [iso, family, message] of cases) {
      assert.match(validateExpirationDate(iso, family, NOW) ?? '', message, `${iso} ${family}`);
    }
  });

  it('adds calendar months, clamping to the end of the month, across years', () => {
    assert.equal(new Date(addMonthsUtc(Date.parse('2026-08-31T12:00:00Z'), 6)).toISOString(), '2027-02-28T12:00:00.000Z');
    assert.equal(new Date(addMonthsUtc(Date.parse('2027-08-31T00:00:00Z'), 6)).toISOString(), '2028-02-29T00:00:00.000Z');
    assert.equal(new Date(addMonthsUtc(Date.parse('2026-01-15T00:00:00Z'), 6)).toISOString(), '2026-07-15T00:00:00.000Z');
  });

  it('parses only strict ISO date-times with a zone', () => {
    assert.equal(parseIsoDateTime('2026-09-01T10:00Z'), Date.parse('2026-09-01T10:00:00Z'));
    assert.equal(parseIsoDateTime('2026-09-01T10:00:00-05:00'), Date.parse('2026-09-01T15:00:00Z'));
    assert.equal(parseIsoDateTime('2026-9-1T10:00:00Z'), undefined);
    assert.equal(parseIsoDateTime('2026-09-01T10:00:60Z'), undefined);
  });
});

describe('validateCredentials', () => {
  it('refuses a client secret shorter than the redactor can mask (8 characters)', () => {
    assert.match(validateCredentials({ clientId: 'abcdef0123456789', clientSecret: 'short7!' }) ?? '', /too short/);
    assert.equal(validateCredentials({ clientId: 'abcdef0123456789', clientSecret: 'eight8ch' }), undefined);
  });

  const secret = '3f'.repeat(32);

  it('accepts PAT ids, UUID ids, other printable ids and opaque secrets', () => {
    for (const clientId of [PAT_ID, 'f7a1e2b4-3c5d-4e6f-8a9b-0c1d2e3f4a5b', 'my.client_id-01', `  ${PAT_ID}\n`]) {
      assert.equal(validateCredentials({ clientId, clientSecret: secret }), undefined, clientId);
    }
    for (const clientSecret of ['+&=%#secret', 'pä$$wörd', `\t${secret} `, 'x'.repeat(1024)]) {
      assert.equal(validateCredentials({ clientId: PAT_ID, clientSecret }), undefined, clientSecret.slice(0, 20));
    }
  });

  it('rejects empty, embedded whitespace, newlines, control characters and 1 MB values', () => {
    const cases: [string, string, RegExp][] = [
      ['', secret, /Enter the client ID/],
      ['   ', secret, /Enter the client ID/],
      [PAT_ID, '', /Enter the client secret/],
      ['abc def', secret, /spaces/],
      [`${PAT_ID}\n${PAT_ID}`, secret, /line breaks/],
      [PAT_ID, 'abc\ndef', /line breaks/],
      [PAT_ID, 'abc\u0000def', /control/],
      [PAT_ID, 'abc\u00A0def', /spaces/],
      ['idé', secret, /printable ASCII/],
      ['x'.repeat(1025), secret, /over 1 KB/],
      [PAT_ID, 'x'.repeat(1024 * 1024), /over 1 KB/],
      [PAT_ID, 'é'.repeat(513), /over 1 KB/],
    ];
    for (const [clientId, clientSecret, message] of cases) {
      assert.match(validateCredentials({ clientId, clientSecret }) ?? '', message, `${clientId.slice(0, 20)} / ${clientSecret.slice(0, 20)}`);
    }
  });

  it('never echoes the secret in its message', () => {
    const canary = 'canary secret';
    assert.ok(!(validateCredentials({ clientId: PAT_ID, clientSecret: canary }) ?? '').includes(canary));
  });

  it('trims both values', () => {
    assert.deepEqual(trimCredentials({ clientId: ` ${PAT_ID}\n`, clientSecret: '\t+&=%# ' }), { clientId: PAT_ID, clientSecret: '+&=%#' });
  });
});

describe('sanitizeForDisplay and stripUnsafeCharacters', () => {
  it('removes direction overrides and control characters, and keeps the text on one line', () => {
    assert.equal(stripUnsafeCharacters('evil\u202Etxt.exe'), 'eviltxt.exe');
    assert.equal(stripUnsafeCharacters('a\u2066b\u2069c\u200Fd\u061Ce\u0000f\u001Bg'), 'abcdefg');
    assert.equal(stripUnsafeCharacters('line1\r\nline2\ttab\u2028x'), 'line1 line2 tab x');
    assert.equal(stripUnsafeCharacters('lone \uDC00'), 'lone \uFFFD');
    assert.equal(stripUnsafeCharacters('family 👨\u200D👩\u200D👧 café'), 'family 👨\u200D👩\u200D👧 café', 'joiners and accents stay');
  });

  it('inertText keeps a name readable but lets no notification link form from it', () => {
    assert.equal(inertText('[Open](command:workbench.action.quit)'), '[Open] (command:workbench.action.quit)');
    assert.equal(inertText('a ](b) ](c)\nnext'), 'a ] (b) ] (c) next');
    assert.equal(inertText('Plain [name] (kept)'), 'Plain [name] (kept)');
  });

  it('escapes Markdown so links, command links, HTML and icons cannot form', () => {
    assert.equal(sanitizeForDisplay('[x](command:workbench.action.quit)'), '\\[x\\]\\(command\\:workbench\\.action\\.quit\\)');
    assert.equal(sanitizeForDisplay('<a href="command:x">y</a>'), '\\<a href\\=\\"command\\:x\\"\\>y\\<\\/a\\>');
    assert.equal(sanitizeForDisplay('$(alert) **bold** `code` \\'), '\\$\\(alert\\) \\*\\*bold\\*\\* \\`code\\` \\\\');
    assert.equal(sanitizeForDisplay('Plain name 42'), 'Plain name 42');
    assert.equal(sanitizeForDisplay('a\u202E[b]'), 'a\\[b\\]');
  });

  it('gives what the three replacements give on any text, clean or not (the fast path changes only speed)', () => {
    const byReplacements = (text: string): string =>
      text
        .replace(/[\t\n\v\f\r\u0085\u2028\u2029]+/gu, ' ')
        .replace(/[\p{Cc}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu, '')
        .replace(/\p{Cs}/gu, '\uFFFD');
    const special = fc.constantFrom('\u202E', '\u2066', '\u2069', '\u200E', '\u200F', '\u061C', '\u0085', '\u2028', '\r\n', '\t', '\uD800', '\uDC00', '👩', '[', '`', 'é');
    const text = fc.array(fc.oneof(fc.string({ unit: 'binary', maxLength: 8 }), special), { maxLength: 10 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (value) => {
        assert.equal(stripUnsafeCharacters(value), byReplacements(value));
        assert.equal(sanitizeForDisplay(value), byReplacements(value).replace(/[!-/:-@[-`{-~]/g, '\\$&'));
      }),
      { numRuns: 2000 },
    );
  });
});

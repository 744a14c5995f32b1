import * as assert from 'node:assert/strict';
import type { Logger } from '../../src/core/ports';
import { Redactor, defaultRedactor, encodedForms, redact, redactingLogger } from '../../src/core/client/redact';

const SECRET = 'canary+&=%# /Secret~!*()';

describe('Redactor', () => {
  it('masks a registered secret in every encoding it can travel in', () => {
    const redactor = new Redactor();
    redactor.register(SECRET);
    const base64 = Buffer.from(SECRET).toString('base64');
    const samples = [
      `raw ${SECRET} end`,
      `uri ${encodeURIComponent(SECRET)} end`,
      `form client_id=x&client_sec=${new URLSearchParams({ a: SECRET }).toString().slice(2)}&z=1`,
      `plus ${encodeURIComponent(SECRET).replace(/%20/g, '+')} end`,
      `lower ${encodeURIComponent(SECRET).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase())} end`,
      `b64 ${base64} end`,
      `b64 unpadded ${base64.replace(/=+$/, '')} end`,
      `b64url ${Buffer.from(SECRET).toString('base64url')} end`,
    ];
    for (const sample of samples) {
      const output = redactor.redact(sample);
      assert.ok(output.includes('***'), output);
      for (const form of encodedForms(SECRET)) {
        assert.ok(!output.includes(form), `${form} survived in ${output}`);
      }
    }
  });

  it('masks a secret JSON-escaped inside a body', () => {
    const redactor = new Redactor();
    const quoted = 'quote"and\\backslash-secret';
    redactor.register(quoted);
    assert.equal(redactor.redact(`{"note":${JSON.stringify(quoted)}}`), '{"note":"***"}');
  });

  describe('closes the gaps a server or a log can open (issue 10 item 5)', () => {
    const secret = 'Sp1/t-acro$s+lines~Secret';
    const redactor = new Redactor();
    redactor.register(secret);
    /** No run of 6 or more of the secret's characters survives, in any form. */
    const assertNoLeak = (input: string): void => {
      const output = redactor.redact(input);
      assert.ok(output.includes('***'), `nothing masked in ${JSON.stringify(output)}`);
      const plain = output.replace(/\\\//g, '/').replace(/[\r\n]+\s*/g, '');
      for (let start = 0; start + 6 <= secret.length; start++) {
        assert.ok(!plain.includes(secret.slice(start, start + 6)), `${secret.slice(start, start + 6)} survived in ${JSON.stringify(output)}`);
      }
    };
    const escapeEvery = (text: string): string => [...text].map((char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');

    it('a secret split over lines (CRLF, LF, an indented continuation)', () => {
      assertNoLeak(`error: ${secret.slice(0, 10)}\r\n${secret.slice(10)} was refused`);
      assertNoLeak(`error: ${secret.slice(0, 7)}\n    ${secret.slice(7)}`);
    });

    it('a secret split by a JSON \\n escape inside a string', () => {
      assertNoLeak(`{"detail":"${secret.slice(0, 12)}\\n${secret.slice(12)}"}`);
    });

    it('base64 of a secret wrapped at a line length, as MIME does', () => {
      const base64 = Buffer.from(secret).toString('base64');
      const output = redactor.redact(`${base64.slice(0, 16)}\r\n${base64.slice(16)}`);
      assert.ok(!output.includes(base64.slice(0, 16)) && !output.includes(base64.slice(16)), output);
    });

    it('JSON with every slash escaped (\\/), as PHP and some Java servers write it', () => {
      assertNoLeak(`{"message":"bad ${secret.replace(/\//g, '\\/')}"}`);
    });

    it('JSON \\u escapes, for some characters or all of them', () => {
      assertNoLeak(`{"m":"${secret.replace(/\$/g, '\\u0024').replace(/~/g, '\\u007E')}"}`);
      assertNoLeak(`{"m":"${escapeEvery(secret)}"}`);
    });

    it('percent escapes in mixed case, and escapes of characters that need none', () => {
      const mixed = encodeURIComponent(secret).replace(/%2F/g, '%2f');
      assertNoLeak(`client_secret_echo: ${mixed}`);
      const everyCharacter = [...secret].map((char) => `%${char.charCodeAt(0).toString(16)}`).join('');
      assertNoLeak(`q=${everyCharacter}`);
    });

    it('keeps the text around the secret, so the message still reads', () => {
      assert.equal(redactor.redact(`before ${secret.slice(0, 5)}\n${secret.slice(5)} after`), 'before *** after');
      assert.equal(redactor.redact(`{"m":"x ${escapeEvery(secret)} y"}`), '{"m":"x *** y"}');
    });

    it('leaves escapes and line breaks alone when no secret is in them', () => {
      const text = 'line one\nline two %2F %41 \\u0041 \\/ \\n done';
      assert.equal(redactor.redact(text), text);
    });
  });

  describe('closes what a reader would still recognise (issue 19 item 7)', () => {
    const secret = 'Zq7/kL9+mN3_pR5-sT8~vW2xY4zA6bC0&dE';
    const hex = '3f9a1c7e5b2d4f6a8c0e1b3d5f7a9c2e4b6d8f0a1c3e5b7d9f2a4c6e8b0d1f3a';
    const accented = 'Sécrét-välue-çanary-ñ';
    const redactor = new Redactor();
    redactor.register(secret);
    redactor.register(hex);
    redactor.register(accented);
    /** No run of 8 or more of the secret's characters survives, compared as a reader would read them. */
    const assertNoLeak = (input: string, registered = secret): void => {
      const output = redactor.redact(input);
      assert.ok(output.includes('***'), `nothing masked in ${JSON.stringify(output)}`);
      const read = output
        .replace(/&#x([0-9a-f]+);?/gi, (_, code: string) => String.fromCodePoint(parseInt(code, 16)))
        .replace(/&#(\d+);?/g, (_, code: string) => String.fromCodePoint(Number(code)))
        .replace(/&amp;/g, '&')
        .replace(/[\s\u200B-\u200D\u2060\uFEFF\u00AD]/g, '')
        .normalize('NFC')
        .toLowerCase();
      const wanted = registered.normalize('NFC').toLowerCase();
      for (let start = 0; start + 8 <= wanted.length; start++) {
        assert.ok(!read.includes(wanted.slice(start, start + 8)), `${wanted.slice(start, start + 8)} survived in ${JSON.stringify(output)}`);
      }
    };
    const entities = (text: string, style: 'decimal' | 'hex'): string =>
      [...text].map((char) => (style === 'decimal' ? `&#${char.codePointAt(0)};` : `&#x${char.codePointAt(0)!.toString(16)};`)).join('');

    it('HTML entities: decimal, hex, named, for some characters or all', () => {
      assertNoLeak(`<p>${entities(secret, 'decimal')}</p>`);
      assertNoLeak(`<p>${entities(secret, 'hex')}</p>`);
      assertNoLeak(`<p>${secret.replace(/&/g, '&amp;').replace(/\//g, '&#47;')}</p>`);
    });

    it('an inserted space, tab or zero-width character', () => {
      assertNoLeak(`secret ${secret.slice(0, 9)} ${secret.slice(9)} end`);
      assertNoLeak(`secret ${secret.slice(0, 9)}\t${secret.slice(9)} end`);
      for (const invisible of ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD']) {
        assertNoLeak(`secret ${[...secret].join(invisible)} end`);
      }
    });

    it('NFD (decomposed accents) of a secret registered in NFC, and the other way round', () => {
      assertNoLeak(`echo ${accented.normalize('NFD')}`, accented);
      const decomposed = new Redactor();
      decomposed.register(accented.normalize('NFD'));
      const output = decomposed.redact(`echo ${accented.normalize('NFC')} end`);
      assert.equal(output, 'echo *** end');
    });

    it('upper or lower case', () => {
      assertNoLeak(`SECRET ${secret.toUpperCase()}`);
      assertNoLeak(`secret ${secret.toLowerCase()}`);
      assertNoLeak(`hex ${hex.toUpperCase()}`, hex);
    });

    it('a run of 32 or more characters that is a prefix or a suffix of a registered secret', () => {
      assertNoLeak(`first ${hex.slice(0, 60)} cut`, hex.slice(0, 60));
      assertNoLeak(`last ${hex.slice(-40)} cut`, hex.slice(-40));
      assertNoLeak(`prefix of the other ${secret.slice(0, 32)}!`, secret.slice(0, 32));
      assert.equal(redactor.redact(`short ${hex.slice(0, 31)} stays`), `short ${hex.slice(0, 31)} stays`, 'under 32 is ordinary text');
      assert.equal(redactor.redact(`mid ${hex.slice(10, 50)} stays`), `mid ${hex.slice(10, 50)} stays`, 'only prefixes and suffixes');
    });

    it('keeps the text around what it masks', () => {
      assert.equal(redactor.redact(`before ${secret.toUpperCase()} after`), 'before *** after');
      assert.equal(redactor.redact(`before ${entities(secret, 'hex')} after`), 'before *** after');
      assert.equal(redactor.redact(`before ${hex.slice(0, 48)} after`), 'before *** after');
      assert.equal(redactor.redact(`<b>Tom &amp; Jerry</b> said HELLO\u200B world`), `<b>Tom &amp; Jerry</b> said HELLO\u200B world`);
    });
  });

  it('ignores values shorter than 8 characters', () => {
    const redactor = new Redactor();
    redactor.register('abc1234');
    assert.equal(redactor.redact('abc1234 stays'), 'abc1234 stays');
    redactor.register('abcd1234');
    assert.equal(redactor.redact('abcd1234 goes'), '*** goes');
  });

  it('leaves ordinary text alone', () => {
    const redactor = new Redactor();
    redactor.register(SECRET);
    const text = 'GET https://acme.api.identitynow.com/v3/personal-access-tokens?owner-id=me -> 200 (12 items) Basic info';
    assert.equal(redactor.redact(text), text);
  });

  it('masks credential-shaped text even when nothing was registered', () => {
    const redactor = new Redactor();
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl_-x';
    const hex = 'a1b2c3d4'.repeat(8);
    const cases: [string, string][] = [
      ['Authorization: Bearer abc.def-123_~+/=', 'Authorization: Bearer ***'],
      ['authorization: bearer xyz', 'authorization: bearer ***'],
      ['grant_type=client_credentials&client_id=id1&client_secret=p%2Bq', 'grant_type=client_credentials&client_id=id1&client_secret=***'],
      ['?access_token=abc&x=1', '?access_token=***&x=1'],
      ['{"access_token": "abc\\"def", "token_type":"bearer"}', '{"access_token": "***", "token_type":"bearer"}'],
      ['{"secret":"s1","clientSecret":"s2","client_secret":"s3","name":"n"}', '{"secret":"***","clientSecret":"***","client_secret":"***","name":"n"}'],
      [`token ${jwt} end`, 'token *** end'],
      [`secret=${hex}`, 'secret=***'],
      [`hex ${hex}.`, 'hex ***.'],
      [`0x${hex}`, '0x***'],
    ];
    for (const [input, expected] of cases) {
      assert.equal(redactor.redact(input), expected, input);
    }
    const notHex = 'a'.repeat(63);
    assert.equal(redactor.redact(notHex), notHex, 'shorter hex runs are ordinary text');
  });

  it('never lets a secret containing the mask re-form around it', () => {
    const redactor = new Redactor();
    redactor.register('ab***cd***');
    const output = redactor.redact('ab***cd***cd***');
    assert.ok(!output.includes('ab***cd***'), output);
  });

  it('stays fast with hundreds of secrets and long lines', () => {
    const redactor = new Redactor();
    for (let i = 0; i < 500; i++) {
      redactor.register(`secret-number-${i}-${'x'.repeat(20)}`);
    }
    const line = `${'lorem ipsum dolor sit amet '.repeat(4000)} secret-number-499-${'x'.repeat(20)}`;
    // CPU time of this process, not wall time: other work on a shared machine does not count against it.
    const started = process.cpuUsage();
    for (let i = 0; i < 20; i++) {
      assert.ok(redactor.redact(line).endsWith(' ***'));
    }
    // Escapes and line breaks send every line through the decoded view as well.
    const escaped = `${'lorem%20ipsum \\u0041 dolor\n'.repeat(4000)} secret-number-499-${'x'.repeat(20)}`;
    for (let i = 0; i < 20; i++) {
      assert.ok(redactor.redact(escaped).endsWith(' ***'));
    }
    const used = process.cpuUsage(started);
    const elapsedMs = (used.user + used.system) / 1000;
    assert.ok(elapsedMs < 2000, `took ${elapsedMs} ms of CPU`);
  });
});

describe('defaultRedactor, redact and redactingLogger', () => {
  it('redact() uses the process-wide redactor', () => {
    defaultRedactor.register('process-wide-canary-1');
    assert.equal(redact('x process-wide-canary-1 y'), 'x *** y');
  });

  it('redacts every level before the wrapped logger sees it', () => {
    const lines: string[] = [];
    const sink: Logger = {
      trace: (m) => lines.push(`trace ${m}`),
      debug: (m) => lines.push(`debug ${m}`),
      info: (m) => lines.push(`info ${m}`),
      warn: (m) => lines.push(`warn ${m}`),
      error: (m) => lines.push(`error ${m}`),
    };
    const redactor = new Redactor();
    redactor.register('logger-canary-secret');
    const logger = redactingLogger(sink, redactor);
    logger.trace('a logger-canary-secret');
    logger.debug('b Bearer tok');
    logger.info('c logger-canary-secret');
    logger.warn('d logger-canary-secret');
    logger.error('e logger-canary-secret');
    assert.deepEqual(lines, ['trace a ***', 'debug b Bearer ***', 'info c ***', 'warn d ***', 'error e ***']);
  });

  it('defaults to the process-wide redactor', () => {
    const lines: string[] = [];
    const sink: Logger = { trace: () => undefined, debug: () => undefined, info: (m) => lines.push(m), warn: () => undefined, error: () => undefined };
    defaultRedactor.register('process-wide-canary-2');
    redactingLogger(sink).info('process-wide-canary-2');
    assert.deepEqual(lines, ['***']);
  });
});

describe('redactingLogger keeps one entry per line', () => {
  it('strips line breaks and control characters, so a token name cannot forge a log entry', () => {
    const lines: string[] = [];
    const sink = (message: string): void => void lines.push(message);
    const logger = redactingLogger({ trace: sink, debug: sink, info: sink, warn: sink, error: sink });
    logger.info('Created token evil\n2026-12-01 [error] forged entry\r\u001b[31m (id)');
    assert.equal(lines.length, 1);
    assert.ok(![...lines[0]].some((char) => char.charCodeAt(0) < 0x20), JSON.stringify(lines[0]));
  });
});

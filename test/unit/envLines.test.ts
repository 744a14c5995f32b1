import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { envLines, shellValue } from '../../src/core/ops/envLines';
import { PatError } from '../../src/core/errors';

describe('copy as environment: envLines', () => {
  const hexId = '2c9180835d2e5168015d32f890ca1581';
  const hexSecret = 'a'.repeat(32) + '0123456789abcdef'.repeat(2);

  it('writes the three SAIL_ lines plainly for an API URL, a hex id and a hex secret', () => {
    const text = envLines({ baseUrl: 'https://acme.api.identitynow.com', clientId: hexId, clientSecret: hexSecret });
    assert.equal(
      text,
      `SAIL_BASE_URL=https://acme.api.identitynow.com\nSAIL_CLIENT_ID=${hexId}\nSAIL_CLIENT_SECRET=${hexSecret}\n`,
    );
  });

  it('single-quotes values a shell would expand or split, and escapes embedded quotes', () => {
    assert.equal(shellValue('X', 'a b'), `'a b'`);
    assert.equal(shellValue('X', '$(rm -rf ~)'), `'$(rm -rf ~)'`);
    assert.equal(shellValue('X', `it's`), `'it'\\''s'`);
    assert.equal(shellValue('X', 'x:~'), `'x:~'`);
    assert.equal(shellValue('X', 'uuid-with-dashes_and.dots'), 'uuid-with-dashes_and.dots');
  });

  it('refuses an empty value or one with a line break instead of writing a broken line', () => {
    for (const bad of ['', 'abc\ndef', 'abc\rdef', 'a\u0000b']) {
      assert.throws(() => shellValue('SAIL_CLIENT_SECRET', bad), (error: unknown) => error instanceof PatError && error.kind === 'invalid-input');
    }
  });

  it('never puts the value into its error message', () => {
    assert.throws(() => shellValue('SAIL_CLIENT_SECRET', 'topsecret\n'), (error: unknown) => error instanceof Error && !error.message.includes('topsecret'));
  });

  it('round-trips awkward values through a real POSIX shell', function () {
    const awkward = [`a'b"c$d\`e\\f`, 'space and ; | & < > * ? [ ] { } ( ) # !', 'x:~/y=~z', 'ünïcödé ✓'];
    for (const value of awkward) {
      const line = `SAIL_CLIENT_SECRET=${shellValue('SAIL_CLIENT_SECRET', value)}`;
      const echoed = execFileSync('/bin/sh', ['-c', `${line}; printf '%s' "$SAIL_CLIENT_SECRET"`], { encoding: 'utf8' });
      assert.equal(echoed, value);
    }
  });
});

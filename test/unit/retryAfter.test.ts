import * as assert from 'node:assert/strict';
import { clampDelayMs, MAX_TIMER_MS, parseRetryAfterMs } from '../../src/core/client/retryAfter';

const NOW = Date.parse('1994-11-06T08:49:00.000Z');

describe('parseRetryAfterMs', () => {
  it('reads delta-seconds', () => {
    assert.equal(parseRetryAfterMs('0', NOW), 0);
    assert.equal(parseRetryAfterMs('7', NOW), 7000);
    assert.equal(parseRetryAfterMs(' 120 ', NOW), 120_000);
  });

  it('reads the three HTTP-date forms relative to now', () => {
    assert.equal(parseRetryAfterMs('Sun, 06 Nov 1994 08:49:37 GMT', NOW), 37_000);
    assert.equal(parseRetryAfterMs('Sunday, 06-Nov-94 08:49:37 GMT', NOW), 37_000);
    assert.equal(parseRetryAfterMs('Sun Nov  6 08:49:37 1994', NOW), 37_000);
  });

  it('treats a date in the past as no wait', () => {
    assert.equal(parseRetryAfterMs('Sat, 05 Nov 1994 08:49:37 GMT', NOW), 0);
  });

  for (const garbage of ['', '   ', '10abc', '-5', '1.5', 'NaN', 'Infinity', '0x10', '1e3', 'tomorrow', '10 GMT', 'Sun, 06 Nov 1994 25:49:37 GMT']) {
    it(`ignores ${JSON.stringify(garbage)}`, () => {
      assert.equal(parseRetryAfterMs(garbage, NOW), undefined);
    });
  }

  it('ignores a missing header', () => {
    assert.equal(parseRetryAfterMs(null, NOW), undefined);
    assert.equal(parseRetryAfterMs(undefined, NOW), undefined);
  });

  it('keeps absurdly large values finite', () => {
    const ms = parseRetryAfterMs('9'.repeat(400), NOW);
    assert.equal(ms, Number.MAX_SAFE_INTEGER);
  });
});

describe('clampDelayMs', () => {
  it('keeps delays within [0, max]', () => {
    assert.equal(clampDelayMs(-1, 60_000), 0);
    assert.equal(clampDelayMs(30_000, 60_000), 30_000);
    assert.equal(clampDelayMs(10 ** 12, 60_000), 60_000);
  });

  it('never exceeds what setTimeout can represent', () => {
    assert.equal(clampDelayMs(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER), MAX_TIMER_MS);
  });

  it('turns NaN into the longest allowed wait rather than a hot loop', () => {
    assert.equal(clampDelayMs(Number.NaN, 60_000), 60_000);
  });

  it('treats a NaN ceiling as no wait rather than passing NaN to a timer', () => {
    assert.equal(clampDelayMs(5000, Number.NaN), 0);
  });
});

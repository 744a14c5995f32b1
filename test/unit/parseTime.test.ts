import * as assert from 'node:assert/strict';
import { parseTime } from '../../src/core/ops/expiry';

/** What parseTime promises: Date.parse's answer for any text, undefined where Date.parse says NaN. */
function expected(text: string): number | undefined {
  const time = Date.parse(text);
  return Number.isNaN(time) ? undefined : time;
}

/** A small deterministic generator, so a failure names a reproducible case. */
function* seeded(seed: number): Generator<number> {
  let state = seed;
  for (;;) {
    state = (state * 48271) % 2147483647;
    yield state;
  }
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

describe('parseTime: ISO dates from the server', () => {
  it('reads every instant written as ISC writes them, with and without milliseconds, as Date.parse does', () => {
    const random = seeded(20_261_207);
    for (let index = 0; index < 20_000; index++) {
      const ms = (random.next().value % 400_000) * 86_400_000 - 62_000_000_000_000 + (random.next().value % 86_400_000);
      const iso = new Date(ms).toISOString();
      assert.equal(parseTime(iso), ms, iso);
      const whole = iso.replace(/\.\d{3}Z$/, 'Z');
      assert.equal(parseTime(whole), expected(whole), whole);
    }
  });

  it('agrees with Date.parse on every calendar edge: leap days, month ends, midnight, year 0000 and 9999', () => {
    const cases: string[] = [];
    for (const year of [0, 1, 99, 100, 1582, 1900, 1970, 1999, 2000, 2024, 2100, 9999]) {
      for (let month = 0; month <= 13; month++) {
        for (const day of [0, 1, 28, 29, 30, 31, 32]) {
          cases.push(`${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T00:00:00.000Z`);
        }
      }
    }
    for (const time of ['23:59:59.999', '24:00:00.000', '24:00:00.001', '23:60:00.000', '23:59:60.000', '25:00:00.000', '00:00:00']) {
      cases.push(`2026-08-15T${time}Z`);
    }
    for (const text of cases) assert.equal(parseTime(text), expected(text), text);
  });

  it('gives any other text to Date.parse, or calls it unreadable, exactly as Date.parse would', () => {
    const odd = [
      '2026-08-15T12:00:00.000+00:00',
      '2026-08-15T12:00:00.000+02:00',
      '2026-08-15T12:00:00.00Z',
      '2026-08-15T12:00:00.0000Z',
      '2026-08-15T12:00:00.000z',
      '2026-08-15t12:00:00.000Z',
      '2026-08-15 12:00:00.000Z',
      '2026-08-15T12:00:00.000',
      '2026-08-15',
      '+002026-08-15T12:00:00.000Z',
      '-000001-01-01T00:00:00.000Z',
      '２０２６-08-15T12:00:00.000Z',
      '2026-08-1aT12:00:00.000Z',
      '2026-08-15T12:00:0/.000Z',
      '2026-08-15T12:00:00.00:Z',
      '2026/08/15T12:00:00.000Z',
      ' 2026-08-15T12:00:00.000Z',
      '2026-08-15T12:00:00.000Z ',
      'Sat, 15 Aug 2026 12:00:00 GMT',
      'not a date',
      '',
      'x'.repeat(24),
      '0000-00-00T00:00:00.000Z',
    ];
    for (const text of odd) assert.equal(parseTime(text), expected(text), JSON.stringify(text));
    assert.equal(parseTime(null), undefined);
  });
});

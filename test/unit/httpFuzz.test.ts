import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { cleanServerText, MAX_SERVER_MESSAGE_CHARS, parseErrorBody } from '../../src/core/client/errorBody';
import { clampDelayMs, MAX_TIMER_MS, parseRetryAfterMs } from '../../src/core/client/retryAfter';

const RUNS = { numRuns: 2000 };
const UNSAFE = /[\p{Cc}\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069]/u;

/** Strings shaped like Retry-After values, near-misses included. */
const retryAfterLike = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 400n }).map(String),
  fc.tuple(fc.nat(), fc.constantFrom('', 'abc', '.5', 'e3', ' ', '\n', 's')).map(([n, suffix]) => `${n}${suffix}`),
  fc.date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true }).map((d) => d.toUTCString()),
  fc.constantFrom('', '-0', '+5', 'NaN', 'Infinity', '0x1F', 'Sun, 06 Nov 1994 08:49:37 GMT', 'Sun Nov  6 08:49:37 1994'),
);
const anyNow = fc.oneof(fc.integer({ min: -8.64e15, max: 8.64e15 }), fc.constantFrom(Number.NaN, Infinity, -Infinity, 0));

describe('fuzz: parseRetryAfterMs', () => {
  it('never throws and never answers a negative, fractional-garbage or unbounded wait', () => {
    fc.assert(
      fc.property(fc.option(retryAfterLike, { nil: null }), anyNow, (value, now) => {
        const ms = parseRetryAfterMs(value, now);
        if (ms !== undefined) {
          assert.ok(Number.isFinite(ms), `not finite: ${ms}`);
          assert.ok(ms >= 0 && ms <= Number.MAX_SAFE_INTEGER, `out of range: ${ms}`);
        }
      }),
      RUNS,
    );
  });

  it('reads every whole number of seconds exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 9 }), anyNow, (seconds, now) => {
        assert.equal(parseRetryAfterMs(String(seconds), now), seconds * 1000);
      }),
      RUNS,
    );
  });

  it('reads every IMF-fixdate as the time until then', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(9999, 11, 31) }),
        fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(9999, 11, 31) }),
        (when, now) => {
          const wholeSecond = Math.floor(when / 1000) * 1000;
          assert.equal(parseRetryAfterMs(new Date(when).toUTCString(), now), Math.max(0, wholeSecond - now));
        },
      ),
      RUNS,
    );
  });
});

describe('fuzz: clampDelayMs', () => {
  it('always lands in [0, min(max, setTimeout limit)]', () => {
    fc.assert(
      fc.property(fc.double(), fc.double(), (ms, max) => {
        const clamped = clampDelayMs(ms, max);
        assert.ok(!Number.isNaN(clamped));
        assert.ok(clamped >= 0 && clamped <= MAX_TIMER_MS);
        assert.ok(clamped <= (Number.isNaN(max) ? 0 : Math.max(0, max)));
      }),
      RUNS,
    );
  });
});

const jsonishText = fc.oneof(
  fc.json({ maxDepth: 3 }),
  fc.json({ maxDepth: 3 }).map((json) => json.slice(0, Math.floor(json.length / 2))),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 300 }).map((s) => `<html><title>${s}</title>${s}</html>`),
  fc
    .record({
      detailCode: fc.option(fc.string({ unit: 'binary' }), { nil: undefined }),
      trackingId: fc.option(fc.string({ unit: 'binary' }), { nil: undefined }),
      messages: fc.option(
        fc.array(fc.record({ locale: fc.constantFrom('en-US', 'fr-FR', 'de', '', 'xx'), text: fc.string({ unit: 'binary', maxLength: 2000 }) })),
        { nil: undefined },
      ),
      error: fc.option(fc.string({ unit: 'binary' }), { nil: undefined }),
      error_description: fc.option(fc.string({ unit: 'binary' }), { nil: undefined }),
      message: fc.option(fc.anything(), { nil: undefined }),
    })
    .map((record) => JSON.stringify(record)),
);

describe('fuzz: parseErrorBody', () => {
  it('never throws, and everything it returns is short, one line and free of control or direction characters', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 599 }),
        fc.option(fc.constantFrom('application/json', 'text/html', 'text/plain', 'application/json;charset=UTF-8', ''), { nil: null }),
        jsonishText,
        fc.option(fc.constantFrom('en-US', 'fr', 'de-DE', ''), { nil: undefined }),
        (status, contentType, text, locale) => {
          const facts = parseErrorBody(status, contentType, text, locale);
          for (const [field, limit] of [
            [facts.serverMessage, MAX_SERVER_MESSAGE_CHARS],
            [facts.detailCode, 100],
            [facts.trackingId, 100],
          ] as const) {
            if (field !== undefined) {
              assert.ok(field.length <= limit, `too long: ${field.length}`);
              assert.ok(!UNSAFE.test(field), `unsafe character in ${JSON.stringify(field)}`);
              assert.ok(!field.includes(']('), 'link syntax survived');
              assert.ok(!/\s{2}/.test(field), 'runs of whitespace survived');
            }
          }
        },
      ),
      RUNS,
    );
  });

  it("picks the user's locale when an ErrorResponseDto has it", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }).filter((t) => /\S/.test(t)), (text) => {
        const body = JSON.stringify({ messages: [{ locale: 'en-US', text: 'english' }, { locale: 'fr-FR', text }] });
        assert.equal(parseErrorBody(400, 'application/json', body, 'fr-FR').serverMessage, cleanServerText(text));
      }),
      RUNS,
    );
  });
});

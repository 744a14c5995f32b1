// Reads the Retry-After header (RFC 9110 §10.2.3): delta-seconds or an HTTP-date. Anything else is ignored,
// so a garbage value falls back to the caller's backoff instead of a hot loop or a timer overflow.

/** Longest delay setTimeout accepts; larger values fire immediately in Node. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

const DELTA_SECONDS = /^\d+$/;
const DAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
const LONG_DAY = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';
const TIME = '\\d{2}:\\d{2}:\\d{2}';
const IMF_FIXDATE = new RegExp(`^${DAY}, \\d{2} ${MONTH} \\d{4} ${TIME} GMT$`);
const RFC850_DATE = new RegExp(`^${LONG_DAY}, \\d{2}-${MONTH}-\\d{2} ${TIME} GMT$`);
const ASCTIME_DATE = new RegExp(`^${DAY} ${MONTH} [ \\d]\\d ${TIME} \\d{4}$`);

/**
 * Milliseconds to wait, or undefined when the value is missing or not a valid Retry-After.
 * Never negative, never NaN; a date in the past means 0. Callers clamp the result to their own policy.
 */
export function parseRetryAfterMs(value: string | null | undefined, nowMs: number): number | undefined {
  if (value === null || value === undefined) {
    return undefined;
  }
  const trimmed = value.trim();
  if (DELTA_SECONDS.test(trimmed)) {
    return Math.min(Number(trimmed) * 1000, Number.MAX_SAFE_INTEGER);
  }
  const dateMs = parseHttpDate(trimmed);
  if (dateMs === undefined || !Number.isFinite(nowMs)) {
    return undefined;
  }
  return Math.min(Math.max(0, dateMs - nowMs), Number.MAX_SAFE_INTEGER);
}

function parseHttpDate(value: string): number | undefined {
  let parsed: number;
  if (IMF_FIXDATE.test(value) || RFC850_DATE.test(value)) {
    parsed = Date.parse(value);
  } else if (ASCTIME_DATE.test(value)) {
    // asctime carries no zone but is defined as GMT; without the suffix Date.parse would use local time.
    parsed = Date.parse(`${value} GMT`);
  } else {
    return undefined;
  }
  return Number.isFinite(parsed) ? parsed : undefined;
}

/** Clamps a delay into [0, maxMs] and into what setTimeout can represent; a NaN ceiling allows no wait at all. */
export function clampDelayMs(ms: number, maxMs: number): number {
  const ceiling = Number.isNaN(maxMs) ? 0 : Math.min(Math.max(0, maxMs), MAX_TIMER_MS);
  if (Number.isNaN(ms)) {
    return ceiling;
  }
  return Math.min(Math.max(0, ms), ceiling);
}

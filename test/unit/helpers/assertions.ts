// Small test utilities shared by the core's unit tests.
import * as assert from 'node:assert/strict';
import { isPatError, type PatError } from '../../../src/core/errors';
import type { Logger } from '../../../src/core/ports';

/** Awaits a promise that must reject with a PatError, and returns that error for further checks. */
export async function rejection(promise: Promise<unknown>): Promise<PatError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(isPatError(error), `expected a PatError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a rejection with a PatError');
}

/** A Logger that keeps every line, at every level, in `lines`. */
export function capturingLogger(lines: string[]): Logger {
  const push = (message: string): void => {
    lines.push(message);
  };
  return { trace: push, debug: push, info: push, warn: push, error: push };
}

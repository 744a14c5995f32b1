import * as assert from 'node:assert/strict';
import { RequestGate } from '../../src/core/client/limits';
import { abortReason, type Clock } from '../../src/core/ports';

/** A clock that only moves when the test says so. */
class ManualClock implements Clock {
  private current = 1_000_000;
  private sleepers: Array<{ until: number; resolve: () => void }> = [];

  now(): number {
    return this.current;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const sleeper = { until: this.current + ms, resolve };
      this.sleepers.push(sleeper);
      signal?.addEventListener('abort', () => {
        this.sleepers = this.sleepers.filter((s) => s !== sleeper);
        reject(abortReason(signal));
      });
    });
  }

  async advance(ms: number): Promise<void> {
    this.current += ms;
    const due = this.sleepers.filter((s) => s.until <= this.current);
    this.sleepers = this.sleepers.filter((s) => s.until > this.current);
    due.forEach((s) => s.resolve());
    await settle();
  }
}

function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Tracks whether a promise has settled without awaiting it. */
function track<T>(promise: Promise<T>): { done: () => boolean; promise: Promise<T> } {
  let done = false;
  promise.then(
    () => (done = true),
    () => (done = true),
  );
  return { done: () => done, promise };
}

const ROOMY_RATE = { requests: 1000, intervalMs: 1000 };

describe('RequestGate', () => {
  it('admits at most maxInFlight requests and hands slots over in order', async () => {
    const gate = new RequestGate({ maxInFlight: 2, rateLimit: ROOMY_RATE, clock: new ManualClock() });
    const first = await gate.acquire();
    await gate.acquire();
    const third = track(gate.acquire());
    const fourth = track(gate.acquire());
    await settle();
    assert.equal(third.done(), false);
    assert.equal(gate.inFlightCount, 2);

    first();
    await settle();
    assert.equal(third.done(), true);
    assert.equal(fourth.done(), false);
    assert.equal(gate.inFlightCount, 2);
  });

  it('frees only one slot when a release is called twice', async () => {
    const gate = new RequestGate({ maxInFlight: 1, rateLimit: ROOMY_RATE, clock: new ManualClock() });
    const release = await gate.acquire();
    const second = track(gate.acquire());
    const third = track(gate.acquire());
    release();
    release();
    await settle();
    assert.equal(second.done(), true);
    assert.equal(third.done(), false);
  });

  it('drops an aborted waiter from the queue without taking a slot', async () => {
    const gate = new RequestGate({ maxInFlight: 1, rateLimit: ROOMY_RATE, clock: new ManualClock() });
    const release = await gate.acquire();
    const controller = new AbortController();
    const cancelled = gate.acquire(controller.signal);
    const next = track(gate.acquire());
    controller.abort(new Error('user cancelled'));
    await assert.rejects(cancelled, /user cancelled/);
    release();
    await settle();
    assert.equal(next.done(), true);
    assert.equal(gate.inFlightCount, 1);
  });

  it('rejects at once when the signal is already aborted', async () => {
    const gate = new RequestGate({ clock: new ManualClock() });
    await assert.rejects(gate.acquire(AbortSignal.abort(new Error('gone'))), /gone/);
    assert.equal(gate.inFlightCount, 0);
  });

  it('spaces starts evenly instead of letting a window fill at once', async () => {
    const clock = new ManualClock();
    const gate = new RequestGate({ maxInFlight: 100, rateLimit: { requests: 4, intervalMs: 1000 }, clock });
    const origin = clock.now();
    const starts: number[] = [];
    const all = Array.from({ length: 5 }, () =>
      gate.acquire().then((release) => {
        starts.push(clock.now() - origin);
        release();
      }),
    );
    await clock.advance(0);
    for (let i = 0; i < 120; i++) {
      await clock.advance(10);
    }
    await Promise.all(all);
    assert.deepEqual(starts, [0, 250, 500, 750, 1000]);
  });

  it('lets a small burst start at once, then paces the rest', async () => {
    const clock = new ManualClock();
    // 5 % of 40 per second: two may start back to back, then one every 25 ms.
    const gate = new RequestGate({ maxInFlight: 100, rateLimit: { requests: 40, intervalMs: 1000 }, clock });
    const origin = clock.now();
    const starts: number[] = [];
    const all = Array.from({ length: 4 }, () =>
      gate.acquire().then((release) => {
        starts.push(clock.now() - origin);
        release();
      }),
    );
    await clock.advance(0);
    for (let i = 0; i < 20; i++) {
      await clock.advance(5);
    }
    await Promise.all(all);
    assert.deepEqual(starts, [0, 0, 25, 50]);
  });

  it('spreads a burst so every interval holds at most the limit', async () => {
    const clock = new ManualClock();
    const gate = new RequestGate({ maxInFlight: 100, rateLimit: { requests: 2, intervalMs: 100 }, clock });
    const starts: number[] = [];
    const burst = Array.from({ length: 7 }, () =>
      gate.acquire().then((release) => {
        starts.push(clock.now());
        release();
      }),
    );
    for (let i = 0; i < 10; i++) {
      await clock.advance(50);
    }
    await Promise.all(burst);
    for (const start of starts) {
      assert.ok(starts.filter((s) => s >= start && s < start + 100).length <= 2, `too many starts near ${start}`);
    }
  });

  it('releases the slot of a request cancelled while waiting for the rate window', async () => {
    const clock = new ManualClock();
    const gate = new RequestGate({ maxInFlight: 2, rateLimit: { requests: 1, intervalMs: 1000 }, clock });
    (await gate.acquire())();
    const controller = new AbortController();
    const waiting = gate.acquire(controller.signal);
    await settle();
    assert.equal(gate.inFlightCount, 1);
    controller.abort();
    await assert.rejects(waiting);
    assert.equal(gate.inFlightCount, 0);
  });

  it('holds every new request until a pause ends', async () => {
    const clock = new ManualClock();
    const gate = new RequestGate({ rateLimit: ROOMY_RATE, clock });
    gate.pauseUntil(clock.now() + 5000);
    const a = track(gate.acquire());
    const b = track(gate.acquire());
    await clock.advance(4999);
    assert.equal(a.done() || b.done(), false);
    await clock.advance(1);
    assert.equal(a.done() && b.done(), true);
  });

  it('never shortens a pause already in force', async () => {
    const clock = new ManualClock();
    const gate = new RequestGate({ rateLimit: ROOMY_RATE, clock });
    gate.pauseUntil(clock.now() + 5000);
    gate.pauseUntil(clock.now() + 10);
    gate.pauseUntil(Number.NaN);
    const a = track(gate.acquire());
    await clock.advance(4000);
    assert.equal(a.done(), false);
    await clock.advance(1000);
    assert.equal(a.done(), true);
  });
});

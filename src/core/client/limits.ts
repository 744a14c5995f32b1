// Per-tenant admission control: a bounded number of requests in flight, a client-side rate limit kept under
// ISC's 100 requests per 10 s per client id (starts evenly spaced after a small burst, never more than the limit in
// any sliding window), and a shared pause so one 429 holds back every request of the tenant.
import { abortReason, type Clock, systemClock } from '../ports';

export interface RateLimit {
  requests: number;
  intervalMs: number;
}

export interface RequestGateOptions {
  maxInFlight?: number;
  rateLimit?: RateLimit;
  clock?: Clock;
}

export const DEFAULT_MAX_IN_FLIGHT = 4;
export const DEFAULT_RATE_LIMIT: RateLimit = { requests: 95, intervalMs: 10_000 };
/** Share of the limit that may start back to back; the rest is spaced evenly so no window edge sees a burst. */
const BURST_SHARE = 0.05;

/** Gives back the slot taken by `acquire`; calling it more than once is harmless. */
export type ReleaseSlot = () => void;

export class RequestGate {
  private readonly maxInFlight: number;
  private readonly rateLimit: RateLimit;
  private readonly clock: Clock;
  private inFlight = 0;
  private readonly slotQueue: Array<() => void> = [];
  /** Start times inside the current rate window, oldest first. */
  private readonly recentStarts: number[] = [];
  private pausedUntilMs = 0;
  /** Even spacing (a GCRA): the time the next start is due, and how far ahead of it a small burst may start. */
  private readonly spacingMs: number;
  private readonly burstToleranceMs: number;
  private nextDueMs = 0;

  constructor(options: RequestGateOptions = {}) {
    this.maxInFlight = Math.max(1, Math.floor(options.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT));
    const rate = options.rateLimit ?? DEFAULT_RATE_LIMIT;
    this.rateLimit = { requests: Math.max(1, Math.floor(rate.requests)), intervalMs: Math.max(0, rate.intervalMs) };
    this.clock = options.clock ?? systemClock;
    this.spacingMs = this.rateLimit.intervalMs / this.rateLimit.requests;
    const burst = Math.max(1, Math.ceil(this.rateLimit.requests * BURST_SHARE));
    this.burstToleranceMs = (burst - 1) * this.spacingMs;
  }

  /** Requests currently admitted and not yet released. */
  get inFlightCount(): number {
    return this.inFlight;
  }

  /** Waits for a free slot, the rate window and any pause; rejects with the signal's reason when it aborts. */
  async acquire(signal?: AbortSignal): Promise<ReleaseSlot> {
    await this.takeSlot(signal);
    try {
      await this.waitForStartAllowed(signal);
    } catch (error) {
      this.releaseSlot();
      throw error;
    }
    let released = false;
    return () => {
      if (!released) {
        released = true;
        this.releaseSlot();
      }
    };
  }

  /** Holds back every request not yet started until `epochMs` (a Retry-After seen by any request). */
  pauseUntil(epochMs: number): void {
    if (Number.isFinite(epochMs)) {
      this.pausedUntilMs = Math.max(this.pausedUntilMs, epochMs);
    }
  }

  private takeSlot(signal: AbortSignal | undefined): Promise<void> {
    if (signal?.aborted) {
      return Promise.reject(abortReason(signal));
    }
    if (this.inFlight < this.maxInFlight && this.slotQueue.length === 0) {
      this.inFlight++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        const index = this.slotQueue.indexOf(handOver);
        if (index >= 0) {
          this.slotQueue.splice(index, 1);
        }
        reject(abortReason(signal));
      };
      const handOver = (): void => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      this.slotQueue.push(handOver);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  private releaseSlot(): void {
    const next = this.slotQueue.shift();
    if (next) {
      // The slot passes straight to the next waiter, so the in-flight count does not change.
      next();
    } else {
      this.inFlight--;
    }
  }

  private async waitForStartAllowed(signal: AbortSignal | undefined): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      const waitMs = this.delayBeforeStart(now);
      if (waitMs <= 0) {
        // Recorded in the same tick as the check, so two waiters cannot both take the last place in the window.
        this.recentStarts.push(now);
        this.nextDueMs = Math.max(this.nextDueMs, now) + this.spacingMs;
        return;
      }
      await this.clock.sleep(waitMs, signal);
    }
  }

  private delayBeforeStart(now: number): number {
    const { requests, intervalMs } = this.rateLimit;
    while (this.recentStarts.length > 0 && this.recentStarts[0] <= now - intervalMs) {
      this.recentStarts.shift();
    }
    const rateWait = this.recentStarts.length < requests ? 0 : this.recentStarts[0] + intervalMs - now;
    const paceWait = this.nextDueMs - this.burstToleranceMs - now;
    return Math.max(rateWait, paceWait, this.pausedUntilMs - now);
  }
}

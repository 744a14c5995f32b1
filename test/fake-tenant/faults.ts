// Injected faults, consumed in order of injection among the specs that match a request; and the rate limit.
import { errorResponseDto, rateLimitReply } from './replies';
import type { Fault, FaultSpec, Reply, RequestMatcher } from './types';

export function matchesRequest(match: RequestMatcher | undefined, method: string, path: string): boolean {
  if (match === undefined) {
    return true;
  }
  if (match.method !== undefined && match.method.toUpperCase() !== method.toUpperCase()) {
    return false;
  }
  if (match.path === undefined) {
    return true;
  }
  return typeof match.path === 'string' ? match.path === path : match.path.test(path);
}

export class FaultQueue {
  private specs: { fault: Fault; match?: RequestMatcher; remaining: number }[] = [];

  add(spec: FaultSpec): void {
    const remaining = spec.times ?? 1;
    if (!(remaining > 0)) {
      throw new Error('FaultSpec.times must be positive');
    }
    this.specs.push({ fault: spec.fault, match: spec.match, remaining });
  }

  clear(): void {
    this.specs = [];
  }

  take(method: string, path: string): Fault | undefined {
    const spec = this.specs.find((candidate) => matchesRequest(candidate.match, method, path));
    if (spec === undefined) {
      return undefined;
    }
    spec.remaining--;
    if (spec.remaining <= 0) {
      this.specs = this.specs.filter((candidate) => candidate !== spec);
    }
    return spec.fault;
  }
}

/** The answer of a fault that replaces the server's own answer, or undefined for faults that wrap it. */
export function replacementReply(fault: Fault): Reply | undefined {
  switch (fault.kind) {
    case 'status':
      return {
        status: fault.status,
        headers: { 'content-type': fault.contentType ?? 'application/json;charset=UTF-8', ...fault.headers },
        body: fault.body ?? JSON.stringify(errorResponseDto(fault.status, `Injected fault: status ${fault.status}`)),
      };
    case 'rate-limit':
      return rateLimitReply(fault.retryAfter);
    case 'redirect':
      return { status: fault.status ?? 302, headers: { location: fault.location }, body: '' };
    case 'body':
      return { status: fault.status ?? 200, headers: { 'content-type': fault.contentType ?? 'application/json' }, body: fault.body };
    default:
      return undefined;
  }
}

/** A fixed window per client id, like ISC's "100 requests per 10 seconds per client id". */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(private readonly limit: { requests: number; intervalMs: number }) {}

  /** Seconds to wait when the client is over its limit, else undefined. */
  check(clientId: string | undefined): number | undefined {
    if (clientId === undefined) {
      return undefined;
    }
    const now = Date.now();
    let window = this.windows.get(clientId);
    if (window === undefined || now - window.start >= this.limit.intervalMs) {
      window = { start: now, count: 0 };
      this.windows.set(clientId, window);
    }
    window.count++;
    if (window.count <= this.limit.requests) {
      return undefined;
    }
    return Math.max(1, Math.ceil((window.start + this.limit.intervalMs - now) / 1000));
  }
}

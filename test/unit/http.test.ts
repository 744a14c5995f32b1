import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { HttpClient, type HttpClientOptions, type HttpRequest } from '../../src/core/client/http';
import { RequestGate } from '../../src/core/client/limits';
import type { Clock } from '../../src/core/ports';
import { abortReason } from '../../src/core/ports';
import { Redactor } from '../../src/core/client/redact';
import { FakeTenant } from '../fake-tenant/server';
import { capturingLogger, rejection } from './helpers/assertions';

/** Real time, but every sleep is recorded and skipped (time jumps forward instead). */
class RecordingClock implements Clock {
  readonly sleeps: number[] = [];
  private skippedMs = 0;

  now(): number {
    return Date.now() + this.skippedMs;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) {
      return Promise.reject(abortReason(signal));
    }
    this.sleeps.push(ms);
    this.skippedMs += ms;
    return Promise.resolve();
  }
}

async function startCountingServer(): Promise<{ server: Server; url: string; hits: () => number }> {
  let hits = 0;
  const server = createServer((_request, response) => {
    hits++;
    response.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits: () => hits };
}

const PATH = '/v3/personal-access-tokens';

async function waitUntil(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    assert.ok(Date.now() < deadline, 'the condition never came true');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('HttpClient against the fake tenant', () => {
  let fake: FakeTenant;
  let clock: RecordingClock;

  before(async () => {
    fake = await FakeTenant.start();
  });
  after(async () => {
    await fake.stop();
  });
  beforeEach(() => {
    fake.clearFaults();
    fake.resetRequests();
    clock = new RecordingClock();
  });

  function client(options: HttpClientOptions = {}): HttpClient {
    return new HttpClient({ clock, random: () => 0.5, timeoutMs: 5000, redactor: new Redactor(), ...options });
  }

  function get(overrides: Partial<HttpRequest> = {}): HttpRequest {
    return { method: 'GET', url: `${fake.baseUrl}${PATH}`, description: 'Listing tokens', ...overrides };
  }

  describe('answers', () => {
    it('resolves a 2xx with status, lower-case headers and text', async () => {
      const response = await client().request(get({ url: `${fake.baseUrl}/oauth/info` }));
      assert.equal(response.status, 200);
      assert.match(response.headers['content-type'], /json/);
      assert.equal((JSON.parse(response.text) as { tenantName: string }).tenantName, 'fake-tenant');
    });

    it("turns an ErrorResponseDto into a message with the server's text and tracking id", async () => {
      const body = JSON.stringify({
        detailCode: '400.1 Bad Request Content',
        trackingId: '0f1e2d3c4b5a69788796a5b4c3d2e1f0',
        messages: [{ locale: 'en-US', localeOrigin: 'DEFAULT', text: 'The filter lastUsed gt is not supported.' }],
      });
      fake.inject({ fault: { kind: 'status', status: 400, body } });
      const error = await rejection(client().request(get()));
      assert.equal(error.kind, 'http');
      assert.equal(error.status, 400);
      assert.equal(error.trackingId, '0f1e2d3c4b5a69788796a5b4c3d2e1f0');
      assert.equal(error.detailCode, '400.1 Bad Request Content');
      assert.equal(
        error.message,
        'Listing tokens failed: 400 Bad Request: The filter lastUsed gt is not supported. (tracking id 0f1e2d3c4b5a69788796a5b4c3d2e1f0)',
      );
    });

    const kinds: Array<[number, string]> = [
      [401, 'unauthorized'],
      [403, 'forbidden'],
      [404, 'not-found'],
      [409, 'conflict'],
      [422, 'http'],
      [418, 'http'],
    ];
    for (const [status, kind] of kinds) {
      it(`maps ${status} to ${kind} without retrying`, async () => {
        fake.inject({ fault: { kind: 'status', status } });
        const error = await rejection(client().request(get()));
        assert.equal(error.kind, kind);
        assert.equal(error.status, status);
        assert.equal(fake.count({ path: PATH }), 1);
      });
    }

    it('shows a server reason phrase as inert text', async () => {
      const server = createServer((_request, response) => {
        response.writeHead(400, 'Bad [x](command:workbench.action.quit)', { 'Content-Type': 'text/plain' });
        response.end();
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v3/personal-access-tokens`;
        const error = await rejection(client().request({ method: 'GET', url, description: 'Listing tokens' }));
        assert.equal(error.status, 400);
        assert.doesNotMatch(error.message, /\]\(command:/);
        assert.match(error.message, /^Listing tokens failed: 400 Bad \[x\] \(command:/);
      } finally {
        server.close();
      }
    });

    const badBodies: Array<[string, { body: string; contentType: string }, RegExp]> = [
      ['truncated JSON', { body: '{"messages":[{"locale":"en-US","te', contentType: 'application/json' }, /500 Internal Server Error: a malformed or truncated JSON body$/],
      ['an empty body', { body: '', contentType: 'application/json' }, /failed: 500 Internal Server Error$/],
      ['a proxy page', { body: '<html><head><title>Gateway down</title></head></html>', contentType: 'text/html' }, /an HTML page, probably from a proxy: "Gateway down"/],
      ['a 5 MB HTML page', { body: `<html><title>Huge</title>${'x'.repeat(5 * 1024 * 1024)}</html>`, contentType: 'text/html' }, /an HTML page, probably from a proxy: "Huge"$/],
      ['plain text', { body: 'upstream connect error', contentType: 'text/plain' }, /500 Internal Server Error: upstream connect error$/],
    ];
    for (const [what, { body, contentType }, expected] of badBodies) {
      it(`gives a useful message for ${what}`, async () => {
        fake.inject({ fault: { kind: 'status', status: 500, body, contentType } });
        const error = await rejection(client().request(get({ method: 'POST' })));
        assert.equal(error.kind, 'server');
        assert.match(error.message, expected);
        assert.ok(error.message.length < 700);
      });
    }

    it('decodes a character whose UTF-8 bytes arrive in two network chunks', async () => {
      const text = JSON.stringify({ name: 'Zürich – Øresund 東京 🔑' });
      const bytes = Buffer.from(text, 'utf8');
      const split = bytes.indexOf(Buffer.from('東', 'utf8')) + 1;
      const server = createServer((_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.write(bytes.subarray(0, split));
        // A pause, so the halves reach the client as separate chunks.
        setTimeout(() => response.end(bytes.subarray(split)), 50);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${PATH}`;
        const response = await client().request(get({ url }));
        assert.equal(response.text, text);
      } finally {
        server.close();
      }
    });

    it('refuses a body larger than the cap', async () => {
      fake.inject({ fault: { kind: 'body', body: JSON.stringify('y'.repeat(4096)) } });
      const error = await rejection(client({ maxBodyBytes: 1024 }).request(get()));
      assert.equal(error.kind, 'bad-response');
      assert.match(error.message, /larger than/);
    });

    it('refuses a body without a declared length once it grows past the cap, and stops reading it', async () => {
      const CHUNK = 'y'.repeat(64 * 1024);
      const FULL_BYTES = 32 * 1024 * 1024;
      let written = 0;
      let closed = false;
      const server = createServer((_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        // No content-length: the cap can only be seen while reading. The server would send 32 MiB.
        const writeMore = (): void => {
          while (written < FULL_BYTES && !response.destroyed) {
            written += CHUNK.length;
            if (!response.write(CHUNK)) return void response.once('drain', writeMore);
          }
          response.end();
        };
        response.once('close', () => (closed = true));
        writeMore();
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${PATH}`;
        const error = await rejection(client({ maxBodyBytes: 200 * 1024 }).request(get({ url })));
        assert.equal(error.kind, 'bad-response');
        assert.match(error.message, /larger than 0\.2 MiB/);
        await waitUntil(() => closed);
        assert.ok(written < FULL_BYTES, `the server wrote all ${written} bytes: the client kept reading`);
      } finally {
        server.close();
      }
    });

    it('masks registered secrets that the server echoes back', async () => {
      const redactor = new Redactor();
      redactor.register('echoed-secret-4242');
      fake.inject({ fault: { kind: 'status', status: 400, body: '{"error":"bad value echoed-secret-4242"}' } });
      const error = await rejection(client({ redactor }).request(get()));
      assert.doesNotMatch(error.message, /echoed-secret-4242/);
      assert.doesNotMatch(error.serverMessage ?? '', /echoed-secret-4242/);
    });
  });

  describe('redirects', () => {
    let target: Awaited<ReturnType<typeof startCountingServer>>;
    before(async () => {
      target = await startCountingServer();
    });
    after(async () => {
      await new Promise((resolve) => target.server.close(resolve));
    });

    for (const [method, status] of [['GET', 302], ['POST', 307], ['DELETE', 308], ['GET', 301]] as const) {
      it(`never follows a ${status} on ${method}`, async () => {
        fake.inject({ fault: { kind: 'redirect', status, location: `${target.url}/steal?x=1` } });
        const error = await rejection(
          client().request(get({ method, headers: { Authorization: 'Bearer abc.def.ghi' }, body: method === 'POST' ? 'x' : undefined })),
        );
        assert.equal(error.kind, 'redirect');
        assert.match(error.message, new RegExp(`answered ${status} with a redirect to ${target.url.replace(/\./g, '\\.')}\\.`));
        assert.doesNotMatch(error.message, /steal/);
        assert.equal(target.hits(), 0);
      });
    }
  });

  describe('retries', () => {
    it('retries a GET through 5xx until it succeeds', async () => {
      fake.inject({ fault: { kind: 'status', status: 503 }, times: 2 });
      fake.inject({ fault: { kind: 'body', body: '[]' } });
      const response = await client().request(get());
      assert.equal(response.text, '[]');
      assert.equal(fake.count({ path: PATH }), 3);
      assert.equal(clock.sleeps.length, 2);
    });

    it('gives up on 5xx after maxAttempts, with capped full-jitter backoff', async () => {
      fake.inject({ fault: { kind: 'status', status: 502 }, times: Infinity });
      const error = await rejection(client({ random: () => 0.999, retry: { baseDelayMs: 500, maxDelayMs: 1500 } }).request(get()));
      assert.equal(error.kind, 'server');
      assert.match(error.message, /^Listing tokens failed after 4 attempts: 502 Bad Gateway/);
      assert.equal(fake.count({ path: PATH }), 4);
      assert.deepEqual(clock.sleeps, [499, 999, 1498]);
    });

    it('never retries a POST after a 5xx or a reset', async () => {
      fake.inject({ fault: { kind: 'status', status: 500 } });
      assert.equal((await rejection(client().request(get({ method: 'POST', body: '{}' })))).kind, 'server');
      fake.inject({ fault: { kind: 'reset' } });
      assert.equal((await rejection(client().request(get({ method: 'POST', body: '{}' })))).kind, 'network');
      fake.inject({ fault: { kind: 'status', status: 500 } });
      assert.equal((await rejection(client().request(get({ method: 'PATCH', body: '[]' })))).kind, 'server');
      assert.equal(fake.count({ path: PATH }), 3);
    });

    it('retries a POST the caller marks idempotent', async () => {
      fake.inject({ fault: { kind: 'reset' } });
      fake.inject({ fault: { kind: 'body', body: '{}' } });
      await client().request(get({ method: 'POST', body: '{}', idempotent: true }));
      assert.equal(fake.count({ path: PATH }), 2);
    });

    it('retries a GET after a connection reset and names the failure when it persists', async () => {
      fake.inject({ fault: { kind: 'reset' }, times: Infinity });
      const error = await rejection(client({ retry: { maxAttempts: 3 } }).request(get()));
      assert.equal(error.kind, 'network');
      assert.match(error.message, /^Listing tokens failed: could not reach 127\.0\.0\.1:\d+ \(ECONNRESET\)\.$/);
      assert.equal(fake.count({ path: PATH }), 3);
    });

    it('reports a refused connection as a network error', async () => {
      const closed = await startCountingServer();
      await new Promise((resolve) => closed.server.close(resolve));
      const error = await rejection(client({ retry: { maxAttempts: 1 } }).request(get({ url: `${closed.url}/x` })));
      assert.equal(error.kind, 'network');
      assert.match(error.message, /ECONNREFUSED/);
    });

    it('counts a retried DELETE that finds 404 as success', async () => {
      fake.inject({ fault: { kind: 'status', status: 503 } });
      fake.inject({ fault: { kind: 'status', status: 404 } });
      const response = await client().request(get({ method: 'DELETE', url: `${fake.baseUrl}${PATH}/abc`, successOnRetry: [404] }));
      assert.equal(response.status, 404);
    });

    it('keeps a first-attempt 404 an error, and a 404 after a 429 too (the 429 did nothing)', async () => {
      const del = get({ method: 'DELETE', url: `${fake.baseUrl}${PATH}/abc`, successOnRetry: [404] });
      fake.inject({ fault: { kind: 'status', status: 404 } });
      assert.equal((await rejection(client().request(del))).kind, 'not-found');
      fake.inject({ fault: { kind: 'rate-limit', retryAfter: '1' } });
      fake.inject({ fault: { kind: 'status', status: 404 } });
      assert.equal((await rejection(client().request(del))).kind, 'not-found');
    });
  });

  describe('429', () => {
    it('retries any method, POST included, after Retry-After seconds', async () => {
      fake.inject({ fault: { kind: 'rate-limit', retryAfter: '3' } });
      fake.inject({ fault: { kind: 'body', body: '{"ok":true}' } });
      const response = await client().request(get({ method: 'POST', body: '{}' }));
      assert.equal(response.status, 200);
      assert.equal(fake.count({ method: 'POST' }), 2);
      assert.deepEqual(clock.sleeps, [3000]);
    });

    it('honours Retry-After as an HTTP-date', async () => {
      const when = new Date(Date.now() + 20_000).toUTCString();
      fake.inject({ fault: { kind: 'rate-limit', retryAfter: when } });
      await client().request(get({ url: `${fake.baseUrl}/oauth/info` }));
      assert.equal(clock.sleeps.length, 1);
      assert.ok(clock.sleeps[0] > 18_000 && clock.sleeps[0] <= 20_000, `slept ${clock.sleeps[0]}`);
    });

    for (const garbage of ['10abc', '-5', '', 'NaN', '1e309']) {
      it(`falls back to bounded backoff for Retry-After ${JSON.stringify(garbage)}`, async () => {
        fake.inject({ fault: { kind: 'rate-limit', retryAfter: garbage }, times: Infinity });
        const error = await rejection(client({ random: () => 1, retry: { maxDelayMs: 2000 } }).request(get()));
        assert.equal(error.kind, 'rate-limited');
        assert.match(error.message, /^Listing tokens failed after 4 attempts: 429 Too Many Requests: Rate Limit Exceeded$/);
        assert.equal(fake.count({ path: PATH }), 4);
        assert.deepEqual(clock.sleeps, [500, 1000, 2000]);
      });
    }

    it('fails at once, saying how long, when Retry-After is beyond the ceiling', async () => {
      fake.inject({ fault: { kind: 'rate-limit', retryAfter: '99999999999999999999' } });
      const error = await rejection(client().request(get()));
      assert.equal(error.kind, 'rate-limited');
      assert.match(error.message, /The tenant asks to wait \d+ h; try again later$/);
      assert.equal(fake.count({ path: PATH }), 1);
      assert.deepEqual(clock.sleeps, []);
    });

    it('stops retrying once the total time budget would be exceeded', async () => {
      fake.inject({ fault: { kind: 'rate-limit', retryAfter: '30' }, times: Infinity });
      const error = await rejection(client({ retry: { maxAttempts: 10, maxTotalMs: 70_000 } }).request(get()));
      assert.equal(error.kind, 'rate-limited');
      assert.deepEqual(clock.sleeps, [30_000, 30_000]);
      assert.equal(fake.count({ path: PATH }), 3);
    });

    it('holds the tenant back even when the request told to wait gives up', async () => {
      const http = client({ retry: { maxAttempts: 1 } });
      fake.inject({ fault: { kind: 'rate-limit', retryAfter: '7' } });
      assert.equal((await rejection(http.request(get()))).kind, 'rate-limited');
      await http.request(get({ url: `${fake.baseUrl}/oauth/info` }));
      assert.equal(clock.sleeps.length, 1);
      assert.ok(clock.sleeps[0] > 6900 && clock.sleeps[0] <= 7000, `waited ${clock.sleeps[0]}`);
    });

    it('holds back the other requests of the tenant for the Retry-After', async () => {
      const http = client({ clock: undefined });
      fake.inject({ fault: { kind: 'rate-limit', retryAfter: '1' }, match: { path: '/first' } });
      const first = http.request(get({ url: `${fake.baseUrl}/first` })).catch((error: unknown) => error);
      while (fake.count({ path: '/first' }) === 0) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
      await rejection(http.request(get({ url: `${fake.baseUrl}/second` })));
      await first;
      const firstAt = fake.requests.find((r) => r.path === '/first')!.at;
      const secondAt = fake.requests.find((r) => r.path === '/second')!.at;
      assert.ok(secondAt - firstAt >= 950, `second request went out after ${secondAt - firstAt} ms`);
    });
  });

  describe('deadlines and cancellation', () => {
    it('cuts off a body that trickles in past the deadline', async () => {
      fake.inject({ fault: { kind: 'trickle', intervalMs: 100, bytesPerChunk: 1 } });
      const started = Date.now();
      const error = await rejection(client({ timeoutMs: 300, retry: { maxAttempts: 1 } }).request(get({ url: `${fake.baseUrl}/oauth/info` })));
      assert.equal(error.kind, 'timeout');
      assert.match(error.message, /no complete answer from 127\.0\.0\.1:\d+ within 0\.3 s/);
      assert.ok(Date.now() - started < 1500);
    });

    it('times out a slow answer and retries it when idempotent', async () => {
      fake.inject({ fault: { kind: 'delay', ms: 400 } });
      const response = await client().request(get({ url: `${fake.baseUrl}/oauth/info`, timeoutMs: 150 }));
      assert.equal(response.status, 200);
      assert.equal(fake.count({ path: '/oauth/info' }), 2);
    });

    it('turns a caller abort in flight into cancelled, without retrying', async () => {
      fake.inject({ fault: { kind: 'delay', ms: 2000 } });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      const started = Date.now();
      const error = await rejection(client().request(get({ signal: controller.signal })));
      assert.equal(error.kind, 'cancelled');
      assert.equal(error.message, 'Listing tokens was cancelled.');
      assert.ok(Date.now() - started < 1000);
      assert.equal(fake.count({ path: PATH }), 1);
    });

    it('cancels during the wait before a retry', async () => {
      fake.inject({ fault: { kind: 'rate-limit', retryAfter: '5' } });
      const controller = new AbortController();
      const pending = client({ clock: undefined }).request(get({ signal: controller.signal }));
      setTimeout(() => controller.abort(), 100);
      const started = Date.now();
      assert.equal((await rejection(pending)).kind, 'cancelled');
      assert.ok(Date.now() - started < 1000);
    });

    it('does not start when the signal is already aborted', async () => {
      const error = await rejection(client().request(get({ signal: AbortSignal.abort() })));
      assert.equal(error.kind, 'cancelled');
      assert.equal(fake.count(), 0);
    });
  });

  describe('admission', () => {
    it("keeps the number of requests in flight within the gate's limit", async () => {
      const slow = await FakeTenant.start({ latencyMs: 60 });
      try {
        const http = client({ gate: new RequestGate({ maxInFlight: 2 }) });
        await Promise.all(Array.from({ length: 8 }, () => http.request(get({ url: `${slow.baseUrl}/oauth/info` }))));
        assert.equal(slow.inFlightMax, 2);
      } finally {
        await slow.stop();
      }
    });

    it('stays under the rate limit in every interval', async () => {
      const http = client({ clock: undefined, gate: new RequestGate({ maxInFlight: 10, rateLimit: { requests: 3, intervalMs: 400 } }) });
      await Promise.all(Array.from({ length: 9 }, () => http.request(get({ url: `${fake.baseUrl}/oauth/info` }))));
      const times = fake.requests.map((r) => r.at).sort((a, b) => a - b);
      // The server sees arrival times, which jitter by connection setup; 250 ms of 400 leaves room for that.
      for (const start of times) {
        const inWindow = times.filter((t) => t >= start && t < start + 250).length;
        assert.ok(inWindow <= 3, `${inWindow} requests within 250 ms of ${start}`);
      }
      assert.ok(times[8] - times[0] >= 700, 'the burst was not spread out');
    });
  });

  describe('logging', () => {
    it('writes one line per attempt with method, path, status and attempt, and never headers, query or body', async () => {
      const lines: string[] = [];
      fake.inject({ fault: { kind: 'status', status: 503 } });
      fake.inject({ fault: { kind: 'status', status: 204, body: '' } });
      await client({ logger: capturingLogger(lines) }).request(
        get({
          method: 'DELETE',
          url: `${fake.baseUrl}${PATH}/tok1?owner-id=query-canary`,
          headers: { Authorization: 'Bearer header-canary' },
          body: 'body-canary',
        }),
      );
      const attempts = lines.filter((line) => / in \d+ ms \(attempt \d\)$/.test(line));
      assert.equal(attempts.length, 2);
      assert.match(attempts[0], /^DELETE \/v3\/personal-access-tokens\/tok1 → 503 in \d+ ms \(attempt 1\)$/);
      assert.match(attempts[1], /→ 204 .*\(attempt 2\)$/);
      assert.doesNotMatch(lines.join('\n'), /canary/);
    });
  });
});

describe('HTTP sources', () => {
  it('weaken no TLS check and set no custom agent, so VS Code proxy support applies', () => {
    const root = path.resolve(__dirname, '../../..');
    for (const file of ['src/core/client/http.ts', 'src/core/client/transport.ts', 'src/core/client/auth.ts', 'src/core/client/patApi.ts']) {
      const source = readFileSync(path.join(root, file), 'utf8');
      assert.doesNotMatch(source, /rejectUnauthorized|NODE_TLS_REJECT_UNAUTHORIZED|\bagent\s*:|\bAgent\s*\(|checkServerIdentity/, file);
    }
  });
});

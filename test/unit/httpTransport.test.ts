// The client's own transport over Node's http/https.request, against raw servers that misbehave the way a network or a
// hostile tenant can: connections dropped mid-body, compressed answers and compression bombs, aborts mid-body.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { HttpClient, type HttpClientOptions, type HttpRequest } from '../../src/core/client/http';
import { Redactor } from '../../src/core/client/redact';
import { rejection } from './helpers/assertions';

type Handler = (request: IncomingMessage, response: ServerResponse, body: string) => void;

interface RawServer {
  url: string;
  /** Each request the server saw: its method, headers and body. */
  seen: { method: string; headers: IncomingMessage['headers']; body: string }[];
  /** Resolves once the server saw the connection of the last request close. */
  closed: () => Promise<void>;
  stop: () => Promise<void>;
}

async function startServer(handler: Handler): Promise<RawServer> {
  const seen: RawServer['seen'] = [];
  let lastClosed: Promise<void> = Promise.resolve();
  const server: Server = createServer((request, response) => {
    lastClosed = new Promise((resolve) => response.once('close', () => resolve()));
    const parts: Buffer[] = [];
    request.on('data', (chunk: Buffer) => parts.push(chunk));
    request.once('end', () => {
      const body = Buffer.concat(parts).toString('utf8');
      seen.push({ method: request.method ?? '', headers: request.headers, body });
      handler(request, response, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v3/personal-access-tokens`;
  return {
    url,
    seen,
    closed: () => lastClosed,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const LIST = JSON.stringify(Array.from({ length: 50 }, (_, i) => ({ id: `id-${i}`, name: `Zürich token ${i} 東京` })));

function client(options: HttpClientOptions = {}): HttpClient {
  return new HttpClient({ random: () => 0, timeoutMs: 3000, redactor: new Redactor(), retry: { maxAttempts: 1, baseDelayMs: 1 }, ...options });
}

function get(url: string, overrides: Partial<HttpRequest> = {}): HttpRequest {
  return { method: 'GET', url, description: 'Listing tokens', ...overrides };
}

/** Sends the head and part of the body, then kills the connection. */
function dropMidBody(chunked: boolean): Handler {
  return (_request, response) => {
    const bytes = Buffer.from(LIST);
    response.writeHead(200, { 'content-type': 'application/json', ...(chunked ? {} : { 'content-length': String(bytes.length) }) });
    response.write(bytes.subarray(0, 100));
    setTimeout(() => response.socket?.destroy(), 30);
  };
}

describe('HttpClient transport (Node http.request) against raw servers', () => {
  const servers: RawServer[] = [];
  async function serve(handler: Handler): Promise<RawServer> {
    const server = await startServer(handler);
    servers.push(server);
    return server;
  }
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.stop()));
  });

  describe('a connection dropped in the middle of the body', () => {
    for (const chunked of [false, true]) {
      const framing = chunked ? 'chunked' : 'with a content-length';
      it(`is a network error at once, not a timeout (${framing})`, async () => {
        const server = await serve(dropMidBody(chunked));
        const started = Date.now();
        const error = await rejection(client({ timeoutMs: 5000 }).request(get(server.url)));
        const elapsed = Date.now() - started;
        assert.equal(error.kind, 'network', error.message);
        assert.match(error.message, /^Listing tokens failed: could not reach 127\.0\.0\.1:\d+/);
        assert.ok(elapsed < 1500, `the drop was reported after ${elapsed} ms (deadline 5000 ms)`);
      });
    }

    it('is retried for a GET by the retry policy, and the retry succeeds', async () => {
      let calls = 0;
      const server = await serve((request, response, body) => {
        calls++;
        if (calls === 1) return dropMidBody(false)(request, response, body);
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(LIST);
      });
      const response = await client({ retry: { maxAttempts: 2, baseDelayMs: 1 } }).request(get(server.url));
      assert.equal(response.text, LIST);
      assert.equal(calls, 2);
    });

    it('is not retried for a POST', async () => {
      const server = await serve(dropMidBody(false));
      const error = await rejection(client({ retry: { maxAttempts: 3, baseDelayMs: 1 } }).request(get(server.url, { method: 'POST', body: '{}' })));
      assert.equal(error.kind, 'network');
      assert.equal(server.seen.length, 1);
    });
  });

  describe('compressed answers', () => {
    const encodings: [string, (text: string) => Buffer][] = [
      ['gzip', (text) => gzipSync(text)],
      ['x-gzip', (text) => gzipSync(text)],
      ['deflate', (text) => deflateSync(text)],
      ['br', (text) => brotliCompressSync(text)],
    ];
    for (const [encoding, encode] of encodings) {
      it(`decodes a ${encoding} answer (${encode('x').length} bytes for one character)`, async () => {
        const server = await serve((_request, response) => {
          response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': encoding });
          response.end(encode(LIST));
        });
        const response = await client().request(get(server.url));
        assert.equal(response.text, LIST);
      });
    }

    for (const [status, length] of [[204, undefined], [200, '0']] as const) {
      it(`takes a ${status}${length === undefined ? '' : ' of length 0'} that names an encoding but has no body as the empty answer it is`, async () => {
        const server = await serve((_request, response) => {
          response.writeHead(status, { 'content-encoding': 'gzip', ...(length === undefined ? {} : { 'content-length': length }) });
          response.end();
        });
        const response = await client().request(get(server.url, { method: 'DELETE' }));
        assert.equal(response.status, status);
        assert.equal(response.text, '');
      });
    }

    it('asks for gzip, deflate and br, the encodings it decodes (as the SDK does, less the LZW "compress")', async () => {
      const server = await serve((_request, response) => response.end('{}'));
      await client().request(get(server.url));
      assert.equal(server.seen[0].headers['accept-encoding'], 'gzip, deflate, br');
    });

    it('caps the DECODED size: a gzip bomb is refused without inflating it whole', async () => {
      // 64 MiB of zeros compress to about 64 KB.
      const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024));
      const server = await serve((_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': String(bomb.length) });
        response.end(bomb);
      });
      const heapBefore = process.memoryUsage().rss;
      const error = await rejection(client({ maxBodyBytes: 1024 * 1024 }).request(get(server.url)));
      assert.equal(error.kind, 'bad-response');
      assert.match(error.message, /larger than 1 MiB/);
      assert.ok(process.memoryUsage().rss - heapBefore < 48 * 1024 * 1024, 'the bomb was inflated far past the cap');
      await server.closed();
    });

    const undecodable: [string, Buffer][] = [
      ['gzip', Buffer.from('this is not gzip at all')],
      ['br', Buffer.from('nor brotli')],
      // Raw deflate (no zlib header) is not HTTP's deflate; only old IIS servers sent it.
      ['deflate', deflateRawSync(LIST)],
    ];
    for (const [encoding, bytes] of undecodable) {
      it(`reports a ${encoding} body that does not decode as a bad answer, not as text and not as a network failure`, async () => {
        const server = await serve((_request, response) => {
          response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': encoding });
          response.end(bytes);
        });
        const error = await rejection(client({ retry: { maxAttempts: 3, baseDelayMs: 1 } }).request(get(server.url)));
        assert.equal(error.kind, 'bad-response');
        assert.match(error.message, new RegExp(`^Listing tokens failed: the answer from 127\\.0\\.0\\.1:\\d+ is compressed \\(${encoding}\\) but does not decode\\.$`));
        assert.equal(server.seen.length, 1, 'a body that does not decode was asked for again');
      });
    }
  });

  describe('what it sends', () => {
    it('sends the body with its byte length, the headers given, and a User-Agent of its own', async () => {
      const server = await serve((_request, response) => response.end('{}'));
      const body = JSON.stringify({ name: 'Zürich 東京' });
      await client().request(get(server.url, { method: 'POST', body, headers: { 'Content-Type': 'application/json', Authorization: 'Bearer abc' } }));
      const [seen] = server.seen;
      assert.equal(seen.method, 'POST');
      assert.equal(seen.body, body);
      assert.equal(seen.headers['content-length'], String(Buffer.byteLength(body)));
      assert.equal(seen.headers['content-type'], 'application/json');
      assert.equal(seen.headers.authorization, 'Bearer abc');
      assert.equal(seen.headers.accept, 'application/json');
      assert.match(seen.headers['user-agent'] ?? '', /^sailpoint-pat-manager\b/);
    });

    it('sends Content-Length 0 for a POST without a body', async () => {
      const server = await serve((_request, response) => response.end('{}'));
      await client().request(get(server.url, { method: 'POST' }));
      assert.equal(server.seen[0].headers['content-length'], '0');
    });

    it('refuses plain http to anything but this computer, before connecting', async () => {
      const error = await rejection(client().request(get('http://tenant.example.invalid/v3/personal-access-tokens')));
      assert.equal(error.kind, 'invalid-input');
      assert.match(error.message, /^Listing tokens failed: .*plain HTTP/);
    });

    it('refuses a URL scheme other than http and https', async () => {
      const error = await rejection(client().request(get('ftp://127.0.0.1/x')));
      assert.equal(error.kind, 'invalid-input');
    });
  });

  describe('cancellation and deadline in the middle of the body', () => {
    it('turns an abort after the head arrived into cancelled, and closes the connection', async () => {
      const server = await serve((_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': String(LIST.length * 10) });
        response.write(LIST.slice(0, 10));
      });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 100);
      const started = Date.now();
      const error = await rejection(client().request(get(server.url, { signal: controller.signal })));
      assert.equal(error.kind, 'cancelled');
      assert.ok(Date.now() - started < 1000);
      await server.closed();
    });

    it('cuts off a body that stalls after the head, at the deadline, and closes the connection', async () => {
      const server = await serve((_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.write('[');
      });
      const started = Date.now();
      const error = await rejection(client({ timeoutMs: 300 }).request(get(server.url)));
      assert.equal(error.kind, 'timeout');
      assert.ok(Date.now() - started < 1500);
      await server.closed();
    });
  });

  describe('keep-alive', () => {
    it('reuses one connection for requests in a row', async () => {
      const sockets = new Set<unknown>();
      const server = await serve((request, response) => {
        sockets.add(request.socket);
        response.end('{}');
      });
      const http = client();
      for (let i = 0; i < 5; i++) await http.request(get(server.url));
      assert.equal(sockets.size, 1);
    });
  });
});

describe('the bundled transport', () => {
  it("requires Node's http and https by their plain names, which VS Code's proxy support patches, and nothing else for HTTP", () => {
    const dist = path.resolve(__dirname, '../../../dist');
    const requires = readdirSync(dist)
      .filter((file) => file.endsWith('.js'))
      .flatMap((file) => [...readFileSync(path.join(dist, file), 'utf8').matchAll(/require\("((?:node:)?(?:https?|http2|undici|net|tls))"\)/g)].map((match) => `${file.replace(/-[A-Z0-9]{8}\.js$/, '')}: ${match[1]}`));
    assert.deepEqual(requires.sort(), ['network: http', 'network: https']);
  });
});

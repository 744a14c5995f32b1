// One HTTP exchange over Node's own http.request / https.request. `http.ts` holds the policy around it (deadline,
// body cap, redirects refused, retries); this module only sends, decodes the answer and reports a dropped connection.
// Kept because it measured faster (bench/README.md): about 1.5 ms less CPU per 1,000-token list than node-fetch, and
// 17 KB less code. Proxy support holds: VS Code's `http.proxySupport` patches `request` and `get` of Node's http and
// https modules for extensions (microsoft/vscode-proxy-agent `createHttpPatch`; test/integration/proxy.test.ts).
// Imported as 'http' and 'https', not 'node:http': older VS Code hands extensions patched copies of the modules only
// under those names (the `Module._load` hook of its `proxyResolver.ts`); newer VS Code patches the modules themselves.
import * as http from 'http';
import * as https from 'https';
import type { Readable } from 'stream';
import * as zlib from 'zlib';
import { isLoopback } from '../tenantUrl';

export interface Exchange {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** Aborting it destroys the request and the answer's body, which closes the connection. */
  signal: AbortSignal;
}

export interface Answer {
  status: number;
  /** The server's reason phrase, as sent. */
  reason: string;
  /** Lower-case names; a repeated header's values joined with ", ". */
  headers: Record<string, string>;
  /** The decoded body. It ends, or fails: a connection dropped before the last byte is an error (code ECONNRESET). */
  body: Readable;
}

export type Transport = (exchange: Exchange) => Promise<Answer>;

/** The URL is one credentials must not travel to: plain http beyond this computer, or no http(s) at all. */
export class RefusedUrlError extends Error {}

/** The encodings `decodedBody` reads; the SDK (axios) asks for these and "compress", which Node cannot decode. */
export const ACCEPTED_ENCODINGS = 'gzip, deflate, br';
const USER_AGENT = 'sailpoint-pat-manager (VS Code extension)';

export const sendOverNode: Transport = (exchange) =>
  new Promise((resolve, reject) => {
    const { signal } = exchange;
    if (signal.aborted) {
      reject(abortError(signal));
      return;
    }
    const url = new URL(exchange.url);
    const request = moduleFor(url).request(url, { method: exchange.method, headers: outgoingHeaders(exchange) });
    const onAbort = (): void => void request.destroy(abortError(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    // Stays for the request's life: an error after the answer arrived reaches the body, and must not go unhandled here.
    request.on('error', (error) => {
      signal.removeEventListener('abort', onAbort);
      reject(error);
    });
    request.once('response', (response) => {
      response.once('close', () => signal.removeEventListener('abort', onAbort));
      resolve({ status: response.statusCode ?? 0, reason: response.statusMessage ?? '', headers: headerRecord(response.headers), body: decodedBody(response) });
    });
    request.end(exchange.body);
  });

function moduleFor(url: URL): typeof https | typeof http {
  if (url.protocol === 'https:') return https;
  if (url.protocol === 'http:' && isLoopback(url.hostname)) return http;
  throw new RefusedUrlError(`${url.protocol}//${url.host}`);
}

function outgoingHeaders(exchange: Exchange): Record<string, string> {
  const headers: Record<string, string> = { 'User-Agent': USER_AGENT, 'Accept-Encoding': ACCEPTED_ENCODINGS, ...exchange.headers };
  // A body goes with its length, never chunked; a POST or PUT without one says so (as node-fetch did).
  if (exchange.body !== undefined || exchange.method === 'POST' || exchange.method === 'PUT') {
    headers['Content-Length'] = String(Buffer.byteLength(exchange.body ?? ''));
  }
  return headers;
}

function headerRecord(headers: http.IncomingHttpHeaders): Record<string, string> {
  const record: Record<string, string> = {};
  for (const name of Object.keys(headers)) {
    const value = headers[name];
    if (value !== undefined) record[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return record;
}

/** The answer's body, inflated when the server compressed it; the caller caps what comes out of it. */
function decodedBody(response: http.IncomingMessage): Readable {
  const encoding = response.headers['content-encoding']?.trim().toLowerCase();
  // An answer without a body (a 204, a 304, a length of 0) has nothing to inflate, whatever encoding it names.
  const empty = response.statusCode === 204 || response.statusCode === 304 || response.headers['content-length'] === '0';
  const decoder = empty ? undefined : decoderFor(encoding);
  if (decoder === undefined || encoding === undefined) return response;
  relayFailures(response, decoder, encoding);
  response.pipe(decoder);
  return decoder;
}

/** `pipe` passes data only: a dropped connection must fail the decoder too, and the decoder's own failure is marked. */
function relayFailures(response: http.IncomingMessage, decoder: Decoder, encoding: string): void {
  let relayed = false;
  const relay = (error: Error): void => {
    relayed = true;
    decoder.destroy(error);
  };
  response.on('error', relay);
  response.once('close', () => {
    if (!response.complete) relay(connectionDropped());
  });
  // Registered before the reader's listener, so the reader sees the mark; it also keeps an error that comes after the
  // reader gave up from going unhandled.
  decoder.on('error', (error) => {
    if (!relayed) Object.assign(error, { [UNDECODABLE]: encoding });
  });
}

type Decoder = zlib.Gunzip | zlib.Unzip | zlib.BrotliDecompress;

function decoderFor(encoding: string | undefined): Decoder | undefined {
  switch (encoding) {
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip();
    case 'deflate':
      // HTTP's deflate is the zlib format (RFC 9110 §8.4.1.2); Unzip also takes gzip sent under that name.
      return zlib.createUnzip();
    case 'br':
      return zlib.createBrotliDecompress();
    default:
      return undefined;
  }
}

const UNDECODABLE = Symbol('undecodable');

/** The content coding the server named, when its body did not decode; undefined for any other error. */
export function undecodableEncoding(error: unknown): string | undefined {
  const encoding = (error as { [UNDECODABLE]?: unknown } | null)?.[UNDECODABLE];
  return typeof encoding === 'string' ? encoding : undefined;
}

/** What Node itself reports when a connection closes before the answer's last byte. */
export function connectionDropped(): Error {
  return Object.assign(new Error('the connection closed before the answer was complete'), { code: 'ECONNRESET' });
}

function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : Object.assign(new Error('aborted'), { name: 'AbortError' });
}

// Response bodies shaped like ISC's: ErrorResponseDto, the gateway's 401 and 429, OAuth errors.
import { randomBytes } from 'node:crypto';
import type { Reply } from './types';

const DETAIL_CODES: Record<number, string> = {
  400: '400.1 Bad Request Content',
  403: '403 Forbidden',
  404: '404 Not found',
  405: '405 Method Not Allowed',
  415: '415 Unsupported Media Type',
  500: '500.0 Internal Fault',
};

export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

export function jsonReply(status: number, value: unknown, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'content-type': 'application/json;charset=UTF-8', ...headers }, body: JSON.stringify(value) };
}

export function errorResponseDto(status: number, text: string): object {
  return {
    detailCode: DETAIL_CODES[status] ?? `${status}`,
    trackingId: randomHex(16),
    messages: [{ locale: 'en-US', localeOrigin: 'DEFAULT', text }],
    causes: [],
  };
}

export function errorReply(status: number, text: string): Reply {
  return jsonReply(status, errorResponseDto(status, text));
}

export function unauthorizedReply(error: string): Reply {
  return jsonReply(401, { error });
}

export function rateLimitReply(retryAfter: string | undefined): Reply {
  const headers: Record<string, string> = retryAfter === undefined ? {} : { 'retry-after': retryAfter };
  return jsonReply(429, { message: ' Rate Limit Exceeded ' }, headers);
}

export function oauthErrorReply(status: number, error: string, description: string): Reply {
  return jsonReply(status, { error, error_description: description }, { 'cache-control': 'no-store' });
}

export function noContentReply(): Reply {
  return { status: 204, headers: {}, body: '' };
}

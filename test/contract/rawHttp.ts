// Plain HTTP for driving the fake in tests, deliberately independent of the extension's own client: Node's fetch.
import type { FakeTenant } from '../fake-tenant/server';
import type { Family } from './spec';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
  /** The parsed body, or undefined when it is not JSON. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- assertions read arbitrary server JSON
  json: any;
}

export interface RawRequest {
  method?: string;
  token?: string;
  contentType?: string;
  body?: string;
  headers?: Record<string, string>;
}

export function collectionPath(family: Family): string {
  return family === 'v3' ? '/v3/personal-access-tokens' : '/personal-access-tokens/v1';
}

export function itemPath(family: Family, id: string): string {
  return `${collectionPath(family)}/${encodeURIComponent(id)}`;
}

export async function send(fake: FakeTenant, pathAndQuery: string, request: RawRequest = {}): Promise<RawResponse> {
  const headers: Record<string, string> = { ...request.headers };
  if (request.token !== undefined) {
    headers.authorization = `Bearer ${request.token}`;
  }
  if (request.contentType !== undefined) {
    headers['content-type'] = request.contentType;
  }
  const response = await fetch(`${fake.baseUrl}${pathAndQuery}`, { method: request.method ?? 'GET', headers, body: request.body, redirect: 'manual' });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: Object.fromEntries(response.headers.entries()), text, json };
}

export function tokenForm(clientId: string, clientSecret: string, grantType = 'client_credentials'): string {
  return new URLSearchParams({ grant_type: grantType, client_id: clientId, client_secret: clientSecret }).toString();
}

export async function requestAccessToken(fake: FakeTenant, clientId: string, clientSecret: string): Promise<RawResponse> {
  return send(fake, '/oauth/token', { method: 'POST', contentType: 'application/x-www-form-urlencoded', body: tokenForm(clientId, clientSecret) });
}

/** An access token for the credentials; fails the test when sign-in does not answer 200. */
export async function signIn(fake: FakeTenant, clientId: string, clientSecret: string): Promise<string> {
  const response = await requestAccessToken(fake, clientId, clientSecret);
  if (response.status !== 200) {
    throw new Error(`sign-in answered ${response.status}: ${response.text}`);
  }
  return response.json.access_token as string;
}

export function withQuery(pathname: string, query: Record<string, string>): string {
  const search = new URLSearchParams(query).toString();
  return search === '' ? pathname : `${pathname}?${search}`;
}

// POST /oauth/token (client credentials in the form body only) and GET /oauth/info.
import { randomUUID } from 'node:crypto';
import { jsonReply, oauthErrorReply } from './replies';
import type { TenantState } from './state';
import type { Reply } from './types';

export const TENANT_NAME = 'fake-tenant';
const TENANT_ID = 'f0ca5e00-0000-4000-8000-00000000fa7e';
const POD = 'fake01-useast1';

export interface OAuthRequest {
  query: Record<string, string>;
  contentType: string;
  body: string;
}

export function formClientId(body: string): string | undefined {
  return new URLSearchParams(body).get('client_id') ?? undefined;
}

export function issueToken(state: TenantState, request: OAuthRequest): Reply {
  // Secrets in a URL end up in proxy and server logs: refuse them even though some servers accept them.
  if ('client_id' in request.query || 'client_secret' in request.query) {
    return oauthErrorReply(400, 'invalid_request', 'Client credentials must be sent in the request body, not in the URL');
  }
  if (!request.contentType.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    return oauthErrorReply(400, 'invalid_request', 'Content-Type must be application/x-www-form-urlencoded');
  }
  const form = new URLSearchParams(request.body);
  const grantType = form.get('grant_type');
  if (grantType === null) {
    return oauthErrorReply(400, 'invalid_request', 'Missing grant type');
  }
  if (grantType !== 'client_credentials') {
    return oauthErrorReply(400, 'unsupported_grant_type', `Unsupported grant type: ${grantType}`);
  }
  const signIn = state.signIn(form.get('client_id') ?? '', form.get('client_secret') ?? '');
  if (signIn === undefined) {
    return oauthErrorReply(401, 'invalid_client', 'Bad credentials');
  }
  const identity = signIn.caller.identity;
  return jsonReply(
    200,
    {
      access_token: state.mintAccessToken(signIn),
      token_type: 'bearer',
      expires_in: signIn.ttlSeconds,
      scope: signIn.scope,
      tenant_id: TENANT_ID,
      internal: true,
      pod: POD,
      strong_auth_supported: false,
      org: TENANT_NAME,
      identity_id: identity.id,
      user_id: identity.id,
      strong_auth: false,
      jti: randomUUID(),
    },
    { 'cache-control': 'no-store', pragma: 'no-cache' },
  );
}

export function oauthInfo(baseUrl: string): Reply {
  return jsonReply(200, {
    tenantName: TENANT_NAME,
    tenantId: TENANT_ID,
    pod: POD,
    authorizeEndpoint: `${baseUrl}/oauth/authorize`,
    tokenEndpoint: `${baseUrl}/oauth/token`,
    issuer: baseUrl,
  });
}

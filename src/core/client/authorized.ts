// core/client: one authorised request for every API of a tenant: a bearer token on the call, and after a 401
// one fresh sign-in and exactly one retry.
import type { AccessTokenCache } from './auth';
import { isPatError, PatError } from '../errors';
import type { HttpClient, HttpRequest, HttpResponse } from './http';
import { t } from '../l10n';

export type TokenSource = Pick<AccessTokenCache, 'get' | 'invalidate'>;

function withBearer(request: HttpRequest, accessToken: string): HttpRequest {
  return { ...request, headers: { ...request.headers, Authorization: `Bearer ${accessToken}` } };
}

export async function sendAuthorized(
  http: HttpClient,
  auth: TokenSource,
  request: HttpRequest,
  debug: (message: string) => void,
): Promise<HttpResponse> {
  const first = await auth.get(request.signal);
  try {
    return await http.request(withBearer(request, first.accessToken));
  } catch (error) {
    if (!isPatError(error, 'unauthorized')) throw error;
    auth.invalidate(first.accessToken);
    debug(t('{0}: the access token was refused (401); signing in again.', request.description));
  }
  const second = await auth.get(request.signal);
  try {
    return await http.request(withBearer(request, second.accessToken));
  } catch (error) {
    if (!isPatError(error, 'unauthorized')) throw error;
    auth.invalidate(second.accessToken);
    const said = error.serverMessage === undefined ? '' : `: ${error.serverMessage}`;
    throw new PatError(
      'unauthorized',
      t("{0} failed: the tenant refused a freshly issued access token (401{1}). The credentials may have been revoked or may lack the rights for this; update the tenant's credentials.", request.description, said),
      { status: 401, serverMessage: error.serverMessage, detailCode: error.detailCode, trackingId: error.trackingId, cause: error },
    );
  }
}

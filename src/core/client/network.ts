// core/client: the one way the core talks to a tenant over HTTP (deadlines, retries, rate gate, OAuth, error bodies, redaction).
// The network stack as one module, which PatService loads on its first request: listing the tenants, the
// tree's first paint and activation need none of it.
export { AccessTokenCache, mintAccessToken } from './auth';
export { HttpClient } from './http';
export { RequestGate } from './limits';
export { PatApi } from './patApi';
export { IdentitiesApi } from './identitiesApi';

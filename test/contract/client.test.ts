// Drives our own PatApi (both families) through every operation against the fake tenant and checks that every
// request it put on the wire, and every answer it read, matches the official PAT spec.
import * as assert from 'node:assert/strict';
import { AccessTokenCache } from '../../src/core/client/auth';
import { isPatError } from '../../src/core/errors';
import { HttpClient } from '../../src/core/client/http';
import type { ApiFamily } from '../../src/core/model';
import { PatApi } from '../../src/core/client/patApi';
import { Redactor } from '../../src/core/client/redact';
import { FakeTenant, type FakeIdentity } from '../fake-tenant/server';
import { assertAllRecordedTrafficMatchesSpec } from './spec';

const inDays = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString();

describe('our PAT client against the official spec', () => {
  let fake: FakeTenant;
  let ada: FakeIdentity;
  let sam: FakeIdentity;

  beforeEach(async () => {
    fake = await FakeTenant.start();
    ada = fake.addIdentity('Ada Admin', { admin: true });
    sam = fake.addIdentity('Sam Dev');
    fake.addToken(sam.id, { name: 'Never used', lastUsed: null });
    fake.addToken(sam.id, { name: 'Used long ago', lastUsed: '2025-01-01T00:00:00.000Z', scope: ['idn:access-request:manage'] });
  });
  afterEach(async () => {
    await fake.stop();
  });

  function patApi(family: ApiFamily): PatApi {
    const signInPat = fake.addToken(ada.id, { name: `Ada sign-in ${family}`, scope: ['sp:scopes:all'] });
    const redactor = new Redactor();
    const http = new HttpClient({ redactor, retry: { baseDelayMs: 1, maxDelayMs: 5 } });
    const auth = new AccessTokenCache({
      http,
      baseUrl: fake.baseUrl,
      credentials: () => Promise.resolve({ clientId: signInPat.id, clientSecret: signInPat.secret }),
      redactor,
    });
    return new PatApi({ baseUrl: fake.baseUrl, apiFamily: family, http, auth, redactor });
  }

  for (const family of ['v3', 'v1'] as const) {
    it(`${family}: list, create, update, delete and their error paths all stay within the spec`, async () => {
      const api = patApi(family);

      await api.list({ owner: { kind: 'me' } });
      await api.list({ owner: { kind: 'all' } });
      const samsTokens = await api.list({ owner: { kind: 'identity', identityId: sam.id }, neverUsed: true, lastUsedBefore: '2025-06-01T00:00:00Z' });
      assert.equal(samsTokens.length, 2);
      await api.list({ owner: { kind: 'me' }, lastUsedBefore: inDays(-1) });

      const created = await api.create({
        name: 'contract',
        scope: ['sp:scopes:default', 'idn:access-request:manage'],
        accessTokenValiditySeconds: 900,
        expirationDate: inDays(30),
      });
      const everything = await api.create({ name: 'everything', scope: ['sp:scopes:all'], expirationDate: inDays(10) });
      await api.update(created.token.id, { name: 'contract renamed' });
      await api.update(created.token.id, { scope: ['sp:scopes:default'] });
      if (family === 'v1') {
        const forever = await api.create({ name: 'forever', scope: ['sp:scopes:default'], userAwareTokenNeverExpires: true });
        await api.update(forever.token.id, { expirationDate: inDays(60) });
        await api.update(forever.token.id, { expirationDate: null, userAwareTokenNeverExpires: true });
        await api.delete(forever.token.id);
      }

      const duplicate = await api.create({ name: 'contract renamed', scope: ['sp:scopes:default'], expirationDate: inDays(5) }).catch((e: unknown) => e);
      assert.ok(isPatError(duplicate, 'http'), String(duplicate));
      const missing = await api.delete('0123456789abcdef0123456789abcdef').catch((e: unknown) => e);
      assert.ok(isPatError(missing, 'not-found'), String(missing));

      fake.expireAccessTokens();
      await api.list({ owner: { kind: 'me' } });
      await api.delete(everything.token.id);
      fake.inject({ fault: { kind: 'commit-then-drop' }, match: { method: 'DELETE' } });
      await api.delete(created.token.id);

      assert.ok(fake.count({ path: /personal-access-tokens/ }) >= 15);
      await assertAllRecordedTrafficMatchesSpec(fake);
    });
  }
});

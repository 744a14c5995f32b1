// Drives every PAT operation of the fake, for both families, over real HTTP and checks each exchange
// against the official spec, so the fake cannot drift from what ISC documents.
import * as assert from 'node:assert/strict';
import { FakeTenant, type FakeIdentity, type FakeToken } from '../fake-tenant/server';
import { collectionPath, itemPath, send, signIn, withQuery, type RawResponse } from './rawHttp';
import { assertAllRecordedTrafficMatchesSpec, loadSpecValidator, recordedTrafficProblems, type Family, type SpecValidator } from './spec';

const LONG_AGO = '2025-01-01T00:00:00.000Z';
const FAMILIES: readonly Family[] = ['v3', 'v1'];

function assertErrorDto(response: RawResponse, status: number, textFragment: RegExp): void {
  assert.equal(response.status, status, response.text);
  assert.equal(typeof response.json.detailCode, 'string');
  assert.match(response.json.trackingId, /^[0-9a-f]{32}$/);
  assert.equal(response.json.messages[0].locale, 'en-US');
  assert.equal(response.json.messages[0].localeOrigin, 'DEFAULT');
  assert.match(response.json.messages[0].text, textFragment);
  assert.deepEqual(response.json.causes, []);
}

function sixMonthsFromNow(): number {
  const date = new Date();
  date.setUTCMonth(date.getUTCMonth() + 6);
  return date.getTime();
}

function names(response: RawResponse): string[] {
  return (response.json as { name: string }[]).map((token) => token.name).sort();
}

describe('fake tenant against the official PAT spec', () => {
  let validator: SpecValidator;
  let fake: FakeTenant;
  let ada: FakeIdentity;
  let sam: FakeIdentity;
  let adaPat: FakeToken;
  let samPat: FakeToken;
  let adaToken: string;
  let samToken: string;

  before(async () => {
    validator = await loadSpecValidator();
  });

  beforeEach(async () => {
    fake = await FakeTenant.start();
    ada = fake.addIdentity('Ada Admin', { admin: true });
    sam = fake.addIdentity('Sam Dev');
    adaPat = fake.addToken(ada.id, { name: 'Ada sign-in', scope: ['sp:scopes:all'] });
    samPat = fake.addToken(sam.id, { name: 'Sam sign-in', scope: ['sp:scopes:default'] });
    fake.addToken(sam.id, { name: 'Never used', lastUsed: null });
    fake.addToken(sam.id, { name: 'Used long ago', lastUsed: LONG_AGO, scope: ['idn:access-request:manage'] });
    fake.addToken(sam.id, { name: 'Never expires', lastUsed: LONG_AGO, expirationDate: null, userAwareTokenNeverExpires: true });
    adaToken = await signIn(fake, adaPat.id, adaPat.secret);
    samToken = await signIn(fake, samPat.id, samPat.secret);
  });

  afterEach(async () => {
    await fake.stop();
  });

  /** For tests that send deliberately invalid requests: the answers must still be what the spec documents. */
  async function assertResponsesMatchSpec(): Promise<void> {
    const problems = (await recordedTrafficProblems(fake)).filter((problem) => / response: /.test(problem));
    assert.deepEqual(problems, []);
  }

  for (const family of FAMILIES) {
    const collection = collectionPath(family);
    const create = (token: string, body: unknown): Promise<RawResponse> =>
      send(fake, collection, { method: 'POST', token, contentType: 'application/json', body: JSON.stringify(body) });
    const patch = (token: string, id: string, operations: unknown, contentType = 'application/json-patch+json'): Promise<RawResponse> =>
      send(fake, itemPath(family, id), { method: 'PATCH', token, contentType, body: JSON.stringify(operations) });
    const list = (token: string, query: Record<string, string> = {}): Promise<RawResponse> => send(fake, withQuery(collection, query), { token });
    const neverExpires = family === 'v1' ? { userAwareTokenNeverExpires: true } : {};

    describe(`${family} list`, () => {
      it("owner-id=me lists the caller's tokens, the signing PAT included, in the documented shape", async () => {
        const response = await list(samToken, { 'owner-id': 'me' });
        assert.equal(response.status, 200);
        assert.deepEqual(names(response), ['Never expires', 'Never used', 'Sam sign-in', 'Used long ago']);
        const self = (response.json as Record<string, unknown>[]).find((token) => token.id === samPat.id)!;
        assert.deepEqual(self.owner, { type: 'IDENTITY', id: sam.id, name: 'Sam Dev' });
        assert.equal(typeof self.lastUsed, 'string', 'signing in marks the PAT as used');
        assert.equal('secret' in self, false, 'a list never carries secrets');
        assert.equal('userAwareTokenNeverExpires' in self, family === 'v1');
        await assertAllRecordedTrafficMatchesSpec(fake);
      });

      it('lists every token for an admin when owner-id is omitted, and refuses others with 403', async () => {
        const all = await list(adaToken);
        assert.equal(all.status, 200);
        assert.equal(all.json.length, 5);
        assertErrorDto(await list(samToken), 403, /refuses to authorize/);
        await assertAllRecordedTrafficMatchesSpec(fake);
      });

      it("lists one identity's tokens by id: anyone for their own id, only an admin for someone else's", async () => {
        assert.deepEqual(names(await list(adaToken, { 'owner-id': sam.id })), ['Never expires', 'Never used', 'Sam sign-in', 'Used long ago']);
        assert.equal((await list(samToken, { 'owner-id': sam.id })).status, 200);
        assertErrorDto(await list(samToken, { 'owner-id': ada.id }), 403, /refuses/);
        await assertAllRecordedTrafficMatchesSpec(fake);
      });

      const filterCases: [string, string[]][] = [
        ['lastUsed isnull', ['Never used']],
        ['lastUsed le 2025-06-01T00:00:00Z', ['Never expires', 'Used long ago']],
        ['lastUsed le 2024-12-31T23:59:59.999Z', []],
        ['lastUsed le 2025-06-01T00:00:00.000+02:00 or lastUsed isnull', ['Never expires', 'Never used', 'Used long ago']],
        ['not lastUsed isnull', ['Never expires', 'Sam sign-in', 'Used long ago']],
        ['(lastUsed isnull or lastUsed le 2025-06-01T00:00:00Z) and not (lastUsed isnull)', ['Never expires', 'Used long ago']],
      ];
      for (const [filters, expected] of filterCases) {
        it(`filters '${filters}'`, async () => {
          const response = await list(samToken, { 'owner-id': 'me', filters });
          assert.equal(response.status, 200, response.text);
          assert.deepEqual(names(response), expected);
          await assertAllRecordedTrafficMatchesSpec(fake);
        });
      }

      it('rejects every filter outside the documented subset with 400', async () => {
        const rejected = [
          'lastUsed LE 2025-06-01T00:00:00Z',
          'LastUsed isnull',
          'name eq "Postman"',
          'lastUsed gt 2025-06-01T00:00:00Z',
          'lastUsed le yesterday',
          'lastUsed le 2025-06-01',
          '(lastUsed isnull',
          'lastUsed isnull AND lastUsed isnull',
          'lastUsed isnull lastUsed isnull',
          '',
        ];
        for (const filters of rejected) {
          assertErrorDto(await list(samToken, { 'owner-id': 'me', filters }), 400, /filter/i);
        }
        await assertAllRecordedTrafficMatchesSpec(fake);
      });
    });

    describe(`${family} create`, () => {
      it('answers 200 with a 64-hex secret, stores a missing scope as null (all rights), and the new PAT can sign in', async () => {
        const response = await create(samToken, { name: 'No scope', ...neverExpires });
        assert.equal(response.status, 200, response.text);
        assert.match(response.json.secret, /^[0-9a-f]{64}$/);
        assert.equal(response.json.scope, null);
        assert.equal(response.json.accessTokenValiditySeconds, 43200);
        assert.deepEqual(response.json.owner, { type: 'IDENTITY', id: sam.id, name: 'Sam Dev' });
        const stored = fake.tokens().find((token) => token.id === response.json.id)!;
        assert.equal(stored.scope, null);
        const newToken = await signIn(fake, response.json.id, response.json.secret);
        const mine = await list(newToken, { 'owner-id': 'me' });
        assert.ok((mine.json as { id: string }[]).some((token) => token.id === response.json.id), 'a PAT lists itself');
        await assertAllRecordedTrafficMatchesSpec(fake);
      });

      it('stores an explicit scope, validity and expiry', async () => {
        const expirationDate = new Date(Date.now() + 30 * 86_400_000).toISOString();
        const body = { name: 'Scoped', scope: ['sp:scopes:default', 'idn:access-request:manage'], accessTokenValiditySeconds: 900, expirationDate };
        const response = await create(samToken, body);
        assert.equal(response.status, 200, response.text);
        assert.deepEqual(response.json.scope, body.scope);
        assert.equal(response.json.accessTokenValiditySeconds, 900);
        assert.equal(response.json.expirationDate, expirationDate);
        await assertAllRecordedTrafficMatchesSpec(fake);
      });

      if (family === 'v3') {
        it('defaults the expiry to six months and refuses anything later', async () => {
          const response = await create(samToken, { name: 'Default expiry', scope: ['sp:scopes:default'] });
          assert.ok(Math.abs(Date.parse(response.json.expirationDate) - sixMonthsFromNow()) < 10_000, response.json.expirationDate);
          const tooLate = new Date(sixMonthsFromNow() + 86_400_000).toISOString();
          assertErrorDto(await create(samToken, { name: 'Too late', expirationDate: tooLate }), 400, /6 months/);
          await assertAllRecordedTrafficMatchesSpec(fake);
        });
      } else {
        it('requires userAwareTokenNeverExpires: true for a token without expiry, then stores no expiry', async () => {
          assertErrorDto(await create(samToken, { name: 'Forever', scope: ['sp:scopes:default'] }), 400, /userAwareTokenNeverExpires/);
          assertErrorDto(await create(samToken, { name: 'Forever', expirationDate: null, userAwareTokenNeverExpires: false }), 400, /userAwareTokenNeverExpires/);
          const response = await create(samToken, { name: 'Forever', scope: ['sp:scopes:default'], userAwareTokenNeverExpires: true });
          assert.equal(response.status, 200, response.text);
          assert.equal(response.json.expirationDate, null);
          assert.equal(response.json.userAwareTokenNeverExpires, true);
          const far = new Date(Date.now() + 3 * 365 * 86_400_000).toISOString();
          assert.equal((await create(samToken, { name: 'Far', expirationDate: far })).status, 200, 'v1 has no upper limit');
          await assertAllRecordedTrafficMatchesSpec(fake);
        });
      }

      it("refuses a name the owner already uses, but not another owner's name", async () => {
        assertErrorDto(await create(samToken, { name: 'Never used', ...neverExpires }), 400, /already exists/);
        assert.equal((await create(adaToken, { name: 'Never used', ...neverExpires })).status, 200);
        await assertAllRecordedTrafficMatchesSpec(fake);
      });

      it('refuses invalid bodies with 400 (and the spec validator flags them too)', async () => {
        const past = new Date(Date.now() - 60_000).toISOString();
        const invalid: unknown[] = [
          {},
          { name: '' },
          { name: 'x', accessTokenValiditySeconds: 14 },
          { name: 'x', accessTokenValiditySeconds: 43201 },
          { name: 'x', scope: 'sp:scopes:all' },
          { name: 'x', expirationDate: 'next week' },
          { name: 'x', expirationDate: past },
        ];
        for (const body of invalid) {
          assertErrorDto(await create(samToken, body), 400, /./);
        }
        const flagged = invalid.filter((body) => validator.validateRequest(family, 'POST', collection, 'application/json', body).length > 0);
        assert.equal(flagged.length, 5, 'the spec itself catches the missing name, both validity bounds, the scope type and the date format');
        await assertResponsesMatchSpec();
      });

      it('refuses a body that is not application/json', async () => {
        const response = await send(fake, collection, { method: 'POST', token: samToken, contentType: 'text/plain', body: '{"name":"x"}' });
        assertErrorDto(response, 415, /application\/json/);
        assert.notDeepEqual(validator.validateRequest(family, 'POST', collection, 'text/plain', '{"name":"x"}'), []);
      });

      it('refuses a create at the per-owner cap with an ISC-style 400', async () => {
        await fake.stop();
        fake = await FakeTenant.start({ maxTokensPerOwner: 2 });
        const owner = fake.addIdentity('Capped');
        const pat = fake.addToken(owner.id, { name: 'one' });
        fake.addToken(owner.id, { name: 'two' });
        const token = await signIn(fake, pat.id, pat.secret);
        assertErrorDto(await create(token, { name: 'three', ...neverExpires }), 400, /maximum of 2/);
        assert.equal(fake.tokens().length, 2);
        await assertAllRecordedTrafficMatchesSpec(fake);
      });
    });

    describe(`${family} patch`, () => {
      const samTokenId = (): string => fake.tokens().find((token) => token.name === 'Never used')!.id;

      it('replaces name and scope (add works like replace) and answers 200 with the new representation', async () => {
        const id = samTokenId();
        const response = await patch(samToken, id, [
          { op: 'replace', path: '/name', value: 'Renamed' },
          { op: 'add', path: '/scope', value: ['sp:scopes:default'] },
        ]);
        assert.equal(response.status, 200, response.text);
        assert.equal(response.json.name, 'Renamed');
        assert.deepEqual(response.json.scope, ['sp:scopes:default']);
        assert.equal(fake.tokens().find((token) => token.id === id)!.name, 'Renamed');
        assert.equal((await patch(samToken, id, [{ op: 'replace', path: '/name', value: 'Renamed' }])).status, 200, 'its own name is no clash');
        await assertAllRecordedTrafficMatchesSpec(fake);
      });

      if (family === 'v1') {
        it('patches expirationDate; removing it needs userAwareTokenNeverExpires: true in the same patch', async () => {
          const id = samTokenId();
          const date = new Date(Date.now() + 400 * 86_400_000).toISOString();
          assert.equal((await patch(samToken, id, [{ op: 'replace', path: '/expirationDate', value: date }])).json.expirationDate, date);
          assertErrorDto(await patch(samToken, id, [{ op: 'replace', path: '/expirationDate', value: null }]), 400, /userAwareTokenNeverExpires/);
          const response = await patch(samToken, id, [
            { op: 'replace', path: '/expirationDate', value: null },
            { op: 'replace', path: '/userAwareTokenNeverExpires', value: true },
          ]);
          assert.equal(response.status, 200, response.text);
          assert.equal(response.json.expirationDate, null);
          await assertAllRecordedTrafficMatchesSpec(fake);
        });
      } else {
        it('refuses to patch expirationDate (v3 patches name and scope only)', async () => {
          const date = new Date(Date.now() + 86_400_000).toISOString();
          assertErrorDto(await patch(samToken, samTokenId(), [{ op: 'replace', path: '/expirationDate', value: date }]), 400, /not patchable/);
          await assertAllRecordedTrafficMatchesSpec(fake);
        });
      }

      it('refuses other operations, paths, shapes, duplicate names and the wrong content type', async () => {
        const id = samTokenId();
        assertErrorDto(await patch(samToken, id, [{ op: 'remove', path: '/scope' }]), 400, /add and replace/);
        assertErrorDto(await patch(samToken, id, [{ op: 'replace', path: '/owner', value: { id: ada.id } }]), 400, /not patchable/);
        assertErrorDto(await patch(samToken, id, { op: 'replace', path: '/name', value: 'x' }), 400, /array/);
        assertErrorDto(await patch(samToken, id, [{ op: 'replace', path: '/name', value: 'Used long ago' }]), 400, /already exists/);
        assert.equal(fake.tokens().find((token) => token.id === id)!.name, 'Never used', 'a refused patch changes nothing');
        await assertResponsesMatchSpec();
      });

      it('refuses a patch sent as application/json with 415 (like ISC, though the spec does not list 415)', async () => {
        const operations = [{ op: 'replace', path: '/name', value: 'x' }];
        const id = samTokenId();
        assertErrorDto(await patch(samToken, id, operations, 'application/json'), 415, /json-patch/);
        assert.notDeepEqual(validator.validateRequest(family, 'PATCH', itemPath(family, id), 'application/json', operations), []);
      });

      it("refuses another identity's token with 403, an admin's request too (PATCH acts on one's own tokens); unknown ids are 404", async () => {
        const operations = [{ op: 'replace', path: '/name', value: 'Hijacked' }];
        assertErrorDto(await patch(samToken, adaPat.id, operations), 403, /refuses/);
        assertErrorDto(await patch(adaToken, samTokenId(), operations), 403, /refuses/);
        assertErrorDto(await patch(adaToken, 'ef38f94347e94562b5bb8424a56397d8', operations), 404, /did not find/);
        await assertAllRecordedTrafficMatchesSpec(fake);
      });
    });

    describe(`${family} delete`, () => {
      it('answers 204 without a body, then 404 for the same id', async () => {
        const id = fake.tokens().find((token) => token.name === 'Never used')!.id;
        const first = await send(fake, itemPath(family, id), { method: 'DELETE', token: samToken });
        assert.equal(first.status, 204);
        assert.equal(first.text, '');
        assert.equal(fake.tokens().some((token) => token.id === id), false);
        assertErrorDto(await send(fake, itemPath(family, id), { method: 'DELETE', token: samToken }), 404, /did not find/);
        await assertAllRecordedTrafficMatchesSpec(fake);
      });

      it("refuses another identity's token with 403 unless the caller is an admin", async () => {
        assertErrorDto(await send(fake, itemPath(family, adaPat.id), { method: 'DELETE', token: samToken }), 403, /refuses/);
        assert.ok(fake.tokens().some((token) => token.id === adaPat.id));
        assert.equal((await send(fake, itemPath(family, samPat.id), { method: 'DELETE', token: adaToken })).status, 204);
        await assertAllRecordedTrafficMatchesSpec(fake);
      });
    });

    describe(`${family} authentication`, () => {
      it('answers 401 with an {error} body for a missing, unknown or expired bearer token', async () => {
        const missing = await send(fake, collection);
        assert.equal(missing.status, 401);
        assert.equal(typeof missing.json.error, 'string');
        assert.equal((await list('not-a-token')).status, 401);
        fake.expireAccessTokens();
        const expired = await list(samToken, { 'owner-id': 'me' });
        assert.deepEqual([expired.status, expired.json], [401, { error: 'JWT validation failed: JWT is expired' }]);
        const fresh = await signIn(fake, samPat.id, samPat.secret);
        assert.equal((await list(fresh, { 'owner-id': 'me' })).status, 200, 'a new access token works again');
        await assertResponsesMatchSpec();
      });
    });
  }

  it('gives every error a fresh tracking id', async () => {
    const first = await send(fake, itemPath('v3', 'missing'), { method: 'DELETE', token: samToken });
    const second = await send(fake, itemPath('v3', 'missing'), { method: 'DELETE', token: samToken });
    assert.notEqual(first.json.trackingId, second.json.trackingId);
  });

  it('shares one store between the families: a v1 never-expiring token lists in v3 with expirationDate null', async () => {
    const v3 = await send(fake, withQuery(collectionPath('v3'), { 'owner-id': 'me' }), { token: samToken });
    const forever = (v3.json as { name: string; expirationDate: unknown }[]).find((token) => token.name === 'Never expires')!;
    assert.equal(forever.expirationDate, null);
    await assertAllRecordedTrafficMatchesSpec(fake);
  });
});

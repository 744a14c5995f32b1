// The fake tenant's rights, as ISC enforces them: PATCH only on one's own tokens (an admin too), managed tokens
// listed only with their right, owner-wide and tenant-wide lists only for an admin.
import * as assert from 'node:assert/strict';
import { FakeTenant } from '../fake-tenant/server';
import { collectionPath, itemPath, send, signIn, withQuery } from './rawHttp';

describe('fake tenant: who may do what to whose tokens', () => {
  let fake: FakeTenant;

  beforeEach(async () => {
    fake = await FakeTenant.start();
  });

  afterEach(async () => {
    await fake.stop();
  });

  for (const family of ['v3', 'v1'] as const) {
    it(`${family}: an admin may delete another identity's token but not patch it (403); an unknown id is 404`, async () => {
      const ada = fake.addIdentity('Ada', { admin: true });
      const sam = fake.addIdentity('Sam');
      const adaPat = fake.addToken(ada.id);
      const samsToken = fake.addToken(sam.id, { name: 'Sam token' });
      const token = await signIn(fake, adaPat.id, adaPat.secret);
      const patch = { method: 'PATCH', token, contentType: 'application/json-patch+json', body: JSON.stringify([{ op: 'replace', path: '/name', value: 'Renamed' }]) };
      assert.equal((await send(fake, itemPath(family, samsToken.id), patch)).status, 403);
      assert.equal((await send(fake, itemPath(family, 'f'.repeat(32)), patch)).status, 404);
      assert.equal((await send(fake, itemPath(family, adaPat.id), patch)).status, 200);
      assert.equal(fake.tokens().find((each) => each.id === samsToken.id)?.name, 'Sam token');
      assert.equal((await send(fake, itemPath(family, samsToken.id), { method: 'DELETE', token })).status, 204);
    });
  }

  it('lists managed tokens only to callers with the managed right, and others\' tokens only to an admin', async () => {
    const ada = fake.addIdentity('Ada', { admin: true });
    const sam = fake.addIdentity('Sam');
    const auditor = fake.addIdentity('Auditor', { admin: true, readsManagedTokens: false });
    fake.addToken(sam.id, { name: 'workflow', managed: true });
    const pats = [ada, sam, auditor].map((identity) => fake.addToken(identity.id, { name: `${identity.name} sign-in` }));
    const [adaToken, samToken, auditorToken] = await Promise.all(pats.map((pat) => signIn(fake, pat.id, pat.secret)));
    const names = async (token: string, owner?: string): Promise<string[]> => {
      const response = await send(fake, withQuery(collectionPath('v3'), owner === undefined ? {} : { 'owner-id': owner }), { token });
      return (response.json as { name: string }[]).map((each) => each.name).sort();
    };
    assert.ok((await names(adaToken)).includes('workflow'));
    assert.ok(!(await names(auditorToken)).includes('workflow'));
    assert.deepEqual(await names(samToken, 'me'), ['Sam sign-in']);
    assert.equal((await send(fake, withQuery(collectionPath('v3'), { 'owner-id': ada.id }), { token: samToken })).status, 403);
    assert.equal((await send(fake, collectionPath('v3'), { token: samToken })).status, 403);
  });
});

import * as assert from 'node:assert/strict';
import { accountOf, AuthSessionStore, sameScopes, tenantForScopes } from '../../src/core/store/authSessions';
import { isPatError } from '../../src/core/errors';
import type { Tenant } from '../../src/core/model';
import { AUTH_SESSIONS_KEY } from '../../src/core/store/secretKeys';
import { MemoryKeyValueStore } from './helpers/memoryStores';

const TENANTS: Tenant[] = [
  { id: '11111111-2222-4333-8444-555555555555', displayName: 'Acme', baseUrl: 'https://acme.api.identitynow.com', apiFamily: 'v3' },
  { id: '66666666-7777-4888-9999-000000000000', displayName: 'Local', baseUrl: 'http://127.0.0.1:7100', apiFamily: 'v3' },
];

function refusal(scopes: string[]): string {
  try {
    tenantForScopes(scopes, TENANTS);
  } catch (error) {
    assert.ok(isPatError(error, 'invalid-input'));
    return error.message;
  }
  assert.fail(`${JSON.stringify(scopes)} was accepted`);
}

describe('authentication provider scopes and sessions', () => {
  it('a scope names a tenant by id or API host (with port), in any case', () => {
    assert.equal(tenantForScopes(['tenant:acme.api.identitynow.com'], TENANTS).id, TENANTS[0].id);
    assert.equal(tenantForScopes(['tenant:ACME.api.IdentityNow.com'], TENANTS).id, TENANTS[0].id);
    assert.equal(tenantForScopes([`tenant:${TENANTS[1].id}`], TENANTS).id, TENANTS[1].id);
    assert.equal(tenantForScopes(['tenant:127.0.0.1:7100'], TENANTS).id, TENANTS[1].id);
  });

  it('anything else is refused with the syntax or the unknown name', () => {
    assert.match(refusal([]), /exactly one scope naming a tenant/);
    assert.match(refusal(['acme']), /exactly one scope naming a tenant/);
    assert.match(refusal(['tenant:acme.api.identitynow.com', 'tenant:127.0.0.1:7100']), /exactly one/);
    assert.match(refusal(['tenant:acme.api.identitynow.com', 'openid']), /exactly one/);
    assert.match(refusal(['tenant:127.0.0.1']), /No tenant in SailPoint PAT Manager matches "tenant:127\.0\.0\.1"/);
    assert.match(refusal(['tenant:https://acme.api.identitynow.com']), /No tenant/);
  });

  it('a host two tenants share is refused, naming each tenant\'s id scope to choose from (issue 19 item 3)', () => {
    const twin: Tenant = { ...TENANTS[0], id: '99999999-8888-4777-8666-555555555555' };
    let message = '';
    try {
      tenantForScopes(['tenant:acme.api.identitynow.com'], [...TENANTS, twin]);
    } catch (error) {
      assert.ok(isPatError(error, 'invalid-input'));
      message = error.message;
    }
    assert.match(message, /2 tenants have the API host acme\.api\.identitynow\.com/);
    assert.ok(message.includes(`"tenant:${TENANTS[0].id}" (Acme)`), message);
    assert.ok(message.includes(`"tenant:${twin.id}" (Acme)`), message);
    assert.equal(tenantForScopes([`tenant:${twin.id}`], [...TENANTS, twin]).id, twin.id);
  });

  it('each tenant is its own account: the label names the tenant, its host and its id, so two alike never share consent', () => {
    const twin: Tenant = { ...TENANTS[0], id: '99999999-8888-4777-8666-555555555555' };
    const first = accountOf(TENANTS[0]);
    const second = accountOf(twin);
    assert.equal(first.id, TENANTS[0].id);
    assert.equal(second.id, twin.id);
    assert.notEqual(first.label, second.label);
    assert.equal(first.label, `Acme (acme.api.identitynow.com) · ${TENANTS[0].id}`);
    assert.match(accountOf({ ...TENANTS[0], displayName: 'A\u202E[x](command:y)\n' }).label, /^A ?xcommand:y/);
  });

  it('scopes compare as sets', () => {
    assert.ok(sameScopes(['a', 'b'], ['b', 'a']));
    assert.ok(!sameScopes(['a'], ['a', 'b']));
  });

  it('session records keep ids and scopes only, survive a new store over the same state, and drop garbled entries', async () => {
    const state = new MemoryKeyValueStore();
    const store = new AuthSessionStore(state);
    await store.add({ id: 'session-1', tenantId: TENANTS[0].id, scopes: ['tenant:acme.api.identitynow.com'] });
    await store.add({ id: 'session-2', tenantId: TENANTS[1].id, scopes: ['tenant:127.0.0.1:7100'] });
    state.seed(AUTH_SESSIONS_KEY, [...(state.get<unknown[]>(AUTH_SESSIONS_KEY) ?? []), { id: '../x', tenantId: 't', scopes: [] }, 'junk']);
    const again = new AuthSessionStore(state);
    assert.deepEqual(again.list().map((record) => record.id), ['session-1', 'session-2']);
    assert.deepEqual(Object.keys(again.list()[0]).sort(), ['id', 'scopes', 'tenantId']);
    const removed = await again.remove((record) => record.tenantId === TENANTS[0].id);
    assert.deepEqual(removed.map((record) => record.id), ['session-1']);
    assert.deepEqual(again.list().map((record) => record.id), ['session-2']);
    await again.remove(() => true);
    assert.equal(state.values.has(AUTH_SESSIONS_KEY), false);
  });
});

describe('authentication provider refusals', () => {
  it('echo another extension\'s scope without control characters or link syntax', () => {
    let message = '';
    try {
      tenantForScopes(['tenant:[click](command:workbench.action.quit)\n\u202Eevil'], TENANTS);
    } catch (error) {
      message = (error as Error).message;
    }
    assert.match(message, /^No tenant in SailPoint PAT Manager matches "tenant:clickcommand:workbench\.action\.quit evil"/);
  });
});

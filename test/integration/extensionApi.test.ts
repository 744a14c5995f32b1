// What another extension gets from activate(): walked as an attacker would, it leads to no secret store, no secret
// getter and no secret, however deep (own and inherited properties, getters, symbols, and every tree element).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { FakeTenant } from '../fake-tenant/server';
import { canaries, canarySecret, extensionApi, provider, rememberSecret, removeAllTenants, run } from './helpers';

/** Far above the facade and a few tree elements; reaching it means the walk found its way into the host's internals. */
const MAX_OBJECTS = 5000;
const SECRET_NAME = /secret|credential|password|passphrase/i;
const HOLDER_NAME = /^_*(service|registry|store|secrets?|context|extensionContext|globalState|workspaceState|kv|options)$/i;
const BUILT_IN_PROTOTYPES = new Set<unknown>([
  Object.prototype,
  Function.prototype,
  Array.prototype,
  Promise.prototype,
  Map.prototype,
  Set.prototype,
  String.prototype,
  Error.prototype,
]);

interface Reached {
  value: unknown;
  path: string;
}

/** SecretStorage's shape: get, store, delete (and usually onDidChange). */
function looksLikeSecretStore(value: object): boolean {
  const candidate = value as Record<string, unknown>;
  return ['get', 'store', 'delete'].every((name) => typeof candidate[name] === 'function');
}

function propertyValue(owner: object, receiver: object, key: string | symbol): { value?: unknown; accessor: boolean } {
  const descriptor = Object.getOwnPropertyDescriptor(owner, key);
  if (descriptor === undefined) return { accessor: false };
  if (descriptor.get === undefined) return { value: descriptor.value, accessor: false };
  try {
    return { value: Reflect.get(owner, key, receiver), accessor: true };
  } catch {
    return { accessor: true };
  }
}

/** Every problem in the graph reachable from the roots, by path; also whether the walk had to stop. */
function walk(roots: Reached[]): { problems: string[]; visited: number } {
  const problems: string[] = [];
  const seen = new Set<unknown>();
  const queue = [...roots];
  while (queue.length > 0 && seen.size < MAX_OBJECTS) {
    const { value, path } = queue.shift()!;
    if (typeof value === 'string') {
      if (canaries.some((secret) => value.includes(secret))) problems.push(`${path} holds a secret`);
      continue;
    }
    if ((typeof value !== 'object' && typeof value !== 'function') || value === null || seen.has(value)) continue;
    seen.add(value);
    if (looksLikeSecretStore(value)) problems.push(`${path} looks like a secret store`);
    for (let owner: object | null = value; owner !== null && !BUILT_IN_PROTOTYPES.has(owner); owner = Object.getPrototypeOf(owner) as object | null) {
      for (const key of Reflect.ownKeys(owner)) {
        const name = String(key);
        const { value: child, accessor } = propertyValue(owner, value, key);
        const at = `${path}.${name}`;
        if (HOLDER_NAME.test(name)) problems.push(`${at} is named like a holder of secrets`);
        // A getter answering yes or no (secretStored, isOwnCredential) reveals no secret; one that answers anything else might.
        const revealing = typeof child === 'function' || (accessor && child !== undefined && typeof child !== 'boolean');
        if (SECRET_NAME.test(name) && revealing) {
          problems.push(`${at} is named like a secret getter`);
        }
        queue.push({ value: child, path: at });
      }
    }
  }
  if (queue.length > 0) problems.push(`the walk stopped after ${MAX_OBJECTS} objects: the API reaches far beyond the tree`);
  return { problems, visited: seen.size };
}

describe('the API other extensions get', function () {
  this.timeout(60_000);
  let fake: FakeTenant;

  before(async () => {
    await removeAllTenants();
    fake = await FakeTenant.start();
  });

  after(async () => {
    await removeAllTenants();
    await fake.stop();
  });

  it('is frozen and holds only tree reading', async () => {
    const api = await extensionApi();
    assert.ok(Object.isFrozen(api), 'the API object can be changed');
    assert.ok(Object.isFrozen(api.treeView), 'the view reader can be changed');
    assert.deepEqual(Object.keys(api).sort(), ['getChildren', 'getParent', 'getTreeItem', 'onDidChangeTreeData', 'resolveTreeItem', 'treeView']);
    assert.equal('dispose' in api.treeView, false, 'another extension could dispose the view');
    const message = Object.getOwnPropertyDescriptor(api.treeView, 'message');
    assert.ok(message !== undefined && !('set' in message && message.set !== undefined), 'another extension could write into the view');
  });

  it('leads to no secret store, secret getter or secret, with secrets stored', async () => {
    const owner = fake.addIdentity('Mallory target', { admin: true });
    const signIn = fake.addToken(owner.id, { name: 'api-walk-sign-in', secret: canarySecret('api-walk') });
    const { tenantId } = await run<{ tenantId: string }>('sailpointPat.addTenant', { url: fake.baseUrl, clientId: signIn.id, clientSecret: signIn.secret });
    const { tokenId } = await run<{ tokenId: string }>('sailpointPat.createToken', { tenantId, name: 'api-walk-token', scope: ['sp:scopes:default'] });
    rememberSecret(fake.tokens().find((token) => token.id === tokenId)!.secret);

    const roots: Reached[] = [{ value: await extensionApi(), path: 'api' }];
    const tree = await provider();
    const tenants = (await tree.getChildren()) ?? [];
    for (const [index, tenant] of tenants.entries()) {
      const tokens = (await tree.getChildren(tenant)) ?? [];
      roots.push({ value: tenant, path: `tenant[${index}]` }, { value: await tree.getTreeItem(tenant), path: `tenantItem[${index}]` });
      for (const [row, token] of tokens.entries()) {
        const item = await tree.getTreeItem(token);
        const resolved = await tree.resolveTreeItem?.(item, token, new vscode.CancellationTokenSource().token);
        roots.push({ value: token, path: `token[${index}][${row}]` }, { value: resolved, path: `tokenItem[${index}][${row}]` });
      }
    }
    assert.ok(roots.length >= 5, 'the tree shows no tenant or token to walk');
    const { problems, visited } = walk(roots);
    assert.deepEqual(problems, [], `found in ${visited} objects`);
  });
});

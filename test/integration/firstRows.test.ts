// The first seconds (issue 20 §4): VS Code's tree draws an expanded node only once its children are known, and a
// tenant row is expanded. So the tenant's first answer to VS Code must not wait for the network: it is one "Loading
// tokens…" row, replaced by the tokens when the list arrives. Other extensions' getChildren still waits for them.
import * as assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { PatService } from '../../src/core/patService';
import { silentLogger } from '../../src/core/ports';
import { TenantNode } from '../../src/ui/tree/nodes';
import { PatTreeDataProvider } from '../../src/ui/tree/patTreeDataProvider';
import { FirstRowsLog } from '../../src/ui/firstRowsLog';
import { MemoryKeyValueStore, MemorySecretStore } from '../unit/helpers/memoryStores';
import { FakeTenant } from '../fake-tenant/server';
import { provider, removeAllTenants, rememberSecret, run } from './helpers';

const LATENCY_MS = 1500;

function labelOf(item: vscode.TreeItem): string | undefined {
  return typeof item.label === 'string' ? item.label : item.label?.label;
}

describe('the first rows of the view', function () {
  this.timeout(30_000);
  let fake: FakeTenant;
  let tree: PatTreeDataProvider;
  let tenant: TenantNode;
  let secrets: MemorySecretStore;

  before(async () => {
    fake = await FakeTenant.start({ latencyMs: LATENCY_MS });
    const admin = fake.addIdentity('Ada Admin', { admin: true });
    fake.addToken(admin.id, { name: 'Nightly export' });
    const { clientId, clientSecret } = fake.addApiClient(admin.id);
    rememberSecret(clientSecret);
    secrets = new MemorySecretStore();
    const service = new PatService({ kv: new MemoryKeyValueStore(), secrets, logger: silentLogger });
    await service.addTenant({ url: fake.baseUrl, displayName: 'Slow tenant', credentials: { clientId, clientSecret } });
    tree = new PatTreeDataProvider(service, silentLogger);
    const [root] = await tree.getChildren();
    assert.ok(root instanceof TenantNode);
    tenant = root;
  });

  after(async () => {
    tree.dispose();
    await fake.stop();
  });

  it('shows a tenant at once: its first children are a loading row, then the tokens with a change event for it', async () => {
    const changed = new Promise<unknown>((resolve) => {
      const subscription = tree.onDidChangeTreeData((node) => {
        if (node !== tenant) return;
        subscription.dispose();
        resolve(node);
      });
    });
    secrets.calls.length = 0;
    const startedAt = performance.now();
    // Read the moment the answer settles, before any timer of the host: what the load had done by then held it back.
    const first = await tree.getChildren(tenant).then((children) => {
      assert.deepEqual(secrets.calls, [], 'the load read SecretStorage before VS Code had the loading row');
      return children;
    });
    assert.ok(performance.now() - startedAt < LATENCY_MS, 'the first children waited for the network');
    assert.deepEqual(first.map((node) => labelOf(tree.getTreeItem(node))), ['Loading tokens…']);
    assert.equal(first[0].contextValue, 'loading');
    assert.equal(tree.getParent(first[0]), tenant);
    await changed;
    const next = await tree.getChildren(tenant);
    assert.deepEqual(next.map((node) => labelOf(node)), ['Nightly export']);
  });

  it('waits for the list again on a refresh, so loaded rows are not replaced by a loading row', async () => {
    tree.refresh(tenant.tenantId);
    const startedAt = performance.now();
    const children = await tree.getChildren(tenant);
    assert.ok(performance.now() - startedAt >= LATENCY_MS * 0.9, 'a refresh answered before the list');
    assert.deepEqual(children.map((node) => labelOf(node)), ['Nightly export']);
  });

  it('gives other extensions the tokens themselves, never the loading row', async () => {
    await removeAllTenants();
    const admin = fake.addIdentity('Bo Admin', { admin: true });
    fake.addToken(admin.id, { name: 'Release pipeline' });
    const { clientId, clientSecret } = fake.addApiClient(admin.id);
    rememberSecret(clientSecret);
    const { tenantId } = await run<{ tenantId: string }>('sailpointPat.addTenant', { url: fake.baseUrl, displayName: 'Slow too', clientId, clientSecret });
    const api = await provider();
    const row = ((await api.getChildren()) ?? []).find((node) => node.id === `tenant:${tenantId}`);
    assert.ok(row);
    const tokens = (await api.getChildren(row)) ?? [];
    assert.deepEqual(tokens.map((node) => labelOf(node)), ['Release pipeline']);
    await removeAllTenants();
  });
});

describe('the log line of the first rows', function () {
  this.timeout(30_000);
  let fake: FakeTenant;

  before(async () => {
    fake = await FakeTenant.start();
  });

  after(async () => {
    await fake.stop();
  });

  it('says once, a timer turn after the tenant first answered, how long the root and tenant answers took on the host clock', async () => {
    const admin = fake.addIdentity('Cy Admin', { admin: true });
    const { clientId, clientSecret } = fake.addApiClient(admin.id);
    rememberSecret(clientSecret);
    const service = new PatService({ kv: new MemoryKeyValueStore(), secrets: new MemorySecretStore(), logger: silentLogger });
    await service.addTenant({ url: fake.baseUrl, displayName: 'Timed tenant', credentials: { clientId, clientSecret } });
    const lines: string[] = [];
    const logger = { ...silentLogger, info: (line: string) => lines.push(line) };
    const tree = new PatTreeDataProvider(service, silentLogger, new FirstRowsLog(logger));
    try {
      const before = performance.timeOrigin + performance.now();
      const [tenant] = await tree.getChildren();
      await tree.getChildren(tenant);
      const after = performance.timeOrigin + performance.now();
      assert.equal(lines.length, 0, 'the line was logged while the host was still sending the answer');
      await new Promise((resolve) => setTimeout(resolve, 0));
      assert.equal(lines.length, 1, `one line expected, got ${JSON.stringify(lines)}`);
      const match = /^First rows \(extension host clock, epoch ms\): root (\d+\.\d\d) ms ending (\d+\.\d\d); tenant (\d+\.\d\d) ms ending (\d+\.\d\d)$/.exec(lines[0]);
      assert.ok(match, `the line does not read as expected: ${lines[0]}`);
      const [rootMs, rootEnd, tenantMs, tenantEnd] = match.slice(1).map(Number);
      assert.ok(rootEnd - rootMs >= before - 0.01 && rootEnd <= tenantEnd && tenantEnd <= after + 0.01, `the times are not within the calls: ${lines[0]}`);
      assert.ok(tenantMs <= after - before + 0.01, 'the tenant answer took longer than the calls');
      await tree.getChildren();
      await tree.getChildren(tenant);
      await new Promise((resolve) => setTimeout(resolve, 0));
      assert.equal(lines.length, 1, 'later answers were logged again');
    } finally {
      tree.dispose();
    }
  });
});

describe('the root answer and the hasTenants context key', () => {
  it('tells VS Code whether there are tenants only when that changed, not with every root answer', async () => {
    const service = new PatService({ kv: new MemoryKeyValueStore(), secrets: new MemorySecretStore(), logger: silentLogger });
    const tree = new PatTreeDataProvider(service, silentLogger);
    const sent: unknown[] = [];
    const commands = vscode.commands as { executeCommand: typeof vscode.commands.executeCommand };
    const execute = commands.executeCommand;
    commands.executeCommand = <T>(command: string, ...rest: unknown[]): Thenable<T> => {
      if (command === 'setContext' && rest[0] === 'sailpointPat.hasTenants') sent.push(rest[1]);
      return execute<T>(command, ...rest);
    };
    try {
      await tree.getChildren();
      await tree.getChildren();
      assert.deepEqual(sent, [false], 'the same value was sent again');
    } finally {
      commands.executeCommand = execute;
      tree.dispose();
    }
  });
});

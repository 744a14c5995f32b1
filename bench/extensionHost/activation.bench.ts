// Activation in a fresh extension host: our activate() from called to returned, then the first tree render of
// one tenant (sign-in, list, tree items) against a fake tenant (own process) that answers at once.
import * as assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { type FakeTenantAddress, startFakeTenantProcess } from '../fakeTenantProcess';
import { EXTENSION_ID, run } from '../../test/integration/helpers';
import { profiled } from './profile';
import { recordSample } from './samples';

const FIRST_RENDER_TOKENS = 10;

interface ExtensionModule {
  activate(context: vscode.ExtensionContext): unknown;
  deactivate?(): unknown;
}

/** activate() returns the tree-reading facade itself. */
type PatExtensionApi = vscode.TreeDataProvider<vscode.TreeItem>;

interface ActivateTiming {
  moduleLoadMs: number;
  activateMs?: number;
  /** The host process's CPU time during activate(): on a shared machine, what our work cost apart from waiting for a core. */
  activateCpuMs?: number;
}

function cpuMsSince(start: NodeJS.CpuUsage): number {
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1000;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | undefined)?.then === 'function';
}

/**
 * Loads the bundle before VS Code does and puts a timing wrapper in the module cache in its place, so the host's
 * own require() hands VS Code the wrapper: the only way to time activate() itself from outside the extension.
 */
function preloadWithTimedActivate(bundlePath: string): ActivateTiming {
  const load = createRequire(__filename);
  const file = load.resolve(bundlePath);
  const startedAt = performance.now();
  const real = load(file) as ExtensionModule;
  const timing: ActivateTiming = { moduleLoadMs: performance.now() - startedAt };
  const cached = load.cache[file];
  assert.ok(cached, `${file} is not in the module cache`);
  const activate = (context: vscode.ExtensionContext): unknown => {
    const cpuAt = process.cpuUsage();
    const calledAt = performance.now();
    const result = real.activate(context);
    if (!isThenable(result)) {
      timing.activateMs = performance.now() - calledAt;
      timing.activateCpuMs = cpuMsSince(cpuAt);
      return result;
    }
    return Promise.resolve(result).then((api) => {
      timing.activateMs = performance.now() - calledAt;
      timing.activateCpuMs = cpuMsSince(cpuAt);
      return api;
    });
  };
  const deactivate = (): unknown => real.deactivate?.();
  // The wrapper inherits the rest of the real exports: the chunks that load later take modules from them.
  cached.exports = Object.create(real, { activate: { value: activate, enumerable: true }, deactivate: { value: deactivate, enumerable: true } }) as ExtensionModule;
  return timing;
}

/** The floor of a first render: the same sign-in and list by bare fetch, answers parsed, nothing checked or drawn. */
async function bareRoundTripsMs({ baseUrl, clientId, clientSecret }: FakeTenantAddress): Promise<number> {
  const startedAt = performance.now();
  const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret });
  const signIn = await fetch(`${baseUrl}/oauth/token`, { method: 'POST', body: form });
  const { access_token: accessToken } = (await signIn.json()) as { access_token: string };
  const list = await fetch(`${baseUrl}/v3/personal-access-tokens`, { headers: { Authorization: `Bearer ${accessToken}` } });
  const tokens = (await list.json()) as unknown[];
  assert.ok(Array.isArray(tokens), 'the list answer is not an array');
  return performance.now() - startedAt;
}

async function timeFirstRender(api: PatExtensionApi): Promise<{ ms: number; tokens: number; floorMs: number }> {
  const fake = await startFakeTenantProcess({ tokens: FIRST_RENDER_TOKENS });
  try {
    const { tenantId } = await run<{ tenantId: string }>('sailpointPat.addTenant', {
      url: fake.baseUrl,
      displayName: 'Bench',
      clientId: fake.clientId,
      clientSecret: fake.clientSecret,
    });
    const tree = api;
    const startedAt = performance.now();
    const items = await profiled('firstRender', async () => {
      const tenant = ((await tree.getChildren()) ?? []).find((item) => item.id === `tenant:${tenantId}`);
      assert.ok(tenant, 'the tenant is not in the tree');
      const children = (await tree.getChildren(tenant)) ?? [];
      for (const item of children) await tree.getTreeItem(item);
      return children;
    });
    const ms = performance.now() - startedAt;
    await run('sailpointPat.removeTenant', { tenantId });
    // The host's first fetch loads its HTTP client; that load is no part of the floor.
    await bareRoundTripsMs(fake);
    return { ms, tokens: items.filter((item) => item.contextValue?.startsWith('token')).length, floorMs: await bareRoundTripsMs(fake) };
  } finally {
    await fake.stop();
  }
}

/**
 * The profile of activate() (bench/README.md) shows most of it inside VS Code's registerCommand, one message to the
 * window per command: registering as many throwaway commands, in the same host, is the floor activate() stands on.
 */
async function commandRegistrationFloor(): Promise<{ ms: number; count: number }> {
  const count = (await vscode.commands.getCommands(true)).filter((id) => id.startsWith('sailpointPat.')).length;
  const startedAt = performance.now();
  const registered = Array.from({ length: count }, (_, index) => vscode.commands.registerCommand(`sailpointPatBench.floor${index}`, () => undefined));
  const ms = performance.now() - startedAt;
  for (const each of registered) each.dispose();
  return { ms, count };
}

describe('activation in a fresh extension host', () => {
  it('times activate() and the first render of a tenant', async () => {
    const extension = vscode.extensions.getExtension<PatExtensionApi>(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not loaded`);
    assert.equal(extension.isActive, false, 'the extension is already active, so its activation cannot be timed here');
    const main = (extension.packageJSON as { main: string }).main;
    const timing = preloadWithTimedActivate(path.join(extension.extensionPath, main));
    const startedAt = performance.now();
    const api = await profiled('activation', () => Promise.resolve(extension.activate()));
    const hostActivateMs = performance.now() - startedAt;
    assert.ok(timing.activateMs !== undefined, 'VS Code did not call the preloaded module: activate() was not timed');
    const firstRender = await timeFirstRender(api);
    assert.equal(firstRender.tokens, FIRST_RENDER_TOKENS);
    const registerFloor = await commandRegistrationFloor();
    assert.ok(registerFloor.count > 0, 'no sailpointPat command is registered');
    recordSample('activation', {
      moduleLoadMs: timing.moduleLoadMs,
      activateMs: timing.activateMs,
      activateCpuMs: timing.activateCpuMs ?? Number.NaN,
      hostActivateMs,
      firstRenderMs: firstRender.ms,
      firstRenderTokens: firstRender.tokens,
      firstRenderFloorMs: firstRender.floorMs,
      registerFloorMs: registerFloor.ms,
      registeredCommands: registerFloor.count,
    });
  });
});

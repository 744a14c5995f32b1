// VS Code's proxy setting applies to the extension's requests, in the real VS Code: the client is Node's
// http/https.request, which the extension host patches for extensions (http.proxySupport). A forward proxy run by the
// test stands between the extension and a fake tenant; it must see the sign-in and the list.
import * as assert from 'node:assert/strict';
import { createServer, request as forwardRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import { FakeTenant } from '../fake-tenant/server';
import { rememberSecret, removeAllTenants, run, tokensOf } from './helpers';

/**
 * A plain-http forward proxy that writes down each absolute-form request and passes it on to `upstreamOrigin`. It runs
 * in the extension host, whose patched http.request would send its own requests back to itself, except to 127.0.0.1,
 * which VS Code always reaches direct: so it forwards to the fake's first address, the same tenant.
 */
async function startForwardProxy(seen: string[], upstreamOrigin: string): Promise<Server> {
  const proxy = createServer((incoming, outgoing) => {
    seen.push(`${incoming.method ?? ''} ${incoming.url ?? ''}`);
    const target = new URL(incoming.url ?? '/');
    const upstream = forwardRequest(`${upstreamOrigin}${target.pathname}${target.search}`, { method: incoming.method, headers: incoming.headers }, (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    });
    upstream.once('error', () => outgoing.destroy());
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return proxy;
}

describe("requests go through VS Code's proxy setting", function () {
  this.timeout(60_000);
  const seen: string[] = [];
  let fake: FakeTenant;
  let proxy: Server;

  before(async () => {
    await removeAllTenants();
    fake = await FakeTenant.start();
    proxy = await startForwardProxy(seen, fake.baseUrl);
    const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    await vscode.workspace.getConfiguration('http').update('proxy', proxyUrl, vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    await vscode.workspace.getConfiguration('http').update('proxy', undefined, vscode.ConfigurationTarget.Global);
    await removeAllTenants();
    proxy.closeAllConnections();
    proxy.close();
    await fake.stop();
  });

  it('signs in and lists a tenant through the proxy named in http.proxy', async () => {
    const admin = fake.addIdentity('Pia Proxy', { admin: true });
    const { clientId, clientSecret } = fake.addApiClient(admin.id);
    rememberSecret(clientSecret);
    // VS Code sends localhost and 127.0.0.1 direct whatever the setting says; the fake's second address is not exempt.
    const url = await fake.secondBaseUrl();
    const { tenantId } = await run<{ tenantId: string }>('sailpointPat.addTenant', { url, displayName: 'Behind a Proxy', clientId, clientSecret });
    await tokensOf(tenantId);
    const origin = url.replace(/\./g, '\\.');
    assert.ok(seen.some((line) => new RegExp(`^POST ${origin}/oauth/token$`).test(line)), `the proxy saw no sign-in: ${seen.join(', ')}`);
    assert.ok(seen.some((line) => new RegExp(`^GET ${origin}/v3/personal-access-tokens\\b`).test(line)), `the proxy saw no list: ${seen.join(', ')}`);
  });
});

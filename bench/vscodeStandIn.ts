// Plain-Node benches load our modules without VS Code: `require('vscode')` then answers with a stand-in object.
import Module from 'node:module';

interface ResolvingModule {
  _resolveFilename(request: string, ...rest: unknown[]): string;
  _cache: Record<string, Module>;
}

/** Makes every later `require('vscode')` in this process return `api`. */
export function installVscodeStandIn(api: Record<string, unknown>): void {
  const internals = Module as unknown as ResolvingModule;
  const standIn = new Module('vscode');
  standIn.exports = api;
  standIn.loaded = true;
  internals._cache.vscode = standIn;
  const resolve = internals._resolveFilename.bind(Module);
  internals._resolveFilename = (request, ...rest) => (request === 'vscode' ? 'vscode' : resolve(request, ...rest));
}

// VS Code in the browser for the demo, the screenshots and the journeys: the same code-server + Node 24 + chromium
// that test/runner/setup.sh installs for the integration tests, started as an ordinary window (no test driver, so
// notifications pop up and modals show as in desktop VS Code) with the extension installed from this checkout.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { codeServerEnvironment } from './codeServerEnvironment';

export const REPO_ROOT = path.resolve(__dirname, '../..');
const RUNNER_DIR = path.join(REPO_ROOT, 'test/runner');
const TOOLS_DIR = path.join(RUNNER_DIR, 'tools');
const NODE24 = path.join(TOOLS_DIR, 'node24/node_modules/node/bin/node');
const CODE_SERVER_ENTRY = path.join(TOOLS_DIR, 'node_modules/code-server/out/node/entry.js');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/** The few playwright-core calls the scripts and the journeys use (its types live in test/runner/tools, outside the build). */
export type Modifier = 'Alt' | 'Control' | 'ControlOrMeta' | 'Meta' | 'Shift';
export interface Locator {
  first(): Locator;
  locator(selector: string): Locator;
  getByText(text: string | RegExp, options?: { exact?: boolean }): Locator;
  getByRole(role: string, options?: { name?: string | RegExp; exact?: boolean }): Locator;
  click(options?: { timeout?: number; button?: 'left' | 'right'; modifiers?: Modifier[] }): Promise<void>;
  hover(options?: { timeout?: number }): Promise<void>;
  /** Focuses the element and presses the key on it, as a keyboard user does. */
  press(key: string, options?: { timeout?: number }): Promise<void>;
  waitFor(options?: { state?: 'visible' | 'attached' | 'hidden' | 'detached'; timeout?: number }): Promise<void>;
  count(): Promise<number>;
  isVisible(): Promise<boolean>;
  innerText(options?: { timeout?: number }): Promise<string>;
  getAttribute(name: string, options?: { timeout?: number }): Promise<string | null>;
}
/** A frame's content (a webview's page sits in two nested iframes). */
export interface FrameLocator {
  locator(selector: string): Locator;
  getByText(text: string | RegExp, options?: { exact?: boolean }): Locator;
  getByRole(role: string, options?: { name?: string | RegExp; exact?: boolean }): Locator;
  frameLocator(selector: string): FrameLocator;
  first(): FrameLocator;
}
export interface Page {
  goto(url: string): Promise<unknown>;
  frameLocator(selector: string): FrameLocator;
  setContent(html: string): Promise<void>;
  locator(selector: string): Locator;
  getByText(text: string | RegExp, options?: { exact?: boolean }): Locator;
  getByRole(role: string, options?: { name?: string | RegExp; exact?: boolean }): Locator;
  keyboard: { press(key: string): Promise<void>; type(text: string, options?: { delay?: number }): Promise<void> };
  mouse: { move(x: number, y: number, options?: { steps?: number }): Promise<void>; down(): Promise<void>; up(): Promise<void> };
  screenshot(options: { path: string; omitBackground?: boolean; clip?: { x: number; y: number; width: number; height: number }; type?: 'png' | 'jpeg'; quality?: number }): Promise<unknown>;
  waitForTimeout(ms: number): Promise<void>;
  /** A JavaScript expression evaluated in the page; a promise is awaited. */
  evaluate(expression: string): Promise<unknown>;
  /** The browser context, for a DevTools protocol session on this page (a WebP screenshot). */
  context(): { newCDPSession(page: Page): Promise<{ send(method: string, params?: object): Promise<unknown>; detach(): Promise<void> }> };
}
export interface Browser {
  newPage(options: { viewport: { width: number; height: number }; deviceScaleFactor?: number; permissions?: string[] }): Promise<Page>;
  close(): Promise<void>;
}
interface Chromium {
  launch(options: { executablePath: string; headless: boolean; args: string[]; env: NodeJS.ProcessEnv }): Promise<Browser>;
}

/** One throw-away folder for everything VS Code writes (user data, extensions, HOME, TMPDIR). */
export interface Sandbox {
  root: string;
  env: NodeJS.ProcessEnv;
  userData: string;
  extensions: string;
}

export function createSandbox(prefix: string): Sandbox {
  const root = mkdtempSync(path.join(tmpdir(), prefix));
  const home = path.join(root, 'home');
  const sandbox = { root, userData: path.join(root, 'user-data'), extensions: path.join(root, 'extensions') };
  for (const dir of [home, path.join(root, 'tmp'), sandbox.userData, sandbox.extensions]) mkdirSync(dir, { recursive: true });
  const env = {
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_DATA_HOME: path.join(home, '.local/share'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    TMPDIR: path.join(root, 'tmp'),
  };
  return { ...sandbox, env };
}

/** A workbench that opens on the extension, not on chat, tips or a welcome page. */
export function writeQuietSettings(sandbox: Sandbox): void {
  const settings = {
    'workbench.startupEditor': 'none',
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'workbench.tips.enabled': false,
    'chat.disableAIFeatures': true,
    'extensions.ignoreRecommendations': true,
    'telemetry.telemetryLevel': 'off',
  };
  mkdirSync(path.join(sandbox.userData, 'User'), { recursive: true });
  writeFileSync(path.join(sandbox.userData, 'User/settings.json'), JSON.stringify(settings, null, 2));
}

export function removeSandbox(sandbox: Sandbox): void {
  rmSync(sandbox.root, { recursive: true, force: true });
}

/** Installs code-server, Node 24 and chromium the first time (setup.sh is idempotent and fast afterwards). */
export function ensureWebTools(): void {
  if (existsSync(NODE24) && existsSync(CODE_SERVER_ENTRY) && existsSync(CHROMIUM)) return;
  console.log('First run: installing code-server, Node 24 and chromium (about 5 minutes; apt needs root)…');
  execFileSync('bash', [path.join(RUNNER_DIR, 'setup.sh')], { stdio: 'inherit' });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export interface CodeServer {
  url: string;
  stop(): Promise<void>;
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const forceKill = setTimeout(() => {
      signalGroup(child, 'SIGKILL');
      resolve();
    }, 5000);
    child.once('exit', () => {
      clearTimeout(forceKill);
      resolve();
    });
    signalGroup(child, 'SIGTERM');
  });
}

/** The flags every launch needs, shared with the test launcher; not the test driver's, which hide notifications. */
function fixedFlags(): string[] {
  const file = path.join(RUNNER_DIR, 'code-server-flags.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { flags: string[] }).flags;
}

function codeServerArguments(sandbox: Sandbox, port: number, locale: string | undefined, extraArgs: readonly string[]): string[] {
  const config = path.join(sandbox.root, 'code-server.yaml');
  writeFileSync(config, 'auth: none\ncert: false\n');
  return [
    CODE_SERVER_ENTRY,
    ...fixedFlags(),
    '--bind-addr', `127.0.0.1:${port}`,
    '--config', config,
    '--user-data-dir', sandbox.userData,
    '--extensions-dir', sandbox.extensions,
    // The workbench's display language, which VS Code hands extensions as vscode.env.language (and their l10n bundle).
    ...(locale === undefined ? [] : ['--locale', locale]),
    ...extraArgs,
  ];
}

/**
 * Installs this checkout as an extension of the sandbox, by a link: an ordinary workbench loads no development
 * extension from the URL (only the test driver's does), and the link keeps a rebuilt dist/ one reload away.
 */
export function installExtensionUnderTest(sandbox: Sandbox): void {
  const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };
  symlinkSync(REPO_ROOT, path.join(sandbox.extensions, `${manifest.publisher}.${manifest.name}-${manifest.version}`), 'dir');
}

/** Starts code-server on 127.0.0.1 in its own process group; `url` opens a workbench on the workspace with the extension installed. */
export async function startCodeServer(options: {
  sandbox: Sandbox;
  workspace: string;
  env: NodeJS.ProcessEnv;
  locale?: string;
  /** More code-server flags, e.g. the bench's `--vscode-option inspect-extensions=<port>`. */
  extraArgs?: readonly string[];
}): Promise<CodeServer> {
  installExtensionUnderTest(options.sandbox);
  const port = await freePort();
  const server = spawn(NODE24, codeServerArguments(options.sandbox, port, options.locale, options.extraArgs ?? []), {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: codeServerEnvironment(process.env, options.sandbox.env, options.env),
  });
  // Never leave a server behind, even when this process dies on an uncaught error.
  const killOnExit = (): void => signalGroup(server, 'SIGKILL');
  process.once('exit', killOnExit);
  await new Promise<void>((resolve, reject) => {
    const onOutput = (chunk: Buffer): void => {
      if (chunk.toString().includes('HTTP server listening on')) resolve();
    };
    server.stdout?.on('data', onOutput);
    server.stderr?.on('data', onOutput);
    server.once('exit', (code, signal) => reject(new Error(`code-server exited before listening (code ${code}, signal ${signal})`)));
  });
  return {
    url: `http://127.0.0.1:${port}/?folder=${encodeURIComponent(options.workspace)}`,
    stop: async () => {
      await stopGroup(server);
      process.removeListener('exit', killOnExit);
    },
  };
}

/** Headless Debian chromium through playwright-core, from the integration tests' tools folder. */
export async function launchChromium(sandbox: Sandbox): Promise<Browser> {
  const { chromium } = createRequire(path.join(TOOLS_DIR, 'package.json'))('playwright-core') as { chromium: Chromium };
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, env: { ...process.env, ...sandbox.env } });
}

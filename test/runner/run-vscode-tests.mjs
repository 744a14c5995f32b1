// Runs VS Code extension integration tests inside a real VS Code without the desktop app:
// code-server (Microsoft's VS Code server, whose Node extension host runs the tests) shown by
// headless Debian chromium through playwright-core. Exits with the tests' exit code.
// Needs Node 24 (code-server's requirement); test/runner/setup.sh installs everything.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { format, parseArgs } from 'node:util';

const RUNNER_DIR = path.dirname(fileURLToPath(import.meta.url));
// playwright-core lives in the tools folder setup.sh fills, not beside this script.
const { chromium } = createRequire(path.join(RUNNER_DIR, 'tools/package.json'))('playwright-core');
const DEFAULT_CODE_SERVER = path.join(RUNNER_DIR, 'tools/node_modules/code-server/out/node/entry.js');
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
// The workbench's own chatter (connection setup, chat and account features, services unreachable offline)
// arrives through the same channel as the tests' output; shown only with --verbose.
const WORKBENCH_NOISE = [
  /^\[(AgentHost|ChatModelSelection|AccountPolicyGate|Service Worker|reconnection-grace-time)[\]:]/,
  /^(Creating a socket|Resolving connection token|Resolved connection token|Updating additional builtin extensions|Creation of workbench contribution)/,
  /^Timed out waiting for authentication provider/,
  /ENOTFOUND|EAI_AGAIN|ERR_NAME_NOT_RESOLVED|ERR_INTERNET_DISCONNECTED|open-vsx\.org|extensionquery|mobile\.events\.data/i,
];

const USAGE = `usage: node run-vscode-tests.mjs --extensionDevelopmentPath <dir> --extensionTestsPath <file> [workspace]
  [--workspace <dir>] [--timeout <seconds>] [--screenshot <png>] [--keep-user-data <dir>] [--verbose]
  [--code-server <entry.js>] [--node <node24>] [--chromium <path>]
Also accepts the --flag=value arguments @vscode/test-electron passes to a VS Code executable;
flags meant for desktop Electron (--no-sandbox, --user-data-dir=..., ...) are ignored.
Environment: VSCODE_TESTS_TIMEOUT (seconds), VSCODE_TESTS_SCREENSHOT (png), VSCODE_TESTS_KEEP_USER_DATA (dir).
The extension host gets SAILPOINT_PAT_TEST_USER_DATA_DIR, SAILPOINT_PAT_TEST_SANDBOX_DIR and VSCODE_TEST_RESULT_FILE,
plus every variable of this process's environment.
The browser workbench loads the first --extensionDevelopmentPath; any further one (a helper extension a test talks to)
is installed into the run's extensions folder as the built folder it is (with its package.json).
A test can act as the user where the extension API cannot (typing into an input box): it prints
a line "[ui-driver] <json request>" and reads the answer from <sandbox>/ui-driver-<id>.json (see answerUiRequest).`;

function readOptions(argv) {
  const { values, positionals } = parseArgs({
    args: argv,
    strict: false,
    allowPositionals: true,
    options: {
      extensionDevelopmentPath: { type: 'string', multiple: true },
      extensionTestsPath: { type: 'string' },
      workspace: { type: 'string' },
      timeout: { type: 'string', default: process.env.VSCODE_TESTS_TIMEOUT ?? '300' },
      screenshot: { type: 'string', default: process.env.VSCODE_TESTS_SCREENSHOT },
      'keep-user-data': { type: 'string', default: process.env.VSCODE_TESTS_KEEP_USER_DATA },
      verbose: { type: 'boolean', default: false },
      'code-server': { type: 'string', default: DEFAULT_CODE_SERVER },
      node: { type: 'string', default: process.execPath },
      chromium: { type: 'string', default: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) exitWithUsage(0);
  const keptUserData = values['keep-user-data'] && path.resolve(values['keep-user-data']);
  if (keptUserData && existsSync(keptUserData) && readdirSync(keptUserData).length > 0) {
    console.error(`--keep-user-data ${keptUserData} must be empty or absent: a scan would see an earlier run's files`);
    process.exit(2);
  }
  const timeoutSeconds = Number(values.timeout);
  if (!values.extensionDevelopmentPath?.length || !values.extensionTestsPath || !(timeoutSeconds > 0)) exitWithUsage(2);
  return {
    developmentPaths: values.extensionDevelopmentPath.map((p) => path.resolve(p)),
    testsPath: path.resolve(values.extensionTestsPath),
    // test-electron puts launchArgs (the workspace folder) first; Electron flags start with "-".
    workspace: values.workspace ?? positionals.find((arg) => !arg.startsWith('-')),
    timeoutSeconds,
    screenshot: values.screenshot && path.resolve(values.screenshot),
    keptUserData,
    verbose: values.verbose,
    codeServer: path.resolve(values['code-server']),
    node: values.node,
    chromium: values.chromium,
  };
}

function exitWithUsage(code) {
  (code === 0 ? console.log : console.error)(USAGE);
  process.exit(code);
}

const log = (...parts) => console.log('[vscode-tests]', ...parts);

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

// Every path VS Code or chromium could write to lives under one fresh folder, so runs never share state.
function createSandbox(keptUserData) {
  const root = mkdtempSync(path.join(tmpdir(), 'vscode-tests-'));
  const home = path.join(root, 'home');
  const sandbox = {
    root,
    home,
    tmp: path.join(root, 'tmp'),
    userData: keptUserData ?? path.join(root, 'user-data'),
    extensions: path.join(root, 'extensions'),
    config: path.join(root, 'code-server.yaml'),
    resultFile: path.join(root, 'result.json'),
  };
  for (const dir of [home, sandbox.tmp, sandbox.userData, sandbox.extensions]) mkdirSync(dir, { recursive: true });
  writeFileSync(sandbox.config, 'auth: none\ncert: false\n');
  return sandbox;
}

/** Helper extensions go in as built folders named as VS Code names installed ones: publisher.name-version. */
function installHelperExtensions(dirs, extensionsDir) {
  for (const dir of dirs) {
    const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
    const target = path.join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`);
    cpSync(dir, target, { recursive: true });
    log(`installed helper extension ${manifest.publisher}.${manifest.name}`);
  }
}

function sandboxEnv(sandbox) {
  return {
    HOME: sandbox.home,
    XDG_CONFIG_HOME: path.join(sandbox.home, '.config'),
    XDG_DATA_HOME: path.join(sandbox.home, '.local/share'),
    XDG_CACHE_HOME: path.join(sandbox.home, '.cache'),
    // VS Code creates its IPC sockets in os.tmpdir().
    TMPDIR: sandbox.tmp,
  };
}

// The test driver's flags too: without them the workbench ignores extensionTestsPath in the payload.
const { flags: SHARED_FLAGS, testDriverFlags: TEST_DRIVER_FLAGS } = JSON.parse(
  readFileSync(new URL('./code-server-flags.json', import.meta.url), 'utf8'),
);
const FIXED_FLAGS = [...SHARED_FLAGS, ...TEST_DRIVER_FLAGS];

function codeServerArgs(options, sandbox, port) {
  return [
    options.codeServer,
    ...FIXED_FLAGS,
    '--bind-addr', `127.0.0.1:${port}`,
    '--config', sandbox.config,
    '--user-data-dir', sandbox.userData,
    '--extensions-dir', sandbox.extensions,
  ];
}

function startCodeServer(options, sandbox, port) {
  const server = spawn(options.node, codeServerArgs(options, sandbox, port), {
    // Own process group: the extension host and its children die with the server.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      ...sandboxEnv(sandbox),
      SAILPOINT_PAT_TEST_USER_DATA_DIR: sandbox.userData,
      SAILPOINT_PAT_TEST_SANDBOX_DIR: sandbox.root,
      VSCODE_TEST_RESULT_FILE: sandbox.resultFile,
    },
  });
  const listening = new Promise((resolve, reject) => {
    const onOutput = (chunk) => {
      const text = chunk.toString();
      if (options.verbose) process.stdout.write(text.replace(/^(?=.)/gm, '[code-server] '));
      if (text.includes('HTTP server listening on')) resolve();
    };
    server.stdout.on('data', onOutput);
    server.stderr.on('data', onOutput);
    server.once('exit', (code, signal) => reject(new Error(`code-server exited before listening (code ${code}, signal ${signal})`)));
  });
  return { server, listening };
}

function stopCodeServer(server) {
  if (!server || server.exitCode !== null || server.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const forceKill = setTimeout(() => {
      signalGroup(server, 'SIGKILL');
      resolve();
    }, 5000);
    server.once('exit', () => {
      clearTimeout(forceKill);
      resolve();
    });
    signalGroup(server, 'SIGTERM');
  });
}

function signalGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

function workbenchUrl(options, port) {
  const remote = (file) => `vscode-remote://127.0.0.1:${port}${encodeURI(file)}`;
  const payload = [
    ['extensionDevelopmentPath', remote(options.developmentPaths[0])],
    ['extensionTestsPath', remote(options.testsPath)],
    ['skipWelcome', 'true'],
  ];
  const target = options.workspace ? `folder=${encodeURIComponent(path.resolve(options.workspace))}` : 'ew=true';
  return `http://127.0.0.1:${port}/?${target}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

const UI_REQUEST = /^\[ui-driver\] (\{.*\})\s*$/;
const UI_TIMEOUT_MS = 15_000;

/**
 * Does what a user would in the workbench page and writes the answer for the test to read.
 * { id, action: 'quickInput', expect?, text? }: waits for the quick input (showing expect), types text into it if
 * given, presses Enter, answers { ok, text } with what the quick input showed. (Dialogs cannot be answered this
 * way: VS Code refuses to show any in a test run.)
 */
async function answerUiRequest(page, sandbox, request) {
  let answer;
  try {
    answer = { ok: true, text: await UI_ACTIONS[request.action](page, request) };
  } catch (error) {
    answer = { ok: false, error: error instanceof Error ? error.message.split('\n')[0] : String(error) };
  }
  // Written whole, then renamed: the test never reads half an answer.
  const file = path.join(sandbox.root, `ui-driver-${request.id}.json`);
  writeFileSync(`${file}.part`, JSON.stringify(answer));
  renameSync(`${file}.part`, file);
}

const UI_ACTIONS = {
  async quickInput(page, { expect, text }) {
    const widget = page.locator('.quick-input-widget', expect ? { hasText: expect } : {}).first();
    await widget.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    const shown = (await widget.innerText()).trim();
    const input = widget.locator('.quick-input-box input').first();
    if (text !== undefined) await input.fill(text, { timeout: UI_TIMEOUT_MS });
    await input.press('Enter', { timeout: UI_TIMEOUT_MS });
    return shown;
  },
};

// The smoke-test driver hands the extension host's console output (mocha's reporter) to codeAutomationLog,
// and calls codeAutomationExit with the tests' exit code.
async function launchWorkbench(options, sandbox, onExitCode) {
  const browser = await chromium.launch({
    executablePath: options.chromium,
    headless: true,
    args: CHROMIUM_ARGS,
    env: { ...process.env, ...sandboxEnv(sandbox) },
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('crash', () => onExitCode(1, 'the workbench page crashed'));
  if (options.verbose) {
    page.on('console', (message) => console.log('[browser]', message.text()));
    page.on('pageerror', (error) => console.error('[page error]', error.message));
  }
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const request = UI_REQUEST.exec(format(...(args ?? [])));
    if (request) void answerUiRequest(page, sandbox, JSON.parse(request[1]));
    else printHostOutput(type, args, options.verbose);
  });
  await page.exposeFunction('codeAutomationExit', (code) => onExitCode(code, 'the tests finished'));
  return { browser, page };
}

function printHostOutput(type, args, verbose) {
  const text = format(...(args ?? []));
  if (!verbose && WORKBENCH_NOISE.some((pattern) => pattern.test(text))) return;
  (type === 'error' ? console.error : console.log)(text);
}

// Guards against a green exit from a run that loaded no test at all.
function checkedExitCode(code, resultFile) {
  if (code !== 0) return { code, reason: `tests exited with code ${code}` };
  const passed = readPassedCount(resultFile);
  if (passed === undefined) return { code: 1, reason: 'the test loader wrote no readable result file' };
  if (passed === 0) return { code: 1, reason: 'no test passed' };
  return { code: 0, reason: `${passed} tests passed` };
}

function readPassedCount(resultFile) {
  try {
    const { passed } = JSON.parse(readFileSync(resultFile, 'utf8'));
    return typeof passed === 'number' ? passed : undefined;
  } catch {
    return undefined;
  }
}

async function main() {
  const options = readOptions(process.argv.slice(2));
  const startedAt = Date.now();
  const elapsed = () => `${((Date.now() - startedAt) / 1000).toFixed(1)}s`;
  const sandbox = createSandbox(options.keptUserData);
  let server;
  let workbench;
  let finishing = false;

  const finish = async (code, reason) => {
    if (finishing) return;
    finishing = true;
    log(`${reason}: exit ${code} after ${elapsed()}`);
    if (options.screenshot && workbench) await saveScreenshot(workbench.page, options.screenshot);
    await workbench?.browser.close().catch(() => undefined);
    await stopCodeServer(server);
    rmSync(sandbox.root, { recursive: true, force: true });
    if (options.keptUserData) log(`kept user data in ${sandbox.userData}`);
    process.exit(code);
  };

  process.on('SIGINT', () => void finish(130, 'interrupted'));
  process.on('SIGTERM', () => void finish(143, 'terminated'));
  process.on('exit', () => server && signalGroup(server, 'SIGKILL'));
  setTimeout(() => void finish(1, `TIMEOUT: no test result within ${options.timeoutSeconds}s`), options.timeoutSeconds * 1000).unref();

  try {
    installHelperExtensions(options.developmentPaths.slice(1), sandbox.extensions);
    const port = await freePort();
    const started = startCodeServer(options, sandbox, port);
    server = started.server;
    await started.listening;
    server.once('exit', (code, signal) => void finish(1, `code-server stopped unexpectedly (code ${code}, signal ${signal})`));
    log(`code-server listening on 127.0.0.1:${port} after ${elapsed()}`);
    const onExitCode = (code, why) => {
      const checked = checkedExitCode(typeof code === 'number' ? code : 1, sandbox.resultFile);
      void finish(checked.code, `${why}, ${checked.reason}`);
    };
    workbench = await launchWorkbench(options, sandbox, onExitCode);
    await workbench.page.goto(workbenchUrl(options, port));
    log(`workbench loaded after ${elapsed()}; running tests`);
  } catch (error) {
    await finish(1, `could not start VS Code: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function saveScreenshot(page, file) {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    await page.screenshot({ path: file });
    log(`screenshot saved to ${file}`);
  } catch (error) {
    log(`screenshot failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

await main();

// `npm run demo`: two fake tenants on 127.0.0.1 and a VS Code with the extension and both tenants configured.
// Desktop VS Code when `code` is on PATH, otherwise VS Code in the browser (code-server). Ctrl-C stops everything.
// `npm run demo -- --check <png>` opens the browser workbench headless, waits for both tenants, saves a screenshot and exits.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { installCompanionExtension } from './companion';
import { startDemoTenants, type DemoTenants } from './demoTenants';
import { createSandbox, ensureWebTools, launchChromium, REPO_ROOT, removeSandbox, startCodeServer, writeQuietSettings, type Sandbox } from './vscodeWeb';
import { openWorkbench, waitForTreeText } from './workbench';

interface Launch {
  sandbox: Sandbox;
  workspace: string;
}

function codeOnPath(): boolean {
  return process.env.DEMO_FORCE_BROWSER !== '1' && spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0;
}

function banner(tenants: DemoTenants): string {
  return [
    '*** FAKE DEMO TENANTS on 127.0.0.1: made-up data and credentials, nothing reaches a real tenant ***',
    ...tenants.configs.map((config) => `  ${config.displayName.padEnd(16)} ${config.url}`),
    '',
  ].join('\n');
}

/** A separate profile (--user-data-dir) keeps the demo out of the user's own VS Code state and keychain. */
function startDesktop(launch: Launch): ChildProcess {
  const args = [
    '--new-window', '--wait',
    '--user-data-dir', launch.sandbox.userData,
    '--extensions-dir', launch.sandbox.extensions,
    ...(process.platform === 'linux' ? ['--password-store=basic'] : []),
    `--extensionDevelopmentPath=${REPO_ROOT}`,
    launch.workspace,
  ];
  return spawn('code', args, { stdio: 'inherit' });
}

async function checkInBrowser(launch: Launch, url: string, screenshot: string): Promise<void> {
  const browser = await launchChromium(launch.sandbox);
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    mkdirSync(path.dirname(screenshot), { recursive: true });
    try {
      await openWorkbench(page, url);
      await waitForTreeText(page, 'Acme Production');
      await waitForTreeText(page, 'Acme Sandbox');
      await page.waitForTimeout(1500);
    } finally {
      // Also on a timeout: the picture shows what went wrong.
      await page.screenshot({ path: screenshot });
      console.log(`Screenshot saved to ${screenshot}`);
    }
    console.log('Both demo tenants are in the tree.');
  } finally {
    await browser.close();
  }
}

function waitForInterrupt(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

async function runInBrowser(launch: Launch, checkScreenshot: string | undefined): Promise<void> {
  ensureWebTools();
  const server = await startCodeServer({ sandbox: launch.sandbox, workspace: launch.workspace, env: {} });
  try {
    if (checkScreenshot !== undefined) {
      await checkInBrowser(launch, server.url, path.resolve(checkScreenshot));
      return;
    }
    console.log('VS Code in the browser is ready. Open this URL in a browser on this machine:\n');
    console.log(`  ${server.url}\n`);
    console.log('The "SailPoint PAT" view opens on the left with both tenants. Ctrl-C stops everything.');
    await waitForInterrupt();
  } finally {
    await server.stop();
  }
}

async function runOnDesktop(launch: Launch): Promise<void> {
  console.log('Opening desktop VS Code with the extension in development mode. Close its window or press Ctrl-C to stop.');
  const code = startDesktop(launch);
  const closed = new Promise<void>((resolve) => code.once('exit', () => resolve()));
  await Promise.race([closed, waitForInterrupt()]);
  if (code.exitCode === null) code.kill('SIGTERM');
}

function checkArgument(argv: readonly string[]): string | undefined {
  const index = argv.indexOf('--check');
  if (index < 0) return undefined;
  return argv[index + 1] ?? 'demo-check.png';
}

async function main(): Promise<void> {
  const checkScreenshot = checkArgument(process.argv.slice(2));
  const tenants = await startDemoTenants();
  const sandbox = createSandbox('sailpoint-pat-demo-');
  try {
    const workspace = path.join(sandbox.root, 'workspace');
    mkdirSync(workspace);
    // The extension itself runs from this checkout in development mode; the companion that adds the demo
    // tenants is installed, because the web workbench loads only one development extension.
    installCompanionExtension(sandbox.extensions, tenants.configs);
    writeQuietSettings(sandbox);
    const launch: Launch = { sandbox, workspace };
    console.log(banner(tenants));
    if (checkScreenshot === undefined && codeOnPath()) await runOnDesktop(launch);
    else await runInBrowser(launch, checkScreenshot);
  } finally {
    await tenants.stop();
    removeSandbox(sandbox);
    console.log('Demo stopped: fake tenants and VS Code are gone.');
  }
}

main().catch((error: unknown) => {
  console.error(`demo failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

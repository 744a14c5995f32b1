// `npm run screenshots`: the README's pictures, taken from the real VS Code (code-server + headless chromium)
// with the extension and the demo tenants, driven like a user would: tree, Create Token wizard, the notification
// after a create, and a tenant whose credentials were revoked. Writes media/readme/*.png.
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { installCompanionExtension, writeDemoTenantsFile } from './companion';
import { startDemoTenants, type DemoTenantConfig, type DemoTenants } from './demoTenants';
import {
  createSandbox,
  ensureWebTools,
  launchChromium,
  REPO_ROOT,
  removeSandbox,
  startCodeServer,
  writeQuietSettings,
  type Page,
} from './vscodeWeb';
import { openWorkbench, waitForTreeText } from './workbench';

const OUTPUT_DIR = path.join(REPO_ROOT, 'media/readme');
const VIEWPORT = { width: 1280, height: 760 };
const SIDEBAR_WIDTH = 560;
const DEFAULT_SIDEBAR_EDGE = 349;
const UI_TIMEOUT_MS = 30_000;

type Clip = { x: number; y: number; width: number; height: number };

async function shoot(page: Page, name: string, clip: Clip = { x: 0, y: 0, ...VIEWPORT }): Promise<void> {
  // Let animations (hover fade-in, progress bars) settle.
  await page.waitForTimeout(800);
  const file = path.join(OUTPUT_DIR, name);
  await page.screenshot({ path: file, clip });
  console.log(`saved ${path.relative(REPO_ROOT, file)}`);
}

function row(text: string): string {
  return `.monaco-list-row:has-text(${JSON.stringify(text)})`;
}

/** Drags the sash between the side bar and the editor (at its default position) to the right. */
async function widenSidebar(page: Page): Promise<void> {
  await page.mouse.move(DEFAULT_SIDEBAR_EDGE, 400);
  await page.waitForTimeout(300);
  await page.mouse.down();
  await page.mouse.move(SIDEBAR_WIDTH, 400, { steps: 8 });
  await page.mouse.up();
}

async function shootTree(page: Page): Promise<void> {
  await page.locator(row('CI pipeline')).first().hover();
  await page.locator('.monaco-hover').first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await shoot(page, 'tree.png', { x: 0, y: 0, width: 1040, height: 560 });
  await page.mouse.move(900, 700);
}

/** Runs the wizard from the tenant's inline "Create Token…" button; pictures the scopes step, then finishes it. */
async function shootCreateWizard(page: Page): Promise<void> {
  await page.locator(row('Acme Production')).first().hover();
  await page.locator(`${row('Acme Production')} .action-label[aria-label^="Create Token"]`).first().click();
  const quickInput = page.locator('.quick-input-widget');
  await quickInput.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await page.keyboard.type('Release pipeline');
  await page.keyboard.press('Enter');
  const sourcesScope = page.locator(`.quick-input-widget ${row('idn:sources:read')}`).first();
  await sourcesScope.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await sourcesScope.click();
  await shoot(page, 'create-token.png', { x: 0, y: 0, width: VIEWPORT.width, height: 560 });
  await page.keyboard.press('Enter');
  // Default validity (step 3) and expiry (step 4): each Enter only once its step shows.
  for (const step of ['(3/4)', '(4/4)']) {
    await page.locator(`.quick-input-widget:has-text(${JSON.stringify(step)})`).waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await page.keyboard.press('Enter');
  }
}

async function shootSecretNotification(page: Page): Promise<void> {
  await waitForTreeText(page, 'Release pipeline');
  const toast = page.locator('.notifications-toasts:has-text("Copy Secret"), .notifications-center:has-text("Copy Secret")').first();
  const shown = await toast.waitFor({ state: 'visible', timeout: 8000 }).then(() => true, () => false);
  if (!shown) {
    console.log('no toast: opening the notification list');
    await page.locator('.statusbar-item[id$="notifications.status"] a, .statusbar-item[aria-label*="Notification"] a').first().click();
    await toast.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await page.mouse.move(900, 300);
  }
  await shoot(page, 'secret-notification.png');
}

/** Someone deletes the PAT the Sandbox tenant signs in with (as in the web UI); a refresh shows it in the tree. */
async function revokeSandboxCredentials(tenants: DemoTenants, config: DemoTenantConfig): Promise<void> {
  const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: config.clientId, client_secret: config.clientSecret });
  const signIn = await fetch(`${config.url}/oauth/token`, { method: 'POST', body: form });
  const { access_token: accessToken } = (await signIn.json()) as { access_token: string };
  const deleted = await fetch(`${config.url}/v3/personal-access-tokens/${config.clientId}`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${accessToken}` },
  });
  if (deleted.status !== 204) throw new Error(`could not revoke the sandbox PAT: HTTP ${deleted.status}`);
  tenants.sandbox.expireAccessTokens();
}

async function shootErrorState(page: Page, tenants: DemoTenants): Promise<void> {
  await revokeSandboxCredentials(tenants, tenants.configs[1]);
  await page.locator('.part.sidebar .title-actions .action-label[aria-label^="Refresh"]').first().click();
  await waitForTreeText(page, 'Credentials rejected');
  await page.locator(row('Credentials rejected')).first().hover();
  await page.locator('.monaco-hover').first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await shoot(page, 'error-state.png', { x: 0, y: 0, width: 1040, height: 420 });
}

async function takeScreenshots(page: Page, tenants: DemoTenants, url: string): Promise<void> {
  await openWorkbench(page, url);
  await waitForTreeText(page, 'Acme Production');
  await waitForTreeText(page, 'Workflow: Sandbox refresh');
  await widenSidebar(page);
  await shootTree(page);
  await shootCreateWizard(page);
  await shootSecretNotification(page);
  await shootErrorState(page, tenants);
}

async function main(): Promise<void> {
  ensureWebTools();
  mkdirSync(OUTPUT_DIR, { recursive: true });
  const tenants = await startDemoTenants();
  const sandbox = createSandbox('sailpoint-pat-screenshots-');
  try {
    const workspace = path.join(sandbox.root, 'workspace');
    mkdirSync(workspace);
    installCompanionExtension(sandbox.extensions);
    writeQuietSettings(sandbox);
    const env = writeDemoTenantsFile(path.join(sandbox.root, 'demo-tenants.json'), tenants.configs);
    const server = await startCodeServer({ sandbox, extensionDevelopmentPath: REPO_ROOT, workspace, env });
    const browser = await launchChromium(sandbox);
    try {
      const page = await browser.newPage({ viewport: VIEWPORT, deviceScaleFactor: 1 });
      await takeScreenshots(page, tenants, server.url).catch(async (error: unknown) => {
        const failure = path.join(tmpdir(), 'sailpoint-pat-screenshots-failure.png');
        await page.screenshot({ path: failure });
        console.error(`the workbench at the failure: ${failure}`);
        throw error;
      });
    } finally {
      await browser.close();
      await server.stop();
    }
  } finally {
    await tenants.stop();
    removeSandbox(sandbox);
  }
}

main().catch((error: unknown) => {
  console.error(`screenshots failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

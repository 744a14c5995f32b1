// `npm run screenshots`: the README's pictures, taken from the real VS Code (code-server + headless chromium)
// with the extension and the demo tenants, driven like a user would: tree, Create Token wizard and its scope picker, the
// notification after a create, Find Unused Tokens with its delete modal, the health overview, Rotate Token, a tenant
// whose credentials were revoked, a terminal signed in as a token, and Scopes This Code Needs over a folder of scripts.
// Writes media/readme/*.png, and the small pictures of the walkthrough's steps, media/walkthrough/*.webp (they ship in
// the .vsix, so they are cropped, scaled down and compressed; a lossless copy of each goes to the temporary folder). `SCREENSHOTS=walkthrough` takes only those, then pictures the
// walkthrough on the Welcome page and the settings page into the temporary folder, to check them by eye.
// `npm run screenshots -- --locale de` starts the workbench in that display language and takes the tree picture only,
// as media/readme/tree-de.png: the proof that the translation reaches the person.
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { installCompanionExtension } from './companion';
import { installDisplayLanguagePack } from './displayLanguagePack';
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
const WALKTHROUGH_DIR = path.join(REPO_ROOT, 'media/walkthrough');
/**
 * Chromium's lossy WebP at quality 0, scaled to 0.9, keeps the four pictures within 16 KB together (issue 20; 62 KB as
 * JPEG q30), the text still readable in the Welcome page's media column (about 400–500 CSS px wide). Measured on the
 * same pictures: quality 0.1 at full size 39 KB, lossless 86 KB, a 4-colour palette 23 KB, and below 0.8 the text blurs.
 */
const WALKTHROUGH_WEBP_QUALITY = 0;
const WALKTHROUGH_SCALE = 0.9;
const VIEWPORT = { width: 1280, height: 760 };
const SIDEBAR_WIDTH = 560;
const DEFAULT_SIDEBAR_EDGE = 349;
const UI_TIMEOUT_MS = 30_000;

/** `--locale <tag>`: the display language of a translated picture; absent for the README's English set. */
function localeArgument(argv: readonly string[]): string | undefined {
  const index = argv.indexOf('--locale');
  const locale = index === -1 ? undefined : argv[index + 1];
  if (locale !== undefined && !/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(locale)) throw new Error(`--locale takes a language tag such as de, not ${locale}`);
  return locale;
}

const LOCALE = localeArgument(process.argv.slice(2));

type Clip = { x: number; y: number; width: number; height: number };
// A modal dialog sits in the middle of the window; the tree stays visible on its left.
const MODAL_CLIP: Clip = { x: 0, y: 40, width: 1040, height: 460 };

async function shoot(page: Page, name: string, clip: Clip = { x: 0, y: 0, ...VIEWPORT }): Promise<void> {
  // Let animations (hover fade-in, progress bars) settle.
  await page.waitForTimeout(800);
  const file = path.join(OUTPUT_DIR, name);
  await page.screenshot({ path: file, clip });
  console.log(`saved ${path.relative(REPO_ROOT, file)}`);
}

/** A walkthrough step's picture: a small WebP of part of the window, as package.json's walkthrough names it. */
async function shootStep(page: Page, name: string, clip: Clip): Promise<void> {
  await page.waitForTimeout(800);
  // The lossless original, to compare encodings by eye and by size; not shipped.
  await page.screenshot({ path: path.join(tmpdir(), `sailpoint-pat-walkthrough-${path.parse(name).name}.png`), clip });
  // Playwright writes only PNG and JPEG; chromium's own screenshot encodes WebP and scales.
  const devtools = await page.context().newCDPSession(page);
  try {
    const shot = (await devtools.send('Page.captureScreenshot', { format: 'webp', quality: WALKTHROUGH_WEBP_QUALITY, clip: { ...clip, scale: WALKTHROUGH_SCALE } })) as { data: string };
    const file = path.join(WALKTHROUGH_DIR, name);
    writeFileSync(file, Buffer.from(shot.data, 'base64'));
    console.log(`saved ${path.relative(REPO_ROOT, file)}`);
  } finally {
    await devtools.detach();
  }
}

/** For checking by eye, not shipped: the picture goes to the temporary folder. */
async function shootForCheck(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(800);
  const file = path.join(tmpdir(), name);
  await page.screenshot({ path: file });
  console.log(`saved ${file}`);
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

async function shootTree(page: Page, name = 'tree.png'): Promise<void> {
  await page.locator(row('CI pipeline')).first().hover();
  await page.locator('.monaco-hover').first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await shoot(page, name, { x: 0, y: 0, width: 1040, height: 560 });
  await page.mouse.move(900, 700);
  await shootStep(page, 'tenants.webp', { x: 50, y: 40, width: 510, height: 250 });
}

/** Runs the wizard from the tenant's inline "Create Token…" button; pictures the scopes step, then finishes it. */
async function shootCreateWizard(page: Page): Promise<void> {
  await page.locator(row('Acme Production')).first().hover();
  await page.locator(`${row('Acme Production')} .action-label[aria-label^="Create Token"]`).first().click();
  const quickInput = page.locator('.quick-input-widget');
  await quickInput.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await page.keyboard.type('Release pipeline');
  await page.keyboard.press('Enter');
  // The scope step is up once its title-bar button Pick by API… shows.
  await page.locator('.quick-input-widget .action-label[aria-label^="Pick by API"]').first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await shoot(page, 'create-token.png', { x: 0, y: 0, width: VIEWPORT.width, height: 560 });
  // The scope picker searched: each source scope says what it grants.
  await page.keyboard.type('idn:sources:');
  const sourcesScope = page.locator(`.quick-input-widget ${row('idn:sources:read')}`).first();
  await sourcesScope.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await sourcesScope.click();
  await shoot(page, 'scope-picker.png', { x: 0, y: 0, width: VIEWPORT.width, height: 620 });
  await page.keyboard.press('Enter');
  // Default validity (step 3) and expiry (step 4): each Enter only once its step shows.
  for (const step of ['(3)', '(4)']) {
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

/** Closes the notification list an earlier picture opened, so it covers nothing. */
async function hideNotifications(page: Page): Promise<void> {
  const hide = page.locator('.notifications-center .action-label[aria-label^="Hide Notifications"]');
  if ((await hide.count()) > 0) await hide.first().click();
}

/** Runs a command from a tree row's context menu, as a user would right-click it. */
async function runFromContextMenu(page: Page, rowText: string, command: string): Promise<void> {
  await page.locator(row(rowText)).first().click({ button: 'right' });
  const item = page.getByRole('menuitem', { name: command }).first();
  await item.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  // The menu ignores a click during its opening animation.
  await page.waitForTimeout(300);
  await item.click();
}

async function waitForQuickInput(page: Page, text: string): Promise<void> {
  await page.locator(`.quick-input-widget:has-text(${JSON.stringify(text)})`).first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
}

/**
 * Find Unused Tokens over the sandbox, "never used, or not used for 1 day" so the platform-managed workflow token
 * shows up shield-marked; then two findings chosen and the one delete modal pictured, and cancelled.
 */
async function shootFindUnused(page: Page): Promise<void> {
  await hideNotifications(page);
  await runFromContextMenu(page, 'Acme Sandbox', 'Find Unused Tokens…');
  await waitForQuickInput(page, 'Find Unused Tokens (1/2)');
  await page.locator(`.quick-input-widget ${row('Never used, or not used')}`).first().click();
  await waitForQuickInput(page, 'Find Unused Tokens (2/2)');
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('1');
  await page.keyboard.press('Enter');
  await page.locator(`.quick-input-widget ${row('Workflow: Sandbox refresh')}`).first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await page.locator(`.quick-input-widget ${row('Data load (one-off)')}`).first().click();
  await page.locator(`.quick-input-widget ${row('Rule debugging')}`).first().click();
  await page.mouse.move(900, 700);
  await shoot(page, 'find-unused.png', { x: 0, y: 0, width: VIEWPORT.width, height: 480 });
  await page.keyboard.press('Enter');
  await page.locator('.monaco-dialog-box:has-text("Delete 2 tokens?")').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await shoot(page, 'bulk-delete.png', MODAL_CLIP);
  await page.keyboard.press('Escape');
  await page.locator('.monaco-dialog-box').waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
}

/** Rotates "CI pipeline" (expires in 12 days) with the proposed name; pictures the question after the successor exists. */
async function shootRotation(page: Page): Promise<void> {
  await runFromContextMenu(page, 'CI pipeline', 'Rotate Token…');
  await waitForQuickInput(page, 'Rotate "CI pipeline"');
  await page.keyboard.press('Enter');
  const dialog = page.locator('.monaco-dialog-box:has-text("Keep Both")');
  await dialog.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await page.mouse.move(900, 700);
  await shoot(page, 'rotate.png', MODAL_CLIP);
  await page.getByRole('button', { name: 'Keep Both' }).first().click();
  await dialog.waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
  await waitForTreeText(page, 'CI pipeline (rotated');
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

/** A tree hover opens only when the pointer arrives from elsewhere, and not always on the first arrival. */
async function hoverUntilTooltip(page: Page, selector: string): Promise<void> {
  const tooltip = page.locator('.monaco-hover').first();
  for (let attempt = 1; ; attempt++) {
    await page.mouse.move(900, 700);
    await page.waitForTimeout(500);
    await page.locator(selector).first().hover();
    try {
      await tooltip.waitFor({ state: 'visible', timeout: 8000 });
      return;
    } catch (error) {
      if (attempt === 4) throw error;
    }
  }
}

async function shootOwnerStatus(page: Page): Promise<void> {
  await waitForTreeText(page, 'Lea nightly export');
  await hoverUntilTooltip(page, row('Lea nightly export'));
  await shoot(page, 'owner-status.png', { x: 0, y: 0, width: 1040, height: VIEWPORT.height });
  await page.mouse.move(900, 700);
}

/** Runs a command from the Command Palette by its title. */
async function runFromPalette(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget').first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await page.keyboard.type(title);
  await page.locator(`.quick-input-widget ${row(title)}`).first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await page.keyboard.press('Enter');
}

/** The health overview of both demo tenants with the "Never expires" bar of Acme Production chosen; then closed. */
async function shootHealthOverview(page: Page): Promise<void> {
  await runFromPalette(page, 'Notifications: Clear All Notifications');
  await runFromPalette(page, 'Show Token Health Overview');
  const overview = page.frameLocator('iframe.webview.ready').first().frameLocator('iframe#active-frame');
  await overview.getByRole('heading', { name: 'Acme Sandbox' }).waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await overview.getByRole('button', { name: /^Never expires: / }).first().click();
  await shoot(page, 'health-overview.png');
  await shootStep(page, 'attention.webp', { x: 570, y: 150, width: 700, height: 275 });
  await runFromPalette(page, 'View: Close All Editors');
}

async function shootErrorState(page: Page, tenants: DemoTenants): Promise<void> {
  await revokeSandboxCredentials(tenants, tenants.configs[1]);
  await page.locator('.part.sidebar .title-actions .action-label[aria-label^="Refresh"]').first().click();
  await waitForTreeText(page, 'Credentials rejected');
  await hoverUntilTooltip(page, row('Credentials rejected'));
  await shoot(page, 'error-state.png', { x: 0, y: 0, width: 1040, height: 420 });
}

/** Opens a terminal signed in as the token created earlier and shows what it holds, never the secret itself. */
async function shootSignedInTerminal(page: Page): Promise<void> {
  await runFromContextMenu(page, 'Release pipeline', 'Open Terminal Signed In');
  await page.locator('.terminal-tab:has-text("SailPoint: Release pipeline"), .tabs-list:has-text("SailPoint: Release pipeline"), .single-terminal-tab:has-text("SailPoint: Release pipeline")').first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await page.locator('.terminal-wrapper.active .xterm, .xterm').first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await page.waitForTimeout(1500);
  await page.keyboard.type('echo "$SAIL_BASE_URL  $SAIL_CLIENT_ID  secret: ${#SAIL_CLIENT_SECRET} characters"');
  await page.keyboard.press('Enter');
  await page.mouse.move(900, 300);
  await shoot(page, 'signed-in-terminal.png');
  await shootStep(page, 'terminal.webp', { x: 564, y: 488, width: 710, height: 120 });
}

/** A folder of scripts, as an administrator keeps them: what Scopes This Code Needs reads in its picture. */
function writeDemoScripts(workspace: string): void {
  const scripts = path.join(workspace, 'isc-scripts');
  mkdirSync(scripts);
  writeFileSync(
    path.join(scripts, 'sources.sh'),
    '#!/bin/sh\ncurl -s "$ISC_URL/v3/sources?limit=250"\ncurl -X POST "$ISC_URL/v3/sources" -d @source.json\ncurl -s "$ISC_URL/v3/personal-access-tokens"\n',
  );
  writeFileSync(path.join(scripts, 'health.ps1'), 'Import-Module PSSailpoint\n$health = Get-V2025SourceHealth -SourceId $id\nInvoke-RestMethod -Uri "$base/v3/search" -Method Post -Body $query\n');
}

/** Right-click the scripts folder in the Explorer, Scopes This Code Needs: the scopes and the calls that need them. */
async function shootCodeScan(page: Page): Promise<void> {
  await hideNotifications(page);
  await page.keyboard.press('ControlOrMeta+Shift+E');
  await page.locator(row('isc-scripts')).first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await runFromContextMenu(page, 'isc-scripts', 'Scopes This Code Needs');
  await waitForQuickInput(page, 'Create Token with These Scopes');
  await shoot(page, 'code-scan.png', { x: 0, y: 0, width: 1040, height: 560 });
  await shootStep(page, 'least-privilege.webp', { x: 340, y: 5, width: 602, height: 260 });
  await page.keyboard.press('Escape');
}

/** The walkthrough as the Welcome page shows it, to check its steps and pictures. */
async function shootWelcomeWalkthrough(page: Page): Promise<void> {
  // The page puts a step's picture beside the steps only when the editor is wide.
  await runFromPalette(page, 'View: Hide Panel');
  await runFromPalette(page, 'View: Toggle Primary Side Bar Visibility');
  await runFromPalette(page, 'Welcome: Open Walkthrough...');
  await page.locator(`.quick-input-widget ${row('Get Started with SailPoint PAT Manager')}`).first().click();
  await page.locator('.gettingStartedContainer:has-text("Create a least-privilege token")').first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await page.locator('.getting-started-step:has-text("Create a least-privilege token")').first().click();
  await page.locator('.getting-started-media').first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await shootForCheck(page, 'sailpoint-pat-welcome-walkthrough.png');
  await runFromPalette(page, 'View: Close All Editors');
  await runFromPalette(page, 'View: Toggle Primary Side Bar Visibility');
}

/** The settings page as the Extensions view's Settings opens it: a search, where VS Code names each setting from its key. */
async function shootSettingsPage(page: Page): Promise<void> {
  await runFromPalette(page, 'Preferences: Open User Settings');
  await page.locator('.settings-editor .search-container').first().click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('@ext:sailpoint-pat-manager.sailpoint-pat-manager');
  await page.locator('.settings-editor .setting-item-label:has-text("Expiry Warning Days")').first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await shootForCheck(page, 'sailpoint-pat-settings-search.png');
  // The settings page opens as a modal editor here: Escape closes the search's suggestion, then the page.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
}

async function takeScreenshots(page: Page, tenants: DemoTenants, url: string): Promise<void> {
  await openWorkbench(page, url);
  // SCREENSHOTS=settings pictures only the settings page, to check its names by eye.
  if (process.env.SCREENSHOTS === 'settings') {
    await waitForTreeText(page, 'Acme Production');
    await shootSettingsPage(page);
    return;
  }
  if (process.env.SCREENSHOTS === 'walkthrough') {
    await waitForTreeText(page, 'Acme Production');
    await waitForTreeText(page, 'Workflow: Sandbox refresh');
    await widenSidebar(page);
    await shootTree(page);
    // The terminal's picture signs in as the token the wizard creates.
    await shootCreateWizard(page);
    await shootSecretNotification(page);
    await shootHealthOverview(page);
    await shootSignedInTerminal(page);
    await shootCodeScan(page);
    await shootWelcomeWalkthrough(page);
    await shootSettingsPage(page);
    return;
  }
  // SCREENSHOTS=code-scan retakes that picture alone.
  if (process.env.SCREENSHOTS === 'code-scan') {
    await waitForTreeText(page, 'Acme Production');
    await widenSidebar(page);
    await shootCodeScan(page);
    return;
  }
  await waitForTreeText(page, 'Acme Production');
  await waitForTreeText(page, 'Workflow: Sandbox refresh');
  await widenSidebar(page);
  if (LOCALE !== undefined) {
    await shootTree(page, `tree-${LOCALE}.png`);
    return;
  }
  await shootTree(page);
  await shootCreateWizard(page);
  await shootSecretNotification(page);
  await shootFindUnused(page);
  await shootOwnerStatus(page);
  await shootHealthOverview(page);
  // The sandbox is revoked before the rotation, which runs in Acme Production, so each picture finds the tree it needs.
  await shootErrorState(page, tenants);
  await shootRotation(page);
  await shootSignedInTerminal(page);
  await shootCodeScan(page);
  await shootWelcomeWalkthrough(page);
}

async function main(): Promise<void> {
  ensureWebTools();
  mkdirSync(OUTPUT_DIR, { recursive: true });
  mkdirSync(WALKTHROUGH_DIR, { recursive: true });
  const tenants = await startDemoTenants();
  const sandbox = createSandbox('sailpoint-pat-screenshots-');
  try {
    const workspace = path.join(sandbox.root, 'workspace');
    mkdirSync(workspace);
    writeDemoScripts(workspace);
    installCompanionExtension(sandbox.extensions, tenants.configs);
    if (LOCALE !== undefined) installDisplayLanguagePack(sandbox, LOCALE);
    writeQuietSettings(sandbox);
    const server = await startCodeServer({ sandbox, workspace, env: {}, locale: LOCALE });
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

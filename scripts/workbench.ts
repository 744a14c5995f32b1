// Small waits on the web workbench shared by the demo check and the screenshots.
import type { Page } from './vscodeWeb';

const WORKBENCH_TIMEOUT_MS = 90_000;

export async function openWorkbench(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: WORKBENCH_TIMEOUT_MS });
}

/** Waits until a row of the "Personal Access Tokens" view shows the text. */
export async function waitForTreeText(page: Page, text: string): Promise<void> {
  await page.locator(`.monaco-list-row:has-text(${JSON.stringify(text)})`).first().waitFor({ state: 'visible', timeout: WORKBENCH_TIMEOUT_MS });
}

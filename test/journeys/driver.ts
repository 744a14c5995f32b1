// What a journey does to the workbench, in a person's terms: type, press keys, click what is shown, look at it.
// Every step waits for what it needs to be visible; nothing sleeps a fixed time but the short polls of `until`.
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Locator, Modifier, Page } from '../../scripts/vscodeWeb';

const STEP_TIMEOUT_MS = 20_000;
const POLL_MS = 100;

/** One answer of a wizard step whose text matches `when`: text typed, or a pick's row ticked by a click. */
export interface WizardAnswer {
  when: RegExp;
  type?: string;
  click?: string;
}

function quoted(text: string): string {
  return JSON.stringify(text);
}

export class WorkbenchDriver {
  constructor(
    readonly page: Page,
    private readonly screenshotDir: string,
  ) {}

  /** The page of the webview panel that is shown (VS Code puts it in an iframe inside an iframe). */
  webview(): FrameLocator {
    return this.page.frameLocator('iframe.webview.ready').first().frameLocator('iframe#active-frame');
  }

  /** Runs a command from the Command Palette by its title, as a person types it. */
  async runFromPalette(title: string): Promise<void> {
    await this.press('F1');
    await this.page.locator('.quick-input-widget').first().waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
    await this.type(title);
    await this.page.locator(`.quick-input-widget .monaco-list-row:has-text(${quoted(title)})`).first().waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
    await this.press('Enter');
  }

  async type(text: string): Promise<void> {
    await this.page.keyboard.type(text);
  }

  async press(key: string): Promise<void> {
    await this.page.keyboard.press(key);
  }

  /** A tree row of the Personal Access Tokens view (or of any list) that shows the text. */
  treeRow(text: string): Locator {
    return this.page.locator(`.part.sidebar .monaco-list-row:has-text(${quoted(text)})`).first();
  }

  /** Whether the workbench shows the row as selected (what a person checks before pressing a key on it). */
  async isTreeRowSelected(text: string): Promise<boolean> {
    return (await this.treeRow(text).getAttribute('aria-selected', { timeout: STEP_TIMEOUT_MS })) === 'true';
  }

  async waitForTreeRow(text: string): Promise<void> {
    await this.treeRow(text).waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  }

  async waitForNoTreeRow(text: string): Promise<void> {
    await this.page.locator(`.part.sidebar .monaco-list-row:has-text(${quoted(text)})`).first().waitFor({ state: 'detached', timeout: STEP_TIMEOUT_MS });
  }

  async clickTreeRow(text: string, modifiers: Modifier[] = []): Promise<void> {
    await this.treeRow(text).click({ modifiers, timeout: STEP_TIMEOUT_MS });
  }

  /** Clicks a button by its visible name, e.g. a welcome view's, a notification's or a modal's button. */
  async clickButton(name: string | RegExp, within = 'body'): Promise<void> {
    const button = this.page.locator(within).getByRole('button', { name, exact: typeof name === 'string' }).first();
    await button.click({ timeout: STEP_TIMEOUT_MS });
  }

  /** Hovers a row, then clicks one of the actions that appear on it, named by its tooltip. */
  async clickRowAction(rowText: string, actionLabel: string): Promise<void> {
    const row = this.treeRow(rowText);
    await row.hover({ timeout: STEP_TIMEOUT_MS });
    await row.locator(`.action-label[aria-label^=${quoted(actionLabel)}]`).first().click({ timeout: STEP_TIMEOUT_MS });
  }

  /**
   * Chooses a context-menu item. VS Code drops a click that lands while its menu is still settling (the item shows
   * hovered and nothing runs), so the item is clicked again until the menu has closed.
   */
  async chooseMenuItem(name: string): Promise<void> {
    const item = this.page.getByRole('menuitem', { name }).first();
    await item.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
    await this.until(`the menu item "${name}" is chosen`, async () => {
      if (!(await item.isVisible())) return true;
      await item.click({ timeout: 2_000 }).catch(() => undefined);
      return false;
    });
  }

  async waitForVisible(selector: string): Promise<Locator> {
    const locator = this.page.locator(selector).first();
    await locator.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
    return locator;
  }

  /**
   * Answers a quick-input wizard step by step until it closes: each step's text picks the first unused answer
   * whose `when` matches; a step no answer matches is accepted as offered (Enter), as a person keeps a default.
   */
  async answerWizard(answers: readonly WizardAnswer[], maxSteps = 10): Promise<void> {
    const unused = [...answers];
    const widget = this.page.locator('.quick-input-widget').first();
    await widget.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
    for (let step = 0; step < maxSteps; step++) {
      // A wizard hides its box while a network step between two questions runs ("Counting your tokens…"): while
      // answers remain, a hidden box is a gap, and the wizard has closed only if no question comes back in time.
      const text = unused.length > 0 ? await this.nextStepText(widget) : await this.visibleText(widget);
      if (text === undefined) {
        if (unused.length > 0) throw new Error(`the wizard closed before asking ${unused.map((answer) => answer.when).join(', ')}`);
        return;
      }
      const index = unused.findIndex((answer) => answer.when.test(text));
      const answer = index < 0 ? undefined : unused.splice(index, 1)[0];
      if (answer?.type !== undefined) {
        await this.press('ControlOrMeta+A');
        await this.type(answer.type);
      }
      if (answer?.click !== undefined) {
        await this.tick(widget, answer.click);
        // The list has the focus now, where Enter would toggle the row again: a person clicks OK.
        await widget.getByRole('button', { name: 'OK', exact: true }).first().click();
      } else {
        await this.press('Enter');
      }
      await this.until(`the wizard leaves the step "${text.slice(0, 80)}"`, async () => (await this.visibleText(widget)) !== text);
    }
    throw new Error(`the wizard was still open after ${maxSteps} steps`);
  }

  /** The text of the step the box shows, waiting out a gap between steps; undefined if none shows in time. */
  private async nextStepText(widget: Locator): Promise<string | undefined> {
    let text: string | undefined;
    await this.until('the wizard asks its next question', async () => (text = await this.visibleText(widget)) !== undefined).catch(() => undefined);
    return text;
  }

  /** Ticks a row of a many-pick: clicked (again if a click during the list's rendering went nowhere) until counted. */
  private async tick(widget: Locator, rowText: string): Promise<void> {
    const row = widget.locator(`.monaco-list-row:has-text(${quoted(rowText)})`).first();
    const ticked = async (): Promise<boolean> => /\b[1-9]\d* Selected\b/.test((await this.visibleText(widget)) ?? '');
    for (let attempt = 1; !(await ticked()); attempt++) {
      await row.click({ timeout: STEP_TIMEOUT_MS });
      try {
        await this.until(`"${rowText}" is ticked`, ticked, 2000);
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
  }

  /** Polls briefly until the condition holds; the failure names what was awaited. */
  async until(what: string, condition: () => Promise<boolean>, timeoutMs = STEP_TIMEOUT_MS): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
      await this.page.waitForTimeout(POLL_MS);
    }
  }

  async clipboardText(): Promise<string> {
    return String(await this.page.evaluate('navigator.clipboard.readText()'));
  }

  async screenshot(name: string): Promise<string> {
    mkdirSync(this.screenshotDir, { recursive: true });
    const file = path.join(this.screenshotDir, `${name.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '')}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  private async visibleText(locator: Locator): Promise<string | undefined> {
    try {
      return (await locator.isVisible()) ? await locator.innerText({ timeout: 1000 }) : undefined;
    } catch {
      return undefined;
    }
  }
}

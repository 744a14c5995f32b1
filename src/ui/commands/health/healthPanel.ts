// The health overview's webview panel, loaded only when Show Token Health Overview first runs. It holds no secret:
// the page gets names, owners, flags and ids; the one message it may send (reveal a token it was shown, which the
// tree holds) is checked here, and anything else is dropped.
import * as vscode from 'vscode';
import type { HealthReport } from '../../../core/ops/health';
import { overviewData, overviewHtml, revealRequest, type OverviewToken } from '../../view/healthOverview';
import { currentDisplayLanguage, t } from '../../view/l10n';
import type { TokenNode } from '../../tree/tokenRows';
import type { UiContext } from '../runner';

export const HEALTH_PANEL_TYPE = 'sailpointPat.tokenHealth';

function dayFormatter(): (time: number) => string {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat(currentDisplayLanguage(), { month: 'short', day: 'numeric' });
  } catch {
    format = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
  }
  return (time) => format.format(time);
}

function newNonce(): string {
  return globalThis.crypto.randomUUID().replace(/-/g, '');
}

export interface OverviewSettings {
  expiryWarningDays: number;
  unusedDays: number;
}

/** One overview at a time: opening it again shows the same panel with fresh numbers. */
class HealthPanel {
  private shown: readonly OverviewToken[] = [];

  constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly ui: UiContext,
  ) {
    panel.webview.onDidReceiveMessage((message: unknown) => void this.receive(message));
  }

  get html(): string {
    return this.panel.webview.html;
  }

  show(report: HealthReport, settings: OverviewSettings): void {
    const data = overviewData(report, { ...settings, now: Date.now(), formatDay: dayFormatter() });
    this.shown = data.tokens;
    this.panel.webview.html = overviewHtml(data, newNonce());
    this.panel.reveal(undefined, false);
  }

  /** Only "reveal a token this page was shown and the tree holds" does anything. */
  async receive(message: unknown): Promise<void> {
    const request = revealRequest(message, this.shown);
    if (request === undefined) {
      this.ui.logger.warn('The token health overview sent a message that is not allowed; it was ignored.');
      return;
    }
    const node = await this.treeNode(request.tenantId, request.tokenId);
    if (node === undefined) {
      this.ui.logger.info('The token chosen in the health overview is no longer in the tree.');
      return;
    }
    await Promise.resolve(this.ui.treeView.reveal(node, { select: true, focus: true })).catch((error: unknown) => {
      this.ui.logger.info(`Could not show the token in the tree: ${error instanceof Error ? error.message : String(error)}`);
    });
  }

  private async treeNode(tenantId: string, tokenId: string): Promise<TokenNode | undefined> {
    if (this.ui.tree.tenantNode(tenantId) === undefined) await this.ui.tree.getChildren();
    if (this.ui.tree.tenantNode(tenantId) === undefined) return undefined;
    // Loads the tenant's tokens if the tree has not listed them yet; a failed list leaves nothing to reveal.
    await this.ui.tree.tokens(tenantId).catch(() => undefined);
    const listed = this.ui.tree.tokenNode(tenantId, tokenId);
    if (listed !== undefined) return listed;
    // The overview listed the tenant after the tree did: list it again once, and reveal only what the tree then holds.
    this.ui.tree.refresh(tenantId);
    await this.ui.tree.tokens(tenantId).catch(() => undefined);
    return this.ui.tree.tokenNode(tenantId, tokenId);
  }
}

let current: HealthPanel | undefined;

export function showHealthPanel(ui: UiContext, report: HealthReport, settings: OverviewSettings): void {
  if (current === undefined) {
    const panel = vscode.window.createWebviewPanel(HEALTH_PANEL_TYPE, t('Token Health'), vscode.ViewColumn.Active, {
      enableScripts: true,
      enableCommandUris: false,
      localResourceRoots: [],
      retainContextWhenHidden: false,
    });
    const opened = new HealthPanel(panel, ui);
    current = opened;
    panel.onDidDispose(() => {
      if (current === opened) current = undefined;
    });
  }
  current.show(report, settings);
}

/** For the integration tests only (registered under ExtensionMode.Test): the page as set, and a message as if the page sent it. */
export async function healthPanelForTests(message: unknown): Promise<{ open: boolean; html: string }> {
  if (current === undefined) return { open: false, html: '' };
  if (message !== undefined) await current.receive(message);
  return { open: true, html: current.html };
}

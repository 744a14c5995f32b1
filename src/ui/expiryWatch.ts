// The view's badge counts loaded tokens that are expired or expire soon; an opt-in reminder names them once a day.
// It only looks at what the tree already listed, so it loads with the first token list (see watchExpiry in extension.ts).
import * as vscode from 'vscode';
import { DailyReminder, expiringTokens, type ExpiringToken } from '../core/ops/expiry';
import { askExpiryReminder, type ReminderPrompts } from './expiryReminder';
import { UserCancelled } from '../core/errors';
import { inertText } from '../core/validation';
import { badgeTooltip } from './view/expiryText';
import type { PersonalAccessToken } from '../core/model';
import type { Logger } from '../core/ports';
import type { PatService } from '../core/patService';
import { CONFIG_SECTION, VIEW_ID } from './ids';
import { expiryWarningDays } from './settings';
import type { PatNode } from './tree/patNode';
import type { PatTreeDataProvider, TokensLoaded } from './tree/patTreeDataProvider';

const NOTIFICATIONS_SETTING = 'expiryNotifications';
/** Several tenants load one after the other: wait for them to settle before deciding on one reminder. */
const SETTLE_MS = 1500;

export function expiryNotificationsEnabled(): boolean {
  return vscode.workspace.getConfiguration(CONFIG_SECTION).get<boolean>(NOTIFICATIONS_SETTING, false) === true;
}

/** The reminder's two prompts as VS Code shows them (vscodePrompts.ts stays out of this small chunk); text made inert. */
const reminderPrompts: ReminderPrompts = {
  message: async (question) => {
    const answer = await vscode.window.showWarningMessage(inertText(question.message), ...question.actions);
    return question.actions.find((action) => action === answer);
  },
  pickOne: async (question) => {
    const picked = await vscode.window.showQuickPick(question.items, { placeHolder: question.placeholder });
    if (picked === undefined) throw new UserCancelled();
    return picked;
  },
};

export class ExpiryWatch implements vscode.Disposable {
  private readonly loaded = new Map<string, readonly PersonalAccessToken[]>();
  private readonly reminder: DailyReminder;
  private readonly subscriptions: vscode.Disposable[];
  private settleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly service: PatService,
    private readonly tree: PatTreeDataProvider,
    private readonly view: vscode.TreeView<PatNode>,
    globalState: vscode.Memento,
    private readonly logger: Logger,
  ) {
    this.reminder = new DailyReminder(globalState);
    this.subscriptions = [
      // A removed tenant no longer counts; the tree redraws when one goes.
      tree.onDidChangeTreeData(() => this.update()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(`${CONFIG_SECTION}.expiryWarningDays`)) this.update();
        if (event.affectsConfiguration(`${CONFIG_SECTION}.${NOTIFICATIONS_SETTING}`)) this.scheduleReminder();
      }),
    ];
  }

  /** Each list, from watchExpiry (extension.ts), which loads this module with the first one. */
  tokensLoaded({ tenantId, tokens }: TokensLoaded): void {
    this.loaded.set(tenantId, tokens);
    this.update();
    this.scheduleReminder();
  }

  /** The tokens the badge counts, most urgent first. */
  current(): ExpiringToken[] {
    const tenants = this.service.listTenants();
    const known = new Set(tenants.map((tenant) => tenant.id));
    [...this.loaded.keys()].filter((id) => !known.has(id)).forEach((id) => this.loaded.delete(id));
    const loaded = tenants.flatMap((tenant) => {
      const tokens = this.loaded.get(tenant.id);
      return tokens === undefined ? [] : [{ tenantId: tenant.id, tenantName: tenant.displayName, tokens }];
    });
    return expiringTokens(loaded, Date.now(), expiryWarningDays());
  }

  update(): void {
    const items = this.current();
    this.view.badge = items.length === 0 ? undefined : { value: items.length, tooltip: badgeTooltip(items, expiryWarningDays()) };
  }

  dispose(): void {
    if (this.settleTimer !== undefined) clearTimeout(this.settleTimer);
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  private scheduleReminder(): void {
    if (this.loaded.size === 0 || !expiryNotificationsEnabled()) return;
    if (this.settleTimer !== undefined) clearTimeout(this.settleTimer);
    this.settleTimer = setTimeout(() => {
      this.settleTimer = undefined;
      this.remind().catch((error: unknown) => this.logger.warn(`The expiry reminder failed: ${String(error)}`));
    }, SETTLE_MS);
  }

  private async remind(): Promise<void> {
    const now = Date.now();
    const items = this.current();
    if (items.length === 0 || !expiryNotificationsEnabled() || !this.reminder.isDue(now)) return;
    await this.reminder.markShown(now);
    this.logger.info(`Expiry reminder: ${items.length} token(s) expired or expiring soon.`);
    const answer = await askExpiryReminder(reminderPrompts, items);
    const node = answer === undefined ? undefined : this.tree.tokenNode(answer.due.tenantId, answer.due.token.id);
    if (answer?.action === 'show') await this.reveal(node);
    // Given the node, Rotate Token asks its questions as from the tree; without it, it lets the user pick.
    if (answer?.action === 'rotate') await vscode.commands.executeCommand('sailpointPat.rotateToken', node);
  }

  private async reveal(node: PatNode | undefined): Promise<void> {
    await vscode.commands.executeCommand(`${VIEW_ID}.focus`);
    if (node !== undefined) await this.view.reveal(node, { select: true, focus: true });
  }
}

// The tree's elements. Each is its own TreeItem, so `element.label` is what the user sees.
import * as vscode from 'vscode';
import type { Tenant, TokenListQuery } from '../../core/model';
import { t } from '../view/l10n';
import { presentTenant, tenantFix, type IconView, type TenantFix, type TenantState, type TooltipLine, tooltipMarkdown } from '../view/presentation';

// Kept because it measured faster (bench/README.md): 10,000 rows share a handful of ThemeIcons instead of one each.
/** Presentation hands out shared icon views, so 10,000 rows share a handful of theme icons. */
const themeIcons = new WeakMap<IconView, vscode.ThemeIcon>();

export function themeIcon(icon: IconView): vscode.ThemeIcon {
  let themed = themeIcons.get(icon);
  if (themed === undefined) {
    themed = new vscode.ThemeIcon(icon.id, icon.color === undefined ? undefined : new vscode.ThemeColor(icon.color));
    themeIcons.set(icon, themed);
  }
  return themed;
}

/** Server text can form no link, command, HTML or icon in it. */
export function safeTooltip(lines: readonly TooltipLine[]): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString(tooltipMarkdown(lines), false);
  markdown.isTrusted = false;
  markdown.supportHtml = false;
  return markdown;
}

export const BUSY_ICON = new vscode.ThemeIcon('loading~spin');

export class TenantNode extends vscode.TreeItem {
  state: TenantState = 'unknown';
  busyLabel: string | undefined;
  /** Why owner statuses are missing (e.g. no right to read identities); shown in the tooltip. */
  ownerStatusProblem: string | undefined;

  constructor(public tenant: Tenant) {
    super(tenant.displayName, vscode.TreeItemCollapsibleState.Expanded);
    this.id = `tenant:${tenant.id}`;
    this.render();
  }

  get tenantId(): string {
    return this.tenant.id;
  }

  render(): void {
    const view = presentTenant(this.tenant, this.state, this.ownerStatusProblem);
    this.label = view.label;
    this.description = this.busyLabel ?? view.description;
    this.iconPath = this.busyLabel === undefined ? themeIcon(view.icon) : BUSY_ICON;
    this.tooltip = safeTooltip(view.tooltip);
    this.contextValue = view.contextValue;
    this.accessibilityInformation = { label: view.accessibilityLabel };
  }
}

/** Why a tenant shows no tokens, with the fix one click away. */
export class MessageNode extends vscode.TreeItem {
  constructor(
    readonly parent: TenantNode,
    state: TenantState,
    headline: string,
    detail: string,
  ) {
    super(headline, vscode.TreeItemCollapsibleState.None);
    const fix = tenantFix(state);
    this.id = `message:${parent.tenantId}`;
    this.description = detail;
    this.tooltip = detail;
    this.contextValue = `message+${fix}`;
    this.iconPath = new vscode.ThemeIcon(MESSAGE_ICONS[fix]);
    this.command = fixCommand(fix, parent);
  }
}

const MESSAGE_ICONS: Record<TenantFix, string> = { updateCredentials: 'key', retry: 'refresh', listMine: 'person' };

function fixCommand(fix: TenantFix, parent: TenantNode): vscode.Command {
  if (fix === 'updateCredentials') return { title: t('Update Credentials'), command: 'sailpointPat.updateCredentials', arguments: [parent] };
  if (fix === 'retry') return { title: t('Retry'), command: 'sailpointPat.refresh', arguments: [parent] };
  // Back to what the credentials may list, keeping the tenant's "never used" / "not used since" filter.
  const query: TokenListQuery = { ...parent.tenant.listQuery, owner: { kind: 'me' } };
  return { title: t('List My Tokens'), command: 'sailpointPat.setTenantListQuery', arguments: [{ tenantId: parent.tenantId, query }] };
}

/**
 * A tenant's only child until its first token list arrives: VS Code draws an expanded node only once its children are
 * known, so answering with this row at once shows the tenant without waiting for sign-in and list.
 */
export class LoadingNode extends vscode.TreeItem {
  constructor(readonly parent: TenantNode) {
    super(t('Loading tokens…'), vscode.TreeItemCollapsibleState.None);
    this.id = `loading:${parent.tenantId}`;
    this.iconPath = BUSY_ICON;
    this.contextValue = 'loading';
  }
}

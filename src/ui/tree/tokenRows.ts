// The tree's token rows, loaded with the first token list rather than at activation (like the network stack they
// wait for): the TokenNode class, how a list becomes rows, and what the list load learns about owners.
import * as vscode from 'vscode';
import type { PersonalAccessToken } from '../../core/model';
import { isOthersToken, listsOtherOwners, lookUpOwners, NO_LOOKUP, tokenCountsByOwner, type OwnerLookup } from '../../core/ops/owners';
import type { PatService } from '../../core/patService';
import { presentToken, RowPhrases, tokenHealthFlags, tokenTooltipLines, warmRelativeTime, type OwnerFacts, type TokenView, type TokenViewOptions } from '../view/tokenPresentation';
import { expiryWarningDays, unusedDays } from '../settings';
import { compiledTranslator } from '../view/compiledTranslator';
import { currentTranslator, useTranslator } from '../view/l10n';
import { byDisplayName, collationLocale, warmCollation as warmDisplayCollation } from '../view/displayOrder';
import { BUSY_ICON, safeTooltip, themeIcon, type TenantNode } from './nodes';
import { t } from '../view/l10n';
// The view's filters load with the rows they hide (patTreeDataProvider.ts matchingFilter).
import { tokenMatchesFilter } from '../../core/ops/tokenFilter';

/** The view's filters: the text's words (none: no text filter) as typed, and "Needs attention". */
export interface ViewFilters {
  words: readonly string[];
  text: string;
  attentionOnly: boolean;
}

/** A tenant's rows the filters let through; a listed tenant left with none says so in a row. */
export function visibleRows<Row>(tenant: TenantNode, children: Row[], filters: ViewFilters): (Row | FilterEmptyNode)[] {
  const textFiltered = filters.words.length > 0;
  if (!textFiltered && !filters.attentionOnly) return children;
  const shown = children.filter(
    (child) => !(child instanceof TokenNode) || ((!filters.attentionOnly || child.needsAttention) && tokenMatchesFilter(child.token, filters.words)),
  );
  return shown.length > 0 ? shown : [new FilterEmptyNode(tenant, filters.attentionOnly, textFiltered)];
}

/** A busy row's spinner replaces its icon, so the words say what it is busy with. */
function rowWordsWhileBusy(words: string, busyLabel: string | undefined): string {
  return busyLabel === undefined ? words : `${words} ${busyLabel}`;
}

// Kept because it measured faster (bench/README.md): the id's tenant part built once per load, `kind` on the prototype, no undefined fields on a fresh row.
export class TokenNode extends vscode.TreeItem {
  /** What isTokenNode (nodes.ts) looks for, so code loaded at activation tells rows apart without this class; on the prototype, not on 10,000 rows. */
  declare readonly kind: 'token';
  /** Set only on a busy row (withBusyLabels); the other rows carry no field for it. */
  declare busyLabel: string | undefined;

  /** `idPrefix` is the tenant's part of every row id, built once per list load (tokenIdPrefix). */
  constructor(
    readonly parent: TenantNode,
    public token: PersonalAccessToken,
    private readonly viewOptions: TokenViewOptions,
    idPrefix = tokenIdPrefix(parent.tenantId),
  ) {
    const view = presentToken(token, viewOptions);
    super(view.label, vscode.TreeItemCollapsibleState.None);
    this.id = idPrefix + token.id;
    // A new row has no tooltip yet: render() clears one only when a row is drawn again.
    this.show(view);
  }

  get tenantId(): string {
    return this.parent.tenantId;
  }

  get secretStored(): boolean {
    return this.viewOptions.secretStored;
  }

  get isOwnCredential(): boolean {
    return this.viewOptions.isOwnCredential;
  }

  get ownerFacts(): TokenViewOptions['owners'] {
    return this.viewOptions.owners;
  }

  /** Another identity's token: ISC refuses to rename, rescope or rotate it. */
  get isOthersToken(): boolean {
    return isOthersToken(this.token, this.viewOptions.owners?.callerIdentityId);
  }

  /** Any health flag, from the facts Check Token Health uses: what "Needs attention" shows. */
  get needsAttention(): boolean {
    return tokenHealthFlags(this.token, this.viewOptions).length > 0;
  }

  /** Draws the row again (busy or done) and drops the tooltip, which resolveTreeItem then builds from the row as it is now. */
  render(): void {
    this.show(presentToken(this.token, this.viewOptions));
    this.tooltip = undefined;
  }

  /** Leaves the tooltip unset: building it for every row of a long list costs more than the rest of the row. */
  private show(view: TokenView): void {
    this.label = view.label;
    this.description = this.busyLabel ?? view.description;
    this.iconPath = this.busyLabel === undefined ? themeIcon(view.icon) : BUSY_ICON;
    this.contextValue = view.contextValue;
    this.accessibilityInformation = { label: rowWordsWhileBusy(view.accessibilityLabel, this.busyLabel) };
  }

  /** The tooltip as the tree's resolveTreeItem asks for it when the user hovers the row. */
  hoverTooltip(unknownScopes: readonly string[] = []): vscode.MarkdownString {
    return safeTooltip(tokenTooltipLines(this.token, this.viewOptions, unknownScopes));
  }
}

Object.defineProperty(TokenNode.prototype, 'kind', { value: 'token' });

/** The tenant's part of its rows' ids: `token:<tenant id>:`, then the token's id. */
export function tokenIdPrefix(tenantId: string): string {
  return `token:${tenantId}:`;
}

/** What the view's filters hid, said where the tokens would be (only filters of loaded rows hide anything, so it loads with them). */
export class FilterEmptyNode extends vscode.TreeItem {
  constructor(
    readonly parent: TenantNode,
    attentionOnly: boolean,
    textFiltered: boolean,
  ) {
    super(filterEmptyText(attentionOnly, textFiltered), vscode.TreeItemCollapsibleState.None);
    this.id = `filterEmpty:${parent.tenantId}`;
    this.contextValue = 'filterEmpty';
    this.iconPath = new vscode.ThemeIcon('filter');
    this.command = { title: t('Clear Token Filter'), command: 'sailpointPat.clearTokenFilter' };
    this.tooltip = t('Click to clear the filter and show every token.');
  }
}

function filterEmptyText(attentionOnly: boolean, textFiltered: boolean): string {
  if (attentionOnly && textFiltered) return t('No token here needs attention and matches the filter');
  return attentionOnly ? t('No token here needs attention') : t('No token here matches the filter');
}

let localeDataWarmed = false;

/**
 * Called when the first list is requested: the timer runs after the request is sent, so ICU loads the data of the
 * rows' order and relative times while the list is on the wire.
 */
export function warmLocaleData(): void {
  if (localeDataWarmed) return;
  localeDataWarmed = true;
  setTimeout(() => {
    warmDisplayCollation(collationLocale(vscode.env.language));
    warmRelativeTime();
  }, 0);
}

// Kept because it measured faster (bench/README.md): translating each message once, not once per row.
/**
 * A list says several sentences per row; from the first list on, `t` translates each message once and fills its
 * template (compiledTranslator.ts). Here rather than at activation, which then loads 574 bytes less.
 */
export function compileTranslations(): void {
  useTranslator(compiledTranslator(currentTranslator()));
}

// Kept because it measured faster (bench/README.md): one shared options object, not one per token, for 10,000 rows.
/** One "now", one settings read and one set of shared phrases per load; the many tokens with neither a stored secret nor the sign-in role share one options object. */
export function tokenNodes(
  tenant: TenantNode,
  tokens: readonly PersonalAccessToken[],
  stored: ReadonlySet<string>,
  ownClientId: string | undefined,
  owners: OwnerFacts | undefined,
): TokenNode[] {
  const locale = collationLocale(vscode.env.language);
  const plain: TokenViewOptions = {
    now: Date.now(),
    expiryWarningDays: expiryWarningDays(),
    unusedDays: unusedDays(),
    secretStored: false,
    isOwnCredential: false,
    apiFamily: tenant.tenant.apiFamily,
    locale,
    owners,
    phrases: new RowPhrases(),
  };
  const idPrefix = tokenIdPrefix(tenant.tenantId);
  return byDisplayName(tokens, locale).map((token) => {
    // Most tenants store no secret: then no row hashes its id to look one up.
    const secretStored = stored.size > 0 && stored.has(token.id);
    const isOwnCredential = token.id === ownClientId;
    const options = secretStored || isOwnCredential ? { ...plain, secretStored, isOwnCredential } : plain;
    return new TokenNode(tenant, token, options, idPrefix);
  });
}

/** Once per list load: each owner's count, whom the credentials act for, and, for lists of others' tokens, their statuses. */
export async function ownerFacts(
  service: PatService,
  node: TenantNode,
  tokens: readonly PersonalAccessToken[],
  signal: AbortSignal,
): Promise<{ owners: OwnerFacts; lookup: OwnerLookup }> {
  const callerIdentityId = await service.callerIdentityId(node.tenantId, signal);
  const lookup = listsOtherOwners(node.tenant.listQuery) ? await lookUpOwners(service, node.tenantId, tokens, signal) : NO_LOOKUP;
  let counts: ReadonlyMap<string, number> | undefined;
  const owners: OwnerFacts = {
    statuses: lookup.statuses,
    // Only a tooltip says an owner's count: counted on the first hover, not for every list.
    get counts() {
      counts ??= tokenCountsByOwner(tokens);
      return counts;
    },
    callerIdentityId,
  };
  return { owners, lookup };
}

// Tenants at the root, their tokens below. Each tenant's list is loaded once and kept until it is refreshed;
// a refresh aborts a load in flight so that stale answers (a token deleted meanwhile) never reach the tree.
import * as vscode from 'vscode';
import { PatError } from '../../core/errors';
import type { PersonalAccessToken } from '../../core/model';
import type { Logger } from '../../core/ports';
import { ownerStatusForbiddenText, tenantProblemHeadline, tenantStateForError, type TenantState } from '../view/presentation';
import type { OwnerFacts } from '../view/tokenPresentation';
import type { PatService } from '../../core/patService';
import { loadScopeCatalogue } from '../../core/scopes/load';
import { HAS_TENANTS_CONTEXT, VIEW_ID } from '../ids';
import { loadOnce } from '../../core/lazyLoad';
import { LoadingNode, MessageNode, TenantNode } from './nodes';
import { isTokenNode, type PatNode } from './patNode';
import type { TokenNode, ViewFilters } from './tokenRows';
import { t } from '../view/l10n';
import { FirstRowsLog } from '../firstRowsLog';

type TokenRows = typeof import('./tokenRows');
/** Token rows load with the first token list, which waits for the network stack anyway. */
const loadTokenRows = loadOnce(async () => {
  const rows = await import('./tokenRows.js');
  rows.compileTranslations();
  return rows;
});
/** errorText redacts, and the redactor is not needed before something fails. */
const loadMessages = loadOnce(() => import('../../core/messages.js'));

interface Load {
  promise: Promise<PatNode[]>;
  abort: AbortController;
}

interface TenantEntry {
  node: TenantNode;
  /** A load has finished (listed or failed): from then on VS Code's requests wait for reloads. */
  listedOnce?: boolean;
  /** VS Code was answered with a loading row, so it must hear when the real children are there. */
  loadingShown?: boolean;
  children?: PatNode[];
  /** Why the last load failed; its message is the tree's problem child. */
  error?: Error;
  loading?: Load;
}

/** A tenant, or one of its tokens, as the busy state knows it: by id, so that a refresh keeps the spinner. */
export interface BusyKey {
  tenantId: string;
  tokenId?: string;
}

function busyKeyText({ tenantId, tokenId }: BusyKey): string {
  return tokenId === undefined ? tenantId : `${tenantId}\u0000${tokenId}`;
}

export interface TokensLoaded {
  tenantId: string;
  tokens: readonly PersonalAccessToken[];
}

interface LoadResult {
  state: TenantState;
  children: PatNode[];
  /** As listed; absent when the list failed. */
  tokens?: readonly PersonalAccessToken[];
  error?: Error;
  /** Why owner statuses are missing, for the tenant's tooltip. */
  ownerStatusProblem?: string;
}

/** A promise awaited only after others: marked handled now, so a failure while those run is no unhandled rejection. */
function settledLater<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

function tokensOf(children: readonly PatNode[]): PersonalAccessToken[] {
  return children.filter(isTokenNode).map((child) => child.token);
}

export class PatTreeDataProvider implements vscode.TreeDataProvider<PatNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<PatNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly loaded = new vscode.EventEmitter<TokensLoaded>();
  /** A tenant's tokens were listed (not fired when the list failed). */
  readonly onDidLoadTokens = this.loaded.event;
  private readonly entries = new Map<string, TenantEntry>();
  /** Labels of what is busy ("Deleting…"), by tenant and token id. */
  private readonly busyLabels = new Map<string, string>();
  /** Tenants whose refused owner lookup was logged already: said once, not on every refresh. */
  private readonly toldOwnerLookupRefused = new Set<string>();
  /** What `sailpointPat.hasTenants` was last set to. */
  private hasTenantsSent: boolean | undefined;
  /** Set by the first token list; every token row was built by it. */
  private rows: TokenRows | undefined;
  /** The view's filters (text and "Needs attention"); they hide rows only, commands still see every token. */
  filters: Readonly<ViewFilters> = { words: [], text: '', attentionOnly: false };

  constructor(
    private readonly service: PatService,
    private readonly logger: Logger,
    /** Times the first root and tenant answers for the log (activate() hands it in). */
    private readonly firstRows?: FirstRowsLog,
  ) {}

  getTreeItem(node: PatNode): vscode.TreeItem {
    return node;
  }

  // Kept because it measured faster (bench/README.md): a tooltip cost more than the rest of a row; build it on hover only.
  /**
   * VS Code asks on hover; only a token's tooltip is left for then, as building it for every row of a long list is
   * what costs. The first hover loads the scope catalogue, to flag scopes that grant nothing.
   */
  async resolveTreeItem(item: vscode.TreeItem, node: PatNode): Promise<vscode.TreeItem> {
    if (isTokenNode(node) && item.tooltip === undefined) item.tooltip = node.hoverTooltip(await this.unknownScopes(node.token));
    return item;
  }

  /** Without the catalogue (it failed to load) the tooltip is shown without the flag rather than not at all. */
  private async unknownScopes(token: PersonalAccessToken): Promise<string[]> {
    if (token.scope === null) return [];
    try {
      return (await loadScopeCatalogue()).unknownScopes(token.scope);
    } catch (error) {
      this.logger.warn(`The scope catalogue did not load: ${(await loadMessages()).errorText(error)}`);
      return [];
    }
  }

  getParent(node: PatNode): PatNode | undefined {
    return node instanceof TenantNode ? undefined : node.parent;
  }

  /**
   * What VS Code asks. It draws an expanded node (a tenant) only once the node's children are known, so a tenant's
   * first answer never waits for the network: a loading row, then a change event when the tokens are there. Later
   * loads (refresh) are awaited, so loaded rows stay until new ones replace them.
   */
  async getChildren(node?: PatNode): Promise<PatNode[]> {
    const startedAt = FirstRowsLog.start();
    const children = this.answer(node);
    this.firstRows?.ended(node === undefined ? 'root' : 'tenant', startedAt);
    return children;
  }

  /** getChildren's answer, apart from the timing of the first ones. */
  private answer(node?: PatNode): Promise<PatNode[]> {
    const entry = node instanceof TenantNode ? this.entries.get(node.tenantId) : undefined;
    if (entry !== undefined && entry.children === undefined && !entry.listedOnce) {
      entry.loadingShown = true;
      // After VS Code has the loading row: the load's first steps (reading its code) would hold the answer back.
      // Two timer turns, because the host sends the answer on a timer it sets after this one.
      setTimeout(() => setTimeout(() => void this.tenantChildren(entry.node.tenantId)));
      return Promise.resolve([new LoadingNode(entry.node)]);
    }
    return this.loadedChildren(node);
  }

  /** The children as loaded, waiting for a load under way: what other extensions and the commands read. */
  async loadedChildren(node?: PatNode): Promise<PatNode[]> {
    if (node === undefined) return this.tenantNodes();
    if (node instanceof TenantNode) return this.matchingFilter(node, await this.tenantChildren(node.tenantId));
    return [];
  }

  /** Both of the view's filters at once, so a change redraws the tree once. */
  setFilters(filters: Partial<ViewFilters>): void {
    this.filters = { ...this.filters, ...filters };
    this.changed.fire(undefined);
  }

  /** The matcher comes with the token rows: without them there is no token row to hide; a failed list is shown as is. */
  private matchingFilter(tenant: TenantNode, children: PatNode[]): PatNode[] {
    const rows = this.rows;
    if (rows === undefined || this.entries.get(tenant.tenantId)?.error !== undefined) return children;
    return rows.visibleRows(tenant, children, this.filters);
  }

  /** Forgets what was loaded (one tenant, or all) and redraws. */
  refresh(tenantId?: string): void {
    const entry = tenantId === undefined ? undefined : this.entries.get(tenantId);
    if (entry === undefined) {
      this.entries.forEach((each) => this.invalidate(each));
      this.changed.fire(undefined);
      return;
    }
    this.invalidate(entry);
    this.renderTenant(entry.node);
    this.changed.fire(entry.node);
  }

  /** Redraws the root when the tenant list changed under us (Settings Sync, another window); loaded tokens stay. */
  noticeTenantListChange(): void {
    const ids = this.service.listTenants().map((tenant) => tenant.id);
    const same = ids.length === this.entries.size && ids.every((id) => this.entries.has(id));
    if (!same) this.changed.fire(undefined);
  }

  /** Redraws the loaded tokens with the current settings, without listing them again. */
  redraw(): void {
    const rows = this.rows;
    // No token list yet, so no token rows to redraw.
    if (rows === undefined) return;
    for (const entry of this.entries.values()) {
      const nodes = entry.children?.filter(isTokenNode) ?? [];
      if (nodes.length === 0) continue;
      const stored = new Set(nodes.filter((node) => node.secretStored).map((node) => node.token.id));
      const ownClientId = nodes.find((node) => node.isOwnCredential)?.token.id;
      entry.children = this.withBusyLabels(rows.tokenNodes(entry.node, tokensOf(nodes), stored, ownClientId, nodes[0].ownerFacts));
      this.changed.fire(entry.node);
    }
  }

  /** Sets `sailpointPat.hasTenants` (view title buttons, palette entries) when it changed: each set is a message to the window. */
  announceHasTenants(hasTenants: boolean): void {
    if (this.hasTenantsSent === hasTenants) return;
    this.hasTenantsSent = hasTenants;
    void vscode.commands.executeCommand('setContext', HAS_TENANTS_CONTEXT, hasTenants);
  }

  tenantNode(tenantId: string): TenantNode | undefined {
    return this.entries.get(tenantId)?.node;
  }

  /** The token's node if the tenant's tokens are loaded. */
  tokenNode(tenantId: string, tokenId: string): TokenNode | undefined {
    const children = this.entries.get(tenantId)?.children ?? [];
    return children.find((child): child is TokenNode => isTokenNode(child) && child.token.id === tokenId);
  }

  /** Tokens as last loaded for the tenant, loading them if they are not yet; rejects as the load failed. */
  async tokens(tenantId: string): Promise<PersonalAccessToken[]> {
    this.tenantNodes();
    const children = await this.tenantChildren(tenantId);
    const error = this.entries.get(tenantId)?.error;
    if (error !== undefined) throw error;
    return tokensOf(children);
  }

  /** Shows the tenants and tokens as busy ("Deleting…", spinning icon) while the work runs, also on nodes a refresh makes meanwhile. */
  async busy<T>(keys: readonly BusyKey[], label: string, work: () => Promise<T>): Promise<T> {
    this.markBusy(keys, label);
    try {
      return await work();
    } finally {
      this.markBusy(keys, undefined);
    }
  }

  dispose(): void {
    this.entries.forEach((entry) => entry.loading?.abort.abort());
    this.changed.dispose();
    this.loaded.dispose();
  }

  private markBusy(keys: readonly BusyKey[], label: string | undefined): void {
    for (const key of keys) {
      if (label === undefined) this.busyLabels.delete(busyKeyText(key));
      else this.busyLabels.set(busyKeyText(key), label);
      const node = key.tokenId === undefined ? this.tenantNode(key.tenantId) : this.tokenNode(key.tenantId, key.tokenId);
      if (node === undefined) continue;
      node.busyLabel = label;
      node.render();
      this.changed.fire(node);
    }
  }

  private busyLabel(tenantId: string, tokenId?: string): string | undefined {
    return this.busyLabels.get(busyKeyText({ tenantId, tokenId }));
  }

  /** New nodes of tokens that are still busy keep their spinner. */
  private withBusyLabels(nodes: TokenNode[]): TokenNode[] {
    if (this.busyLabels.size === 0) return nodes;
    for (const node of nodes) {
      node.busyLabel = this.busyLabel(node.tenantId, node.token.id);
      if (node.busyLabel !== undefined) node.render();
    }
    return nodes;
  }

  /** VS Code redraws only the node the change names, so it must carry the tenant as saved (name, what it lists). */
  private renderTenant(node: TenantNode): void {
    const saved = this.service.listTenants().find((tenant) => tenant.id === node.tenantId);
    if (saved === undefined) return;
    node.tenant = saved;
    node.render();
  }

  private tenantNodes(): TenantNode[] {
    const tenants = this.service.listTenants();
    const ids = new Set(tenants.map((tenant) => tenant.id));
    for (const [id, entry] of this.entries) {
      if (!ids.has(id)) {
        entry.loading?.abort.abort();
        this.entries.delete(id);
      }
    }
    this.announceHasTenants(tenants.length > 0);
    return tenants.map((tenant) => {
      const entry = this.entries.get(tenant.id);
      if (entry === undefined) {
        const node = new TenantNode(tenant);
        node.busyLabel = this.busyLabel(tenant.id);
        node.render();
        this.entries.set(tenant.id, { node });
        return node;
      }
      entry.node.tenant = tenant;
      entry.node.render();
      return entry.node;
    });
  }

  private async tenantChildren(tenantId: string): Promise<PatNode[]> {
    const entry = this.entries.get(tenantId);
    if (entry === undefined) return [];
    if (entry.children !== undefined) return entry.children;
    entry.loading ??= this.startLoad(entry);
    return entry.loading.promise;
  }

  private startLoad(entry: TenantEntry): Load {
    const abort = new AbortController();
    const promise = this.load(entry.node, abort.signal).then((result) => {
      if (entry.loading?.abort !== abort) return this.tenantChildren(entry.node.tenantId);
      entry.loading = undefined;
      entry.children = result.children;
      entry.error = result.error;
      entry.listedOnce = true;
      const stateChanged = entry.node.state !== result.state || entry.node.ownerStatusProblem !== result.ownerStatusProblem;
      if (stateChanged) {
        entry.node.state = result.state;
        entry.node.ownerStatusProblem = result.ownerStatusProblem;
        entry.node.render();
      }
      if (stateChanged || entry.loadingShown === true) {
        entry.loadingShown = false;
        this.changed.fire(entry.node);
      }
      if (result.tokens !== undefined) this.loaded.fire({ tenantId: entry.node.tenantId, tokens: result.tokens });
      return result.children;
    });
    return { promise, abort };
  }

  private invalidate(entry: TenantEntry): void {
    entry.loading?.abort.abort();
    entry.loading = undefined;
    entry.children = undefined;
    entry.error = undefined;
  }

  /** Once per list load: the owner facts, and their lookup's failure said once on the tenant, not on every refresh. */
  private async ownerFacts(rows: TokenRows, node: TenantNode, tokens: readonly PersonalAccessToken[], signal: AbortSignal): Promise<{ owners: OwnerFacts; problem?: string }> {
    const tenantId = node.tenantId;
    const { owners, lookup } = await rows.ownerFacts(this.service, node, tokens, signal);
    if (lookup.failure === undefined) {
      this.toldOwnerLookupRefused.delete(tenantId);
      return { owners };
    }
    const problem = lookup.forbidden ? ownerStatusForbiddenText() : t('not available: {0}', lookup.failure);
    if (!lookup.forbidden || !this.toldOwnerLookupRefused.has(tenantId)) {
      this.logger.warn(`Owner status of tenant "${node.tenant.displayName}" ${problem}`);
      if (lookup.forbidden) this.toldOwnerLookupRefused.add(tenantId);
    }
    return { owners, problem };
  }

  private async load(node: TenantNode, signal: AbortSignal): Promise<LoadResult> {
    const tenantId = node.tenantId;
    // Started before the first await: the sign-in client id and the rows' code arrive while the list is on the wire.
    const ownClientIdReading = settledLater(this.service.signInClientId(tenantId));
    // At once, beside the credentials check: the three share one SecretStorage read, and without credentials the list
    // fails before sending anything.
    const listing = settledLater(this.service.listTokens(tenantId, signal));
    // A timer turn later, once the SecretStorage read (the longest wait of a first list) is on its way: the rows' code
    // and ICU's data load during that read instead of before it.
    const rowsLoading = settledLater(
      new Promise((resolve) => setTimeout(resolve))
        .then(loadTokenRows)
        .then((loaded) => {
          loaded.warmLocaleData();
          return loaded;
        }),
    );
    try {
      if (!(await this.service.hasCredentials(tenantId))) {
        throw new PatError('credentials-missing', t('No client ID and secret are stored in VS Code for this tenant.'));
      }
      const [tokens, rows] = await vscode.window.withProgress({ location: { viewId: VIEW_ID } }, () => Promise.all([listing, rowsLoading]));
      this.rows = rows;
      const ownClientId = await ownClientIdReading;
      const stored = this.service.storedSecretTokenIds(tenantId);
      const { owners, problem } = await this.ownerFacts(rows, node, tokens, signal);
      return { state: 'ok', tokens, children: this.withBusyLabels(rows.tokenNodes(node, tokens, stored, ownClientId, owners)), ownerStatusProblem: problem };
    } catch (error) {
      const state = tenantStateForError(error, node.tenant.listQuery);
      const detail = (await loadMessages()).errorText(error);
      // A tenant that arrived by Settings Sync has no credentials here yet: a state to show, not a failure to log.
      if (state === 'credentials-missing') this.logger.info(`Tenant "${node.tenant.displayName}" has no credentials on this machine.`);
      else if (!signal.aborted) this.logger.warn(`Listing the tokens of tenant "${node.tenant.displayName}" failed: ${detail}`);
      const failure = error instanceof Error ? error : new Error(detail);
      return { state, error: failure, children: [new MessageNode(node, state, tenantProblemHeadline(state), detail)] };
    }
  }
}

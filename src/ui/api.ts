// What activate() hands to other extensions: reading the tree, nothing more. Every extension shares this
// extension host, so the object holds closures only: no service, registry, secret store or context is reachable.
import type * as vscode from 'vscode';
import type { PatNode } from './tree/patNode';
import type { PatTreeDataProvider } from './tree/patTreeDataProvider';

/** The view, read-only: VS Code's own TreeView also lets its holder retitle, re-badge and dispose it. */
export type PatTreeViewReader = Readonly<
  Pick<vscode.TreeView<PatNode>, 'visible' | 'selection' | 'badge' | 'title' | 'description' | 'message' | 'onDidChangeVisibility' | 'onDidChangeSelection'>
>;

export interface PatExtensionApi {
  getChildren(element?: PatNode): Promise<PatNode[]>;
  getTreeItem(element: PatNode): vscode.TreeItem;
  getParent(element: PatNode): PatNode | undefined;
  /** A token row builds its tooltip only when asked, as VS Code does on hover. */
  resolveTreeItem(item: vscode.TreeItem, element: PatNode, token: vscode.CancellationToken): Promise<vscode.TreeItem>;
  readonly onDidChangeTreeData: vscode.Event<PatNode | undefined>;
  /** The view, e.g. to read its expiry badge. */
  readonly treeView: PatTreeViewReader;
}

function treeViewReader(view: vscode.TreeView<PatNode>): PatTreeViewReader {
  return Object.freeze({
    get visible() {
      return view.visible;
    },
    get selection() {
      return view.selection;
    },
    get badge() {
      return view.badge;
    },
    get title() {
      return view.title;
    },
    get description() {
      return view.description;
    },
    get message() {
      return view.message;
    },
    onDidChangeVisibility: (listener, thisArgs, disposables) => view.onDidChangeVisibility(listener, thisArgs, disposables),
    onDidChangeSelection: (listener, thisArgs, disposables) => view.onDidChangeSelection(listener, thisArgs, disposables),
  } satisfies PatTreeViewReader);
}

/** A frozen facade over the tree: each member is a closure, so the provider itself never leaves this module. */
export function extensionApi(tree: PatTreeDataProvider, view: vscode.TreeView<PatNode>): PatExtensionApi {
  return Object.freeze({
    // The children as loaded, never the loading row VS Code is first shown (see PatTreeDataProvider.getChildren).
    getChildren: (element?: PatNode) => tree.loadedChildren(element),
    getTreeItem: (element: PatNode) => tree.getTreeItem(element),
    getParent: (element: PatNode) => tree.getParent(element),
    resolveTreeItem: (item: vscode.TreeItem, element: PatNode) => tree.resolveTreeItem(item, element),
    onDidChangeTreeData: (listener, thisArgs, disposables) => tree.onDidChangeTreeData(listener, thisArgs, disposables),
    treeView: treeViewReader(view),
  } satisfies PatExtensionApi);
}

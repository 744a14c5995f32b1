// The Delete key on selected tokens, as in the Explorer. A keybinding's command gets no tree item and VS Code has no
// `viewItem` context for keybindings, so the view's selection is mirrored into a context key and handed on here.
import * as vscode from 'vscode';
import { DELETE_SELECTED_TOKENS_COMMAND, TOKENS_SELECTED_CONTEXT } from '../ids';
import { isTokenNode, type PatNode } from './nodes';
import type { TokenNode } from './tokenRows';

function selectedTokens(treeView: vscode.TreeView<PatNode>): TokenNode[] {
  const selection = treeView.selection;
  return selection.length > 0 && selection.every(isTokenNode) ? (selection as TokenNode[]) : [];
}

export function registerSelectionKeys(treeView: vscode.TreeView<PatNode>): vscode.Disposable[] {
  return [
    treeView.onDidChangeSelection(() => {
      void vscode.commands.executeCommand('setContext', TOKENS_SELECTED_CONTEXT, selectedTokens(treeView).length > 0);
    }),
    // The same arguments a right-click on a selected token passes: the node, then the whole selection.
    vscode.commands.registerCommand(DELETE_SELECTED_TOKENS_COMMAND, () => {
      const tokens = selectedTokens(treeView);
      if (tokens.length === 0) return undefined;
      return vscode.commands.executeCommand('sailpointPat.deleteToken', tokens[0], tokens);
    }),
  ];
}

// The Delete key on selected tokens, as in the Explorer. A keybinding's command gets no tree item and VS Code has no
// `viewItem` context for keybindings, so the key reads the view's selection when pressed and hands it on here. Its
// `when` clause uses only context keys VS Code evaluates itself: a key of ours would be set a round trip late.
import * as vscode from 'vscode';
import { DELETE_SELECTED_TOKENS_COMMAND } from '../ids';
import { isTokenNode, type PatNode } from './patNode';

export function registerSelectionKeys(treeView: vscode.TreeView<PatNode>): vscode.Disposable[] {
  return [
    // The same arguments a right-click on a selected token passes: the node, then the whole selection. With no token
    // selected only the selection goes, and Delete Token says why instead of offering a picker.
    vscode.commands.registerCommand(DELETE_SELECTED_TOKENS_COMMAND, () => {
      const selection = [...treeView.selection];
      const tokens = selection.filter(isTokenNode);
      return tokens.length > 0
        ? vscode.commands.executeCommand('sailpointPat.deleteToken', tokens[0], tokens)
        : vscode.commands.executeCommand('sailpointPat.deleteToken', undefined, selection);
    }),
  ];
}

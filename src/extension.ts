import type * as vscode from 'vscode';

export function activate(_context: vscode.ExtensionContext): void {
  // Wiring comes with the extension issue; activation must stay nearly free.
}

export function deactivate(): void {
  // Nothing to release yet.
}

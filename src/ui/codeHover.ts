// Registered at activation, loads nothing: the hover over an ISC call (commands/code/codeHover.ts) and with it the
// scanner and the catalogue are imported only on a hover over a line that names a version-prefixed path, or in a
// file that mentions SailPoint (where SDK calls are).
import * as vscode from 'vscode';
import { loadOnce } from '../core/lazyLoad';

const PATH_MARKERS = ['/v3/', '/beta/', '/v2024/', '/v2025/', '/v2026/', '/v1'];
/** Only the start of a large file is searched for the word: enough for its imports. */
const MENTION_WINDOW = 64 * 1024;

const loadHover = loadOnce(() => import('./commands/code/codeHover.js'));

function mayHoldCall(document: vscode.TextDocument, position: vscode.Position): boolean {
  const line = document.lineAt(position.line).text;
  if (PATH_MARKERS.some((marker) => line.includes(marker))) return true;
  const start = document.getText(new vscode.Range(0, 0, Math.min(document.lineCount, 2000), 0)).slice(0, MENTION_WINDOW);
  return start.toLowerCase().includes('sailpoint');
}

export function registerCodeHover(): vscode.Disposable {
  return vscode.languages.registerHoverProvider('*', {
    async provideHover(document, position) {
      if (!mayHoldCall(document, position)) return undefined;
      return (await loadHover()).codeHover(document, position);
    },
  });
}

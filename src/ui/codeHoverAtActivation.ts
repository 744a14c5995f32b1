// The editor's hover over ISC calls works before any scan (issue 23 §4): activation registers only these few
// lines; the hover's code, the scanner and the catalogue load on the first hover over a line that may hold a call.
import * as vscode from 'vscode';

const PATH_MARKERS = ['/v3/', '/beta/', '/v2024/', '/v2025/', '/v2026/', '/v1'];

/** Only lines naming a version-prefixed path, or files mentioning SailPoint (SDK calls), are worth a scan. */
function mayHoldCall(document: vscode.TextDocument, position: vscode.Position): boolean {
  const line = document.lineAt(position.line).text;
  if (PATH_MARKERS.some((marker) => line.includes(marker))) return true;
  return document.getText(new vscode.Range(0, 0, Math.min(document.lineCount, 2000), 0)).slice(0, 64 * 1024).toLowerCase().includes('sailpoint');
}

export function registerCodeHover(): vscode.Disposable {
  let hover: Promise<typeof import('./commands/code/codeHover')> | undefined;
  return vscode.languages.registerHoverProvider('*', {
    async provideHover(document, position) {
      if (!mayHoldCall(document, position)) return undefined;
      hover ??= import('./commands/code/codeHover.js');
      return (await hover).codeHover(document, position);
    },
  });
}

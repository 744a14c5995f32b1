// The editor's hover over ISC calls works before any scan (issue 23 §4): activation registers only these few
// lines; the hover's code loads on the first hover, and the scanner and the catalogue on the first hover over a
// line that may hold a call.
import * as vscode from 'vscode';

export function registerCodeHover(): vscode.Disposable {
  let hover: Promise<typeof import('./commands/code/codeHover')> | undefined;
  return vscode.languages.registerHoverProvider('*', {
    provideHover: async (document, position) => (await (hover ??= import('./commands/code/codeHover.js'))).provideCodeHover(document, position),
  });
}

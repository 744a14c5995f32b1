// The editor's hover over ISC calls works before any scan (issue 23 §4): activation registers only these few
// lines; the hover's code comes with the command bodies' chunk on the first hover (a chunk of its own split the
// code-scan modules into more chunks: 1 KB more in the .vsix), the scanner and the catalogue on the first hover over
// a line that may hold a call.
import * as vscode from 'vscode';

export function registerCodeHover(): vscode.Disposable {
  return vscode.languages.registerHoverProvider('*', {
    provideHover: async (document, position) => (await import('./commands/index.js')).provideCodeHover(document, position),
  });
}

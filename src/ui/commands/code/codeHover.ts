// The hover over a recognised ISC call: its operation and the scopes that grant it. Every word of it comes from
// the catalogue, none from the file, and it is plain text in an untrusted MarkdownString: a hostile file cannot
// make it show a link, a command or a theme icon. Loaded on the first hover (register.ts registers
// it); the scanner and the catalogue load on the first hover over a line that may hold a call.
import * as vscode from 'vscode';
import type { CodeCall } from '../../../core/codeScan/types';
import { MAX_FILE_BYTES } from '../../../core/codeScan/types';
import { hoverLines } from './codeScanText';
import { loadOperationIndex, pathOf } from './workspaceScan';

interface Scanned {
  version: number;
  calls: CodeCall[];
}

/** The last scan of each open document, by URI, for the version it was made of. */
const scans = new Map<string, Scanned>();

async function callsOf(document: vscode.TextDocument): Promise<CodeCall[]> {
  const key = document.uri.toString();
  const cached = scans.get(key);
  if (cached?.version === document.version) return cached.calls;
  const text = document.getText();
  if (text.length > MAX_FILE_BYTES) return [];
  const [{ scanText }, index] = await Promise.all([import('../../../core/codeScan/scan.js'), loadOperationIndex()]);
  const { calls } = scanText(pathOf(document.uri), text, index);
  if (scans.size > 50) scans.clear();
  scans.set(key, { version: document.version, calls });
  return calls;
}

export async function codeHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
  const onLine = (await callsOf(document)).filter((call) => call.line === position.line + 1);
  if (onLine.length === 0) return undefined;
  const markdown = new vscode.MarkdownString(undefined, false);
  markdown.isTrusted = false;
  markdown.supportHtml = false;
  onLine.forEach((call, index) => {
    if (index > 0) markdown.appendMarkdown('\n\n---\n\n');
    const [operation, scopes] = hoverLines(call);
    markdown.appendText(operation);
    markdown.appendMarkdown('\n\n');
    markdown.appendText(scopes);
  });
  return new vscode.Hover(markdown, document.lineAt(position.line).range);
}

const PATH_MARKERS = ['/v3/', '/beta/', '/v2024/', '/v2025/', '/v2026/', '/v1'];

/** Only lines naming a version-prefixed path, or files mentioning SailPoint (SDK calls), are worth a scan. */
function mayHoldCall(document: vscode.TextDocument, position: vscode.Position): boolean {
  const line = document.lineAt(position.line).text;
  if (PATH_MARKERS.some((marker) => line.includes(marker))) return true;
  return document.getText(new vscode.Range(0, 0, Math.min(document.lineCount, 2000), 0)).slice(0, 64 * 1024).toLowerCase().includes('sailpoint');
}

/** The hover provider's answer: nothing loads beyond this module for a line that cannot hold a call. */
export function provideCodeHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> | undefined {
  return mayHoldCall(document, position) ? codeHover(document, position) : undefined;
}

// Writes l10n/bundle.l10n.json, the English bundle VS Code's l10n reads, from every `t('…')` call in src/:
// the English text is the key and the value. A `t()` whose first argument is not a plain string literal is an
// error (its text could never be in the bundle). Usage: npm run l10n (after a merge, then translate the new keys).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

export const REPO_ROOT = path.resolve(__dirname, '../..');
export const ENGLISH_BUNDLE = path.join(REPO_ROOT, 'l10n', 'bundle.l10n.json');

export interface CollectedMessages {
  messages: string[];
  /** `file:line` of each `t()` call whose message is not a string literal. */
  problems: string[];
}

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** The messages of every `t(…)` call in one file's text. */
export function messagesIn(fileName: string, text: string): CollectedMessages {
  const file = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const result: CollectedMessages = { messages: [], problems: [] };
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 't') {
      const first = node.arguments[0];
      if (first !== undefined && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first))) {
        result.messages.push(first.text);
      } else {
        const { line } = file.getLineAndCharacterOfPosition(node.getStart());
        result.problems.push(`${path.relative(REPO_ROOT, fileName)}:${line + 1}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return result;
}

export function collectMessages(sourceRoot = path.join(REPO_ROOT, 'src')): CollectedMessages {
  const all: CollectedMessages = { messages: [], problems: [] };
  for (const file of sourceFiles(sourceRoot)) {
    const found = messagesIn(file, readFileSync(file, 'utf8'));
    all.messages.push(...found.messages);
    all.problems.push(...found.problems);
  }
  return all;
}

/** The bundle's text: each message its own key and value, sorted, so a diff shows what changed. */
export function bundleText(messages: readonly string[]): string {
  const sorted = [...new Set(messages)].sort();
  return `${JSON.stringify(Object.fromEntries(sorted.map((message) => [message, message])), null, 2)}\n`;
}

function main(): void {
  const { messages, problems } = collectMessages();
  if (problems.length > 0) {
    console.error(`t() needs a string literal as its message (the bundle is built from the source):\n  ${problems.join('\n  ')}`);
    process.exitCode = 1;
    return;
  }
  writeFileSync(ENGLISH_BUNDLE, bundleText(messages));
  console.log(`${path.relative(REPO_ROOT, ENGLISH_BUNDLE)}: ${new Set(messages).size} messages`);
}

if (require.main === module) main();

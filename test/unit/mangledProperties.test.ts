// The production build gives our private-only members short names (esbuild's mangleProps; the list is derived in
// esbuild.mjs and written to out/bundle-report.json). Checked here with TypeScript's own syntax tree rather than the
// build's text search: every place that names one must be `this.name` or its `private` declaration, or a renamed
// member would break at run time where a key, a string or another object still used the old name.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { ROOT } from './helpers/bundleBytes';

function report(): { production: boolean; mangledProperties?: string[] } {
  return JSON.parse(readFileSync(path.join(ROOT, 'out/bundle-report.json'), 'utf8')) as { production: boolean; mangledProperties?: string[] };
}

function sourceFiles(): ts.SourceFile[] {
  const dir = path.join(ROOT, 'src');
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => ts.createSourceFile(file, readFileSync(path.join(dir, file), 'utf8'), ts.ScriptTarget.Latest, true));
}

function isPrivateDeclaration(node: ts.Node): boolean {
  const declaration = ts.isPropertyDeclaration(node) || ts.isMethodDeclaration(node) || ts.isParameter(node);
  return declaration && (ts.getCombinedModifierFlags(node) & ts.ModifierFlags.Private) !== 0;
}

/** Each place a name stands (identifier, string or template text) other than `this.name` or its private declaration. */
function otherUses(files: readonly ts.SourceFile[], names: ReadonlySet<string>): string[] {
  const found: string[] = [];
  const inText = names.size === 0 ? /(?!)/ : new RegExp(`\\b(?:${[...names].join('|')})\\b`);
  const visit = (file: ts.SourceFile, node: ts.Node): void => {
    const text = ts.isIdentifier(node) || ts.isPrivateIdentifier(node) ? node.text : ts.isStringLiteralLike(node) ? node.text : undefined;
    if (text !== undefined && names.has(text)) {
      const parent = node.parent;
      const onThis = ts.isPropertyAccessExpression(parent) && parent.name === node && parent.expression.kind === ts.SyntaxKind.ThisKeyword;
      const declared = isPrivateDeclaration(parent) && (parent as ts.NamedDeclaration).name === node;
      if (!onThis && !declared) found.push(`${file.fileName}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1} ${text}`);
    } else if (ts.isStringLiteralLike(node)) {
      const name = inText.exec(node.text)?.[0];
      if (name !== undefined) found.push(`${file.fileName} in a string: ${name}`);
    }
    ts.forEachChild(node, (child) => visit(file, child));
  };
  for (const file of files) visit(file, file);
  return found;
}

describe('short names for private-only members (production build)', function () {
  this.timeout(60_000);
  let mangled: string[];

  before(() => {
    const built = report();
    assert.ok(built.production, 'dist holds a development build: run `npm run bundle`');
    mangled = built.mangledProperties ?? [];
  });

  it('renames some: the build derived its list (storedSecretOwners is one)', () => {
    assert.ok(mangled.length > 20, `only ${mangled.length} renamed`);
    assert.ok(mangled.includes('storedSecretOwners'), mangled.join(', '));
  });

  it('renames only members that the source names as this.name or in their private declaration', () => {
    assert.deepEqual(otherUses(sourceFiles(), new Set(mangled)), []);
  });

  it('renames no name of VS Code’s or Node’s API', () => {
    const nodeTypes = path.join(ROOT, 'node_modules/@types/node');
    const api = [
      readFileSync(path.join(ROOT, 'node_modules/@types/vscode/index.d.ts'), 'utf8'),
      ...readdirSync(nodeTypes, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.d.ts')).map((file) => readFileSync(path.join(nodeTypes, file), 'utf8')),
    ].join('\n');
    assert.deepEqual(mangled.filter((name) => new RegExp(`\\b${name}\\b`).test(api)), []);
  });

  it('leaves no renamed member under its long name in dist, and the public ones as they are', () => {
    const dist = readdirSync(path.join(ROOT, 'dist')).map((file) => readFileSync(path.join(ROOT, 'dist', file), 'utf8')).join('\n');
    assert.deepEqual(mangled.filter((name) => new RegExp(`\\.${name}\\b`).test(dist)), []);
    for (const publicName of ['.displayName', '.accessTokenValiditySeconds', '.registerCommand', 'activate']) assert.ok(dist.includes(publicName), publicName);
  });

  it('the check itself finds a member named anywhere else', () => {
    const file = ts.createSourceFile(
      'probe.ts',
      'class A { private inFlight = 1; private other = 2; run(b: A) { return this.inFlight + b.other; } }\nconst key = { inFlight: 1 };',
      ts.ScriptTarget.Latest,
      true,
    );
    assert.deepEqual(otherUses([file], new Set(['inFlight', 'other'])), ['probe.ts:1 other', 'probe.ts:2 inFlight']);
  });
});

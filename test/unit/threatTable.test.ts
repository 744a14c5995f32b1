// SECURITY.md's threat table must list every entry point (issue 19 §3): each command package.json contributes or the
// code registers, and each place `src` opens a way in (a provider, a terminal, a sync key, a file read or write, the
// clipboard, an outside link, a view, the network client). A new surface cannot arrive without its row, and each
// row names tests that exist.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const REPO_ROOT = path.resolve(__dirname, '../../..');

/** An API whose use opens a way in, by the name a row's Entry point cell gives it and how it shows in code. */
interface EntryPointApi {
  name: string;
  pattern: RegExp;
}

const ENTRY_POINT_APIS: readonly EntryPointApi[] = [
  { name: 'registerCommand', pattern: /\bregisterCommand\(/ },
  { name: 'registerAuthenticationProvider', pattern: /\bregisterAuthenticationProvider\(/ },
  { name: 'createTerminal', pattern: /\bcreateTerminal\(/ },
  { name: 'setKeysForSync', pattern: /\.setKeysForSync\(/ },
  { name: 'readFile', pattern: /\breadFile(Sync)?\(|\bworkspace\.fs\.readFile\(|\bopenTextDocument\(|\bfindFiles\(/ },
  { name: 'writeFile', pattern: /\bwriteFile(Sync)?\(/ },
  { name: 'clipboard', pattern: /\benv\.clipboard\b/ },
  { name: 'copySecret', pattern: /\.copySecret\(/ },
  { name: 'openExternal', pattern: /\bopenExternal\(/ },
  { name: 'showSaveDialog', pattern: /\bshowSaveDialog\(/ },
  { name: 'showOpenDialog', pattern: /\bshowOpenDialog\(/ },
  { name: 'createTreeView', pattern: /\bcreateTreeView\(|\bregisterTreeDataProvider\(/ },
  { name: 'createWebviewPanel', pattern: /\bcreateWebviewPanel\(|\bregisterWebviewViewProvider\(|\bregisterWebviewPanelSerializer\(/ },
  { name: 'languages', pattern: /\blanguages\.register[A-Za-z]*\(/ },
  { name: 'registerUriHandler', pattern: /\bregisterUriHandler\(/ },
  { name: 'secrets.onDidChange', pattern: /\bsecrets\.onDidChange\(/ },
  { name: 'https.request', pattern: /from '(?:node:)?https?'|\bfetch\(/ },
  { name: 'activate', pattern: /^export function activate\(/m },
];

export interface ThreatRow {
  entryPoints: string[];
  code: string[];
  provenBy: string[];
}

export interface Surface {
  /** Command ids package.json contributes. */
  contributedCommands: readonly string[];
  /** Command ids the code defines (COMMAND_IDS and the `*_COMMAND` constants). */
  codeCommands: readonly string[];
  /** Per source file (relative path), its text. */
  sources: ReadonlyMap<string, string>;
}

function backticked(cell: string): string[] {
  return [...cell.matchAll(/`([^`]+)`/g)].map((match) => match[1]);
}

/** The rows of the table under `## Threat table`. */
export function threatRows(securityMd: string): ThreatRow[] {
  const start = securityMd.indexOf('\n## Threat table\n');
  assert.ok(start >= 0, 'SECURITY.md has no "## Threat table" section');
  const next = securityMd.indexOf('\n## ', start + 1);
  const lines = securityMd.slice(start, next < 0 ? undefined : next).split('\n').filter((line) => line.startsWith('|'));
  assert.deepEqual(lines[0]?.split('|').map((cell) => cell.trim()).filter(Boolean), ['Entry point', 'Code', 'Who can reach it', 'What it may hand out', 'Proven by']);
  return lines.slice(2).map((line) => {
    const cells = line.slice(1, -1).split(/(?<!\\)\|/);
    return { entryPoints: backticked(cells[0]), code: backticked(cells[1]), provenBy: backticked(cells[4]).filter((each) => each.startsWith('test/')) };
  });
}

/** What the table is missing or gets wrong; empty when it is complete. */
export function threatTableProblems(rows: readonly ThreatRow[], surface: Surface, exists: (file: string) => boolean): string[] {
  const problems: string[] = [];
  const listed = new Set(rows.flatMap((row) => row.entryPoints));
  for (const id of new Set([...surface.contributedCommands, ...surface.codeCommands])) {
    if (!listed.has(id)) problems.push(`command ${id} has no row`);
  }
  for (const [file, text] of surface.sources) {
    for (const api of ENTRY_POINT_APIS) {
      if (!api.pattern.test(text)) continue;
      if (!rows.some((row) => row.entryPoints.includes(api.name) && row.code.includes(file))) problems.push(`${file} uses ${api.name}, and no row lists it with that file`);
    }
  }
  for (const row of rows) {
    if (row.provenBy.length === 0) problems.push(`the row of ${row.entryPoints[0] ?? '?'} names no test`);
    for (const test of row.provenBy) {
      if (!exists(test)) problems.push(`the row of ${row.entryPoints[0] ?? '?'} names ${test}, which does not exist`);
    }
    for (const file of row.code) {
      if (!exists(file)) problems.push(`the row of ${row.entryPoints[0] ?? '?'} names ${file}, which does not exist`);
    }
  }
  return problems;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(REPO_ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(relative);
    return entry.name.endsWith('.ts') ? [relative] : [];
  });
}

function read(file: string): string {
  return readFileSync(path.join(REPO_ROOT, file), 'utf8');
}

/** Comments name APIs without using them. */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

function realSurface(): Surface {
  const manifest = JSON.parse(read('package.json')) as { contributes: { commands: { command: string }[] } };
  const sources = new Map(sourceFiles('src').map((file) => [file, withoutComments(read(file))]));
  const idsText = read('src/ui/ids.ts');
  const commandNamesArray = /COMMAND_NAMES = \[([\s\S]*?)\]/.exec(idsText)?.[1] ?? '';
  const codeCommands = [
    ...[...commandNamesArray.matchAll(/'([^']+)'/g)].map((match) => `sailpointPat.${match[1]}`),
    ...[...sources.values()].flatMap((text) => [...text.matchAll(/_COMMAND = '([^']+)'/g)].map((match) => match[1])),
  ];
  return { contributedCommands: manifest.contributes.commands.map((each) => each.command), codeCommands, sources };
}

const exists = (file: string): boolean => existsSync(path.join(REPO_ROOT, file));

describe('SECURITY.md threat table (issue 19 §3)', () => {
  const rows = threatRows(read('SECURITY.md'));
  const surface = realSurface();

  it('lists every contributed and registered command and every entry point the code opens, each with tests that exist', () => {
    assert.ok(surface.codeCommands.length >= surface.contributedCommands.length, 'COMMAND_NAMES was not found in src/ui/ids.ts');
    assert.deepEqual(threatTableProblems(rows, surface, exists), []);
  });

  it('fails for a command package.json contributes without a row', () => {
    const more = { ...surface, contributedCommands: [...surface.contributedCommands, 'sailpointPat.somethingNew'] };
    assert.deepEqual(threatTableProblems(rows, more, exists), ['command sailpointPat.somethingNew has no row']);
  });

  it('fails for an entry point new code registers without a row naming its file', () => {
    const sources = new Map(surface.sources);
    sources.set('src/ui/newThing.ts', "vscode.window.registerUriHandler({ handleUri }); vscode.window.createWebviewPanel('x', 'X', 1);");
    assert.deepEqual(threatTableProblems(rows, { ...surface, sources }, exists), [
      'src/ui/newThing.ts uses createWebviewPanel, and no row lists it with that file',
      'src/ui/newThing.ts uses registerUriHandler, and no row lists it with that file',
    ]);
  });

  it('fails for a row whose test does not exist', () => {
    const broken = [...rows, { entryPoints: ['x'], code: [], provenBy: ['test/integration/nothing.test.ts'] }];
    assert.deepEqual(threatTableProblems(broken, surface, exists), ['the row of x names test/integration/nothing.test.ts, which does not exist']);
  });

  it('registers the test-only commands only under ExtensionMode.Test', () => {
    for (const file of ['src/ui/testHooks.ts', 'src/ui/commands/register.ts']) {
      const text = surface.sources.get(file) ?? '';
      const registrations = [...text.matchAll(/registerCommand\(\s*([A-Z_]+_COMMAND)\b/g)];
      assert.ok(registrations.length > 0, `${file} registers no test-only command`);
      for (const registration of registrations) {
        const before = text.slice(Math.max(0, registration.index - 800), registration.index);
        assert.match(before, /ExtensionMode\.Test/, `${file} registers ${registration[1]} without checking ExtensionMode.Test`);
      }
    }
  });
});

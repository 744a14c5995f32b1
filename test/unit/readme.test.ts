// The README's Commands and Settings tables must say exactly what package.json contributes, in both directions.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { FakeTenant } from '../fake-tenant/server';
import { readLocalisedManifest } from './helpers/localisedManifest';

const REPO_ROOT = path.resolve(__dirname, '../../..');

interface Manifest {
  contributes: {
    commands: { command: string; title: string }[];
    configuration: { properties: Record<string, { default?: unknown }> }[];
  };
}

const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
const manifest = readLocalisedManifest(REPO_ROOT) as Manifest;

/** The body of a `## heading` section, up to the next `## `. */
function section(heading: string): string {
  const start = readme.indexOf(`\n## ${heading}\n`);
  assert.ok(start >= 0, `README has no "## ${heading}" section`);
  const next = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, next < 0 ? undefined : next);
}

/** Cells of the table rows (header and separator skipped), with surrounding spaces trimmed. */
function tableRows(text: string): string[][] {
  const rows = text.split('\n').filter((line) => line.startsWith('|'));
  return rows.slice(2).map((line) => line.slice(1, -1).split(/(?<!\\)\|/).map((cell) => cell.trim()));
}

/** `sailpointPat.x` in the row's first cell. */
function idOf(row: string[]): string {
  const match = /^`(sailpointPat\.[A-Za-z]+)`$/.exec(row[0]);
  assert.ok(match, `first cell is not a backticked sailpointPat id: ${row[0]}`);
  return match[1];
}

function sorted(values: Iterable<string>): string[] {
  return [...values].sort();
}

describe('README tables match package.json', () => {
  it('Commands: every contributed command is listed once with its title, and nothing else', () => {
    const rows = tableRows(section('Commands'));
    const listed = rows.map(idOf);
    assert.deepEqual(listed, [...new Set(listed)], 'a command is listed twice');
    assert.deepEqual(sorted(listed), sorted(manifest.contributes.commands.map((command) => command.command)));
    for (const row of rows) {
      const contributed = manifest.contributes.commands.find((command) => command.command === idOf(row));
      assert.equal(row[1], contributed?.title.replace(/\|/g, '\\|'), `title of ${idOf(row)}`);
    }
  });

  it('Settings: every contributed setting is listed once with its default, and nothing else', () => {
    const rows = tableRows(section('Settings'));
    const listed = rows.map(idOf);
    const properties = Object.assign({}, ...manifest.contributes.configuration.map((group) => group.properties)) as Record<string, { default?: unknown }>;
    assert.deepEqual(sorted(listed), sorted(Object.keys(properties)));
    assert.equal(listed.length, new Set(listed).size, 'a setting is listed twice');
    for (const row of rows) {
      assert.equal(row[1], `\`${JSON.stringify(properties[idOf(row)].default)}\``, `default of ${idOf(row)}`);
    }
  });

  it('Automation contract: every command it names is contributed', () => {
    const named = section('Automation contract').match(/`sailpointPat\.[A-Za-z]+`/g) ?? [];
    assert.ok(named.length > 0, 'the automation contract names no command');
    const contributed = new Set(manifest.contributes.commands.map((command) => `\`${command.command}\``));
    assert.deepEqual(named.filter((id) => !contributed.has(id)), []);
  });
});

describe('README agrees with the palette and the demo', () => {
  interface PaletteEntry {
    command: string;
    when?: string;
  }
  const palette = (manifest as unknown as { contributes: { menus: { commandPalette: PaletteEntry[] } } }).contributes.menus.commandPalette;

  it('names exactly the commands the palette hides as the ones that act only on a right-clicked row', () => {
    const sentence = /not in the\s+palette: ([^\n]+(?:\n[^\n]+)*?)\.\n/.exec(section('Commands'))?.[1] ?? '';
    const named = sentence.split(/, (?=[A-Z])/).map((title) => title.replace(/\s+/g, ' ').trim());
    const hidden = palette.filter((entry) => entry.when === 'false').map((entry) => manifest.contributes.commands.find((command) => command.command === entry.command)?.title);
    assert.deepEqual(named.sort(), hidden.sort());
  });

  it("says how many tokens the demo's Acme Production lists and holds, as the fake tenant's demo seed has them", async () => {
    const production = await FakeTenant.start({ seed: 'demo' });
    try {
      const admin = production.demo?.credentials[0];
      assert.ok(admin);
      const tokens = production.tokens();
      const own = tokens.filter((token) => token.ownerId === admin.identity.id).length;
      assert.match(readme, new RegExp(`Acme Production lists the ${own} tokens its admin owns`));
      assert.match(readme, new RegExp(`All tokens shows\\s+all ${tokens.length}\\.`));
    } finally {
      await production.stop();
    }
  });
});

// The README's Commands and Settings tables must say exactly what package.json contributes, in both directions.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { readLocalisedManifest } from './helpers/localisedManifest';

const REPO_ROOT = path.resolve(__dirname, '../../..');

interface Manifest {
  contributes: {
    commands: { command: string; title: string }[];
    configuration: { properties: Record<string, { default?: unknown }> };
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
    const properties = manifest.contributes.configuration.properties;
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

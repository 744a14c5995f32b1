// A newcomer finds a command by its id: src/ui/commands/<family>/<id without "sailpointPat.">.ts declares it, and
// nothing else does (issue 21 §1).
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { COMMAND_IDS } from '../../src/ui/ids';

const COMMANDS_DIR = path.resolve(__dirname, '../../../src/ui/commands');
/** The runner, the registry and what a command acts on; every command lives one folder down. */
const SHARED_MACHINERY = ['index.ts', 'register.ts', 'runner.ts', 'targets.ts', 'testRuns.ts'];
const DECLARED_ID = /\bid:\s*'(sailpointPat\.[A-Za-z]+)'/g;

/** Every .ts file one family folder down, as "family/file.ts". */
function familyFiles(): string[] {
  return readdirSync(COMMANDS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((family) => readdirSync(path.join(COMMANDS_DIR, family.name)).map((file) => `${family.name}/${file}`))
    .filter((file) => file.endsWith('.ts'));
}

function idsDeclaredIn(relative: string): string[] {
  const text = readFileSync(path.join(COMMANDS_DIR, relative), 'utf8');
  return [...text.matchAll(DECLARED_ID)].map((match) => match[1]);
}

describe('command files', () => {
  const files = familyFiles();

  for (const id of COMMAND_IDS) {
    it(`${id} has a file of its own in a family folder, and only it declares the command`, () => {
      const name = `${id.slice('sailpointPat.'.length)}.ts`;
      const own = files.filter((file) => path.basename(file) === name);
      assert.equal(own.length, 1, `expected exactly one src/ui/commands/<family>/${name}, found ${JSON.stringify(own)}`);
      assert.deepEqual(idsDeclaredIn(own[0]), [id], `${own[0]} should declare ${id} and no other command`);
      const elsewhere = files.filter((file) => file !== own[0] && idsDeclaredIn(file).includes(id));
      assert.deepEqual(elsewhere, [], `${id} is declared outside its own file`);
    });
  }

  it('keeps no command files in src/ui/commands itself, only the shared machinery', () => {
    const top = readdirSync(COMMANDS_DIR).filter((file) => file.endsWith('.ts'));
    assert.deepEqual(top.filter((file) => !SHARED_MACHINERY.includes(file)), []);
    for (const file of top) assert.deepEqual(idsDeclaredIn(file), [], `${file} declares a command`);
  });
});

// Secrets are registered with the redactor where they enter the extension, and nowhere else (issue 12 §2): a new
// registration elsewhere means a secret took a path nobody mapped, so this list must be changed on purpose.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const SRC = path.resolve(__dirname, '../../../src');

/** Each way a secret enters, and the one function that registers it. */
const ENTRY_POINTS: Record<string, string[]> = {
  'core/patService.ts': [
    'getStoredSecret', // a token secret read from SecretStorage
    'checkedCredentials', // client credentials a person or script gives
    'credentialsOf', // client credentials read from SecretStorage
  ],
  'core/client/patApi.ts': ['create'], // a token secret the tenant created
  'core/client/auth.ts': ['requestAccessToken'], // an access token the tenant minted
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** The name of the function or method each `.register(` call sits in: the nearest declaration above it. */
function registeringFunctions(text: string): string[] {
  const lines = text.split('\n');
  return lines.flatMap((line, index) => {
    if (!/\bredactor\.register\(|defaultRedactor\.register\(/i.test(line)) return [];
    for (let above = index; above >= 0; above--) {
      // A top-level function, or a class member at two spaces' indent.
      const declared = /^(?:export )?(?:async )?function ([A-Za-z0-9_]+)|^ {2}(?:private |public )?(?:async )?([A-Za-z0-9_]+)(?:<[^>]*>)?\(/.exec(lines[above]);
      if (declared) return [declared[1] ?? declared[2]];
    }
    return ['<top level>'];
  });
}

describe('redactor registration', () => {
  it('happens only where a secret enters: credentials given or read, a secret created or read, an access token minted', () => {
    const found: Record<string, string[]> = {};
    for (const file of sourceFiles(SRC)) {
      const functions = registeringFunctions(readFileSync(file, 'utf8'));
      if (functions.length > 0) found[path.relative(SRC, file).split(path.sep).join('/')] = functions;
    }
    const sorted = (record: Record<string, string[]>): Record<string, string[]> =>
      Object.fromEntries(Object.entries(record).map(([file, names]) => [file, [...names].sort()]));
    assert.deepEqual(sorted(found), sorted(ENTRY_POINTS));
  });
});

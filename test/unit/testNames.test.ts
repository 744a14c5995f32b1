// One naming convention for test files: <subject>.test.ts in camelCase; the folder (unit, contract, integration,
// journeys) says what kind of test it is, so names carry no prefix or infix for it.
import * as assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';

const TEST_ROOT = path.resolve(__dirname, '../../../test');
const TEST_FOLDERS = ['unit', 'contract', 'integration', 'journeys'];
const TEST_FILE_NAME = /^[a-z][A-Za-z0-9]*\.test\.ts$/;

describe('test file names', () => {
  for (const folder of TEST_FOLDERS) {
    it(`test/${folder} names every test file <subject>.test.ts`, () => {
      const tests = readdirSync(path.join(TEST_ROOT, folder)).filter((file) => file.endsWith('.test.ts'));
      assert.ok(tests.length > 0, `no tests found in test/${folder}`);
      assert.deepEqual(tests.filter((file) => !TEST_FILE_NAME.test(file)), []);
    });
  }
});

// What a person reads about a code scan: workspace text (file names, unmatched text) stays plain text.
import * as assert from 'node:assert/strict';
import type { CodeScanResult } from '../../src/core/codeScan/types';
import { checkItems, hoverLines, plainText, scanResultItems } from '../../src/ui/commands/code/codeScanText';

const HOSTILE = 'evil$(alert)[click](command:sailpointPat.deleteToken)\u202e\nnext';

describe('code scan texts', () => {
  it('makes workspace text inert: no theme icon, no link, one line', () => {
    const text = plainText(HOSTILE);
    assert.ok(!text.includes('$('));
    assert.ok(!text.includes(']('));
    assert.ok(!/[\n\u202e]/.test(text));
  });

  it('lists actions, each scope with its calls, and unmatched calls, with hostile file names shown inert', () => {
    const result: CodeScanResult = {
      calls: [{ file: `/w/${HOSTILE}.sh`, line: 3, method: 'GET', path: '/v3/sources', operationId: 'listSources', scopes: ['idn:sources:read', 'idn:sources:manage'] }],
      scopes: ['idn:sources:read'],
      unmatched: [{ file: '/w/x.sh', line: 9, text: '/v3/$(rocket)](command:x)' }],
    };
    const items = scanResultItems(result, () => result.calls, (file) => file);
    assert.deepEqual(items.map((item) => item.kind), ['create', 'check', 'scope', 'call', 'unmatched']);
    for (const item of items.slice(3)) {
      for (const text of [item.label.replace(/^\$\(question\) /, ''), item.description ?? '', item.detail ?? '']) {
        assert.ok(!text.includes('$(') && !text.includes(']('), text);
      }
    }
    assert.deepEqual(items[3].at, { file: `/w/${HOSTILE}.sh`, line: 3 });
  });

  it('offers Edit Scopes first in a token check, then the 403s and the excess scopes', () => {
    const items = checkItems({ missing: [{ file: '/w/a.sh', line: 1, operationId: 'searchPost', scopes: ['sp:search:read'] }], excess: ['idn:accounts:manage'] }, (file) => file);
    assert.deepEqual(items.map((item) => item.kind), ['edit', 'missing', 'excess']);
  });

  it('builds the hover from the catalogue alone', () => {
    assert.deepEqual(hoverLines({ method: 'GET', path: '/v3/sources', operationId: 'listSources', scopes: ['idn:sources:read'] }), [
      'SailPoint ISC: GET /v3/sources (listSources)',
      'Granted by any one of: idn:sources:read',
    ]);
  });
});

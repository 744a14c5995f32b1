import * as assert from 'node:assert/strict';
import { notYetAdded, parseCliConfig } from '../../src/core/ops/cliConfig';
import { isPatError } from '../../src/core/errors';
import type { Tenant } from '../../src/core/model';

const FILE = '~/.sailpoint/config.yaml';

function refused(text: string): string {
  try {
    parseCliConfig(text, FILE);
  } catch (error) {
    assert.ok(isPatError(error, 'invalid-input'));
    return error.message;
  }
  assert.fail('the text was accepted');
}

describe('SailPoint CLI configuration', () => {
  it('reads the environments as the CLI writes them, the API URL preferred, normalised as Add Tenant does', () => {
    const text = [
      'activeenvironment: acme',
      'authtype: pat',
      'environments:',
      '  acme:',
      '    baseurl: https://acme.api.identitynow.com',
      '    tenanturl: https://acme.identitynow.com',
      '  demo:',
      '    tenanturl: https://demo.identitynow-demo.com/',
      '  local:',
      '    baseurl: http://127.0.0.1:7100',
    ].join('\n');
    assert.deepEqual(parseCliConfig(text, FILE), {
      usable: [
        { name: 'acme', baseUrl: 'https://acme.api.identitynow.com' },
        { name: 'demo', baseUrl: 'https://demo.api.identitynow-demo.com' },
        { name: 'local', baseUrl: 'http://127.0.0.1:7100' },
      ],
      skipped: [],
    });
  });

  it('skips environments without an acceptable URL, saying why, and never lets a URL redirect credentials', () => {
    const text = [
      'environments:',
      '  none: {}',
      '  ftp:',
      '    baseurl: ftp://files.example.com',
      '  plain-http:',
      '    baseurl: http://evil.example.com',
      '  not-a-map: 42',
    ].join('\n');
    const result = parseCliConfig(text, FILE);
    assert.deepEqual(result.usable, []);
    assert.deepEqual(result.skipped.map((each) => each.name), ['none', 'ftp', 'plain-http', 'not-a-map']);
    assert.match(result.skipped[0].reason, /neither baseurl nor tenanturl/);
    assert.match(result.skipped[2].reason, /https/);
  });

  it('refuses text that is no such configuration with a clear message', () => {
    assert.match(refused('environments: [unclosed\n'), /is not a SailPoint CLI configuration this extension can read: it is not valid YAML \(line \d+\)/);
    assert.match(refused(''), /lists no environments/);
    assert.match(refused('- a\n- b\n'), /lists no environments/);
    assert.match(refused('environments: {}\n'), /lists no environments/);
    assert.match(refused('environments: [a, b]\n'), /lists no environments/);
  });

  it('a billion-laughs file is refused instead of expanded', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)}]`);
    lines.push('environments:', '  x:', '    baseurl: https://x.api.identitynow.com');
    assert.match(refused(lines.join('\n')), /not valid YAML/);
  });

  it('names are file text: control characters are stripped and length is capped', () => {
    const text = `environments:\n  "evil\\u001b[31m\\nname${'x'.repeat(300)}":\n    baseurl: https://acme.api.identitynow.com\n`;
    const [environment] = parseCliConfig(text, FILE).usable;
    assert.ok(!/\p{Cc}/u.test(environment.name), JSON.stringify(environment.name));
    assert.ok(environment.name.length <= 120);
  });

  it('offers each URL once, and none a tenant already has', () => {
    const tenants = [{ id: 't1', displayName: 'Acme', baseUrl: 'https://acme.api.identitynow.com', apiFamily: 'v3' }] as Tenant[];
    const offered = notYetAdded(
      [
        { name: 'acme', baseUrl: 'https://acme.api.identitynow.com' },
        { name: 'demo', baseUrl: 'https://demo.api.identitynow.com' },
        { name: 'demo-again', baseUrl: 'https://demo.api.identitynow.com' },
      ],
      tenants,
    );
    assert.deepEqual(offered.map((each) => each.name), ['demo']);
  });
});

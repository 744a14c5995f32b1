import * as assert from 'node:assert/strict';
import { MAX_CLI_CONFIG_BYTES, MAX_CLI_ENVIRONMENTS, notYetAdded, parseCliConfig } from '../../src/core/ops/cliConfig';
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
    for (let i = 1; i < 40; i++) lines.push(`a${i}: &a${i} [*a${i === 1 ? '' : i - 1},*a${i === 1 ? '' : i - 1},*a${i === 1 ? '' : i - 1},*a${i === 1 ? '' : i - 1}]`);
    lines.push('environments:', '  x:', '    baseurl: https://x.api.identitynow.com');
    assert.match(refused(lines.join('\n')), /more than 100 aliases/);
  });

  describe('caps and merge keys (issue 19 item 6)', () => {
    const environmentsOf = (count: number): string =>
      ['environments:', ...Array.from({ length: count }, (_, i) => `  env${i}:\n    baseurl: https://t${i}.api.identitynow.com`)].join('\n');

    it(`refuses a file over ${MAX_CLI_CONFIG_BYTES} bytes before parsing it`, () => {
      assert.equal(MAX_CLI_CONFIG_BYTES, 1024 * 1024);
      const text = `${environmentsOf(1)}\n# ${'x'.repeat(MAX_CLI_CONFIG_BYTES)}\n`;
      assert.match(refused(text), /larger than 1 MB/);
      // Bytes, not characters: 'é' is two of them.
      assert.match(refused(`${environmentsOf(1)}\n# ${'é'.repeat(MAX_CLI_CONFIG_BYTES / 2)}\n`), /larger than 1 MB/);
    });

    it(`refuses more than ${MAX_CLI_ENVIRONMENTS} environments, and reads ${MAX_CLI_ENVIRONMENTS}`, () => {
      assert.equal(MAX_CLI_ENVIRONMENTS, 500);
      assert.equal(parseCliConfig(environmentsOf(500), FILE).usable.length, 500);
      assert.match(refused(environmentsOf(501)), /more than 500 environments/);
    });

    it('a file of 1 MB parses in under a second of CPU (the old parser blocked the host for 83 s on 2.9 MB)', () => {
      const filler = Array.from({ length: 9000 }, (_, i) => `  key${i}: &k${i} { a: [1, 2, "three"], b: 'four', c: five }`);
      const text = ['other:', ...filler, environmentsOf(400)].join('\n').slice(0, MAX_CLI_CONFIG_BYTES - 1);
      // CPU time of this process, not wall time: other work on a shared machine does not count against it.
      const started = process.cpuUsage();
      parseCliConfig(text.slice(0, text.lastIndexOf('\n')), FILE);
      const used = process.cpuUsage(started);
      const elapsedMs = (used.user + used.system) / 1000;
      assert.ok(elapsedMs < 1000, `took ${elapsedMs} ms of CPU`);
    });

    it('resolves merge keys as the CLI\'s parser (go-yaml) does: explicit keys win, earlier sources before later', () => {
      const text = [
        'defaults: &defaults',
        '  baseurl: https://acme.api.identitynow.com',
        '  tenanturl: https://acme.identitynow.com',
        'sandbox: &sandbox',
        '  baseurl: https://sandbox.api.identitynow.com',
        'environments:',
        '  acme:',
        '    <<: *defaults',
        '  override:',
        '    baseurl: https://override.api.identitynow.com',
        '    <<: *defaults',
        '  first-wins:',
        '    <<: [*sandbox, *defaults]',
        '  flow: {<<: *sandbox}',
      ].join('\n');
      assert.deepEqual(parseCliConfig(text, FILE).usable, [
        { name: 'acme', baseUrl: 'https://acme.api.identitynow.com' },
        { name: 'override', baseUrl: 'https://override.api.identitynow.com' },
        { name: 'first-wins', baseUrl: 'https://sandbox.api.identitynow.com' },
        { name: 'flow', baseUrl: 'https://sandbox.api.identitynow.com' },
      ]);
    });

    it('reads what the CLI and people write: comments, quotes, flow maps, block scalars elsewhere, a document marker', () => {
      const text = [
        '# written by sail',
        '---',
        'activeenvironment: "acme"   # the active one',
        'notes: |',
        '  free text: with colons',
        '    and - dashes',
        'list:',
        '  - one',
        '  - name: two',
        '    x: [a, {b: c}]',
        'environments:',
        "  'acme prod':",
        '    baseurl: https://acme.api.identitynow.com # API',
        '    pat:',
        '      clientid: abc',
        '  demo: { tenanturl: "https://demo.identitynow-demo.com" }',
        '  "quoted \\"name\\"":',
        "    baseurl: 'https://q.api.identitynow.com'",
      ].join('\n');
      assert.deepEqual(parseCliConfig(text, FILE).usable, [
        { name: 'acme prod', baseUrl: 'https://acme.api.identitynow.com' },
        { name: 'demo', baseUrl: 'https://demo.api.identitynow-demo.com' },
        { name: 'quoted "name"', baseUrl: 'https://q.api.identitynow.com' },
      ]);
    });

    it('hostile names: __proto__ and constructor are names like any other, and pollute nothing', () => {
      const text = 'environments:\n  __proto__:\n    baseurl: https://p.api.identitynow.com\n  constructor:\n    baseurl: https://c.api.identitynow.com\n';
      assert.deepEqual(parseCliConfig(text, FILE).usable.map((each) => each.name), ['__proto__', 'constructor']);
      assert.equal(({} as Record<string, unknown>).baseurl, undefined);
    });

    it('refuses what it cannot read for sure, naming the line', () => {
      assert.match(refused('environments:\n\tacme:\n'), /line 2/);
      assert.match(refused('environments:\n  a:\n    baseurl: x\n  a:\n    baseurl: y\n'), /line 4.*twice/);
      assert.match(refused('environments:\n  a: *nowhere\n'), /line 2/);
      assert.match(refused(`environments:\n${'  '.repeat(1)}a: ${'['.repeat(200)}${']'.repeat(200)}\n`), /nested/);
      assert.match(refused('environments:\n  a: !!binary abc\n'), /tag/);
    });
  });

  it('reads a file as the CLI writes it (viper over go-yaml v3: four-space indent, sorted keys, "" for empty, nested pat and oauth)', () => {
    const text = [
      'activeenvironment: acme',
      'authtype: pat',
      'debug: false',
      'environments:',
      '    acme:',
      '        baseurl: https://acme.api.identitynow.com',
      '        oauth:',
      '            accesstoken: ""',
      '            expiry: 0001-01-01T00:00:00Z',
      '        pat:',
      '            accesstoken: eyJhbGciOiJSUzI1NiJ9.e30.c2ln',
      '            expiry: 2026-12-08T03:00:00.123456789Z',
      '        tenanturl: https://acme.identitynow.com',
      '    sandbox:',
      "        baseurl: 'https://acme-sb.api.identitynow.com'",
      '        tenanturl: ""',
      'exporttemplatespath: ""',
      'searchtemplatespath: ""',
    ].join('\n');
    assert.deepEqual(parseCliConfig(text, FILE), {
      usable: [
        { name: 'acme', baseUrl: 'https://acme.api.identitynow.com' },
        { name: 'sandbox', baseUrl: 'https://acme-sb.api.identitynow.com' },
      ],
      skipped: [],
    });
  });

  it('reads a long value an older CLI (go-yaml v2) folded onto the next line', () => {
    const text = [
      'environments:',
      '  acme:',
      '    baseurl: https://acme.api.identitynow.com',
      'searchtemplatespath: ~/Documents/Jane Doe/SailPoint CLI/templates/search templates of the team',
      '  folded onto this line',
    ].join('\n');
    assert.deepEqual(parseCliConfig(text, FILE).usable, [{ name: 'acme', baseUrl: 'https://acme.api.identitynow.com' }]);
  });

  it('refuses, naming the line, YAML a CLI configuration never holds: a directive, a complex key', () => {
    assert.match(refused('%YAML 1.2\n---\nenvironments:\n  a:\n    baseurl: https://a.api.identitynow.com\n'), /line 1/);
    assert.match(refused('environments:\n  ? a\n  : b\n'), /line 2/);
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

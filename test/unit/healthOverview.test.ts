// The health overview as data and as a page, in plain Node: bars per tenant and flag, the 26-week timeline, tokens per
// owner, a strict CSP with one nonce, hostile names as inert data, and the one message the page may send.
import * as assert from 'node:assert/strict';
import type { PersonalAccessToken, Tenant } from '../../src/core/model';
import { tokenFlags, type HealthReport, type TokenHealth } from '../../src/core/ops/health';
import { HEALTH_PAGE_SCRIPT } from '../../src/ui/view/healthPage';
import { inertJson, overviewData, overviewHtml, revealRequest, TIMELINE_WEEKS } from '../../src/ui/view/healthOverview';
import { useDisplayLanguage } from '../../src/ui/view/l10n';

const NOW = Date.parse('2026-08-15T12:00:00Z');
const DAY = 86_400_000;
const HOSTILE = '<img src=x onerror=alert(1)></script><script>alert(2)</script>';

function tenant(id: string, displayName: string): Tenant {
  return { id, displayName, baseUrl: 'https://acme.api.identitynow.com', apiFamily: 'v3' };
}

function token(id: string, overrides: Partial<PersonalAccessToken> = {}): PersonalAccessToken {
  return {
    id,
    name: id,
    scope: ['idn:sources:read'],
    owner: { type: 'IDENTITY', id: 'ada', name: 'Ada Admin' },
    created: new Date(NOW - 10 * DAY).toISOString(),
    lastUsed: new Date(NOW - DAY).toISOString(),
    managed: false,
    accessTokenValiditySeconds: 43200,
    expirationDate: new Date(NOW + 300 * DAY).toISOString(),
    userAwareTokenNeverExpires: null,
    ...overrides,
  };
}

const settings = { now: NOW, expiryWarningDays: 14, unusedDays: 90, formatDay: (time: number): string => new Date(time).toISOString().slice(0, 10) };

function report(): HealthReport {
  const acme = tenant('t-acme', 'Acme');
  const sandbox = tenant('t-sandbox', HOSTILE);
  const entries: [Tenant, PersonalAccessToken][] = [
    [acme, token('healthy')],
    [acme, token('soon', { expirationDate: new Date(NOW + 3 * DAY).toISOString() })],
    [acme, token('week 3', { expirationDate: new Date(NOW + 22 * DAY).toISOString() })],
    [acme, token('risky', { name: HOSTILE, expirationDate: null, scope: null, owner: { type: 'IDENTITY', id: 'evil', name: HOSTILE } })],
    ...Array.from({ length: 11 }, (_, i): [Tenant, PersonalAccessToken] => [sandbox, token(`bob-${i}`, { owner: { type: 'IDENTITY', id: 'bob', name: 'Bob' } })]),
  ];
  const tokens: TokenHealth[] = entries.map(([owner, each]) => ({ tenant: owner, token: each, flags: tokenFlags(each, settings) }));
  const count = (of: Tenant): HealthReport['tenants'][number] => {
    const mine = tokens.filter((entry) => entry.tenant === of);
    const flagged = { expired: 0, expiresSoon: 0, neverExpires: 0, neverUsed: 0, unused: 0, ownerInactive: 0, allRights: 0 };
    for (const entry of mine) for (const flag of entry.flags) flagged[flag] += 1;
    return { tenant: of, total: mine.length, flagged };
  };
  return { tenants: [count(acme), count(sandbox)], tokens, failedTenants: [{ tenant: tenant('t-down', 'Down'), message: 'Credentials rejected' }] };
}

describe('health overview', () => {
  it('draws a bar per tenant and flag whose tokens are the ones carrying the flag', () => {
    const data = overviewData(report(), settings);
    assert.deepEqual(data.tenants.map((each) => [each.name, each.total]), [['Acme', 4], [HOSTILE, 11]]);
    const acme = new Map(data.tenants[0].bars.map((bar) => [bar.label, bar.tokens.map((index) => data.tokens[index].tokenId)]));
    assert.deepEqual(acme.get('Expires soon'), ['soon']);
    assert.deepEqual(acme.get('Never expires'), ['risky']);
    assert.deepEqual(acme.get('All rights'), ['risky']);
    assert.deepEqual(acme.get('Expired'), []);
    assert.deepEqual(data.flags.map((flag) => flag.id), ['expired', 'expiresSoon', 'neverExpires', 'neverUsed', 'unused', 'ownerInactive', 'allRights']);
    assert.equal(data.flags[1].meaning, 'Expires within 14 days.');
    assert.deepEqual(data.failed, [{ name: 'Down', message: 'Credentials rejected' }]);
  });

  it('puts each expiry of the next 26 weeks in its week and leaves out later, past and missing dates', () => {
    const { timeline, tokens } = overviewData(report(), settings);
    assert.equal(timeline.length, TIMELINE_WEEKS);
    assert.equal(timeline[0].label, '2026-08-15');
    assert.deepEqual(timeline[0].tokens.map((index) => tokens[index].tokenId), ['soon']);
    assert.deepEqual(timeline[3].tokens.map((index) => tokens[index].tokenId), ['week 3']);
    assert.equal(timeline.reduce((sum, week) => sum + week.count, 0), 2);
  });

  it('counts tokens per owner and tenant, the fullest first, against the limit of 10', () => {
    const data = overviewData(report(), settings);
    assert.equal(data.ownerLimit, 10);
    assert.deepEqual(data.owners.map((owner) => [owner.label, owner.count]), [['Bob', 11], ['Ada Admin', 3], [HOSTILE, 1]]);
  });

  it('allows only its own nonce under a CSP with no remote content, and has no inline handler', () => {
    const page = overviewHtml(overviewData(report(), settings), 'n0nce');
    // The data element's JSON is checked on its own below; here, the markup and script around it.
    const html = page.replace(/(id="data" nonce="n0nce">).*?(<\/script>)/s, '$1$2');
    const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1];
    assert.equal(csp, "default-src 'none'; style-src 'nonce-n0nce'; script-src 'nonce-n0nce';");
    assert.equal((html.match(/<script/g) ?? []).length, 2);
    assert.equal((html.match(/<script[^>]* nonce="n0nce"/g) ?? []).length, 2);
    assert.doesNotMatch(html, /\son[a-z]+\s*=/i, 'no inline event handler attribute');
    assert.doesNotMatch(html, /\sstyle\s*=/i, 'no inline style attribute');
    assert.doesNotMatch(html, /https?:\/\//, 'no remote content');
    assert.doesNotMatch(HEALTH_PAGE_SCRIPT, /innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function|setAttribute\('on|\.on[a-z]+\s*=/, 'the page never parses data as markup or code');
  });

  it("declares VS Code's display language on the page, and never a language tag that could break out of the attribute", () => {
    try {
      useDisplayLanguage('de');
      assert.match(overviewHtml(overviewData(report(), settings), 'n0nce'), /<html lang="de">/);
      useDisplayLanguage('de"><script>alert(1)</script>');
      assert.match(overviewHtml(overviewData(report(), settings), 'n0nce'), /<html lang="en">/);
    } finally {
      useDisplayLanguage('en');
    }
  });

  it('carries a hostile name as inert JSON that cannot close its script element', () => {
    const html = overviewHtml(overviewData(report(), settings), 'n0nce');
    assert.ok(!html.includes('<img'), 'no markup from data');
    assert.equal((html.match(/<\/script>/g) ?? []).length, 2, 'only the two script elements close');
    assert.ok(html.includes('\\u003cimg src=x onerror=alert(1)\\u003e'));
    const json = /<script type="application\/json" id="data" nonce="n0nce">(.*)<\/script>/.exec(html)?.[1] ?? '';
    const parsed = JSON.parse(json) as { tokens: { name: string }[] };
    assert.ok(parsed.tokens.some((each) => each.name === HOSTILE), 'the page shows the very characters');
    assert.equal(inertJson({ a: '&<>\u2028' }), '{"a":"\\u0026\\u003c\\u003e\\u2028"}');
  });

  it('holds no secret: only ids, names, owners, flags and counts', () => {
    const data = overviewData(report(), settings);
    assert.deepEqual(Object.keys(data.tokens[0]).sort(), ['flags', 'name', 'owner', 'tenantId', 'tenantName', 'tokenId']);
  });

  it('accepts from the page only a reveal of a token it was shown', () => {
    const shown = [{ tenantId: 't-acme', tokenId: 'soon' }];
    assert.deepEqual(revealRequest({ type: 'reveal', tenantId: 't-acme', tokenId: 'soon' }, shown), { type: 'reveal', tenantId: 't-acme', tokenId: 'soon' });
    for (const message of [
      { type: 'reveal', tenantId: 't-acme', tokenId: 'not-shown' },
      { type: 'reveal', tenantId: 't-other', tokenId: 'soon' },
      { type: 'reveal', tenantId: 't-acme', tokenId: '../soon' },
      { type: 'runCommand', command: 'sailpointPat.copyTokenSecret', tenantId: 't-acme', tokenId: 'soon' },
      { type: 'reveal', tenantId: ['t-acme'], tokenId: 'soon' },
      'reveal',
      null,
      [{ type: 'reveal', tenantId: 't-acme', tokenId: 'soon' }],
    ]) {
      assert.equal(revealRequest(message, shown), undefined, JSON.stringify(message));
    }
  });
});

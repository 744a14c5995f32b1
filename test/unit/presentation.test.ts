import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PatError } from '../../src/core/errors';
import { defaultRedactor } from '../../src/core/client/redact';
import type { PersonalAccessToken, Tenant } from '../../src/core/model';
import { deleteButtonText } from '../../src/ui/commands/delete/deleteWords';
import { errorActions } from '../../src/ui/view/errorActions';
import { useDisplayLanguage } from '../../src/ui/view/l10n';
import { presentTenant, tenantFix, tenantProblemHeadline, tenantStateForError, tooltipMarkdown } from '../../src/ui/view/presentation';
import { durationText, presentToken, relativeTime, scopesSummary, tokenTooltipLines, type TokenViewOptions } from '../../src/ui/view/tokenPresentation';
import { errorText, listQueryText } from '../../src/core/messages';
import { expiryState } from '../../src/core/ops/expiry';
import { DAY, NOW, iso, plain, token } from './helpers/tokenFixture';


/** How the tooltip writes an ISO date with the options above. */
function readable(isoDate: string): string {
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(Date.parse(isoDate));
}

describe('presentation: relative dates', () => {
  it('says how long ago and how long until, in the largest fitting unit', () => {
    assert.equal(relativeTime(iso(-3 * DAY), NOW), '3 days ago');
    assert.equal(relativeTime(iso(12 * DAY + 3_600_000), NOW), 'in 12 days');
    assert.equal(relativeTime(iso(-1 * DAY), NOW), '1 day ago');
    assert.equal(relativeTime(iso(5 * 3_600_000), NOW), 'in 5 hours');
    assert.equal(relativeTime(iso(-90 * DAY), NOW), '3 months ago');
    assert.equal(relativeTime(iso(-800 * DAY), NOW), '2 years ago');
    assert.equal(relativeTime(iso(-10_000), NOW), 'now');
  });

  it("writes relative times and durations through Intl in VS Code's display language, not hand-written English", () => {
    useDisplayLanguage('de');
    try {
      assert.equal(relativeTime(iso(-3 * DAY), NOW), 'vor 3 Tagen');
      assert.equal(relativeTime(iso(12 * DAY + 3_600_000), NOW), 'in 12 Tagen');
      assert.equal(relativeTime(iso(-10_000), NOW), 'jetzt');
      assert.equal(durationText(12, 'hour'), '12 Stunden');
    } finally {
      useDisplayLanguage('en');
    }
    assert.equal(durationText(1, 'minute'), '1 minute');
  });

  it('calls a missing or unreadable date unknown instead of inventing one', () => {
    assert.equal(relativeTime(null, NOW), 'unknown');
    assert.equal(relativeTime('not a date', NOW), 'unknown');
  });
});

describe('presentation: expiry', () => {
  it('tells expired, expiring within the warning days, later, never and unknown apart', () => {
    assert.equal(expiryState(token({ expirationDate: iso(-1000) }), NOW, 14), 'expired');
    assert.equal(expiryState(token({ expirationDate: iso(12 * DAY) }), NOW, 14), 'soon');
    assert.equal(expiryState(token({ expirationDate: iso(12 * DAY) }), NOW, 7), 'ok');
    assert.equal(expiryState(token({ expirationDate: null, userAwareTokenNeverExpires: true }), NOW, 14), 'never');
    assert.equal(expiryState(token({ expirationDate: null }), NOW, 14), 'never', 'a v3 answer without a date never expires');
    assert.equal(expiryState(token({ expirationDate: 'not a date' }), NOW, 14), 'unknown');
  });
});

describe('presentation: token node', () => {
  it('describes scopes, last use and expiry in one line', () => {
    const view = presentToken(token({ expirationDate: iso(12 * DAY + 3_600_000) }), plain);
    assert.equal(view.label, 'ci-deploy');
    assert.equal(view.description, 'sp:scopes:default · last used 3 days ago · expires in 12 days');
  });

  it('names a token that never expires, v1 or a v3 answer without a date, and leaves out an unreadable expiry', () => {
    assert.equal(presentToken(token({ expirationDate: null }), plain).description, 'sp:scopes:default · last used 3 days ago · never expires');
    assert.equal(presentToken(token({ expirationDate: 'soon-ish' }), plain).description, 'sp:scopes:default · last used 3 days ago');
    const never = token({ expirationDate: null, userAwareTokenNeverExpires: true, scope: ['a:b', 'c:d'] });
    assert.equal(presentToken(never, plain).description, 'a:b, c:d · last used 3 days ago · never expires');
  });

  it('says never used and expired', () => {
    const view = presentToken(token({ lastUsed: null, expirationDate: iso(-DAY) }), plain);
    assert.equal(view.description, 'sp:scopes:default · never used · expired');
    assert.deepEqual(view.icon, { id: 'error', color: 'list.errorForeground' });
  });

  it('picks the icon by what matters most: expiry, own credential, stored secret, managed, never used', () => {
    assert.equal(presentToken(token({ expirationDate: iso(3 * DAY) }), { ...plain, secretStored: true }).icon.id, 'warning');
    assert.equal(presentToken(token(), { ...plain, secretStored: true, isOwnCredential: true }).icon.id, 'plug');
    assert.equal(presentToken(token({ managed: true }), { ...plain, secretStored: true }).icon.id, 'key');
    assert.equal(presentToken(token({ managed: true, lastUsed: null }), plain).icon.id, 'gear');
    assert.equal(presentToken(token({ lastUsed: null }), plain).icon.id, 'circle-outline');
    assert.equal(presentToken(token(), plain).icon.id, 'pass');
  });

  it("says in the tooltip's Status line what the row's icon means", () => {
    const status = (overrides: Partial<PersonalAccessToken>, options: Partial<TokenViewOptions> = {}): string | undefined =>
      tokenTooltipLines(token(overrides), { ...plain, ...options }).find((line) => line.label === 'Status')?.value;
    assert.equal(status({}), 'in use and not expiring soon (check icon)');
    assert.equal(status({ lastUsed: null }), 'never used (empty circle)');
    assert.equal(status({ managed: true }), 'managed by the platform (gear icon)');
    assert.equal(status({}, { secretStored: true }), 'its secret is stored in VS Code (key icon)');
    assert.equal(status({}, { isOwnCredential: true }), 'this tenant signs in with it (plug icon)');
    assert.equal(status({ expirationDate: iso(3 * DAY) }), 'expires soon (warning icon)');
    assert.equal(status({ expirationDate: iso(-DAY) }), 'expired (error icon)');
  });

  it('marks a token that never expires and grants all rights as the riskiest: icon, description and tooltip', () => {
    for (const risky of [token({ expirationDate: null, scope: null }), token({ expirationDate: null, userAwareTokenNeverExpires: true, scope: ['sp:scopes:all'] })]) {
      const view = presentToken(risky, { ...plain, secretStored: true, isOwnCredential: true });
      assert.deepEqual(view.icon, { id: 'flame', color: 'list.errorForeground' });
      assert.equal(view.description, 'riskiest · all rights · last used 3 days ago · never expires');
      const lines = new Map(tokenTooltipLines(risky, plain).map((line) => [line.label, line.value]));
      assert.equal(lines.get('Status'), "never expires and grants all its owner's rights: the riskiest kind of token (flame icon)");
      assert.equal(lines.get('Needs attention'), 'Never expires · All rights');
    }
    // One of the two alone is a flag, not the riskiest mark.
    assert.notEqual(presentToken(token({ expirationDate: null }), plain).icon.id, 'flame');
    assert.notEqual(presentToken(token({ scope: null }), plain).icon.id, 'flame');
    assert.doesNotMatch(presentToken(token({ scope: null }), plain).description, /riskiest/);
  });

  it("lists a token's health flags in the tooltip, with the unused period and owner status it was given", () => {
    const attention = (overrides: Partial<PersonalAccessToken>, options: Partial<TokenViewOptions> = {}): string | undefined =>
      new Map(tokenTooltipLines(token(overrides), { ...plain, ...options }).map((line) => [line.label, line.value])).get('Needs attention');
    assert.equal(attention({}), undefined);
    assert.equal(attention({ lastUsed: iso(-100 * DAY) }), 'Unused');
    assert.equal(attention({ lastUsed: iso(-100 * DAY) }, { unusedDays: 200 }), undefined);
    assert.equal(attention({ lastUsed: null, expirationDate: iso(-DAY) }), 'Expired · Never used');
    const owners = { statuses: new Map([['id-1', { kind: 'gone' as const, text: 'gone' }]]), counts: new Map<string, number>(), callerIdentityId: null };
    assert.equal(attention({}, { owners }), 'Owner inactive');
  });

  it('puts every flag in the context value so menus can offer Copy Secret only where a secret is stored', () => {
    assert.equal(presentToken(token(), plain).contextValue, 'token');
    assert.equal(
      presentToken(token({ managed: true }), { ...plain, secretStored: true, isOwnCredential: true }).contextValue,
      'token+secret+managed+own',
    );
    assert.equal(presentToken(token(), { ...plain, apiFamily: 'v1' }).contextValue, 'token+v1');
    assert.equal(presentToken(token({ managed: true }), { ...plain, apiFamily: 'v3' }).contextValue, 'token+managed');
  });

  it('lists id, owner, dates, validity and every scope in the tooltip', () => {
    const scopes = ['idn:accounts:read', 'idn:sources:read', 'sp:scopes:default'];
    const lines = tokenTooltipLines(token({ scope: scopes }), { ...plain, secretStored: true });
    const byLabel = new Map(lines.map((line) => [line.label, line.value]));
    assert.equal(byLabel.get('Client ID'), '2c9180835d2e5168015d32f890ca1581');
    assert.equal(byLabel.get('Owner'), 'Ada Admin (id-1)');
    assert.equal(byLabel.get('Access-token validity'), '12 hours');
    assert.equal(byLabel.get('Scopes'), scopes.join(', '));
    assert.equal(byLabel.get('Secret'), 'stored in VS Code');
    assert.match(byLabel.get('Last used') ?? '', /3 days ago/);
  });

  it('shows the expiry date with how far off it is, or never', () => {
    const expires = iso(12 * DAY + 3_600_000);
    const byLabel = (lines: { label: string; value: string }[]): Map<string, string> => new Map(lines.map((line) => [line.label, line.value]));
    assert.equal(byLabel(tokenTooltipLines(token({ expirationDate: expires }), plain)).get('Expires'), `${readable(expires)} (in 12 days)`);
    const never = token({ expirationDate: null, userAwareTokenNeverExpires: true });
    assert.equal(byLabel(tokenTooltipLines(never, plain)).get('Expires'), 'never');
    assert.equal(byLabel(tokenTooltipLines(token({ lastUsed: null }), plain)).get('Last used'), 'never');
  });

  it('writes tooltip dates as people read them, in the display language, with how far off they are', () => {
    const dated = token({ created: '2026-07-16T08:05:09.123Z', lastUsed: '2026-08-12T12:00:00.000Z', expirationDate: '2026-10-15T17:30:00.000Z' });
    const lines = (locale: string): Map<string, string> =>
      // ICU versions differ in the space before AM (U+202F or a plain one).
      new Map(tokenTooltipLines(dated, { ...plain, locale, timeZone: 'UTC' }).map((line) => [line.label, line.value.replace(/\s/g, ' ')]));
    const english = lines('en-US');
    assert.equal(english.get('Created'), 'Jul 16, 2026, 8:05 AM (30 days ago)');
    assert.equal(english.get('Last used'), 'Aug 12, 2026, 12:00 PM (3 days ago)');
    assert.equal(english.get('Expires'), 'Oct 15, 2026, 5:30 PM (in 2 months)');
    assert.equal(lines('de-DE').get('Created'), '16.07.2026, 08:05 (30 days ago)');
    for (const value of english.values()) assert.doesNotMatch(value, /\d{4}-\d{2}-\d{2}T/, 'no raw ISO date');
  });

  it('keeps an unreadable server date as sent, and an unknown locale falls back to the default one', () => {
    const byLabel = new Map(tokenTooltipLines(token({ created: 'yesterday-ish' }), { ...plain, locale: 'xx-not-a-locale!' }).map((line) => [line.label, line.value]));
    assert.equal(byLabel.get('Created'), 'yesterday-ish');
    assert.match(byLabel.get('Last used') ?? '', /\(3 days ago\)$/);
  });

  it('renders missing wire fields as unknown', () => {
    const lines = tokenTooltipLines(token({ owner: null, created: null, accessTokenValiditySeconds: null }), plain);
    const byLabel = new Map(lines.map((line) => [line.label, line.value]));
    assert.equal(byLabel.get('Owner'), 'unknown');
    assert.equal(byLabel.get('Created'), 'unknown');
    assert.equal(byLabel.get('Access-token validity'), 'unknown');
  });

  it('shows a hostile name as text: no bidi override in the label, no link or command in the tooltip', () => {
    const name = '[x](command:workbench.action.terminal.new) \u202Egnp.exe <img src=x>';
    const view = presentToken(token({ name }), plain);
    assert.ok(!view.label.includes('\u202E'));
    const markdown = tooltipMarkdown(tokenTooltipLines(token({ name }), plain));
    assert.ok(!/(^|[^\\])\[x\]\(/.test(markdown), markdown);
    assert.ok(!/(^|[^\\])</.test(markdown), markdown);
    assert.ok(!markdown.includes('\u202E'));
    assert.match(markdown, /\*\*Name:\*\* \\\[x\\\]\\\(command/);
  });
});

describe('presentation: scopes summary', () => {
  it('names all rights explicitly for a null scope and for sp:scopes:all', () => {
    assert.equal(scopesSummary(null), 'all rights');
    assert.equal(scopesSummary(['sp:scopes:all']), 'all rights');
  });

  it('names up to two scopes, then counts', () => {
    assert.equal(scopesSummary(['a:b', 'c:d']), 'a:b, c:d');
    assert.equal(scopesSummary(['a:b', 'c:d', 'e:f']), '3 scopes');
  });
});

describe('presentation: tenant', () => {
  const tenant: Tenant = { id: 't1', displayName: 'Acme prod', baseUrl: 'https://acme.api.identitynow.com', apiFamily: 'v3' };

  it('shows the host and what the tenant lists in the description', () => {
    assert.equal(presentTenant(tenant, 'ok').description, 'acme.api.identitynow.com · my tokens');
    const all = { ...tenant, listQuery: { owner: { kind: 'all' as const }, neverUsed: true } };
    assert.equal(presentTenant(all, 'ok').description, 'acme.api.identitynow.com · all tokens, never used');
  });

  it('describes each list choice', () => {
    assert.equal(listQueryText(undefined), 'my tokens');
    assert.equal(
      listQueryText({ owner: { kind: 'identity', identityId: 'abc', label: 'Bob' }, lastUsedBefore: '2026-01-01T00:00:00Z' }),
      'tokens of Bob, not used since 2026-01-01',
    );
    assert.equal(
      listQueryText({ owner: { kind: 'me' }, neverUsed: true, lastUsedBefore: '2026-01-01T00:00:00Z' }),
      'my tokens, never used or not used since 2026-01-01',
    );
  });

  it('maps load errors to states and states to the fix offered', () => {
    assert.equal(tenantStateForError(new PatError('credentials-missing', 'x')), 'credentials-missing');
    assert.equal(tenantStateForError(new PatError('credentials-rejected', 'x')), 'credentials-rejected');
    assert.equal(tenantStateForError(new PatError('network', 'x')), 'unreachable');
    assert.equal(tenantStateForError(new PatError('timeout', 'x')), 'unreachable');
    assert.equal(tenantStateForError(new PatError('forbidden', 'x')), 'error');
    // A 403 on "All tokens" or another identity's is a missing right: the fix is my own tokens, not an endless retry.
    assert.equal(tenantStateForError(new PatError('forbidden', 'x'), { owner: { kind: 'all' } }), 'cannot-list-others');
    assert.equal(tenantStateForError(new PatError('forbidden', 'x'), { owner: { kind: 'identity', identityId: 'abc' } }), 'cannot-list-others');
    assert.equal(tenantStateForError(new PatError('forbidden', 'x'), { owner: { kind: 'me' } }), 'error');
    assert.equal(tenantFix('cannot-list-others'), 'listMine');
    assert.equal(tenantStateForError(new Error('boom')), 'error');
    assert.equal(tenantFix('credentials-rejected'), 'updateCredentials');
    assert.equal(tenantFix('credentials-missing'), 'updateCredentials');
    assert.equal(tenantFix('unreachable'), 'retry');
    assert.equal(presentTenant(tenant, 'credentials-rejected').contextValue, 'tenant+credentials-rejected+web');
  });

  it('offers Open in Web UI only on a tenant whose web UI address is known (issue 22 §4)', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../package.json'), 'utf8')) as {
      contributes: { menus: Record<string, { command: string; when?: string }[]> };
    };
    const item = manifest.contributes.menus['view/item/context'].find((entry) => entry.command === 'sailpointPat.openInWebUi');
    const pattern = /viewItem =~ \/(.+?)\/(?: |$)/.exec(item?.when ?? '')?.[1] ?? '';
    const offered = (baseUrl: string): boolean => new RegExp(pattern).test(presentTenant({ ...tenant, baseUrl }, 'ok').contextValue);
    assert.equal(offered('https://acme.api.identitynow.com'), true);
    assert.equal(offered('https://acme.api.identitynow-demo.com'), true);
    assert.equal(offered('http://127.0.0.1:8443'), false, 'a loopback tenant (the fake, a proxy) has no web UI to open');
    assert.equal(offered('https://isc.example.com'), false, 'a custom host: its web UI address is not known');
  });

  it("a tenant whose URL changed since its credentials were entered asks for them again (issue 19 item 1)", () => {
    const error = new PatError('credentials-url-changed', 'x');
    assert.equal(tenantStateForError(error), 'url-changed');
    assert.equal(tenantFix('url-changed'), 'updateCredentials');
    assert.equal(tenantProblemHeadline('url-changed'), "This tenant's URL changed: enter its credentials again");
    assert.deepEqual(errorActions(error), ['updateCredentials', 'showLog']);
    const view = presentTenant(tenant, 'url-changed');
    assert.equal(view.contextValue, 'tenant+url-changed+web');
    assert.deepEqual(view.tooltip.find((line) => line.label === 'State')?.value, 'URL changed: credentials not sent');
  });
});

describe('presentation: errors', () => {
  it("adds the server's message and tracking id once", () => {
    const error = new PatError('forbidden', 'Listing all tokens was refused.', {
      status: 403,
      serverMessage: 'The identity lacks sp:all-personal-access-tokens:read',
      trackingId: 'abc123',
    });
    assert.equal(
      errorText(error),
      'Listing all tokens was refused. Server says: The identity lacks sp:all-personal-access-tokens:read (tracking id abc123)',
    );
    const already = new PatError('server', 'Failed (tracking id abc123).', { trackingId: 'abc123' });
    assert.equal(errorText(already), 'Failed (tracking id abc123).');
  });

  it('never repeats a registered secret to the user', () => {
    const canary = 'canary-presentation-secret-7f3a9c';
    defaultRedactor.register(canary);
    const text = errorText(new PatError('server', `Failed for ${canary}`, { serverMessage: `echo ${canary}` }));
    assert.ok(!text.includes(canary), text);
  });

  it('offers Update Credentials when they were rejected, Retry only for transient failures, Show Log always', () => {
    assert.deepEqual(errorActions(new PatError('credentials-rejected', 'x')), ['updateCredentials', 'showLog']);
    assert.deepEqual(errorActions(new PatError('timeout', 'x')), ['retry', 'showLog']);
    assert.deepEqual(errorActions(new PatError('create-outcome-unknown', 'x')), ['showLog']);
    assert.deepEqual(errorActions(new PatError('invalid-input', 'x')), ['showLog']);
  });

  it('names how many tokens the delete button removes', () => {
    assert.equal(deleteButtonText(1), 'Delete Token');
    assert.equal(deleteButtonText(3), 'Delete 3 tokens');
  });
});

import * as assert from 'node:assert/strict';
import { DailyReminder, expiringTokens, localDay, type LoadedTenantTokens } from '../../src/core/ops/expiry';
import { badgeTooltip, expiryNotificationText } from '../../src/ui/view/expiryText';
import type { PersonalAccessToken } from '../../src/core/model';
import { MemoryKeyValueStore } from './helpers/memoryStores';

const DAY = 86_400_000;
const NOW = Date.parse('2026-08-10T12:00:00Z');

function token(name: string, expirationDate: string | null, extra: Partial<PersonalAccessToken> = {}): PersonalAccessToken {
  return {
    id: `id-${name}`,
    name,
    scope: ['sp:scopes:default'],
    owner: null,
    created: null,
    lastUsed: null,
    managed: false,
    accessTokenValiditySeconds: 43200,
    expirationDate,
    userAwareTokenNeverExpires: null,
    ...extra,
  };
}

function at(days: number): string {
  return new Date(NOW + days * DAY).toISOString();
}

describe('expiry awareness', () => {
  const prod: LoadedTenantTokens = {
    tenantId: 'p',
    tenantName: 'Prod',
    tokens: [token('fine', at(60)), token('soon', at(5)), token('edge', at(14)), token('gone', at(-1)), token('unknown', null)],
  };
  const dev: LoadedTenantTokens = {
    tenantId: 'd',
    tenantName: 'Dev',
    tokens: [token('forever', null, { userAwareTokenNeverExpires: true }), token('bad-date', 'not a date'), token('dev-soon', at(1))],
  };

  it('counts expired tokens and those expiring within the window over all loaded tenants, most urgent first', () => {
    const found = expiringTokens([prod, dev], NOW, 14);
    assert.deepEqual(
      found.map((item) => [item.tenantId, item.token.name, item.expired]),
      [
        ['p', 'gone', true],
        ['d', 'dev-soon', false],
        ['p', 'soon', false],
        ['p', 'edge', false],
      ],
    );
  });

  it('follows the warning window: 0 days counts only expired tokens', () => {
    assert.deepEqual(expiringTokens([prod, dev], NOW, 0).map((item) => item.token.name), ['gone']);
    assert.deepEqual(expiringTokens([], NOW, 14), []);
  });

  it('says in the badge tooltip how many are expired and how many expire soon', () => {
    assert.equal(badgeTooltip(expiringTokens([prod], NOW, 14), 14), 'Tokens: 1 expired, 2 expiring within 14 days');
    assert.equal(badgeTooltip(expiringTokens([prod], NOW, 0), 0), 'Tokens: 1 expired');
  });

  it('names at most three tokens in the notification, with tenants when there are several, as plain text', () => {
    const items = expiringTokens([prod, dev], NOW, 14);
    assert.equal(expiryNotificationText(items), '4 tokens expire soon or have expired: "gone" (Prod), "dev-soon" (Dev), "soon" (Prod) and 1 more.');
    assert.equal(expiryNotificationText(items.slice(0, 1)), '1 token expires soon or has expired: "gone".');
    const spoof = expiringTokens([{ tenantId: 'x', tenantName: 'X', tokens: [token('a\u202Eb\nc', at(1))] }], NOW, 14);
    assert.equal(expiryNotificationText(spoof), '1 token expires soon or has expired: "ab c".');
  });

  it('reminds at most once per local day, remembered in the key-value store', async () => {
    const kv = new MemoryKeyValueStore();
    const reminder = new DailyReminder(kv);
    assert.equal(reminder.isDue(NOW), true);
    await reminder.markShown(NOW);
    assert.equal(reminder.isDue(NOW + 60_000), false);
    assert.equal(new DailyReminder(kv).isDue(NOW), false, 'another window shares the day');
    const tomorrow = NOW + DAY;
    assert.notEqual(localDay(tomorrow), localDay(NOW));
    assert.equal(reminder.isDue(tomorrow), true);
  });
});

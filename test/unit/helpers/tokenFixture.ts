// One token as the tree shows it, at a fixed "now", for the presentation tests.
import type { PersonalAccessToken } from '../../../src/core/model';
import type { TokenViewOptions } from '../../../src/ui/view/tokenPresentation';

export const NOW = Date.parse('2026-08-15T12:00:00Z');
export const DAY = 86_400_000;

export function iso(offsetMs: number): string {
  return new Date(NOW + offsetMs).toISOString();
}

export function token(overrides: Partial<PersonalAccessToken> = {}): PersonalAccessToken {
  return {
    id: '2c9180835d2e5168015d32f890ca1581',
    name: 'ci-deploy',
    scope: ['sp:scopes:default'],
    owner: { type: 'IDENTITY', id: 'id-1', name: 'Ada Admin' },
    created: iso(-30 * DAY),
    lastUsed: iso(-3 * DAY),
    managed: false,
    accessTokenValiditySeconds: 43200,
    expirationDate: iso(100 * DAY),
    userAwareTokenNeverExpires: null,
    ...overrides,
  };
}

/** English, UTC, a 14-day warning window: the options most presentation tests start from. */
export const plain: TokenViewOptions = { now: NOW, expiryWarningDays: 14, secretStored: false, isOwnCredential: false, locale: 'en-US', timeZone: 'UTC' };

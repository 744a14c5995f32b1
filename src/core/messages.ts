// The few sentences the core writes itself, into the errors it reports and the inventory file; the UI shows the same.
import { redact } from './client/redact';
import { isPatError } from './errors';
import type { TokenListQuery } from './model';
import { stripUnsafeCharacters } from './validation';
import { t } from './l10n';

/** The one sentence the user is told (redacted): our message, then the server's own words and its tracking id. */
export function errorText(error: unknown): string {
  return redact(composeErrorText(error));
}

function composeErrorText(error: unknown): string {
  if (!(error instanceof Error)) return stripUnsafeCharacters(String(error));
  let text = stripUnsafeCharacters(error.message);
  if (isPatError(error)) {
    const server = error.serverMessage === undefined ? undefined : stripUnsafeCharacters(error.serverMessage);
    if (server !== undefined && server !== '' && !text.includes(server)) text += t(' Server says: {0}', server);
    if (error.trackingId !== undefined && !text.includes(error.trackingId)) {
      text += t(' (tracking id {0})', stripUnsafeCharacters(error.trackingId));
    }
  }
  return text;
}

function dayOf(iso: string): string {
  return stripUnsafeCharacters(iso.slice(0, 10));
}

/** What the tenant lists, e.g. "my tokens, never used". */
export function listQueryText(query: TokenListQuery | undefined): string {
  const owner = query?.owner ?? { kind: 'me' };
  const parts = [
    owner.kind === 'me'
      ? t('my tokens')
      : owner.kind === 'all'
        ? t('all tokens')
        : t('tokens of {0}', stripUnsafeCharacters(owner.label ?? owner.identityId)),
  ];
  if (query?.neverUsed && query.lastUsedBefore !== undefined) parts.push(t('never used or not used since {0}', dayOf(query.lastUsedBefore)));
  else if (query?.neverUsed) parts.push(t('never used'));
  else if (query?.lastUsedBefore !== undefined) parts.push(t('not used since {0}', dayOf(query.lastUsedBefore)));
  return parts.join(', ');
}

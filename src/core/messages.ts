// The few sentences the core writes itself, into the errors it reports and the inventory file; the UI shows the same.
import { redact } from './client/redact';
import { isPatError } from './errors';
import type { TokenListQuery } from './model';
import { stripUnsafeCharacters } from './validation';

/** The one sentence the user is told (redacted): our message, then the server's own words and its tracking id. */
export function errorText(error: unknown): string {
  return redact(composeErrorText(error));
}

function composeErrorText(error: unknown): string {
  if (!(error instanceof Error)) return stripUnsafeCharacters(String(error));
  let text = stripUnsafeCharacters(error.message);
  if (isPatError(error)) {
    const server = error.serverMessage === undefined ? undefined : stripUnsafeCharacters(error.serverMessage);
    if (server !== undefined && server !== '' && !text.includes(server)) text += ` Server says: ${server}`;
    if (error.trackingId !== undefined && !text.includes(error.trackingId)) {
      text += ` (tracking id ${stripUnsafeCharacters(error.trackingId)})`;
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
      ? 'my tokens'
      : owner.kind === 'all'
        ? 'all tokens'
        : `tokens of ${stripUnsafeCharacters(owner.label ?? owner.identityId)}`,
  ];
  if (query?.neverUsed && query.lastUsedBefore !== undefined) parts.push(`never used or not used since ${dayOf(query.lastUsedBefore)}`);
  else if (query?.neverUsed) parts.push('never used');
  else if (query?.lastUsedBefore !== undefined) parts.push(`not used since ${dayOf(query.lastUsedBefore)}`);
  return parts.join(', ');
}

// What a tenant lists, in words. Apart from messages.ts, whose errorText needs the redactor: the tree's tenant rows
// show this at activation, and the redactor loads later.
import type { TokenListQuery } from './model';
import { stripUnsafeCharacters } from './displayText';
import { t } from './l10n';

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

// ui/view: counted nouns, each form its own sentence in the bundle so every language words both. Apart from
// presentation.ts, which activation loads: only commands count.
import { t } from './l10n';

/** "1 token" / "5 tokens": a sentence per count form, so each language words both. */
export function tokenCount(count: number): string {
  return count === 1 ? t('1 token') : t('{0} tokens', count);
}

/** "1 tenant" / "3 tenants". */
export function tenantCount(count: number): string {
  return count === 1 ? t('1 tenant') : t('{0} tenants', count);
}

// How deleting tokens reads: the modal's button and the summary after a bulk delete.
import type { BulkDeleteResult } from '../../../core/ops/bulkDelete';
import { t } from '../../view/l10n';
import { tokenCount } from '../../view/counts';

/** "Deleted 5 tokens; 2 failed." */
export function bulkSummary(result: BulkDeleteResult): string {
  const deleted = tokenCount(result.deleted.length);
  return result.failed.length === 0 ? t('Deleted {0}.', deleted) : t('Deleted {0}; {1} failed.', deleted, result.failed.length);
}

/** The text on the delete modal's button: names how many tokens go. */
export function deleteButtonText(count: number): string {
  return count === 1 ? t('Delete Token') : t('Delete {0} tokens', count);
}

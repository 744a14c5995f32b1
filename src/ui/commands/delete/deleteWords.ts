// How deleting tokens reads: the modal's button and the summary after a bulk delete.
import type { BulkDeleteResult } from '../../../core/ops/bulkDelete';
import { plural } from '../../view/presentation';

/** "Deleted 5 tokens; 2 failed." */
export function bulkSummary(result: BulkDeleteResult): string {
  const deleted = `Deleted ${plural(result.deleted.length, 'token')}`;
  return result.failed.length === 0 ? `${deleted}.` : `${deleted}; ${result.failed.length} failed.`;
}

/** The text on the delete modal's button: names how many tokens go. */
export function deleteButtonText(count: number): string {
  return count === 1 ? 'Delete Token' : `Delete ${count} tokens`;
}

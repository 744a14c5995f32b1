// The buttons an error message offers; apart from presentation.ts because only commands need it, not the tree at activation.
import { isPatError } from '../../core/errors';
import { REJECTED_KINDS, TRANSIENT_KINDS } from './presentation';

export type ErrorAction = 'updateCredentials' | 'retry' | 'showLog';

/** Which buttons an error message offers; Retry only where trying again can help and cannot duplicate. */
export function errorActions(error: unknown): ErrorAction[] {
  const actions: ErrorAction[] = [];
  if (isPatError(error) && (REJECTED_KINDS.has(error.kind) || error.kind === 'credentials-missing' || error.kind === 'credentials-url-changed')) {
    actions.push('updateCredentials');
  }
  if (isPatError(error) && TRANSIENT_KINDS.has(error.kind)) actions.push('retry');
  actions.push('showLog');
  return actions;
}

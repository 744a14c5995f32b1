// Whether a scope only reads, changes things, or is sp:scopes:all: the picker shows it, the cover prefers reading.
import { ALL_SCOPES } from '../model';

/** `all` is sp:scopes:all; `read` a scope that only reads (…:read, …:list); `manage` any other. */
export type ScopeAccess = 'all' | 'read' | 'manage';

export function scopeAccess(scope: string): ScopeAccess {
  if (scope === ALL_SCOPES) return 'all';
  return /:(read|list)$/.test(scope) ? 'read' : 'manage';
}

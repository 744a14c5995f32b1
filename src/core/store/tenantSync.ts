// Settings Sync carries the tenant list (names, URLs, API family, list choice) to the user's other machines, never a
// secret: credentials and token secrets stay in SecretStorage, which does not sync, and the index of stored secrets
// describes this machine only.
import { TENANTS_KEY } from './secretKeys';

/** The part of VS Code's globalState that chooses what Settings Sync carries. */
export interface SyncableState {
  setKeysForSync(keys: readonly string[]): void;
}

/** The globalState keys Settings Sync should carry. */
export function tenantKeysForSync(enabled: boolean): readonly string[] {
  return enabled ? [TENANTS_KEY] : [];
}

export function applyTenantSync(state: SyncableState, enabled: boolean): readonly string[] {
  const keys = tenantKeysForSync(enabled);
  state.setKeysForSync(keys);
  return keys;
}

// Every id the manifest and the code share, typed so a typo is a compile error.

/** `publisher.name` from package.json. */
export const EXTENSION_ID = 'sailpoint-pat-manager.sailpoint-pat-manager';
export const VIEW_ID = 'sailpointPat.tokens';
export const CONFIG_SECTION = 'sailpointPat';
export const HAS_TENANTS_CONTEXT = 'sailpointPat.hasTenants';
/** True while the view's text filter or "Needs attention" hides tokens; the view title then offers Clear Filter. */
export const TOKEN_FILTER_ACTIVE_CONTEXT = 'sailpointPat.tokenFilterActive';
/** Bound to the Delete key; not contributed as a command, since the palette has Delete Token… for that. */
export const DELETE_SELECTED_TOKENS_COMMAND = 'sailpointPat.deleteSelectedTokens';
/** The authentication provider other extensions ask for ISC sessions (documented in the README). */
export const AUTH_PROVIDER_ID = 'sailpoint-isc';
export const AUTH_PROVIDER_LABEL = 'SailPoint ISC';

export const COMMAND_IDS = [
  'sailpointPat.addTenant',
  'sailpointPat.updateCredentials',
  'sailpointPat.renameTenant',
  'sailpointPat.setApiFamily',
  'sailpointPat.removeTenant',
  'sailpointPat.refresh',
  'sailpointPat.refreshAll',
  'sailpointPat.filterTokens',
  'sailpointPat.clearTokenFilter',
  'sailpointPat.showOnlyNeedingAttention',
  'sailpointPat.showEveryToken',
  'sailpointPat.setTenantListQuery',
  'sailpointPat.openInWebUi',
  'sailpointPat.createToken',
  'sailpointPat.renameToken',
  'sailpointPat.editTokenScopes',
  'sailpointPat.deleteToken',
  'sailpointPat.copyTokenId',
  'sailpointPat.copyTokenSecret',
  'sailpointPat.forgetTokenSecret',
  'sailpointPat.showLog',
  'sailpointPat.findUnusedTokens',
  'sailpointPat.findUnusedTokensInAnyTenant',
  'sailpointPat.deleteTokens',
  'sailpointPat.exportInventory',
  'sailpointPat.copyTokenAsEnv',
  'sailpointPat.rotateToken',
  'sailpointPat.rotateTenantCredentials',
  'sailpointPat.editTokenExpiry',
  'sailpointPat.openTerminal',
  'sailpointPat.importFromSailPointCli',
  'sailpointPat.scopesForCode',
  'sailpointPat.checkTokenAgainstCode',
  'sailpointPat.tokenHealth',
  'sailpointPat.showTokenHealth',
] as const;

export type CommandId = (typeof COMMAND_IDS)[number];

// Every id the manifest and the code share, typed so a typo is a compile error.

export const VIEW_ID = 'sailpointPat.tokens';
export const CONFIG_SECTION = 'sailpointPat';
export const HAS_TENANTS_CONTEXT = 'sailpointPat.hasTenants';
/** True while the view's selection is one or more tokens and nothing else; the Delete keybinding's `when` reads it. */
export const TOKENS_SELECTED_CONTEXT = 'sailpointPat.tokensSelected';
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
  'sailpointPat.tokenHealth',
  'sailpointPat.showTokenHealth',
] as const;

export type CommandId = (typeof COMMAND_IDS)[number];

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

const COMMAND_NAMES = [
  'addTenant',
  'updateCredentials',
  'renameTenant',
  'setApiFamily',
  'removeTenant',
  'refresh',
  'refreshAll',
  'filterTokens',
  'clearTokenFilter',
  'showOnlyNeedingAttention',
  'showEveryToken',
  'setTenantListQuery',
  'openInWebUi',
  'createToken',
  'renameToken',
  'editTokenScopes',
  'deleteToken',
  'copyTokenId',
  'copyTokenSecret',
  'forgetTokenSecret',
  'showLog',
  'findUnusedTokens',
  'findUnusedTokensInAnyTenant',
  'deleteTokens',
  'exportInventory',
  'copyTokenAsEnv',
  'rotateToken',
  'rotateTenantCredentials',
  'editTokenExpiry',
  'openTerminal',
  'importFromSailPointCli',
  'scopesForCode',
  'checkTokenAgainstCode',
  'tokenHealth',
  'showTokenHealth',
] as const;

export type CommandId = `sailpointPat.${(typeof COMMAND_NAMES)[number]}`;

/** Every contributed command id; the prefix is added here so the activation bundle carries it once, not 35 times. */
export const COMMAND_IDS: readonly CommandId[] = COMMAND_NAMES.map((name): CommandId => `sailpointPat.${name}`);


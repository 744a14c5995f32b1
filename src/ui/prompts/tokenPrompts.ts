// The Create Token wizard and the single prompts for renaming and rescoping; each throws UserCancelled when dismissed.
import type * as vscode from 'vscode';
import { ALL_SCOPES, type ApiFamily, type CreateTokenRequest } from '../../core/model';
import { normalizeTokenName, validateTokenName } from '../../core/validation';
import { askNeverExpires } from './expiryPrompts';
import { checkExpiry, checkExtraScopes, checkValidity, COMMON_SCOPES, parseExpiry, parseScopeList, parseValidity } from './inputChecks';
import { runWizard, singleInput, type WizardInput, type WizardStep } from './wizard';

interface ScopePick extends vscode.QuickPickItem {
  /** Undefined for the "other scopes" entry. */
  scope: string | undefined;
}

const OTHER_SCOPES: ScopePick = {
  label: '$(edit) Other scopes…',
  detail: 'Type scopes that are not in this list',
  scope: undefined,
  alwaysShow: true,
};

function scopeItems(current: readonly string[]): ScopePick[] {
  const known = COMMON_SCOPES.map(({ scope, detail }) => ({
    label: scope === ALL_SCOPES ? `${scope}  (ALL your rights)` : scope,
    detail,
    scope,
  }));
  const extra = current
    .filter((scope) => !COMMON_SCOPES.some((choice) => choice.scope === scope))
    .map((scope) => ({ label: scope, detail: 'Entered by hand', scope }));
  return [...known, ...extra, OTHER_SCOPES];
}

/** A multi-pick of common scopes; "Other scopes…" leads to free entry. */
async function askScopes(input: WizardInput, current: readonly string[], note: string): Promise<{ picked: string[]; wantsMore: boolean }> {
  const items = scopeItems(current);
  const chosen = await input.pickMany({
    placeholder: `Scopes of the token. ${note}`,
    items,
    selected: items.filter((item) => item.scope !== undefined && current.includes(item.scope)),
    emptyMessage: `Choose at least one scope; ${ALL_SCOPES} stands for every right you have.`,
  });
  const picked = chosen.map((item) => item.scope).filter((scope): scope is string => scope !== undefined);
  return { picked, wantsMore: chosen.includes(OTHER_SCOPES) };
}

async function askExtraScopes(input: WizardInput, picked: readonly string[]): Promise<string[]> {
  const text = await input.inputBox({
    prompt: 'More scopes, separated by spaces or commas',
    placeholder: 'idn:access-request:manage idn:sod-policy:read',
    validate: (value) => checkExtraScopes(value, picked.length),
  });
  return [...new Set([...picked, ...parseScopeList(text)])];
}

interface TokenDraft {
  name: string;
  scope: string[];
  validity: string;
  expiry: string;
  /** v1 only: set once the user picked "Never expires" and acknowledged the risk. */
  neverExpires: boolean;
}

function createSteps(family: ApiFamily): WizardStep<TokenDraft> {
  const askName: WizardStep<TokenDraft> = async (input, draft) => {
    draft.name = await input.inputBox({
      prompt: 'Token name (unique among your tokens)',
      value: draft.name,
      validate: validateTokenName,
    });
    return askScopeStep;
  };
  const askScopeStep: WizardStep<TokenDraft> = async (input, draft) => {
    const { picked, wantsMore } = await askScopes(input, draft.scope, 'Type to filter.');
    draft.scope = picked;
    return wantsMore ? askMoreStep : askValidity;
  };
  const askMoreStep: WizardStep<TokenDraft> = async (input, draft) => {
    draft.scope = await askExtraScopes(input, draft.scope);
    return askValidity;
  };
  const askValidity: WizardStep<TokenDraft> = async (input, draft) => {
    draft.validity = await input.inputBox({
      prompt: 'Lifetime of access tokens minted with this PAT, in seconds (15 to 43200). Leave empty for 43200 (12 hours).',
      value: draft.validity,
      validate: checkValidity,
    });
    return askExpiry;
  };
  const askExpiry: WizardStep<TokenDraft> = async (input, draft) => {
    const none = family === 'v1' ? 'never expires (you will be asked to confirm)' : 'expires after 6 months, the maximum';
    draft.expiry = await input.inputBox({
      prompt: `Expiry date, e.g. 2027-01-31 (end of that day, UTC) or an ISO date-time. Leave empty: the token ${none}.`,
      value: draft.expiry,
      validate: (value) => checkExpiry(value, family, Date.now()),
    });
    return family === 'v1' && draft.expiry.trim() === '' ? askNeverExpiresStep : undefined;
  };
  const askNeverExpiresStep: WizardStep<TokenDraft> = async (input, draft) => {
    draft.neverExpires = await askNeverExpires(input, draft.name);
    return draft.neverExpires ? undefined : askExpiry;
  };
  return askName;
}

export async function askNewToken(tenantName: string, family: ApiFamily): Promise<CreateTokenRequest> {
  const draft: TokenDraft = { name: '', scope: ['sp:scopes:default'], validity: '', expiry: '', neverExpires: false };
  await runWizard(`Create Token in ${tenantName}`, 4, createSteps(family), draft);
  const request: CreateTokenRequest = { name: normalizeTokenName(draft.name), scope: draft.scope };
  const validity = parseValidity(draft.validity);
  const expirationDate = parseExpiry(draft.expiry);
  if (validity !== undefined) request.accessTokenValiditySeconds = validity;
  if (expirationDate !== undefined) request.expirationDate = expirationDate;
  else if (family === 'v1' && draft.neverExpires) request.userAwareTokenNeverExpires = true;
  return request;
}

export async function askTokenName(currentName: string): Promise<string> {
  const name = await singleInput('Rename Token').inputBox({
    prompt: 'New token name',
    value: currentName,
    validate: validateTokenName,
  });
  return normalizeTokenName(name);
}

export async function askTokenScopes(tokenName: string, current: readonly string[]): Promise<string[]> {
  const title = `Edit Scopes of ${tokenName}`;
  const note = 'New scopes apply to access tokens minted afterwards and can take up to 20 minutes to take effect.';
  const draft = { scope: [...current] };
  const askMore: WizardStep<typeof draft> = async (input, state) => {
    state.scope = await askExtraScopes(input, state.scope);
    return undefined;
  };
  const askPicked: WizardStep<typeof draft> = async (input, state) => {
    const { picked, wantsMore } = await askScopes(input, state.scope, note);
    state.scope = picked;
    return wantsMore ? askMore : undefined;
  };
  await runWizard(title, 1, askPicked, draft);
  return draft.scope;
}

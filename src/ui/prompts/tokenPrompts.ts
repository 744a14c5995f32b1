// The Create Token wizard and the single prompts for renaming and rescoping; each throws UserCancelled when dismissed.
import type { ApiFamily, CreateTokenRequest } from '../../core/model';
import { normalizeTokenName, validateTokenName } from '../../core/validation';
import { askNeverExpires } from './expiryPrompts';
import { checkExpiry, checkValidity, parseExpiry, parseValidity } from './inputChecks';
import { scopeSteps } from './scopePrompts';
import { runWizard, singleInput, type WizardStep } from './wizard';

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
  const askScopeStep = scopeSteps<TokenDraft>('', askValidity);
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
  await runWizard(title, 1, scopeSteps(note, undefined), draft);
  return draft.scope;
}

// The Add Tenant wizard and the credential prompts; each throws UserCancelled when dismissed.
import type * as vscode from 'vscode';
import type { ApiFamily, Credentials } from '../../core/model';
import type { NewTenant } from '../../core/patService';
import { normalizeTenantUrl } from '../../core/tenantUrl';
import { validateDisplayName } from '../../core/validation';
import { checkClientId, checkClientSecret, checkTenantUrl } from './inputChecks';
import { runWizard, type WizardInput, type WizardStep } from './wizard';

interface TenantDraft {
  url: string;
  displayName: string;
  clientId: string;
  clientSecret: string;
  apiFamily: ApiFamily;
}

interface FamilyPick extends vscode.QuickPickItem {
  family: ApiFamily;
}

const FAMILIES: readonly FamilyPick[] = [
  { label: 'v3', description: '/v3/personal-access-tokens', detail: 'The API most tenants use today (default)', family: 'v3' },
  { label: 'v1', description: '/personal-access-tokens/v1', detail: 'The per-service API that succeeds v3', family: 'v1' },
];

function suggestedDisplayName(url: string): string {
  const result = normalizeTenantUrl(url);
  if (!result.ok) return url.trim();
  return result.tenantName ?? new URL(result.baseUrl).host;
}

const askUrl: WizardStep<TenantDraft> = async (input, draft) => {
  draft.url = await input.inputBox({
    prompt: 'The tenant name (e.g. acme), its web address, or the full API base URL',
    placeholder: 'acme  or  https://acme.api.identitynow.com',
    value: draft.url,
    validate: checkTenantUrl,
  });
  return askDisplayName;
};

const askDisplayName: WizardStep<TenantDraft> = async (input, draft) => {
  draft.displayName = await input.inputBox({
    prompt: 'A name to show in the tree',
    value: draft.displayName || suggestedDisplayName(draft.url),
    validate: validateDisplayName,
  });
  return askClientId;
};

const askClientId: WizardStep<TenantDraft> = async (input, draft) => {
  draft.clientId = await askForClientId(input, draft.clientId);
  return askClientSecret;
};

const askClientSecret: WizardStep<TenantDraft> = async (input, draft) => {
  draft.clientSecret = await askForClientSecret(input, draft.clientId);
  return askFamily;
};

const askFamily: WizardStep<TenantDraft> = async (input, draft) => {
  const picked = await input.pickOne({
    placeholder: 'Which PAT API does this tenant use?',
    items: FAMILIES,
    selected: FAMILIES.filter((family) => family.family === draft.apiFamily),
  });
  draft.apiFamily = picked.family;
  return undefined;
};

function askForClientId(input: WizardInput, value: string): Promise<string> {
  return input.inputBox({
    prompt: 'Client ID of a personal access token or API client that may manage PATs',
    value,
    validate: checkClientId,
  });
}

function askForClientSecret(input: WizardInput, clientId: string): Promise<string> {
  return input.inputBox({
    prompt: 'Client secret (stored only in VS Code SecretStorage)',
    password: true,
    validate: (value) => checkClientSecret(clientId, value),
  });
}

export async function askNewTenant(): Promise<NewTenant> {
  const draft: TenantDraft = { url: '', displayName: '', clientId: '', clientSecret: '', apiFamily: 'v3' };
  await runWizard('Add SailPoint Tenant', 5, askUrl, draft);
  return {
    url: draft.url.trim(),
    displayName: draft.displayName.trim(),
    apiFamily: draft.apiFamily,
    credentials: { clientId: draft.clientId, clientSecret: draft.clientSecret },
  };
}

export async function askCredentials(tenantName: string, currentClientId: string | undefined): Promise<Credentials> {
  const draft = { clientId: currentClientId ?? '', clientSecret: '' };
  const askId: WizardStep<typeof draft> = async (input, state) => {
    state.clientId = await askForClientId(input, state.clientId);
    return askSecret;
  };
  const askSecret: WizardStep<typeof draft> = async (input, state) => {
    state.clientSecret = await askForClientSecret(input, state.clientId);
    return undefined;
  };
  await runWizard(`Update Credentials of ${tenantName}`, 2, askId, draft);
  return draft;
}

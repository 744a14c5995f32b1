// The Add Tenant wizard and the credential prompts. Each question names the argument that answers it in the
// automation contract; each throws UserCancelled when dismissed.
import type { Credentials } from '../../../core/model';
import { normalizeTenantUrl } from '../../../core/tenantUrl';
import { validateDisplayName } from '../../../core/validation';
import { optionalString, requireString } from '../../prompts/args';
import { checkClientId, checkClientSecret, checkTenantUrl } from '../../prompts/inputChecks';
import { runWizard, type Prompts, type WizardStep } from '../../prompts/prompts';
import { t } from '../../view/l10n';

export interface TenantDraft {
  url: string;
  displayName: string;
  clientId: string;
  clientSecret: string;
  /** Why the tenant refused the last secret; the secret step opens with it. */
  secretProblem?: string;
  /** Whether a tenant already has the URL typed: the wizard then ends after the URL step (one tenant per URL). */
  isAdded?: (url: string) => boolean;
}

export function emptyTenantDraft(): TenantDraft {
  return { url: '', displayName: '', clientId: '', clientSecret: '' };
}

function suggestedDisplayName(url: string): string {
  const result = normalizeTenantUrl(url);
  if (!result.ok) return url.trim();
  return result.tenantName ?? new URL(result.baseUrl).host;
}

const askUrl: WizardStep<TenantDraft> = async (ask, draft) => {
  draft.url = await ask.inputText({
    name: 'url',
    prompt: t('The tenant name (e.g. acme), its web address, or the full API base URL'),
    placeholder: 'acme  or  https://acme.api.identitynow.com',
    value: draft.url,
    validate: checkTenantUrl,
  });
  return draft.isAdded?.(draft.url) === true ? undefined : askDisplayName;
};

const askDisplayName: WizardStep<TenantDraft> = async (ask, draft) => {
  draft.displayName = await ask.inputText({
    name: 'displayName',
    prompt: t('A name to show in the tree'),
    value: draft.displayName || suggestedDisplayName(draft.url),
    validate: validateDisplayName,
    // Optional for scripts: the tenant name from the URL, as the service suggests it.
    fromArguments: (args) => optionalString(args, 'displayName') ?? '',
  });
  return askClientId;
};

const askClientId: WizardStep<TenantDraft> = async (ask, draft) => {
  draft.clientId = await askForClientId(ask, draft.clientId);
  return askClientSecret;
};

const askClientSecret: WizardStep<TenantDraft> = async (ask, draft) => {
  const problem = draft.secretProblem;
  draft.secretProblem = undefined;
  draft.clientSecret = await askForClientSecret(ask, draft.clientId, problem, hostOf(draft.url));
  return undefined;
};

/** The API host credentials will be sent to, as Add Tenant normalises the URL typed; undefined while it is not one. */
export function hostOf(url: string): string | undefined {
  const result = normalizeTenantUrl(url);
  return result.ok ? new URL(result.baseUrl).host : undefined;
}

function askForClientId(ask: Prompts, value: string): Promise<string> {
  return ask.inputText({
    name: 'clientId',
    prompt: t('Client ID of a personal access token or API client that may manage PATs'),
    value,
    validate: checkClientId,
  });
}

function askForClientSecret(ask: Prompts, clientId: string, problem: string | undefined, host: string | undefined): Promise<string> {
  return ask.inputText({
    name: 'clientSecret',
    // The host is named: the secret goes there, and a changed URL must not pass unnoticed.
    prompt: host === undefined ? t('Client secret (stored only in VS Code SecretStorage)') : t('Client secret for {0} (stored only in VS Code SecretStorage)', host),
    password: true,
    problem,
    validate: (value) => checkClientSecret(clientId, value),
    fromArguments: (args) => requireString(args, 'clientSecret'),
  });
}

const ADD_TENANT_STEPS: readonly WizardStep<TenantDraft>[] = [askUrl, askDisplayName, askClientId, askClientSecret];

/**
 * Asks for a new tenant into `draft`. With `draft.secretProblem` set (the tenant refused the secret) it resumes at
 * the secret step, everything else kept and Back still leading to it.
 */
export async function askNewTenant(ask: Prompts, draft: TenantDraft): Promise<TenantDraft> {
  const resume = draft.secretProblem !== undefined;
  const first = resume ? askClientSecret : askUrl;
  const done = resume ? ADD_TENANT_STEPS.slice(0, 3) : [];
  return runWizard(ask, t('Add SailPoint Tenant'), ADD_TENANT_STEPS.length, first, draft, done);
}

export interface CredentialsRequest {
  /** The tenant's name as shown (quoted). */
  tenantName: string;
  /** The API host the credentials are checked with and sent to; every title and the secret prompt name it. */
  host: string;
  currentClientId?: string;
  title?: string;
  /** Why the tenant refused the last secret: the wizard resumes at the secret step with it, the client ID kept. */
  secretProblem?: string;
}

export async function askCredentials(ask: Prompts, request: CredentialsRequest, previous?: Credentials): Promise<Credentials> {
  const { tenantName, host, secretProblem } = request;
  const title = request.title ?? t('Update Credentials of {0} ({1})', tenantName, host);
  const draft = { clientId: previous?.clientId ?? request.currentClientId ?? '', clientSecret: '' };
  const askId: WizardStep<typeof draft> = async (prompts, state) => {
    state.clientId = await askForClientId(prompts, state.clientId);
    return askSecret;
  };
  let problem = secretProblem;
  const askSecret: WizardStep<typeof draft> = async (prompts, state) => {
    state.clientSecret = await askForClientSecret(prompts, state.clientId, problem, host);
    problem = undefined;
    return undefined;
  };
  const resume = secretProblem !== undefined && previous !== undefined;
  await runWizard(ask, title, 2, resume ? askSecret : askId, draft, resume ? [askId] : []);
  return draft;
}

// The Create Token wizard and the prompts for renaming and rescoping. Each question names the argument that answers
// it in the automation contract; each throws UserCancelled when dismissed.
import { PatError } from '../../../core/errors';
import type { ApiFamily, CreateTokenRequest, PersonalAccessToken } from '../../../core/model';
import { checkSuccessorName } from '../../../core/ops/rotation';
import { normalizeTokenName, validateTokenName } from '../../../core/validation';
import { optionalBoolean, optionalNumber, optionalString, type ArgumentObject } from '../../prompts/args';
import { askNeverExpires } from '../expiry/expiryPrompts';
import { checkExpiry, checkValidity, parseExpiry, parseValidity } from '../../prompts/inputChecks';
import { scopeSteps } from './scopePrompts';
import { runWizard, type Item, type Prompts, type WizardStep } from '../../prompts/prompts';
import { t } from '../../view/l10n';

/** The answers of Create Token, kept across a server's refusal so the person is taken back with all of them. */
export interface TokenDraft {
  name: string;
  scope: string[];
  validity: string;
  expiry: string;
  /** v1 only: set once the user picked "Never expires" and acknowledged the risk. */
  neverExpires: boolean;
}

interface LifetimePick extends Item {
  /** Empty for the default, undefined for "other". */
  seconds: string | undefined;
}

const LIFETIMES: readonly LifetimePick[] = [
  { get label() { return t('12 hours'); }, get description() { return t('the default and the longest'); }, seconds: '' },
  { get label() { return t('1 hour'); }, seconds: '3600' },
  { get label() { return t('30 minutes'); }, seconds: '1800' },
  { get label() { return t('15 minutes'); }, seconds: '900' },
  { get label() { return t('$(edit) Other…'); }, get detail() { return t('Enter seconds, from 15 to 43200'); }, seconds: undefined },
];

function lifetimeFromArgs(args: ArgumentObject): LifetimePick {
  const seconds = optionalNumber(args, 'accessTokenValiditySeconds');
  return { label: '', seconds: seconds === undefined ? '' : String(seconds) };
}

/** v1: "never expires" only when the script says so; a date and "never" together are a mistake. */
function expiryFromArgs(family: ApiFamily): (args: ArgumentObject) => string {
  return (args) => {
    const expirationDate = optionalString(args, 'expirationDate');
    const neverExpires = optionalBoolean(args, 'neverExpires') === true;
    if (expirationDate !== undefined && neverExpires) throw new PatError('invalid-input', t('Give either "expirationDate" or "neverExpires": true, not both.'));
    if (expirationDate === undefined && !neverExpires && family === 'v1') {
      throw new PatError('invalid-input', t('Without "expirationDate" a v1 token never expires: pass "neverExpires": true to accept that, or give an "expirationDate".'));
    }
    return expirationDate ?? '';
  };
}

/** The step a refusal sends the person back to. */
export type CreateStep = 'name' | 'scope' | 'validity' | 'expiry';

type CreateSteps = Record<CreateStep, WizardStep<TokenDraft>>;

function createSteps(family: ApiFamily, mine: readonly PersonalAccessToken[]): CreateSteps {
  const askName: WizardStep<TokenDraft> = async (ask, draft) => {
    draft.name = await ask.inputText({
      name: 'name',
      prompt: t('Token name (unique among your tokens)'),
      value: draft.name,
      // A name the person already uses is refused here, as Rotate does, not by the server after every step.
      validate: (value) => checkSuccessorName(value, mine),
    });
    return askScopeStep;
  };
  const askValidity: WizardStep<TokenDraft> = async (ask, draft) => {
    const picked = await ask.pickOne({
      name: 'accessTokenValiditySeconds',
      placeholder: t('How long may each access token minted with this PAT live?'),
      items: LIFETIMES,
      active: LIFETIMES.find((each) => each.seconds === draft.validity),
      fromArguments: lifetimeFromArgs,
    });
    if (picked.seconds === undefined) return askOtherValidity;
    draft.validity = picked.seconds;
    return askExpiry;
  };
  const askOtherValidity: WizardStep<TokenDraft> = async (ask, draft) => {
    draft.validity = await ask.inputText({
      name: 'accessTokenValiditySeconds',
      prompt: t('Lifetime of access tokens minted with this PAT, in seconds (15 to 43200)'),
      value: draft.validity,
      validate: (value) => (value.trim() === '' ? t('Enter a number of seconds.') : checkValidity(value)),
    });
    return askExpiry;
  };
  const askExpiry: WizardStep<TokenDraft> = async (ask, draft) => {
    const none = family === 'v1' ? t('never expires (you will be asked to confirm)') : t('expires after 6 months, the maximum');
    draft.expiry = await ask.inputText({
      name: 'expirationDate',
      prompt: t('Expiry date, e.g. 2027-01-31 (end of that day, UTC) or an ISO date-time. Leave empty: the token {0}.', none),
      value: draft.expiry,
      validate: (value) => checkExpiry(value, family, Date.now()),
      fromArguments: expiryFromArgs(family),
    });
    // Scripts may ask for "never expires" on any family; on v3 the tenant's refusal then says why.
    return draft.expiry.trim() === '' && (family === 'v1' || !ask.person) ? askNeverExpiresStep : undefined;
  };
  const askScopeStep = scopeSteps<TokenDraft>('', askValidity);
  const askNeverExpiresStep: WizardStep<TokenDraft> = async (ask, draft) => {
    draft.neverExpires = await askNeverExpires(ask, draft.name);
    return draft.neverExpires || !ask.person ? undefined : askExpiry;
  };
  return { name: askName, scope: askScopeStep, validity: askValidity, expiry: askExpiry };
}

const STEP_ORDER: readonly CreateStep[] = ['name', 'scope', 'validity', 'expiry'];

export function newTokenDraft(scope?: readonly string[]): TokenDraft {
  return { name: '', scope: [...(scope ?? ['sp:scopes:default'])], validity: '', expiry: '', neverExpires: false };
}

/**
 * `mine`: the person's own tokens, whose names the new one may not take (empty for a script). `draft` and `from`
 * resume the wizard at a step with every earlier answer kept (after a refusal); Back still walks the earlier steps.
 */
export async function askNewToken(
  ask: Prompts,
  tenantName: string,
  family: ApiFamily,
  mine: readonly PersonalAccessToken[] = [],
  draft: TokenDraft = newTokenDraft(),
  from: CreateStep = 'name',
): Promise<CreateTokenRequest> {
  const steps = createSteps(family, mine);
  const done = STEP_ORDER.slice(0, STEP_ORDER.indexOf(from)).map((step) => steps[step]);
  draft.neverExpires = false;
  // Pick by API and Other scopes add steps, so the count varies.
  await runWizard(ask, t('Create Token in {0}', tenantName), null, steps[from], draft, done);
  // Scripts' names go to the tenant as given, as the automation contract always had them.
  const request: CreateTokenRequest = { name: ask.person ? normalizeTokenName(draft.name) : draft.name, scope: draft.scope };
  const validity = parseValidity(draft.validity);
  const expirationDate = parseExpiry(draft.expiry);
  if (validity !== undefined) request.accessTokenValiditySeconds = validity;
  if (expirationDate !== undefined) request.expirationDate = expirationDate;
  else if (draft.neverExpires) request.userAwareTokenNeverExpires = true;
  return request;
}

export async function askTokenName(ask: Prompts, currentName: string): Promise<string> {
  const name = await ask.titled(t('Rename Token')).inputText({
    name: 'name',
    prompt: t('New token name'),
    value: currentName,
    validate: validateTokenName,
  });
  return ask.person ? normalizeTokenName(name) : name;
}

export async function askTokenScopes(ask: Prompts, tokenName: string, current: readonly string[]): Promise<string[]> {
  const title = t('Edit Scopes of {0}', tokenName);
  const note = t('New scopes apply to access tokens minted afterwards and can take up to 20 minutes to take effect.');
  const draft = { scope: [...current] };
  await runWizard(ask, title, 1, scopeSteps(note, undefined), draft);
  return draft.scope;
}

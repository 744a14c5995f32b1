// Expiry choices for v1 tenants: a token that never expires only after an explicit acknowledgment of the risk,
// and a new expiry (or none) for an existing token. Each prompt throws UserCancelled when dismissed.
import { PatError } from '../../../core/errors';
import { optionalBoolean, type ArgumentObject } from '../../prompts/args';
import { checkExpiry, parseExpiry } from '../../prompts/inputChecks';
import { quoted, runWizard, shown, UserCancelled, type Item, type Prompts, type WizardStep } from '../../prompts/prompts';
import { t } from '../../view/l10n';

export function neverExpiresRisk(): string {
  return t('A token that never expires works until someone deletes it: if it leaks, it stays usable forever, and no expiry reminds anyone to replace it. Prefer an expiry date and rotate the token before it.');
}

interface ExpiryChoice extends Item {
  never: boolean;
}

const SET_DATE: ExpiryChoice = { get label() { return t('$(calendar) Set an expiry date'); }, get detail() { return t('Recommended: the token stops working on that date.'); }, never: false };
const NEVER: ExpiryChoice = { get label() { return t('$(warning) Never expires'); }, get detail() { return neverExpiresRisk(); }, never: true };

/** Scripts: `neverExpires: true` (checked against `expirationDate` where that argument is read). */
function neverFromArgs(args: ArgumentObject): ExpiryChoice {
  return optionalBoolean(args, 'neverExpires') === true ? NEVER : SET_DATE;
}

/** The modal acknowledgment; true only when the user presses the button that names the choice. */
async function confirmNeverExpires(ask: Prompts, tokenName: string): Promise<boolean> {
  try {
    await ask.confirm({ name: 'neverExpires', message: t('Make {0} a token that never expires?', quoted(tokenName)), detail: neverExpiresRisk(), button: t('Never Expires') });
    return true;
  } catch (error) {
    if (error instanceof UserCancelled) return false;
    throw error;
  }
}

/** Create Token on v1 after an empty expiry: true once "Never expires" is picked and acknowledged, false to go back to a date. */
export async function askNeverExpires(ask: Prompts, tokenName: string): Promise<boolean> {
  const picked = await ask.pickOne({ name: 'neverExpires', placeholder: t('Without an expiry date a v1 token never expires'), items: [SET_DATE, NEVER], fromArguments: neverFromArgs });
  return picked.never && (await confirmNeverExpires(ask, tokenName));
}

interface ExpiryDraft {
  never: boolean;
  date: string;
}

/** Scripts: `expirationDate`, a date-time string or null for "never expires". */
function expiryKindFromArgs(args: ArgumentObject): ExpiryChoice {
  const value = args.expirationDate;
  if (value === null) return NEVER;
  if (typeof value === 'string' && value.trim() !== '') return SET_DATE;
  throw new PatError('invalid-input', t('The argument "expirationDate" must be a date-time string, or null for a token that never expires.'));
}

/** A new expiry for a v1 token: an ISO date-time, or null for "never expires" (acknowledged in a modal). */
export async function askExpiryChange(ask: Prompts, tokenName: string, currentExpiry: string | null | undefined): Promise<string | null> {
  const draft: ExpiryDraft = { never: false, date: currentExpiry?.slice(0, 10) ?? '' };
  const askDate: WizardStep<ExpiryDraft> = async (prompts, state) => {
    state.date = await prompts.inputText({
      name: 'expirationDate',
      prompt: t('New expiry date, e.g. 2027-01-31 (end of that day, UTC) or an ISO date-time'),
      value: state.date,
      validate: (value) => (value.trim() === '' ? t('Enter a date.') : checkExpiry(value, 'v1', Date.now())),
    });
    return undefined;
  };
  const askKind: WizardStep<ExpiryDraft> = async (prompts, state) => {
    const current = currentExpiry === null ? t('it never expires') : currentExpiry === undefined ? t('unknown') : t('it expires {0}', currentExpiry);
    const picked = await prompts.pickOne({
      name: 'expirationDate',
      placeholder: t('Expiry of {0} (now {1})', quoted(tokenName), shown(current)),
      items: [SET_DATE, NEVER],
      fromArguments: expiryKindFromArgs,
    });
    state.never = picked.never;
    return picked.never ? undefined : askDate;
  };
  await runWizard(ask, t('Change Expiry of {0}', quoted(tokenName)), 2, askKind, draft);
  if (draft.never) {
    if (!(await confirmNeverExpires(ask, tokenName))) throw new UserCancelled();
    return null;
  }
  const expirationDate = parseExpiry(draft.date);
  if (expirationDate === undefined) throw new UserCancelled();
  return expirationDate;
}

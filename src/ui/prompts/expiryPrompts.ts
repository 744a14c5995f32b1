// Expiry choices for v1 tenants: a token that never expires only after an explicit acknowledgment of the risk,
// and a new expiry (or none) for an existing token. Each prompt throws UserCancelled when dismissed.
import * as vscode from 'vscode';
import { stripUnsafeCharacters } from '../../core/validation';
import { checkExpiry, parseExpiry } from './inputChecks';
import { runWizard, UserCancelled, type WizardInput, type WizardStep } from './wizard';

export const NEVER_EXPIRES_RISK =
  'A token that never expires works until someone deletes it: if it leaks, it stays usable forever, and no expiry reminds anyone to replace it. Prefer an expiry date and rotate the token before it.';

const NEVER_EXPIRES_BUTTON = 'Never Expires';

interface ExpiryChoice extends vscode.QuickPickItem {
  never: boolean;
}

const SET_DATE: ExpiryChoice = { label: '$(calendar) Set an expiry date', detail: 'Recommended: the token stops working on that date.', never: false };
const NEVER: ExpiryChoice = { label: '$(warning) Never expires', detail: NEVER_EXPIRES_RISK, never: true };

/** The modal acknowledgment; true only when the user presses the button that names the choice. */
export async function confirmNeverExpires(tokenName: string): Promise<boolean> {
  const answer = await vscode.window.showWarningMessage(
    `Make "${tokenName}" a token that never expires?`,
    { modal: true, detail: NEVER_EXPIRES_RISK },
    NEVER_EXPIRES_BUTTON,
  );
  return answer === NEVER_EXPIRES_BUTTON;
}

/** Create Token on v1 after an empty expiry: true once "Never expires" is picked and acknowledged, false to go back to a date. */
export async function askNeverExpires(input: WizardInput, tokenName: string): Promise<boolean> {
  const picked = await input.pickOne({ placeholder: 'Without an expiry date a v1 token never expires', items: [SET_DATE, NEVER] });
  return picked.never && (await confirmNeverExpires(tokenName));
}

interface ExpiryDraft {
  never: boolean;
  date: string;
}

/** A new expiry for a v1 token: an ISO date-time, or null for "never expires" (acknowledged in a modal). */
export async function askExpiryChange(tokenName: string, currentExpiry: string | null): Promise<string | null> {
  const draft: ExpiryDraft = { never: false, date: currentExpiry?.slice(0, 10) ?? '' };
  const askDate: WizardStep<ExpiryDraft> = async (input, state) => {
    state.date = await input.inputBox({
      prompt: 'New expiry date, e.g. 2027-01-31 (end of that day, UTC) or an ISO date-time',
      value: state.date,
      validate: (value) => (value.trim() === '' ? 'Enter a date.' : checkExpiry(value, 'v1', Date.now())),
    });
    return undefined;
  };
  const askKind: WizardStep<ExpiryDraft> = async (input, state) => {
    const current = currentExpiry === null ? 'it never expires' : `it expires ${stripUnsafeCharacters(currentExpiry)}`;
    const picked = await input.pickOne({ placeholder: `Expiry of "${tokenName}" (now ${current})`, items: [SET_DATE, NEVER] });
    state.never = picked.never;
    return picked.never ? undefined : askDate;
  };
  await runWizard(`Change Expiry of ${tokenName}`, 2, askKind, draft);
  if (draft.never) {
    if (!(await confirmNeverExpires(tokenName))) throw new UserCancelled();
    return null;
  }
  const expirationDate = parseExpiry(draft.date);
  if (expirationDate === undefined) throw new UserCancelled();
  return expirationDate;
}

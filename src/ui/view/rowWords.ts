// ui/view: the words a screen reader says for a tree row (its accessibilityInformation), so that what the icon and
// the badges show is said too, every mark at once where the icon can show only the most urgent one.
import type { ExpiryState } from '../../core/ops/expiry';
import type { OwnerStatus } from '../../core/ops/owners';
import { t } from './l10n';

/** What a token row's icon and badges can show; all of them that apply are said. */
export interface TokenMarks {
  expiry: ExpiryState;
  /** Never expires and grants all rights: the tree's flame mark. */
  riskiest: boolean;
  neverUsed: boolean;
  managed: boolean;
  secretStored: boolean;
  signsInTenant: boolean;
  owner: OwnerStatus | undefined;
}

/** The server's status word in the display language: the core keeps ISC's own vocabulary. */
export function ownerStatusWord(status: OwnerStatus): string {
  const words: Record<string, () => string> = {
    disabled: () => t('disabled'),
    deactivated: () => t('deactivated'),
    terminated: () => t('terminated'),
    locked: () => t('locked'),
    inactive: () => t('inactive'),
    leaver: () => t('leaver'),
  };
  const lifecycle = /^lifecycle (.+)$/.exec(status.text)?.[1];
  if (lifecycle !== undefined) return t('lifecycle {0}', words[lifecycle]?.() ?? lifecycle);
  return words[status.text]?.() ?? status.text;
}

function ownerWords(owner: OwnerStatus | undefined): string | undefined {
  if (owner === undefined || owner.kind === 'active') return undefined;
  return owner.kind === 'gone' ? t('owner gone') : t('owner inactive ({0})', ownerStatusWord(owner));
}

/** Only the marks that apply are translated and kept: this runs for every row of a list. */
function markWords(marks: TokenMarks): string[] {
  const words: string[] = [];
  if (marks.expiry === 'expired') words.push(t('expired'));
  if (marks.expiry === 'soon') words.push(t('expires soon'));
  if (marks.riskiest) words.push(t('riskiest: never expires and grants all rights'));
  if (marks.neverUsed) words.push(t('never used'));
  if (marks.managed) words.push(t('managed by the platform'));
  if (marks.secretStored) words.push(t('secret stored here'));
  if (marks.signsInTenant) words.push(t('this tenant signs in with it'));
  const owner = ownerWords(marks.owner);
  if (owner !== undefined) words.push(owner);
  return words;
}

/** "Token ci-deploy: expired, never used. <the row's description>"; `name` and `description` are already display-safe. */
export function tokenRowWords(name: string, description: string, marks: TokenMarks): string {
  const said = markWords(marks);
  return t('Token {0}: {1}. {2}', name, said.length === 0 ? t('in use and not expiring soon') : said.join(', '), description);
}

// Display-safe text holds no control character, so these two can stand for the name and the description.
const NAME_SLOT = '\u0000';
const DESCRIPTION_SLOT = '\u0001';

/** The sentence of tokenRowWords split where its name and description go, so rows of the same marks share one filling; undefined unless the translation says each once, the name first. */
export function tokenRowWordsAround(marks: TokenMarks): string[] | undefined {
  const words = tokenRowWords(NAME_SLOT, DESCRIPTION_SLOT, marks);
  const [before, afterName, ...rest] = words.split(NAME_SLOT);
  const between = afterName?.split(DESCRIPTION_SLOT) ?? [];
  return rest.length === 0 && between.length === 2 && !before.includes(DESCRIPTION_SLOT) ? [before, ...between] : undefined;
}

// What the scope picker says about each scope and operation, as plain text (no VS Code, unit-tested).
import { ALL_SCOPES } from '../../../core/model';
import { scopeAccess } from '../../../core/scopes/access';
import type { ApiOperation, ScopeCatalogue } from '../../../core/scopes/catalogue';
import type { ScopeProposal } from '../../../core/scopes/propose';
import { stripUnsafeCharacters } from '../../../core/validation';
import { t } from '../../view/l10n';

export interface ChoiceText {
  label: string;
  description: string;
  detail: string;
}

const SHOWN_SUMMARIES = 3;

/** What a scope does, in words: the core only classifies it. */
function accessText(scope: string): string {
  const access = scopeAccess(scope);
  return access === 'read' ? t('read') : access === 'manage' ? t('manage') : t('all');
}

function operationCount(count: number): string {
  return count === 1 ? t('1 operation') : t('{0} operations', count);
}

function chosenOperationCount(count: number): string {
  return count === 1 ? t('1 chosen operation') : t('{0} chosen operations', count);
}

function otherOperationCount(count: number): string {
  return count === 1 ? t('1 other operation') : t('{0} other operations', count);
}

/** A few operation summaries, then how many more; each once, as API versions repeat most operations. */
export function summariesText(operations: readonly ApiOperation[], limit = SHOWN_SUMMARIES): string {
  const summaries = [...new Set(operations.map((operation) => operation.summary))];
  const shown = summaries.slice(0, limit);
  const more = summaries.length - shown.length;
  return more > 0 ? `${shown.join('; ')}; and ${more} more` : shown.join('; ');
}

/** Text from a token or typed by hand: one line, and no `$(icon)` the picker would draw. */
export function plainScope(scope: string): string {
  return stripUnsafeCharacters(scope).replace(/\$\(/g, '$\u200b(');
}

export function scopeChoiceText(catalogue: ScopeCatalogue, scope: string): ChoiceText {
  if (scope === ALL_SCOPES) {
    return { label: t('{0}  (ALL your rights)', scope), description: 'everything', detail: t('ALL the rights of the token owner: everything you can do, this token can do') };
  }
  if (!catalogue.knows(scope)) {
    return {
      label: `$(warning) ${plainScope(scope)}`,
      description: t('unknown scope'),
      detail: t("Not in SailPoint's API specs: a typo or a retired scope, which grants nothing"),
    };
  }
  const operations = catalogue.operationsOf(scope);
  return {
    label: scope,
    description: `${accessText(scope)} · ${operationCount(operations.length)}`,
    detail: summariesText(operations),
  };
}

/** The scopes an operation accepts and, where the spec names them, the user levels it is meant for. */
export function operationChoiceText(operation: ApiOperation): ChoiceText {
  const scopes = operation.scopes.length === 0 ? t('The spec names no scope') : t('Any of: {0}', operation.scopes.join(', '));
  const levels = operation.userLevels.length === 0 ? '' : t(' · user levels: {0}', operation.userLevels.join(', '));
  return { label: `${operation.method} ${operation.path}`, description: operation.summary, detail: `${scopes}${levels}` };
}

/** A proposed scope: what it grants of the chosen operations, and what else. */
export function proposedChoiceText(catalogue: ScopeCatalogue, scope: string, chosen: readonly ApiOperation[]): ChoiceText {
  const granted = catalogue.operationsOf(scope);
  const used = chosen.filter((operation) => operation.scopes.includes(scope));
  const extra = granted.filter((operation) => !chosen.includes(operation));
  return {
    label: scope,
    description: t('{0} · for {1}', accessText(scope), chosenOperationCount(used.length)),
    detail: extra.length === 0 ? t('Grants nothing else') : t('Also grants: {0}', summariesText(extra)),
  };
}

/** The review's heading: how many scopes for how many operations, what else they grant, what they cannot speak for. */
export function proposalText(proposal: ScopeProposal, chosenCount: number): string {
  const one = proposal.scopes.length === 1;
  const fewest = proposal.optimal ? '' : t(' (close to the fewest)');
  const covers = one
    ? t('1 scope{0} covers {1}', fewest, chosenOperationCount(chosenCount))
    : t('{0} scopes{1} cover {2}', proposal.scopes.length, fewest, chosenOperationCount(chosenCount));
  const others = proposal.alsoGranted.length;
  const also = one
    ? (others === 0 ? t('and grants nothing else') : t('and also grants {0}', otherOperationCount(others)))
    : (others === 0 ? t('and grant nothing else') : t('and also grant {0}', otherOperationCount(others)));
  let text = `${covers} ${also}`;
  if (proposal.unknown.length > 0) text += t('. The specs name no scope for: {0}', summariesText(proposal.unknown));
  return `${text}.`;
}

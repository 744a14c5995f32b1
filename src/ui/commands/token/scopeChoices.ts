// What the scope picker says about each scope and operation, as plain text (no VS Code, unit-tested).
import { ALL_SCOPES } from '../../../core/model';
import { scopeAccess } from '../../../core/scopes/access';
import type { ApiOperation, ScopeCatalogue } from '../../../core/scopes/catalogue';
import type { ScopeProposal } from '../../../core/scopes/propose';
import { stripUnsafeCharacters } from '../../../core/validation';

export interface ChoiceText {
  label: string;
  description: string;
  detail: string;
}

const SHOWN_SUMMARIES = 3;

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
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
    return { label: `${scope}  (ALL your rights)`, description: 'everything', detail: 'ALL the rights of the token owner: everything you can do, this token can do' };
  }
  if (!catalogue.knows(scope)) {
    return {
      label: `$(warning) ${plainScope(scope)}`,
      description: 'unknown scope',
      detail: "Not in SailPoint's API specs: a typo or a retired scope, which grants nothing",
    };
  }
  const operations = catalogue.operationsOf(scope);
  return {
    label: scope,
    description: `${scopeAccess(scope)} · ${plural(operations.length, 'operation')}`,
    detail: summariesText(operations),
  };
}

/** The scopes an operation accepts and, where the spec names them, the user levels it is meant for. */
export function operationChoiceText(operation: ApiOperation): ChoiceText {
  const scopes = operation.scopes.length === 0 ? 'The spec names no scope' : `Any of: ${operation.scopes.join(', ')}`;
  const levels = operation.userLevels.length === 0 ? '' : ` · user levels: ${operation.userLevels.join(', ')}`;
  return { label: `${operation.method} ${operation.path}`, description: operation.summary, detail: `${scopes}${levels}` };
}

/** A proposed scope: what it grants of the chosen operations, and what else. */
export function proposedChoiceText(catalogue: ScopeCatalogue, scope: string, chosen: readonly ApiOperation[]): ChoiceText {
  const granted = catalogue.operationsOf(scope);
  const used = chosen.filter((operation) => operation.scopes.includes(scope));
  const extra = granted.filter((operation) => !chosen.includes(operation));
  return {
    label: scope,
    description: `${scopeAccess(scope)} · for ${plural(used.length, 'chosen operation')}`,
    detail: extra.length === 0 ? 'Grants nothing else' : `Also grants: ${summariesText(extra)}`,
  };
}

/** The review's heading: how many scopes for how many operations, what else they grant, what they cannot speak for. */
export function proposalText(proposal: ScopeProposal, chosenCount: number): string {
  const one = proposal.scopes.length === 1;
  const fewest = proposal.optimal ? '' : ' (close to the fewest)';
  const covers = `${plural(proposal.scopes.length, 'scope')}${fewest} ${one ? 'covers' : 'cover'} ${plural(chosenCount, 'chosen operation')}`;
  const grant = one ? 'grants' : 'grant';
  const also = proposal.alsoGranted.length === 0 ? `${grant} nothing else` : `also ${grant} ${plural(proposal.alsoGranted.length, 'other operation')}`;
  let text = `${covers} and ${also}`;
  if (proposal.unknown.length > 0) text += `. The specs name no scope for: ${summariesText(proposal.unknown)}`;
  return `${text}.`;
}

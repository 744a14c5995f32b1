// The scope step of Create Token and Edit Scopes: a searchable multi-pick of the catalogue's scopes, "Pick by API"
// (choose operations, get the fewest scopes that allow them) and free entry. Each step throws UserCancelled when dismissed.
import { ALL_SCOPES } from '../../../core/model';
import type { ApiOperation, ScopeCatalogue } from '../../../core/scopes/catalogue';
import { loadScopeCatalogue } from '../../../core/scopes/load';
import { proposeScopes } from '../../../core/scopes/propose';
import { scopesByVersion, searchScopes } from '../../../core/scopes/search';
import { checkExtraScopes, parseScopeList } from '../../prompts/inputChecks';
import { operationChoiceText, proposalText, proposedChoiceText, scopeChoiceText } from './scopeChoices';
import { requireStringArray, type ArgumentObject } from '../../prompts/args';
import type { Item, PickAction, WizardStep } from '../../prompts/prompts';
import { t } from '../../view/l10n';

export interface ScopeDraft {
  scope: string[];
}

interface ScopeItem extends Item {
  scope: string;
}

interface OperationItem extends Item {
  operation: ApiOperation;
}

type ScopeAction = 'pickByApi' | 'otherScopes';

/** Title-bar buttons, not rows, so that ticking every row ("Toggle all") ticks scopes only. */
function scopeActions(): PickAction<ScopeAction>[] {
  return [
    { id: 'pickByApi', tooltip: t('Pick by API…'), icon: 'list-selection' },
    { id: 'otherScopes', tooltip: t('Other scopes…'), icon: 'edit' },
  ];
}

function emptyScopesMessage(): string {
  return t('Choose at least one scope; {0} stands for every right you have.', ALL_SCOPES);
}

/** Scripts give the scopes as they are, known or not. */
function scopesFromArgs(args: ArgumentObject): ScopeItem[] {
  return requireStringArray(args, 'scope').map((scope) => ({ label: scope, scope }));
}

function scopeItem(catalogue: ScopeCatalogue, scope: string): ScopeItem {
  return { ...scopeChoiceText(catalogue, scope), scope };
}

/** The current scopes first (unknown ones flagged), then every other scope of the catalogue, v3 ones first. */
function scopeItems(catalogue: ScopeCatalogue, current: readonly string[]): ScopeItem[] {
  const rest = catalogue.scopes.filter((scope) => !current.includes(scope));
  return [...current, ...scopesByVersion(catalogue, rest)].map((scope) => scopeItem(catalogue, scope));
}

/** Every typed word, in any order, in a scope's name or what it grants: v3 scopes before v1 ones. */
function scopeSearch(catalogue: ScopeCatalogue, items: readonly ScopeItem[]): (text: string) => ScopeItem[] {
  const byScope = new Map(items.map((item) => [item.scope, item]));
  return (text) => searchScopes(catalogue, text, [...byScope.keys()]).flatMap((scope) => byScope.get(scope) ?? []);
}

/**
 * The steps that ask for scopes, ending with `next`: a pick from the catalogue; then, as chosen there, the
 * operations to cover and the proposed scopes to confirm, and free entry. An empty scope list is never accepted.
 */
export function scopeSteps<S extends ScopeDraft>(note: string, next: WizardStep<S> | undefined): WizardStep<S> {
  let wantsMore = false;
  let chosen: ApiOperation[] = [];
  const askMore: WizardStep<S> = async (input, draft) => {
    const text = await input.inputText({
      name: 'scope',
      prompt: t('More scopes, separated by spaces or commas'),
      placeholder: t('idn:access-request:manage idn:sod-policy:read'),
      validate: (value) => checkExtraScopes(value, draft.scope.length),
    });
    draft.scope = [...new Set([...draft.scope, ...parseScopeList(text)])];
    return next;
  };
  const askReview: WizardStep<S> = async (input, draft) => {
    const catalogue = await loadScopeCatalogue();
    const proposal = proposeScopes(catalogue, chosen);
    const proposed = proposal.scopes.map((scope) => ({ ...proposedChoiceText(catalogue, scope, chosen), scope }));
    const kept = draft.scope.filter((scope) => !proposal.scopes.includes(scope)).map((scope) => scopeItem(catalogue, scope));
    const items = [...proposed, ...kept];
    const picked = await input.pickMany<ScopeItem>({
      name: 'scope',
      placeholder: t('{0} Untick what you do not want.', proposalText(proposal, chosen.length)),
      items,
      selected: items,
      matchOnDetail: true,
      emptyMessage: emptyScopesMessage(),
    });
    draft.scope = picked.map((item) => item.scope);
    return wantsMore ? askMore : next;
  };
  const askOperations: WizardStep<S> = async (input) => {
    const catalogue = await loadScopeCatalogue();
    const items: OperationItem[] = catalogue.operations.map((operation) => ({ ...operationChoiceText(operation), operation }));
    const picked = await input.pickMany({
      name: 'scope',
      placeholder: t('The operations your script calls: search by summary, method or path'),
      items,
      selected: items.filter((item) => chosen.includes(item.operation)),
      matchOnDetail: true,
      emptyMessage: t('Choose at least one operation.'),
    });
    chosen = picked.map((item) => item.operation);
    return askReview;
  };
  const askPicked: WizardStep<S> = async (input, draft) => {
    const catalogue = await loadScopeCatalogue();
    const items = scopeItems(catalogue, draft.scope);
    const picked = await input.pickManyOrAct(
      {
        name: 'scope',
        placeholder: t('Scopes of the token: type to search by scope or by what it grants; the buttons above pick by API or take typed scopes. {0}', note).trim(),
        items,
        selected: items.filter((item) => draft.scope.includes(item.scope)),
        search: scopeSearch(catalogue, items),
        emptyMessage: emptyScopesMessage(),
        fromArguments: scopesFromArgs,
      },
      scopeActions(),
    );
    draft.scope = picked.items.map((item) => item.scope);
    wantsMore = picked.action === 'otherScopes';
    if (picked.action === 'pickByApi') return askOperations;
    return wantsMore ? askMore : next;
  };
  return askPicked;
}

// Filter Tokens: show only the tokens whose name, owner or scopes hold every word typed.
import { PatError } from '../../../core/errors';
import type { ArgumentObject } from '../../prompts/args';
import { t } from '../../view/l10n';
import type { PatCommand } from '../runner';
import { applyTextFilter } from './textFilter';

/** Scripts pass `{ text }`; an empty string clears the filter, as an empty answer does for a person. */
function textFromArgs(args: ArgumentObject): string {
  if (typeof args.text !== 'string') throw new PatError('invalid-input', t('The argument "text" must be a string (an empty one clears the filter).'));
  return args.text;
}

export const filterTokensCommand: PatCommand = {
  id: 'sailpointPat.filterTokens',
  async run(run) {
    const text = await run.ask.titled(t('Filter Tokens')).inputText({
      name: 'text',
      prompt: t('Show only tokens whose name, owner or scopes contain every word (any order). Empty shows all.'),
      value: run.ui.tree.filters.text,
      fromArguments: textFromArgs,
    });
    await applyTextFilter(run.ui, text);
    return undefined;
  },
};

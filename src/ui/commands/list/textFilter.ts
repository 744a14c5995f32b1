// The view's text filter, shared by Filter Tokens and Clear Token Filter: the tree hides what does not match, and the
// view's description says a filter is on, so no one takes a filtered tree for the whole list.
import * as vscode from 'vscode';
import { filterWords, MAX_FILTER_LENGTH } from '../../../core/ops/tokenFilter';
import { inertText } from '../../../core/validation';
import { TOKEN_FILTER_ACTIVE_CONTEXT } from '../../ids';
import { t } from '../../view/l10n';
import type { UiContext } from '../runner';

/** Applies `text` (empty: no filter) to the tree, the view's description and the Clear button's context key. */
export async function applyTextFilter(ui: UiContext, text: string): Promise<void> {
  const shownText = inertText(text.slice(0, MAX_FILTER_LENGTH)).trim();
  const words = filterWords(text);
  ui.tree.setTextFilter(words, words.length === 0 ? '' : shownText);
  ui.treeView.description = words.length === 0 ? undefined : t('Filter: {0}', shownText);
  await vscode.commands.executeCommand('setContext', TOKEN_FILTER_ACTIVE_CONTEXT, words.length > 0);
}

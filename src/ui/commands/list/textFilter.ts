// The view's filters, shared by Filter Tokens, "Needs attention" and Clear Token Filter: the tree hides what does not
// match, and the view's description says which filters are on, so no one takes a filtered tree for the whole list.
import * as vscode from 'vscode';
import { filterWords, MAX_FILTER_LENGTH } from '../../../core/ops/tokenFilter';
import { inertText } from '../../../core/validation';
import { TOKEN_FILTER_ACTIVE_CONTEXT } from '../../ids';
import { t } from '../../view/l10n';
import type { UiContext } from '../runner';

/** True while the view shows only tokens with a health flag; the view title then offers Show Every Token. */
const ATTENTION_FILTER_ACTIVE_CONTEXT = 'sailpointPat.attentionFilterActive';

/** Applies `text` (empty: no text filter) to the tree, the view's description and the Clear button's context key. */
export async function applyTextFilter(ui: UiContext, text: string): Promise<void> {
  const shownText = inertText(text.slice(0, MAX_FILTER_LENGTH)).trim();
  const words = filterWords(text);
  ui.tree.setFilters({ words, text: words.length === 0 ? '' : shownText });
  await showFilters(ui);
}

/** Turns "Needs attention" (only tokens with a health flag) on or off; the text filter stays as it is. */
export async function applyAttentionFilter(ui: UiContext, attentionOnly: boolean): Promise<void> {
  ui.tree.setFilters({ attentionOnly });
  await showFilters(ui);
}

/** Both filters off in one step: one click in the view title. */
export async function clearFilters(ui: UiContext): Promise<void> {
  ui.tree.setFilters({ words: [], text: '', attentionOnly: false });
  await showFilters(ui);
}

/** The description names every filter that is on; the context keys pick the view title's buttons. */
async function showFilters(ui: UiContext): Promise<void> {
  const { text, attentionOnly } = ui.tree.filters;
  const parts = [...(attentionOnly ? [t('Needs attention')] : []), ...(text === '' ? [] : [t('Filter: {0}', text)])];
  ui.treeView.description = parts.length === 0 ? undefined : parts.join(' · ');
  await vscode.commands.executeCommand('setContext', ATTENTION_FILTER_ACTIVE_CONTEXT, attentionOnly);
  await vscode.commands.executeCommand('setContext', TOKEN_FILTER_ACTIVE_CONTEXT, parts.length > 0);
}

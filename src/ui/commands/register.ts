// Registers every command at activation but loads the commands' code (prompts, wizards, rotation, export) on the
// first run: showing the view needs none of it, and the bundle VS Code loads at start-up stays small.
import * as vscode from 'vscode';
import { loadOnce } from '../../core/lazyLoad';
import { COMMAND_IDS } from '../ids';
import { ANSWERED_RUN_TEST_COMMAND, HEALTH_OVERVIEW_TEST_COMMAND, PSEUDO_LOCALE_TEST_COMMAND } from '../testHooks';
import type { AnsweredRunRequest } from './testRuns.js';
import type { UiContext } from './runner';

export function registerCommands(ui: UiContext, mode: vscode.ExtensionMode): vscode.Disposable[] {
  const load = loadOnce(() => import('./index.js'));
  const commands = COMMAND_IDS.map((id) =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => (await load()).runCommandById(ui, id, args)),
  );
  // The code-scan hover works before any scan (issue 23 §4): its code rides in the commands' chunk, loaded on the
  // first hover; the scanner and the catalogue load on the first hover over a line that may hold a call.
  commands.push(vscode.languages.registerHoverProvider('*', { provideHover: async (document, position) => (await load()).provideCodeHover(document, position) }));
  // The build that ships has no test hooks (WITH_TEST_HOOKS is false: esbuild drops this branch and the testRuns chunk).
  if (WITH_TEST_HOOKS && mode === vscode.ExtensionMode.Test) {
    // The hooks' code is a chunk of its own: a person's first command does not read the test queue.
    const tests = loadOnce(() => import('./testRuns.js'));
    commands.push(vscode.commands.registerCommand(ANSWERED_RUN_TEST_COMMAND, async (request: AnsweredRunRequest) => (await tests()).runWithAnswers(ui, request, (await load()).runCommandById)));
    commands.push(vscode.commands.registerCommand(PSEUDO_LOCALE_TEST_COMMAND, async (on: unknown) => (await tests()).usePseudoLocale(on === true)));
    commands.push(vscode.commands.registerCommand(HEALTH_OVERVIEW_TEST_COMMAND, async (request?: { message?: unknown }) => (await load()).healthOverviewForTests(request?.message)));
  }
  return commands;
}

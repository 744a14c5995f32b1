// Registers every command at activation but loads the commands' code (prompts, wizards, rotation, export) on the
// first run: showing the view needs none of it, and the bundle VS Code loads at start-up stays small.
import * as vscode from 'vscode';
import { loadOnce } from '../../core/lazyLoad';
import { COMMAND_IDS } from '../ids';
import type { UiContext } from './runner';

export function registerCommands(ui: UiContext): vscode.Disposable[] {
  const load = loadOnce(() => import('./index.js'));
  return COMMAND_IDS.map((id) =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => (await load()).runCommandById(ui, id, args)),
  );
}

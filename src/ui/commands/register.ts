// Registers every command at activation but loads the commands' code (prompts, wizards, rotation, export) on the
// first run: showing the view needs none of it, and the bundle VS Code loads at start-up stays small.
import * as vscode from 'vscode';
import { COMMAND_IDS } from '../ids';
import type { UiContext } from './runner';

type CommandsModule = typeof import('./index.js');

export function registerCommands(ui: UiContext): vscode.Disposable[] {
  let loading: Promise<CommandsModule> | undefined;
  // A failed load is not kept, so the next run tries again.
  const load = (): Promise<CommandsModule> =>
    (loading ??= import('./index.js').catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
  return COMMAND_IDS.map((id) =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => (await load()).runCommandById(ui, id, args)),
  );
}

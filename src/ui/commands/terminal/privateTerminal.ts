// A terminal whose process gets secret environment variables that no other extension can read from the terminal API.
//
// Why this mechanism: `createTerminal({ env })` keeps the options object as `terminal.creationOptions`, which every
// extension reads through `window.terminals`, `activeTerminal` and `onDidOpenTerminal`. VS Code serialises the options
// for the terminal process synchronously inside `createTerminal` and then keeps our object, frozen only at its top
// level. So the environment is handed over in that call and emptied right after it, before any other code can run:
// the shell is VS Code's own (its pty, the person's profile, line editing, Ctrl-C, colours, shell integration), and
// no file, pipe or argument ever holds the secret. A pseudoterminal would need a pty of its own to stay a real shell,
// and a private file would put its path in the shell's arguments, which other extensions read too.
import * as vscode from 'vscode';
import { t } from '../../view/l10n';

export interface PrivateTerminalOptions {
  name: string;
  iconPath?: vscode.ThemeIcon;
  /** Handed to the terminal's process only. */
  env: Record<string, string>;
}

/** What another extension can see of a terminal's environment (the empty object we leave behind). */
function visibleEnv(terminal: vscode.Terminal): Record<string, string | null | undefined> {
  const options = terminal.creationOptions as Readonly<vscode.TerminalOptions>;
  return options.env ?? {};
}

function holdsAnyOf(env: Record<string, string | null | undefined>, secrets: readonly string[]): boolean {
  return Object.values(env).some((value) => typeof value === 'string' && secrets.includes(value));
}

/**
 * Opens a transient terminal (terminal persistence never saves it, environment included) whose process holds `env`;
 * the terminal object other extensions see holds none of it. Throws, with the terminal closed, if this VS Code kept a
 * copy of the environment where extensions can read it.
 */
export function openPrivateTerminal(options: PrivateTerminalOptions): vscode.Terminal {
  const handedOver: Record<string, string> = { ...options.env };
  const values = Object.values(handedOver);
  const terminal = vscode.window.createTerminal({ name: options.name, iconPath: options.iconPath, env: handedOver, isTransient: true });
  let emptied = true;
  try {
    for (const name of Object.keys(handedOver)) delete handedOver[name];
  } catch {
    emptied = false;
  }
  if (!emptied || holdsAnyOf(visibleEnv(terminal), values)) {
    terminal.dispose();
    throw new Error(t('This VS Code shows a new terminal\'s environment to every extension, so no terminal was opened signed in.'));
  }
  return terminal;
}

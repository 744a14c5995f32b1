// The test-mode-only hooks' code (registered by register.ts under ExtensionMode.Test alone): a chunk of its own that
// imports nothing from the commands chunk, so the queue of answers and the pseudo-locale are never read when a person
// runs a command.
import * as vscode from 'vscode';
import type { CommandId } from '../ids';
import { QueuedPrompts, type QueuedAnswer, type Shown } from '../prompts/queuedPrompts';
import type { PatNode } from '../tree/patNode';
import { pseudoLocalised } from '../pseudoLocale';
import { useTranslator } from '../view/l10n';
import type { runCommandById } from './index';
import type { UiContext } from './runner';

/** Behind the test-mode-only hook: `t()` speaks the pseudo-locale (`true`) or VS Code's display language again. */
export function usePseudoLocale(on: boolean): void {
  useTranslator(on ? pseudoLocalised : (message, ...args) => vscode.l10n.t(message, ...args));
}

/** A test's run of one command as a person: the answers it gave, what it was shown, and what went wrong with the queue. */
export interface AnsweredRun {
  shown: Shown[];
  unused: QueuedAnswer[];
  /** An unexpected prompt, a wrong kind of answer, or answers left over. */
  failure?: string;
  /** What the command resolved to (a script's result). */
  result?: unknown;
}

export interface AnsweredRunRequest {
  command: CommandId;
  node?: PatNode;
  selection?: PatNode[];
  /** Files or folders, as the Explorer's context menu passes them (vscode.Uri). */
  resources?: unknown[];
  /** Runs it as a script with this argument object; the answers then go to the modals only a person answers. */
  args?: Record<string, unknown>;
  answers: QueuedAnswer[];
}

/** Behind the test-mode-only hook (see register.ts): runs the command (through `run`, the commands chunk's) as a person who gives these answers. */
export async function runWithAnswers(ui: UiContext, request: AnsweredRunRequest, run: typeof runCommandById): Promise<AnsweredRun> {
  const prompts = new QueuedPrompts([...request.answers]);
  let failure: string | undefined;
  let result: unknown;
  try {
    const invocation =
      request.args !== undefined ? [request.args] : request.resources !== undefined ? [request.resources[0], request.resources] : [request.node, request.selection];
    result = await run(ui, request.command, invocation, prompts);
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
  }
  failure = prompts.failure ?? failure;
  if (failure === undefined && prompts.unused.length > 0) failure = `${prompts.unused.length} answer(s) left unused: ${JSON.stringify(prompts.unused)}`;
  return { shown: prompts.shown, unused: [...prompts.unused], failure, result };
}

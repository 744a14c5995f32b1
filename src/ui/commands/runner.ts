// The one wrapper every command runs in: progress and cancellation for network steps, silence when the user
// cancels, errors logged (redacted) and shown with actions; with an argument object, no prompts and a plain rejection.
import * as vscode from 'vscode';
import { isPatError } from '../../core/errors';
import type { Logger } from '../../core/ports';
import { errorText } from '../../core/messages';
import { errorActions, type ErrorAction } from '../view/presentation';
import type { PatService } from '../../core/patService';
import type { SecretClipboard } from '../clipboard';
import type { CommandId } from '../ids';
import { UserCancelled } from '../prompts/wizard';
import type { PatNode, TenantNode, TokenNode } from '../tree/nodes';
import type { PatTreeDataProvider } from '../tree/patTreeDataProvider';
import type { ArgumentObject } from './args';

export interface UiContext {
  service: PatService;
  tree: PatTreeDataProvider;
  logger: Logger;
  logChannel: vscode.LogOutputChannel;
  clipboard: SecretClipboard;
}

export interface PatCommand {
  id: CommandId;
  /** From the tree (the node and, with multi-select, every selected node) or the palette (nothing): may prompt. */
  interactive(run: CommandRun, node: PatNode | undefined, selection: readonly PatNode[] | undefined): Promise<void>;
  /** From a script with an argument object: never prompts; resolves with the documented result. */
  automated(run: CommandRun, args: ArgumentObject): Promise<unknown>;
}

export interface NetworkOptions {
  /** Nodes that show `busyLabel` and a spinner while the step runs. */
  busy?: readonly (TenantNode | TokenNode)[];
  busyLabel?: string;
  /** False for steps that must not be repeated blindly (creating a token). */
  retryable?: boolean;
  cancellable?: boolean;
  /** The tenant concerned, to offer Update Credentials when it rejects them. */
  tenantId?: string;
}

/** The failure was already shown to the user with its actions. */
class AlreadyReported extends Error {}

const ACTION_LABELS: Record<ErrorAction, string> = {
  retry: 'Retry',
  updateCredentials: 'Update Credentials',
  showLog: 'Show Log',
};

function isCancellation(error: unknown): boolean {
  return error instanceof UserCancelled || isPatError(error, 'cancelled');
}

export class CommandRun {
  constructor(
    readonly ui: UiContext,
    readonly automated: boolean,
    private readonly commandId: CommandId,
  ) {}

  /** Runs a network step with a progress notification; the signal aborts when the user cancels. */
  async network<T>(title: string, work: (signal: AbortSignal) => Promise<T>, options: NetworkOptions = {}): Promise<T> {
    for (;;) {
      try {
        return await this.withProgress(title, work, options);
      } catch (error) {
        if (this.automated || isCancellation(error)) throw error;
        this.logFailure(error);
        const action = await this.showError(error, options.retryable ?? true, options.tenantId);
        if (action !== 'retry') throw new AlreadyReported();
      }
    }
  }

  /** An outcome worth a word to a person; scripts get the result instead. */
  inform(message: string): void {
    if (!this.automated) void vscode.window.showInformationMessage(message);
  }

  logFailure(error: unknown): void {
    this.ui.logger.error(`${this.commandId} failed: ${errorText(error)}`);
  }

  /** Shows the error with its actions and carries out the ones that need no caller; returns the choice. */
  async showError(error: unknown, retryable: boolean, tenantId?: string): Promise<ErrorAction | undefined> {
    const actions = errorActions(error).filter(
      (action) => (action !== 'retry' || retryable) && (action !== 'updateCredentials' || tenantId !== undefined),
    );
    const labels = actions.map((action) => ACTION_LABELS[action]);
    const chosen = await vscode.window.showErrorMessage(errorText(error), ...labels);
    const action = actions.find((each) => ACTION_LABELS[each] === chosen);
    if (action === 'showLog') this.ui.logChannel.show(true);
    if (action === 'updateCredentials' && tenantId !== undefined) {
      await vscode.commands.executeCommand('sailpointPat.updateCredentials', this.ui.tree.tenantNode(tenantId));
    }
    return action;
  }

  private async withProgress<T>(title: string, work: (signal: AbortSignal) => Promise<T>, options: NetworkOptions): Promise<T> {
    const progressOptions = {
      location: vscode.ProgressLocation.Notification,
      title,
      cancellable: options.cancellable ?? true,
    };
    return await vscode.window.withProgress(progressOptions, async (_progress, token) => {
      const abort = new AbortController();
      const subscription = token.onCancellationRequested(() => abort.abort(new UserCancelled()));
      try {
        const step = (): Promise<T> => work(abort.signal);
        const nodes = options.busy ?? [];
        return await (nodes.length === 0 ? step() : this.ui.tree.busy(nodes, options.busyLabel ?? `${title}`, step));
      } catch (error) {
        throw abort.signal.aborted ? new UserCancelled() : error;
      } finally {
        subscription.dispose();
      }
    });
  }
}

function isArgumentObject(value: unknown): value is ArgumentObject {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof vscode.TreeItem) &&
    !(value instanceof vscode.Uri)
  );
}

/** Runs one command invocation as VS Code delivered it: a tree node (and selection), nothing, or an argument object. */
export async function runCommand(ui: UiContext, command: PatCommand, args: unknown[]): Promise<unknown> {
  const [first, second] = args;
  const automated = isArgumentObject(first);
  const run = new CommandRun(ui, automated, command.id);
  try {
    if (automated) return await command.automated(run, first);
    const node = first instanceof vscode.TreeItem ? (first as PatNode) : undefined;
    const selection = Array.isArray(second) ? (second as PatNode[]) : undefined;
    await command.interactive(run, node, selection);
    return undefined;
  } catch (error) {
    if (error instanceof AlreadyReported) return undefined;
    if (isCancellation(error)) {
      if (automated) throw new Error('The operation was cancelled.', { cause: error });
      return undefined;
    }
    run.logFailure(error);
    if (automated) throw new Error(errorText(error), { cause: error });
    await run.showError(error, false);
    return undefined;
  }
}

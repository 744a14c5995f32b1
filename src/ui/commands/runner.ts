// The one wrapper every command runs in: progress and cancellation for network steps, silence when the user
// cancels, errors logged (redacted) and shown with actions; with an argument object, no prompts and a plain rejection.
// A command's body asks its questions through `run.ask`: VS Code's prompts, the argument object, or a test's queue.
import * as vscode from 'vscode';
import { isCancellation, UserCancelled } from '../../core/errors';
import type { Logger } from '../../core/ports';
import { errorText } from '../../core/messages';
import { inertText } from '../../core/validation';
import { errorActions, type ErrorAction } from '../view/errorActions';
import type { PatService } from '../../core/patService';
import type { SecretClipboard } from '../clipboard';
import type { CommandId } from '../ids';
import type { LogView } from '../log';
import { ArgumentPrompts } from '../prompts/argumentPrompts';
import { inertPrompts, type ConfirmQuestion, type Prompts } from '../prompts/prompts';
import { VsCodePrompts } from '../prompts/vscodePrompts';
import type { PatNode } from '../tree/patNode';
import type { BusyKey, PatTreeDataProvider } from '../tree/patTreeDataProvider';
import type { ArgumentObject } from '../prompts/args';
import { t } from '../view/l10n';

export interface UiContext {
  service: PatService;
  tree: PatTreeDataProvider;
  treeView: vscode.TreeView<PatNode>;
  logger: Logger;
  logChannel: LogView;
  clipboard: SecretClipboard;
}

/** What the command was invoked on: a tree node (and, with multi-select, every selected node), nothing, or an argument object. */
export interface Invocation {
  node?: PatNode;
  selection?: readonly PatNode[];
  args?: ArgumentObject;
  /** The files or folders of the Explorer's or the editor's context menu (all selected ones). */
  resources?: readonly vscode.Uri[];
}

export interface PatCommand {
  id: CommandId;
  /** The one body: asks through `run.ask`; resolves with the result the automation contract documents. */
  run(run: CommandRun, invocation: Invocation): Promise<unknown>;
}

/** Runs another command with the same prompts (e.g. Update Credentials offered by an error). */
export type RunOther = (id: CommandId, node: PatNode | undefined, ask: Prompts) => Promise<unknown>;

export interface NetworkOptions {
  /** Tenants and tokens that show `busyLabel` and a spinner while the step runs, across refreshes. */
  busy?: readonly BusyKey[];
  busyLabel?: string;
  /** False for steps that must not be repeated blindly (creating a token). */
  retryable?: boolean;
  cancellable?: boolean;
  /** The tenant concerned, to offer Update Credentials when it rejects them. */
  tenantId?: string;
  /** Failures the caller handles itself: thrown on without being shown. */
  passThrough?: (error: unknown) => boolean;
}

/** Tells the progress notification how far a step got; `increment` in percent of the whole. */
export type ProgressReport = (message: string, increment?: number) => void;

/** The failure was already shown to the user with its actions. */
class AlreadyReported extends Error {}

const ACTION_LABELS: Record<ErrorAction, () => string> = {
  retry: () => t('Retry'),
  updateCredentials: () => t('Update Credentials'),
  showLog: () => t('Show Log'),
};

export class CommandRun {
  constructor(
    readonly ui: UiContext,
    readonly ask: Prompts,
    private readonly commandId: CommandId,
    private readonly runOther: RunOther,
    /** Who answers a modal only a person may answer, also when a script called: VS Code's own (a test's queue). */
    private readonly person: Prompts = ask,
  ) {}

  /**
   * A modal the person at this VS Code answers, whoever invoked the command (a script or another extension cannot
   * answer it through its argument object); throws UserCancelled unless the button is pressed.
   */
  async confirmByPerson(question: ConfirmQuestion): Promise<void> {
    await this.person.confirm(question);
  }

  /** A script called with an argument object: it gets results and errors, never a notification. */
  get automated(): boolean {
    return !this.ask.person;
  }

  /** Shows the tenant selected in the view (after adding it); a view still opening may refuse, which changes nothing. */
  async revealTenant(tenantId: string): Promise<void> {
    await this.ui.tree.getChildren();
    const node = this.ui.tree.tenantNode(tenantId);
    if (node === undefined) return;
    await Promise.resolve(this.ui.treeView.reveal(node, { select: true, focus: true })).catch((error: unknown) => {
      this.ui.logger.info(`Could not reveal the new tenant: ${errorText(error)}`);
    });
  }

  /** Runs another command, asking through the same prompts. */
  async other(id: CommandId, node: PatNode | undefined): Promise<void> {
    await this.runOther(id, node, this.ask);
  }

  /** Runs a network step with a progress notification; the signal aborts when the user cancels. */
  async network<T>(title: string, work: (signal: AbortSignal, report: ProgressReport) => Promise<T>, options: NetworkOptions = {}): Promise<T> {
    for (;;) {
      try {
        return await this.withProgress(title, work, options);
      } catch (error) {
        if (this.automated || isCancellation(error) || options.passThrough?.(error) === true) throw error;
        this.logFailure(error);
        const action = await this.showError(error, options.retryable ?? true, options.tenantId);
        if (action !== 'retry') throw new AlreadyReported();
      }
    }
  }

  /** An outcome worth a word to a person; scripts get the result instead. */
  inform(message: string): void {
    if (!this.automated) void this.ask.message({ severity: 'info', message, actions: [] });
  }

  logFailure(error: unknown): void {
    this.ui.logger.error(`${this.commandId} failed: ${errorText(error)}`);
  }

  /** Shows the error with its actions and carries out the ones that need no caller; returns the choice. */
  async showError(error: unknown, retryable: boolean, tenantId?: string): Promise<ErrorAction | undefined> {
    const actions = errorActions(error).filter(
      (action) => (action !== 'retry' || retryable) && (action !== 'updateCredentials' || tenantId !== undefined),
    );
    const labels = actions.map((action) => ACTION_LABELS[action]());
    const chosen = await this.ask.message({ severity: 'error', message: errorText(error), actions: labels });
    const action = actions.find((each) => ACTION_LABELS[each]() === chosen);
    if (action === 'showLog') this.ui.logChannel.show(true);
    if (action === 'updateCredentials' && tenantId !== undefined) {
      await this.other('sailpointPat.updateCredentials', this.ui.tree.tenantNode(tenantId));
    }
    return action;
  }

  private async withProgress<T>(title: string, work: (signal: AbortSignal, report: ProgressReport) => Promise<T>, options: NetworkOptions): Promise<T> {
    const progressOptions = {
      location: vscode.ProgressLocation.Notification,
      // A progress notification renders links like any other: the title often names a token.
      title: inertText(title),
      cancellable: options.cancellable ?? true,
    };
    return await vscode.window.withProgress(progressOptions, async (progress, token) => {
      const abort = new AbortController();
      const subscription = token.onCancellationRequested(() => abort.abort(new UserCancelled()));
      try {
        const step = (): Promise<T> => work(abort.signal, (message, increment) => progress.report({ message: inertText(message), increment }));
        const nodes = options.busy ?? [];
        // A failure after Cancel is passed on as it is: only a cancellation itself may end the command silently.
        return await (nodes.length === 0 ? step() : this.ui.tree.busy(nodes, options.busyLabel ?? `${title}`, step));
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

/** The Explorer passes the clicked resource and the whole selection; the editor only the document's. */
function resourcesOf(first: unknown, second: unknown): vscode.Uri[] | undefined {
  if (!(first instanceof vscode.Uri)) return undefined;
  const selected = Array.isArray(second) ? second.filter((each): each is vscode.Uri => each instanceof vscode.Uri) : [];
  return selected.length > 0 ? selected : [first];
}

/**
 * Runs one command invocation as VS Code delivered it: a tree node (and selection), nothing, or an argument object.
 * `ask` replaces VS Code's prompts for a person (the tests' queue); an argument object always answers for itself,
 * except at `confirmByPerson`, which the person answers.
 */
export async function runCommand(ui: UiContext, command: PatCommand, args: unknown[], runOther: RunOther, ask?: Prompts): Promise<unknown> {
  const [first, second] = args;
  const automated = isArgumentObject(first);
  const person = inertPrompts(ask ?? new VsCodePrompts());
  const prompts = automated ? new ArgumentPrompts(first) : person;
  const run = new CommandRun(ui, prompts, command.id, runOther, person);
  try {
    if (automated) return await command.run(run, { args: first });
    const node = first instanceof vscode.TreeItem ? (first as PatNode) : undefined;
    const selection = Array.isArray(second) && !(first instanceof vscode.Uri) ? (second as PatNode[]) : undefined;
    await command.run(run, { node, selection, resources: resourcesOf(first, second) });
    return undefined;
  } catch (error) {
    if (error instanceof AlreadyReported) return undefined;
    if (isCancellation(error)) {
      if (automated) throw new Error(t('The operation was cancelled.'), { cause: error });
      return undefined;
    }
    run.logFailure(error);
    if (automated) throw new Error(errorText(error), { cause: error });
    await run.showError(error, false);
    return undefined;
  }
}

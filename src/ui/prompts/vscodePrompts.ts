// The questions as VS Code asks them: input boxes and quick picks (with step numbers and Back in a wizard), modals
// and notifications, the save dialog. Every prompt throws UserCancelled when dismissed.
import * as vscode from 'vscode';
import {
  UserCancelled,
  WentBack,
  confirmItems,
  modalItems,
  type ConfirmQuestion,
  type Item,
  type MessageQuestion,
  type PickAction,
  type PickManyOutcome,
  type PickManyQuestion,
  type PickOneQuestion,
  type Prompts,
  type SaveQuestion,
  type SearchPickQuestion,
  type TextQuestion,
} from './prompts';
import { t } from '../view/l10n';

/** Searches wait for a pause in typing this long, so a name typed quickly costs one request, not one a letter. */
export const SEARCH_PAUSE_MS = 300;

type Input = vscode.QuickInput & { buttons: readonly vscode.QuickInputButton[]; onDidTriggerButton: vscode.Event<vscode.QuickInputButton> };

/**
 * A quick pick has no validation message: the prompt line under the box (newer than the VS Code 1.74 API we target)
 * shows the reason in full; older releases only have the placeholder.
 */
function showPickReason<T extends vscode.QuickPickItem>(pick: vscode.QuickPick<T>, reason: string | undefined): void {
  const withPrompt = pick as vscode.QuickPick<T> & { prompt?: string };
  if ('prompt' in pick) withPrompt.prompt = reason;
  else if (reason !== undefined) pick.placeholder = reason;
}

/**
 * Replaces the pick's filter with the question's search: each typed text shows the search's items (always shown, so
 * VS Code's filter hides none). Returns what is ticked, in the items' order: ticks of items hidden by the text stay.
 */
function ownSearch<T extends Item>(pick: vscode.QuickPick<T>, question: PickManyQuestion<T>, search: (text: string) => readonly T[]): () => T[] {
  const shownAs = new Map<T, T>(question.items.map((item) => [item, { ...item, alwaysShow: true }]));
  const original = new Map<T, T>([...shownAs].map(([item, shown]) => [shown, item]));
  const ticked = new Set<T>(question.selected ?? []);
  let visible: readonly T[] = question.items;
  const showFor = (text: string): void => {
    visible = search(text);
    pick.items = visible.map((item) => shownAs.get(item) ?? item);
    pick.selectedItems = visible.filter((item) => ticked.has(item)).map((item) => shownAs.get(item) ?? item);
  };
  pick.matchOnDescription = false;
  pick.matchOnDetail = false;
  showFor('');
  pick.onDidChangeValue(showFor);
  // Only the rows shown can change; the event after our own change of rows carries the same ticks.
  pick.onDidChangeSelection((selection) => {
    const now = new Set(selection.map((item) => original.get(item) ?? item));
    for (const item of visible) {
      if (now.has(item)) ticked.add(item);
      else ticked.delete(item);
    }
  });
  return () => question.items.filter((item) => ticked.has(item));
}

export class VsCodePrompts implements Prompts {
  readonly person = true;

  constructor(
    private readonly title?: string,
    private readonly step = 1,
    private readonly totalSteps: number | null = 1,
  ) {}

  titled(title: string, step = 1, total: number | null = 1): Prompts {
    return new VsCodePrompts(title, step, total);
  }

  inputText(question: TextQuestion): Promise<string> {
    const box = vscode.window.createInputBox();
    this.decorate(box);
    box.prompt = question.prompt;
    box.value = question.value ?? '';
    box.placeholder = question.placeholder;
    box.password = question.password ?? false;
    box.ignoreFocusOut = true;
    box.validationMessage = question.problem;
    const check = (value: string): string | undefined => question.validate?.(value);
    return this.show(box, (resolve, disposables) => {
      disposables.push(
        box.onDidChangeValue((value) => (box.validationMessage = check(value))),
        box.onDidAccept(() => {
          const problem = check(box.value);
          box.validationMessage = problem;
          if (problem === undefined) resolve(box.value);
        }),
      );
    });
  }

  async pickOne<T extends Item>(question: PickOneQuestion<T>): Promise<T> {
    if (question.skipIfOne === true && question.items.length === 1) return question.items[0];
    const pick = this.createPick(question, false);
    if (question.active !== undefined) pick.activeItems = [question.active];
    return this.show(pick, (resolve, disposables) => {
      disposables.push(
        pick.onDidAccept(() => {
          if (pick.activeItems.length > 0) resolve(pick.activeItems[0]);
        }),
      );
    });
  }

  async pickMany<T extends Item>(question: PickManyQuestion<T>): Promise<T[]> {
    return (await this.pickManyOrAct(question, [])).items;
  }

  pickManyOrAct<T extends Item, A extends string>(question: PickManyQuestion<T>, actions: readonly PickAction<A>[]): Promise<PickManyOutcome<T, A>> {
    const pick = this.createPick(question, true);
    if (question.selected !== undefined) pick.selectedItems = question.selected;
    // Actions sit in the title bar beside Back, where "Toggle all" cannot tick them.
    const buttons = new Map<vscode.QuickInputButton, A>(actions.map((action) => [{ iconPath: new vscode.ThemeIcon(action.icon), tooltip: action.tooltip }, action.id]));
    pick.buttons = [...pick.buttons, ...buttons.keys()];
    const emptyMessage = question.emptyMessage ?? t('Choose at least one item.');
    const ticked = question.search === undefined ? undefined : ownSearch(pick, question, question.search);
    const chosen = (): T[] => ticked?.() ?? [...pick.selectedItems];
    return this.show(pick, (resolve, disposables) => {
      disposables.push(
        pick.onDidChangeSelection((items) => {
          if (items.length > 0) showPickReason(pick, undefined);
        }),
        pick.onDidTriggerButton((button) => {
          const action = buttons.get(button);
          if (action !== undefined) resolve({ items: chosen(), action });
        }),
        pick.onDidAccept(() => {
          const items = chosen();
          if (items.length > 0) resolve({ items });
          else showPickReason(pick, emptyMessage);
        }),
      );
    });
  }

  searchPick<T extends Item>(question: SearchPickQuestion<T>): Promise<T> {
    const pick = vscode.window.createQuickPick<T>();
    this.decorate(pick);
    pick.placeholder = question.placeholder;
    pick.matchOnDescription = true;
    pick.matchOnDetail = true;
    pick.items = question.fixedItems;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let running: AbortController | undefined;
    const search = (text: string): void => {
      running?.abort();
      const abort = new AbortController();
      running = abort;
      pick.busy = true;
      question.search(text, abort.signal).then(
        (found) => {
          // A newer search, or the pick closing, made this answer stale.
          if (running !== abort || abort.signal.aborted) return;
          showPickReason(pick, undefined);
          // Matches keep the server's order; the fixed items always show, whatever the box's own filter says.
          pick.items = [...found.map((item) => ({ ...item, alwaysShow: true })), ...question.fixedItems.map((item) => ({ ...item, alwaysShow: true }))];
          pick.busy = false;
        },
        (error: unknown) => {
          if (running !== abort || abort.signal.aborted) return;
          showPickReason(pick, question.searchFailed(error));
          pick.busy = false;
        },
      );
    };
    return this.show(pick, (resolve, disposables) => {
      disposables.push(
        pick.onDidChangeValue((text) => {
          clearTimeout(timer);
          timer = setTimeout(() => search(text), SEARCH_PAUSE_MS);
        }),
        pick.onDidAccept(() => {
          const chosen = pick.activeItems[0];
          if (chosen === undefined) return;
          resolve(chosen);
        }),
        {
          dispose: () => {
            clearTimeout(timer);
            running?.abort();
          },
        },
      );
    });
  }

  async confirm(question: ConfirmQuestion): Promise<void> {
    const answer = await vscode.window.showWarningMessage(question.message, { modal: true, detail: question.detail }, ...confirmItems(question));
    if (answer?.title !== question.button) throw new UserCancelled();
  }

  async message<A extends string>(question: MessageQuestion<A>): Promise<A | undefined> {
    const options: vscode.MessageOptions = { modal: question.modal ?? false, detail: question.detail };
    const items = modalItems(question.actions, question.closeAction);
    const show =
      question.severity === 'error' ? vscode.window.showErrorMessage : question.severity === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
    const answer = await show(question.message, options, ...items);
    return question.actions.find((action) => action === answer?.title);
  }

  async saveLocation(question: SaveQuestion): Promise<string> {
    const target = await vscode.window.showSaveDialog({
      title: question.title,
      saveLabel: question.saveLabel,
      defaultUri: question.suggestedUri === undefined ? undefined : vscode.Uri.parse(question.suggestedUri, true),
      filters: question.filters,
    });
    if (target === undefined) throw new UserCancelled();
    return target.toString();
  }

  private createPick<T extends Item>(question: PickOneQuestion<T> | PickManyQuestion<T>, many: boolean): vscode.QuickPick<T> {
    const pick = vscode.window.createQuickPick<T>();
    this.decorate(pick);
    pick.placeholder = question.placeholder;
    pick.canSelectMany = many;
    pick.matchOnDescription = true;
    pick.matchOnDetail = question.matchOnDetail ?? false;
    pick.ignoreFocusOut = many;
    pick.items = question.items;
    return pick;
  }

  private decorate(input: Input): void {
    input.title = this.title;
    // With no total (steps that vary), VS Code shows the step number alone.
    if (this.totalSteps === null || this.totalSteps > 1) {
      input.step = this.step;
      input.totalSteps = this.totalSteps ?? undefined;
    }
    input.buttons = this.step > 1 ? [vscode.QuickInputButtons.Back] : [];
  }

  private show<Q extends Input, R>(input: Q, wire: (resolve: (value: R) => void, disposables: vscode.Disposable[]) => void): Promise<R> {
    const disposables: vscode.Disposable[] = [];
    return new Promise<R>((resolve, reject) => {
      let settled = false;
      const settle = (action: () => void): void => {
        if (settled) return;
        settled = true;
        action();
        input.hide();
      };
      wire((value) => settle(() => resolve(value)), disposables);
      disposables.push(
        input.onDidTriggerButton((button) => {
          if (button === vscode.QuickInputButtons.Back) settle(() => reject(new WentBack()));
        }),
        input.onDidHide(() => settle(() => reject(new UserCancelled()))),
      );
      input.show();
    }).finally(() => {
      for (const disposable of disposables) disposable.dispose();
      input.dispose();
    });
  }
}

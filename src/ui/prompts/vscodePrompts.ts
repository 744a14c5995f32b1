// The questions as VS Code asks them: input boxes and quick picks (with step numbers and Back in a wizard), modals
// and notifications, the save dialog. Every prompt throws UserCancelled when dismissed.
import * as vscode from 'vscode';
import {
  UserCancelled,
  WentBack,
  type ConfirmQuestion,
  type Item,
  type MessageQuestion,
  type PickManyQuestion,
  type PickOneQuestion,
  type Prompts,
  type SaveQuestion,
  type TextQuestion,
} from './prompts';
import { t } from '../view/l10n';

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

export class VsCodePrompts implements Prompts {
  readonly person = true;

  constructor(
    private readonly title?: string,
    private readonly step = 1,
    private readonly totalSteps = 1,
  ) {}

  titled(title: string, step = 1, total = 1): Prompts {
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

  pickMany<T extends Item>(question: PickManyQuestion<T>): Promise<T[]> {
    const pick = this.createPick(question, true);
    if (question.selected !== undefined) pick.selectedItems = question.selected;
    const emptyMessage = question.emptyMessage ?? t('Choose at least one item.');
    return this.show(pick, (resolve, disposables) => {
      disposables.push(
        pick.onDidChangeSelection((items) => {
          if (items.length > 0) showPickReason(pick, undefined);
        }),
        pick.onDidAccept(() => {
          const chosen = [...pick.selectedItems];
          if (chosen.length > 0) resolve(chosen);
          else showPickReason(pick, emptyMessage);
        }),
      );
    });
  }

  async confirm(question: ConfirmQuestion): Promise<void> {
    const answer = await vscode.window.showWarningMessage(question.message, { modal: true, detail: question.detail }, question.button);
    if (answer !== question.button) throw new UserCancelled();
  }

  async message<A extends string>(question: MessageQuestion<A>): Promise<A | undefined> {
    const options: vscode.MessageOptions = { modal: question.modal ?? false, detail: question.detail };
    const actions = [...question.actions];
    if (question.severity === 'error') return await vscode.window.showErrorMessage(question.message, options, ...actions);
    if (question.severity === 'warning') return await vscode.window.showWarningMessage(question.message, options, ...actions);
    return await vscode.window.showInformationMessage(question.message, options, ...actions);
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
    if (this.totalSteps > 1) {
      input.step = this.step;
      input.totalSteps = this.totalSteps;
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

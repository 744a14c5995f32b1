// Multi-step input with a Back button: each step is a function that asks one thing and returns the next step.
// Prompts throw UserCancelled when dismissed, so a command can just stop; the command wrapper keeps that silent.
import * as vscode from 'vscode';

export class UserCancelled extends Error {
  constructor() {
    super('Cancelled.');
    this.name = 'UserCancelled';
  }
}

class WentBack extends Error {}

export interface InputOptions {
  prompt: string;
  value?: string;
  placeholder?: string;
  password?: boolean;
  /** A message for the user, or undefined when the value is acceptable. Runs as the user types. */
  validate?: (value: string) => string | undefined;
}

export interface PickOptions<T extends vscode.QuickPickItem> {
  placeholder: string;
  items: readonly T[];
  selected?: readonly T[];
  /** Refuses to accept an empty selection, with this message. */
  emptyMessage?: string;
  /** Typing also filters on each item's detail line. */
  matchOnDetail?: boolean;
}

/** The prompts of one step; the step number and the Back button come from the wizard. */
export class WizardInput {
  constructor(
    private readonly title: string,
    private readonly step: number,
    private readonly totalSteps: number,
  ) {}

  inputBox(options: InputOptions): Promise<string> {
    const box = vscode.window.createInputBox();
    this.decorate(box);
    box.prompt = options.prompt;
    box.value = options.value ?? '';
    box.placeholder = options.placeholder;
    box.password = options.password ?? false;
    box.ignoreFocusOut = true;
    const check = (value: string): string | undefined => options.validate?.(value);
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

  pickOne<T extends vscode.QuickPickItem>(options: PickOptions<T>): Promise<T> {
    return this.pick(options, false).then((items) => items[0]);
  }

  pickMany<T extends vscode.QuickPickItem>(options: PickOptions<T>): Promise<T[]> {
    return this.pick(options, true);
  }

  private pick<T extends vscode.QuickPickItem>(options: PickOptions<T>, many: boolean): Promise<T[]> {
    const pick = vscode.window.createQuickPick<T>();
    this.decorate(pick);
    pick.placeholder = options.placeholder;
    pick.canSelectMany = many;
    pick.matchOnDescription = true;
    pick.matchOnDetail = options.matchOnDetail ?? false;
    pick.ignoreFocusOut = many;
    pick.items = options.items;
    if (options.selected !== undefined) {
      if (many) pick.selectedItems = options.selected;
      else pick.activeItems = options.selected;
    }
    return this.show(pick, (resolve, disposables) => {
      disposables.push(
        pick.onDidAccept(() => {
          const chosen = many ? [...pick.selectedItems] : [...pick.activeItems];
          // QuickPick has no validation message: an empty accept keeps it open and says why in the placeholder.
          if (chosen.length > 0) resolve(chosen);
          else pick.placeholder = options.emptyMessage ?? 'Choose at least one item.';
        }),
      );
    });
  }

  private decorate(input: vscode.QuickInput & { buttons: readonly vscode.QuickInputButton[] }): void {
    input.title = this.title;
    if (this.totalSteps > 1) {
      input.step = this.step;
      input.totalSteps = this.totalSteps;
    }
    input.buttons = this.step > 1 ? [vscode.QuickInputButtons.Back] : [];
  }

  private show<Q extends vscode.QuickInput & { onDidTriggerButton: vscode.Event<vscode.QuickInputButton> }, R>(
    input: Q,
    wire: (resolve: (value: R) => void, disposables: vscode.Disposable[]) => void,
  ): Promise<R> {
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

/** One step: asks, records into the state, returns the next step or undefined when done. */
export type WizardStep<S> = (input: WizardInput, state: S) => Promise<WizardStep<S> | undefined>;

/** Runs steps in order; Back re-runs the previous step with the values entered so far. */
export async function runWizard<S>(title: string, totalSteps: number, first: WizardStep<S>, state: S): Promise<S> {
  const history: WizardStep<S>[] = [];
  let current: WizardStep<S> | undefined = first;
  while (current !== undefined) {
    try {
      const input = new WizardInput(title, history.length + 1, Math.max(totalSteps, history.length + 1));
      const next: WizardStep<S> | undefined = await current(input, state);
      history.push(current);
      current = next;
    } catch (error) {
      if (!(error instanceof WentBack)) throw error;
      current = history.pop() ?? current;
    }
  }
  return state;
}

/** A single prompt outside a wizard. */
export function singleInput(title: string): WizardInput {
  return new WizardInput(title, 1, 1);
}

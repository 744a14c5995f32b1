// The test implementation: answers come from a queue, as a person would give them, and everything shown is
// recorded. A prompt with no answer left, an answer of the wrong kind, or an answer left over fails the run.
import {
  confirmItems,
  defaultModalButton,
  modalItems,
  UserCancelled,
  WentBack,
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

/**
 * What the person does at a prompt: types text (input), picks the item with that label (pick one), presses the
 * button with that label (modal, message), enters a path (save dialog); ticks exactly these labels (pick many);
 * presses Escape; presses Back; types `search` into a search pick and, once its matches are shown, picks `pick`;
 * ticks `ticked` (none by default) in a multi-pick and presses its title-bar button with the tooltip `press`;
 * types `type` into a multi-pick with a search of its own and ends with exactly `tick` ticked (shown or ticked before).
 */
export type QueuedAnswer =
  | string
  | string[]
  | { escape: true }
  | { back: true }
  | { search: string; pick: string }
  | { press: string; ticked?: string[] }
  | { type: string; tick: string[] };

export type ShownKind = 'text' | 'pickOne' | 'pickMany' | 'searchPick' | 'confirm' | 'message' | 'save';

/** One prompt or message as the person saw it. */
export interface Shown {
  kind: ShownKind;
  title?: string;
  /** "2/5" inside a wizard. */
  step?: string;
  /** The prompt, placeholder or message. */
  text: string;
  detail?: string;
  severity?: string;
  value?: string;
  /** Labels of the items or buttons offered. */
  options?: string[];
  /** Tooltips of a multi-pick's title-bar actions. */
  actions?: string[];
  /** The items' descriptions, in the order of `options` (multi-picks). */
  descriptions?: string[];
  /** A modal's button that Enter presses (VS Code's rule: the first that is not the close affordance). */
  defaultOption?: string;
  /** A modal's button that Escape takes in place of VS Code's own Cancel. */
  closeOption?: string;
  /** Labels ticked or active when it opened. */
  selected?: string[];
  /** The validation message it opened with. */
  problem?: string;
  /** Validation messages of answers it refused, in order. */
  refused: string[];
}

export class QueueFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QueueFailure';
  }
}

const ICON = /^\$\([a-z-~]+\)\s*/;

function plainLabel(label: string): string {
  return label.replace(ICON, '');
}

function describe(answer: QueuedAnswer): string {
  return JSON.stringify(answer);
}

export class QueuedPrompts implements Prompts {
  readonly person = true;
  readonly shown: Shown[] = [];
  /** The first thing that went wrong with the queue; a run with one fails however the command ended. */
  failure: string | undefined;

  constructor(
    private readonly answers: QueuedAnswer[],
    private readonly title?: string,
    private readonly step?: string,
    private readonly root?: QueuedPrompts,
  ) {}

  get unused(): readonly QueuedAnswer[] {
    return this.owner().answers;
  }

  titled(title: string, step = 1, total: number | null = 1): Prompts {
    const counter = total === null ? String(step) : total > 1 ? `${step}/${total}` : undefined;
    return new QueuedPrompts([], title, counter, this.owner());
  }

  async inputText(question: TextQuestion): Promise<string> {
    const shown = this.record({ kind: 'text', text: question.prompt, value: question.value ?? '', problem: question.problem });
    for (;;) {
      const answer = this.next(shown);
      if (typeof answer !== 'string') throw this.fail(`the input "${question.prompt}" got ${describe(answer)}`);
      const problem = question.validate?.(answer);
      if (problem === undefined) return Promise.resolve(answer);
      shown.refused.push(problem);
    }
  }

  async pickOne<T extends Item>(question: PickOneQuestion<T>): Promise<T> {
    if (question.skipIfOne === true && question.items.length === 1) return Promise.resolve(question.items[0]);
    const shown = this.record({
      kind: 'pickOne',
      text: question.placeholder,
      options: question.items.map((item) => item.label),
      selected: question.active === undefined ? undefined : [question.active.label],
    });
    const answer = this.next(shown);
    if (typeof answer !== 'string') throw this.fail(`the pick "${question.placeholder}" got ${describe(answer)}`);
    return Promise.resolve(this.itemLabelled(question.items, answer, shown));
  }

  async pickMany<T extends Item>(question: PickManyQuestion<T>): Promise<T[]> {
    return (await this.pickManyOrAct(question, [])).items;
  }

  pickManyOrAct<T extends Item, A extends string>(question: PickManyQuestion<T>, actions: readonly PickAction<A>[]): Promise<PickManyOutcome<T, A>> {
    const shown = this.record({
      kind: 'pickMany',
      text: question.placeholder,
      options: question.items.map((item) => item.label),
      descriptions: question.items.map((item) => item.description ?? ''),
      selected: (question.selected ?? []).map((item) => item.label),
      ...(actions.length > 0 ? { actions: actions.map((action) => action.tooltip) } : {}),
    });
    for (;;) {
      const answer = this.next(shown);
      if (typeof answer === 'object' && 'press' in answer) {
        const action = actions.find((each) => each.tooltip === answer.press);
        if (action === undefined) throw this.fail(`the multi-pick "${question.placeholder}" has no button ${describe(answer)}`);
        return Promise.resolve({ items: (answer.ticked ?? []).map((label) => this.itemLabelled(question.items, label, shown)), action: action.id });
      }
      if (typeof answer === 'object' && 'type' in answer && question.search !== undefined) {
        // What the person sees after typing; what they ticked before stays ticked, shown or not.
        const visible = question.search(answer.type);
        shown.value = answer.type;
        shown.options = visible.map((item) => item.label);
        const items = answer.tick.map((label) => this.itemLabelled([...visible, ...(question.selected ?? [])], label, shown));
        if (items.length > 0) return Promise.resolve({ items });
        shown.refused.push(question.emptyMessage ?? t('Choose at least one item.'));
        continue;
      }
      if (!Array.isArray(answer)) throw this.fail(`the multi-pick "${question.placeholder}" got ${describe(answer)}`);
      const items = answer.map((label) => this.itemLabelled(question.items, label, shown));
      if (items.length > 0) return Promise.resolve({ items });
      shown.refused.push(question.emptyMessage ?? t('Choose at least one item.'));
    }
  }

  /** The search runs once for the typed text, as it does when typing pauses; `options` are then the items shown. */
  async searchPick<T extends Item>(question: SearchPickQuestion<T>): Promise<T> {
    const shown = this.record({ kind: 'searchPick', text: question.placeholder, options: question.fixedItems.map((item) => item.label) });
    const answer = this.next(shown);
    if (typeof answer !== 'object' || Array.isArray(answer) || !('search' in answer)) throw this.fail(`the search pick "${question.placeholder}" got ${describe(answer)}`);
    let found: T[] = [];
    try {
      found = await question.search(answer.search, new AbortController().signal);
    } catch (error) {
      shown.problem = question.searchFailed(error);
    }
    const items = [...found, ...question.fixedItems];
    shown.value = answer.search;
    shown.options = items.map((item) => item.label);
    shown.descriptions = items.map((item) => item.description ?? '');
    return this.itemLabelled(items, answer.pick, shown);
  }

  async confirm(question: ConfirmQuestion): Promise<void> {
    const items = confirmItems(question);
    const shown = this.record({
      kind: 'confirm',
      text: question.message,
      detail: question.detail,
      options: items.map((item) => item.title),
      defaultOption: defaultModalButton(items),
      severity: 'warning',
    });
    const answer = this.next(shown);
    if (answer === question.button) return Promise.resolve();
    if ((typeof answer === 'object' && 'escape' in answer) || (question.keep !== undefined && answer === question.keep)) throw new UserCancelled();
    throw this.fail(`the modal "${question.message}" offers only ${items.map((item) => `"${item.title}"`).join(', ')} or Escape, not ${describe(answer)}`);
  }

  async message<A extends string>(question: MessageQuestion<A>): Promise<A | undefined> {
    const shown = this.record({
      kind: 'message',
      text: question.message,
      detail: question.detail,
      severity: question.modal === true ? `${question.severity} modal` : question.severity,
      options: [...question.actions],
      ...(question.modal === true ? { defaultOption: defaultModalButton(modalItems(question.actions, question.closeAction)), closeOption: question.closeAction } : {}),
    });
    // A notification without buttons needs nothing from the person.
    if (question.actions.length === 0) return Promise.resolve(undefined);
    const answer = this.next(shown);
    if (typeof answer === 'object' && 'escape' in answer) return Promise.resolve(question.modal === true ? question.closeAction : undefined);
    const action = question.actions.find((each) => each === answer);
    if (action === undefined) throw this.fail(`the message "${question.message}" has no button ${describe(answer)}`);
    return Promise.resolve(action);
  }

  async saveLocation(question: SaveQuestion): Promise<string> {
    const shown = this.record({ kind: 'save', text: question.title, value: question.suggestedUri });
    const answer = this.next(shown);
    if (typeof answer === 'string') return Promise.resolve(answer);
    throw this.fail(`the save dialog "${question.title}" got ${describe(answer)}`);
  }

  private owner(): QueuedPrompts {
    return this.root ?? this;
  }

  private record(entry: Omit<Shown, 'refused' | 'title' | 'step'>): Shown {
    const shown: Shown = { ...entry, title: this.title, step: this.step, refused: [] };
    this.owner().shown.push(shown);
    return shown;
  }

  /** The next answer; Escape and Back act here, as they do at any prompt. */
  private next(shown: Shown): Exclude<QueuedAnswer, { back: true }> {
    const answer = this.owner().answers.shift();
    if (answer === undefined) throw this.fail(`no answer left for the ${shown.kind} "${shown.text}"`);
    if (typeof answer === 'object' && 'back' in answer) {
      if (this.step === undefined || this.step === '1' || this.step.startsWith('1/')) throw this.fail(`Back pressed at "${shown.text}", which has no Back button`);
      throw new WentBack();
    }
    if (typeof answer === 'object' && !Array.isArray(answer) && 'escape' in answer && shown.kind !== 'confirm' && shown.kind !== 'message') {
      throw new UserCancelled();
    }
    return answer;
  }

  private itemLabelled<T extends Item>(items: readonly T[], label: string, shown: Shown): T {
    const item = items.find((each) => each.label === label || plainLabel(each.label) === label);
    if (item === undefined) throw this.fail(`"${shown.text}" offers no item "${label}"`);
    return item;
  }

  private fail(message: string): QueueFailure {
    const owner = this.owner();
    owner.failure ??= message;
    return new QueueFailure(message);
  }
}

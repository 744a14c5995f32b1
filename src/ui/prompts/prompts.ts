// The questions a command asks, as one small interface with three implementations: VS Code's real prompts
// (vscodePrompts.ts), the automation contract's answers from the argument object (argumentPrompts.ts), and a queue of
// answers for tests (queuedPrompts.ts). A command's body is written once against it. No `vscode` import here.
import { UserCancelled } from '../../core/errors';
import { inertText, quoted, stripUnsafeCharacters } from '../../core/validation';
import type { ArgumentObject } from './args';

// One kind of "cancelled" (the core's): the command wrapper asks a single question, isCancellation.
export { UserCancelled };

/** The user pressed a wizard's Back button. */
export class WentBack extends Error {}

export interface Item {
  label: string;
  description?: string;
  detail?: string;
  alwaysShow?: boolean;
}

interface Question {
  /** The argument that answers this question in the automation contract; named in its error when missing. */
  name: string;
}

export interface TextQuestion extends Question {
  prompt: string;
  value?: string;
  placeholder?: string;
  password?: boolean;
  /** A message for the user, or undefined when the value is acceptable. Runs as the user types. */
  validate?: (value: string) => string | undefined;
  /** Shown as the input's validation message when it opens (why the last answer did not work). */
  problem?: string;
  /** The answer from the argument object; by default the argument `name` as a non-empty string. */
  fromArguments?: (args: ArgumentObject) => string;
}

interface PickQuestion<T extends Item> extends Question {
  placeholder: string;
  items: readonly T[];
  /** Typing also filters on each item's detail line. */
  matchOnDetail?: boolean;
}

export interface PickOneQuestion<T extends Item> extends PickQuestion<T> {
  /** The item the cursor starts on. */
  active?: T;
  /** With a single item there is nothing to ask (people only; the automation contract still reads its argument). */
  skipIfOne?: boolean;
  fromArguments?: (args: ArgumentObject) => T;
}

export interface PickManyQuestion<T extends Item> extends PickQuestion<T> {
  selected?: readonly T[];
  /** Our own search in place of VS Code's filter (which wants the typed text contiguous): the items shown for the text, in order. */
  search?: (text: string) => readonly T[];
  /** Refuses an empty selection with this validation message. */
  emptyMessage?: string;
  fromArguments?: (args: ArgumentObject) => T[];
}

/**
 * A title-bar button of a multi-pick that leaves it for another step with what is ticked so far: an action, never an
 * item, so "Toggle all" cannot tick it.
 */
export interface PickAction<A extends string> {
  id: A;
  /** The button's tooltip; a queued answer presses the button by this text. */
  tooltip: string;
  /** A codicon name, e.g. 'list-selection'. */
  icon: string;
}

/** What a multi-pick with actions ended with: the ticked items, and the action pressed if one was. */
export interface PickManyOutcome<T extends Item, A extends string> {
  items: T[];
  action?: A;
}

/** A pick whose items come from a search as the person types (e.g. identities by name), with items always offered. */
export interface SearchPickQuestion<T extends Item> extends Question {
  placeholder: string;
  /** Offered whatever is typed, after the matches (e.g. "Enter an id…"). */
  fixedItems: readonly T[];
  /** The matches for the typed text; runs once typing pauses, and a newer search aborts the older one. */
  search: (text: string, signal: AbortSignal) => Promise<T[]>;
  /** What the search failing says in the pick (the fixed items stay). */
  searchFailed: (error: unknown) => string;
  fromArguments?: (args: ArgumentObject) => T;
}

/** A modal that asks before something destructive; only `button` goes ahead. */
export interface ConfirmQuestion extends Question {
  message: string;
  detail?: string;
  button: string;
  /** The safe choice ("Keep Token"), offered first so that Enter takes it; a destructive modal names one. */
  keep?: string;
}

export type Severity = 'info' | 'warning' | 'error';

/** A message with buttons (a modal when `modal`); resolves with the button pressed, undefined when dismissed. */
export interface MessageQuestion<A extends string> {
  severity: Severity;
  message: string;
  detail?: string;
  modal?: boolean;
  actions: readonly A[];
  /** The action Escape and the close button take, shown in place of VS Code's own Cancel (so no two buttons mean one thing). */
  closeAction?: A;
  /** Scripts see no messages; a question whose answer matters reads it from the argument object. */
  fromArguments?: (args: ArgumentObject) => A | undefined;
}

/** A modal's button as VS Code's MessageItem describes it. */
export interface ModalItem {
  title: string;
  isCloseAffordance: boolean;
}

/**
 * The buttons of a modal, in the order given. VS Code makes the first item that is not the close affordance the
 * default (Enter) and shows the close affordance as the Cancel button (Escape); without one it adds a Cancel of its own.
 */
export function modalItems(titles: readonly string[], closeTitle?: string): ModalItem[] {
  return titles.map((title) => ({ title, isCloseAffordance: title === closeTitle }));
}

/** The button Enter presses, by VS Code's rule above. */
export function defaultModalButton(items: readonly ModalItem[]): string | undefined {
  return items.find((item) => !item.isCloseAffordance)?.title;
}

/** A confirmation's buttons: the safe choice first, so Enter never does what the modal warns about. */
export function confirmItems(question: ConfirmQuestion): ModalItem[] {
  return modalItems(question.keep === undefined ? [question.button] : [question.keep, question.button]);
}

export interface SaveQuestion extends Question {
  title: string;
  saveLabel: string;
  /** A URI (as a string) suggested to the user; a remote or virtual window's files have no local path. */
  suggestedUri?: string;
  filters: Record<string, string[]>;
}

export interface Prompts {
  /** True when a person answers (VS Code or a test acting as one); false for the automation contract. */
  readonly person: boolean;
  inputText(question: TextQuestion): Promise<string>;
  pickOne<T extends Item>(question: PickOneQuestion<T>): Promise<T>;
  pickMany<T extends Item>(question: PickManyQuestion<T>): Promise<T[]>;
  /** A multi-pick with title-bar actions; pressing one ends it, even with nothing ticked. Scripts press none. */
  pickManyOrAct<T extends Item, A extends string>(question: PickManyQuestion<T>, actions: readonly PickAction<A>[]): Promise<PickManyOutcome<T, A>>;
  searchPick<T extends Item>(question: SearchPickQuestion<T>): Promise<T>;
  /** Resolves when the button is pressed; throws UserCancelled otherwise. Scripts consent by calling the command. */
  confirm(question: ConfirmQuestion): Promise<void>;
  message<A extends string>(question: MessageQuestion<A>): Promise<A | undefined>;
  /** An absolute file path to write to. */
  /** A person's answer is the URI the save dialog returned, as a string; a script's is its argument as given. */
  saveLocation(question: SaveQuestion): Promise<string>;
  /** The same prompts as step `step` of `total` (null: a number that varies, not shown) in a wizard titled `title`; from step 2 they offer Back. */
  titled(title: string, step?: number, total?: number | null): Prompts;
}

/** One step: asks, records into the state, returns the next step or undefined when done. */
export type WizardStep<S> = (prompts: Prompts, state: S) => Promise<WizardStep<S> | undefined>;

/**
 * Runs steps in order; Back re-runs the previous step with the values entered so far. `done` are steps already
 * answered (to resume a wizard at a later step), so that Back still reaches them.
 */
export async function runWizard<S>(
  prompts: Prompts,
  title: string,
  /** null when optional steps make the count vary: a fixed total would read 3/3 or stop at 3/4. */
  totalSteps: number | null,
  first: WizardStep<S>,
  state: S,
  done: readonly WizardStep<S>[] = [],
): Promise<S> {
  const history: WizardStep<S>[] = [...done];
  let current: WizardStep<S> | undefined = first;
  while (current !== undefined) {
    try {
      const step = prompts.titled(title, history.length + 1, totalSteps === null ? null : Math.max(totalSteps, history.length + 1));
      const next: WizardStep<S> | undefined = await current(step, state);
      history.push(current);
      current = next;
    } catch (error) {
      if (!(error instanceof WentBack)) throw error;
      current = history.pop() ?? current;
    }
  }
  return state;
}

// quoted and shown live in core/validation.ts, the one home of display-safe text; the wizards import them from here.
export { quoted };

/** Text from a tenant or a user, safe to put into a message or a prompt. */
export function shown(text: string): string {
  return stripUnsafeCharacters(text);
}

/**
 * The one place where what a person reads in a notification or modal is made inert: every command's prompts are
 * wrapped in it, so no token name, tenant name or server text can form a link, whoever built the message.
 */
export function inertPrompts(ask: Prompts): Prompts {
  const inertDetail = (detail: string | undefined): string | undefined => (detail === undefined ? undefined : detail.split('\n').map(inertText).join('\n'));
  return {
    get person() {
      return ask.person;
    },
    inputText: (question) => ask.inputText(question),
    pickOne: (question) => ask.pickOne(question),
    pickMany: (question) => ask.pickMany(question),
    pickManyOrAct: (question, actions) => ask.pickManyOrAct(question, actions),
    searchPick: (question) => ask.searchPick(question),
    confirm: (question) => ask.confirm({ ...question, message: inertText(question.message), detail: inertDetail(question.detail) }),
    message: (question) => ask.message({ ...question, message: inertText(question.message), detail: inertDetail(question.detail) }),
    saveLocation: (question) => ask.saveLocation(question),
    titled: (title, step, total) => inertPrompts(ask.titled(title, step, total)),
  };
}

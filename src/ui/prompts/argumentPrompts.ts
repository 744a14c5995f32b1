// The automation contract's answers: every question is answered from the argument object the script passed, and a
// missing answer rejects with a message that names the argument. Nothing is shown; consent is the call itself.
import { PatError } from '../../core/errors';
import { requireString, type ArgumentObject } from './args';
import type { ConfirmQuestion, Item, MessageQuestion, PickAction, PickManyOutcome, PickManyQuestion, PickOneQuestion, Prompts, SaveQuestion, SearchPickQuestion, TextQuestion } from './prompts';
import { t } from '../view/l10n';

function missing(name: string): PatError {
  return new PatError('invalid-input', t('The argument "{0}" is missing.', name));
}

export class ArgumentPrompts implements Prompts {
  readonly person = false;

  constructor(private readonly args: ArgumentObject) {}

  titled(): Prompts {
    return this;
  }

  inputText(question: TextQuestion): Promise<string> {
    return Promise.resolve(question.fromArguments?.(this.args) ?? requireString(this.args, question.name));
  }

  pickOne<T extends Item>(question: PickOneQuestion<T>): Promise<T> {
    if (question.fromArguments === undefined) return Promise.reject(missing(question.name));
    return Promise.resolve(question.fromArguments(this.args));
  }

  pickMany<T extends Item>(question: PickManyQuestion<T>): Promise<T[]> {
    if (question.fromArguments === undefined) return Promise.reject(missing(question.name));
    return Promise.resolve(question.fromArguments(this.args));
  }

  /** A script gives the items; it presses no button. */
  async pickManyOrAct<T extends Item, A extends string>(question: PickManyQuestion<T>, _actions: readonly PickAction<A>[]): Promise<PickManyOutcome<T, A>> {
    return { items: await this.pickMany(question) };
  }

  /** A script names its answer; nothing is searched. */
  searchPick<T extends Item>(question: SearchPickQuestion<T>): Promise<T> {
    if (question.fromArguments === undefined) return Promise.reject(missing(question.name));
    return Promise.resolve(question.fromArguments(this.args));
  }

  confirm(_question: ConfirmQuestion): Promise<void> {
    return Promise.resolve();
  }

  message<A extends string>(question: MessageQuestion<A>): Promise<A | undefined> {
    return Promise.resolve(question.fromArguments?.(this.args));
  }

  saveLocation(question: SaveQuestion): Promise<string> {
    return Promise.resolve(requireString(this.args, question.name));
  }
}

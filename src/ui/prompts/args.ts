// Reading the automation contract's argument objects: wrong shapes become the message a script's author needs.
import { PatError } from '../../core/errors';
import { isSafeId } from '../../core/store/secretKeys';
import { t } from '../view/l10n';

export type ArgumentObject = Record<string, unknown>;

function invalid(name: string, expected: string): PatError {
  return new PatError('invalid-input', t('The argument "{0}" must be {1}.', name, expected));
}

export function requireString(args: ArgumentObject, name: string): string {
  const value = args[name];
  if (typeof value !== 'string' || value.trim() === '') throw invalid(name, t('a non-empty string'));
  return value;
}

/** A tenant or token id: checked where it enters, so `..` or `a/b` never reaches a lookup, a key or a URL. */
export function requireId(args: ArgumentObject, name: string): string {
  const value = requireString(args, name);
  if (!isSafeId(value)) throw invalid(name, t("an id of 1 to 128 letters, digits, '-' or '_' (no dots, slashes, escapes or spaces)"));
  return value;
}

export function optionalId(args: ArgumentObject, name: string): string | undefined {
  return args[name] === undefined ? undefined : requireId(args, name);
}

export function optionalString(args: ArgumentObject, name: string): string | undefined {
  return args[name] === undefined ? undefined : requireString(args, name);
}

export function requireStringArray(args: ArgumentObject, name: string): string[] {
  const value = args[name];
  if (!Array.isArray(value) || !value.every((item): item is string => typeof item === 'string')) {
    throw invalid(name, t('an array of strings'));
  }
  return value;
}

export function optionalNumber(args: ArgumentObject, name: string): number | undefined {
  const value = args[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw invalid(name, t('a number'));
  return value;
}

export function requireBoolean(args: ArgumentObject, name: string): boolean {
  const value = args[name];
  if (typeof value !== 'boolean') throw invalid(name, t('true or false'));
  return value;
}

export function optionalBoolean(args: ArgumentObject, name: string): boolean | undefined {
  return args[name] === undefined ? undefined : requireBoolean(args, name);
}

export function optionalChoice<T extends string>(args: ArgumentObject, name: string, choices: readonly T[]): T | undefined {
  const value = args[name];
  if (value === undefined) return undefined;
  const choice = choices.find((each) => each === value);
  if (choice === undefined) throw invalid(name, t('one of {0}', choices.join(', ')));
  return choice;
}

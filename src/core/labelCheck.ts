// What is wrong with a one-line label (a tenant or token name), as a fact: validation.ts words it for a person, and
// the tenant records read at activation use it without loading the wording.

export type LabelProblem = 'empty' | 'too-long' | 'not-one-line' | 'direction-control' | 'invalid-character';

export const MAX_DISPLAY_NAME_LENGTH = 100;

const CONTROL = /\p{Cc}/u;
const LONE_SURROGATE = /\p{Cs}/u;
/** Embeddings, overrides and isolates that can make text display in a different order than it is stored. */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/u;

export function labelProblem(value: string, maxLength: number): LabelProblem | undefined {
  const trimmed = value.trim();
  if (trimmed === '') return 'empty';
  if ([...trimmed].length > maxLength) return 'too-long';
  if (CONTROL.test(trimmed) || /[\u2028\u2029]/u.test(trimmed)) return 'not-one-line';
  if (BIDI_CONTROL.test(trimmed)) return 'direction-control';
  if (LONE_SURROGATE.test(trimmed)) return 'invalid-character';
  return undefined;
}

/** A name as Add Tenant would have saved it: valid and already trimmed. */
export function isSavedDisplayName(name: unknown): name is string {
  return typeof name === 'string' && name === name.trim() && labelProblem(name, MAX_DISPLAY_NAME_LENGTH) === undefined;
}

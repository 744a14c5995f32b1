// Test mode only: a pseudo-locale translator for the bypass test (sailpointPat.test.pseudoLocale). It loads with the
// commands, not at activation: activation registers the test command and nothing more.
import { fillPlaceholders, type MessageArgument } from './view/l10n';

const ACCENTED: Record<string, string> = { a: 'á', e: 'é', i: 'í', o: 'ö', u: 'ü', A: 'Á', E: 'É', I: 'Í', O: 'Ö', U: 'Ü' };

/** Every vowel of our own words accented; placeholders, their values and `$(icon)` names stay as they are. */
export function pseudoLocalised(message: string, ...args: MessageArgument[]): string {
  const accented = message
    .split(/(\$\([^)]*\)|\{\d+\})/)
    .map((part, index) => (index % 2 === 1 ? part : part.replace(/[aeiouAEIOU]/g, (vowel) => ACCENTED[vowel])))
    .join('');
  return fillPlaceholders(accented, ...args);
}

// core/ops: the use cases the commands run over PatService (tokens in bulk, rotation, inventory, expiry, env lines).
// The environment variables SailPoint's CLI and SDKs read, as lines a shell, a .env file or a CI secret accepts.
import { PatError } from '../errors';
import type { EnvCredentials } from '../model';
import { t } from '../l10n';

/** Characters a POSIX shell assignment takes literally (no `~`: bash expands it after `=` and `:`). */
const SHELL_LITERAL = /^[A-Za-z0-9_.:/@%+=,-]+$/;
const CONTROL_CHARACTER = /\p{Cc}/u;

/**
 * Ids, hex secrets and API URLs stay plain (`KEY=value`), which every consumer reads alike, Docker's --env-file
 * included; anything else is single-quoted POSIX-style so that a shell cannot expand or split it.
 */
export function shellValue(name: string, value: string): string {
  if (value === '' || CONTROL_CHARACTER.test(value)) {
    throw new PatError('invalid-input', t('The value of {0} is empty or contains a control character; it cannot be written as an environment line.', name));
  }
  return SHELL_LITERAL.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The variables by name, e.g. for a terminal's environment. */
export function sailEnvironment(credentials: EnvCredentials): Record<string, string> {
  return {
    SAIL_BASE_URL: credentials.baseUrl,
    SAIL_CLIENT_ID: credentials.clientId,
    SAIL_CLIENT_SECRET: credentials.clientSecret,
  };
}

export function envLines(credentials: EnvCredentials): string {
  return Object.entries(sailEnvironment(credentials))
    .map(([name, value]) => `${name}=${shellValue(name, value)}\n`)
    .join('');
}

// The few sentences the core writes itself, into the errors it reports and the inventory file; the UI shows the same.
import { redact } from './client/redact';
import { isPatError } from './errors';
import { stripUnsafeCharacters } from './validation';
import { t } from './l10n';

/** The one sentence the user is told (redacted): our message, then the server's own words and its tracking id. */
export function errorText(error: unknown): string {
  return redact(composeErrorText(error));
}

function composeErrorText(error: unknown): string {
  if (!(error instanceof Error)) return stripUnsafeCharacters(String(error));
  let text = stripUnsafeCharacters(error.message);
  if (isPatError(error)) {
    const server = error.serverMessage === undefined ? undefined : stripUnsafeCharacters(error.serverMessage);
    if (server !== undefined && server !== '' && !text.includes(server)) text += t(' Server says: {0}', server);
    if (error.trackingId !== undefined && !text.includes(error.trackingId)) {
      text += t(' (tracking id {0})', stripUnsafeCharacters(error.trackingId));
    }
  }
  return text;
}

export { listQueryText } from './listQueryText';

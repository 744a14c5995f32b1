import { t } from './l10n';
// One error type for everything the core reports; its message is what the user is told.

export type PatErrorKind =
  | 'invalid-input'
  | 'credentials-missing'
  /** The tenant's URL is not the one its stored credentials were proven against: nothing is sent until they are entered again. */
  | 'credentials-url-changed'
  | 'credentials-rejected'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'rate-limited'
  | 'server'
  | 'http'
  | 'redirect'
  | 'network'
  | 'timeout'
  | 'cancelled'
  | 'bad-response'
  | 'create-outcome-unknown'
  | 'secret-storage';

export interface PatErrorDetails {
  status?: number;
  /** The server's own message text, redacted. */
  serverMessage?: string;
  detailCode?: string;
  trackingId?: string;
  cause?: unknown;
}

export class PatError extends Error {
  readonly kind: PatErrorKind;
  readonly status: number | undefined;
  readonly serverMessage: string | undefined;
  readonly detailCode: string | undefined;
  readonly trackingId: string | undefined;

  constructor(kind: PatErrorKind, message: string, details: PatErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'PatError';
    this.kind = kind;
    this.status = details.status;
    this.serverMessage = details.serverMessage;
    this.detailCode = details.detailCode;
    this.trackingId = details.trackingId;
  }
}

export function isPatError(value: unknown, kind?: PatErrorKind): value is PatError {
  return value instanceof PatError && (kind === undefined || value.kind === kind);
}

/**
 * The one test for "the user stopped it, nothing else happened": only such errors may end a command silently.
 * An error that reports a side effect (a token created anyway, an old token already deleted) is never one, even
 * when a cancellation caused it.
 */
export function isCancellation(error: unknown): boolean {
  return isPatError(error, 'cancelled') || (error instanceof Error && error.name === 'AbortError');
}

/** The user dismissed a prompt or pressed Cancel: a cancellation in the core's own terms. */
export class UserCancelled extends PatError {
  constructor() {
    super('cancelled', t('Cancelled.'));
    this.name = 'UserCancelled';
  }
}

// One error type for everything the core reports; its message is what the user is told.

export type PatErrorKind =
  | 'invalid-input'
  | 'credentials-missing'
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

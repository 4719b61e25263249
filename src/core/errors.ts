/**
 * Every failure the core can report, as a closed set of codes. Adapters map codes to
 * transport details (HTTP status in adapters/http/errors.ts, exit codes in cli.ts).
 */
export type ErrorCode =
  | 'bad_request'
  | 'invalid_json'
  | 'validation_failed'
  | 'calendar_invalid'
  | 'unauthorized'
  | 'forbidden'
  | 'links_disabled'
  | 'guests_not_allowed'
  | 'browser_not_allowed'
  | 'not_found'
  | 'link_not_found'
  | 'link_incomplete'
  | 'link_revoked'
  | 'call_full'
  | 'call_not_open'
  | 'rate_limited'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'conflict'
  | 'invalid_recurrence'
  | 'invalid_time_zone'
  | 'invalid_time_range'
  | 'unavailable'
  /** Heavy work is queued to the limit; retry after the given seconds. */
  | 'busy'
  /** A job ran past its time limit and was stopped. */
  | 'job_timeout'
  /** A job needed more memory than a job may use and was stopped. */
  | 'job_memory'
  /** The worker running a job failed; retrying may succeed. */
  | 'job_failed'
  | 'internal';

export class AppError extends Error {
  readonly code: ErrorCode;
  /** Extra machine-readable facts for clients (e.g. which fields failed). Never secrets. */
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options?: { cause?: unknown; details?: Record<string, unknown> },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.details = options?.details;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** Why something failed; stable strings to branch on. */
export type StripeMeterErrorCode =
  /** Bad input: the message names the field and the value. Nothing was queued or sent. */
  | 'validation_error'
  /** `buffer()` with `maxQueueSize` events already held. Nothing already accepted is evicted. */
  | 'queue_full'
  /** `buffer()`/`track()` after `close()`. */
  | 'client_closed'
  /** The server refused these events for good (per-event `error`, or isolated from a refused batch). */
  | 'rejected'
  /** No response: DNS, connection refused or reset, CORS. */
  | 'network_error'
  /** No response within `timeout`. */
  | 'timeout'
  /** Any other HTTP error status. */
  | 'http_error'
  /** 429 after the retries ran out. */
  | 'rate_limited'
  /** 401 or 403. */
  | 'unauthorized'
  /** Buffered events could not be stored to survive the page (quota, blocked storage); they are kept in memory. */
  | 'storage_error'

export interface StripeMeterErrorOptions {
  code: StripeMeterErrorCode
  statusCode?: number | undefined
  /** `undefined` is accepted so a possibly-absent `x-request-id` can be passed straight on. */
  requestId?: string | undefined
  /** The wait the server's `Retry-After` asked for, in ms. */
  retryAfterMs?: number | undefined
  cause?: unknown
}

/** Brand that survives realms (iframes, workers' copies of this module), unlike `instanceof`. */
const brand = Symbol.for('stripemeter.error')

/** The one error type of the library: every failure the client reports is one of these. */
export class StripeMeterError extends Error {
  override name = 'StripeMeterError' as const
  /** What went wrong, to branch on. */
  readonly code: StripeMeterErrorCode
  /** The HTTP status, `0` when there was no response. */
  readonly statusCode: number
  /**
   * The request's id, to quote to support: the server's (its `x-request-id` header, or the
   * ingest answer's `requestId`) where it sent one, else the `x-request-id` the client sent.
   * Set on every error of a request; `undefined` only where no request was made (validation).
   */
  readonly requestId: string | undefined
  /** How long the server asked to wait (`Retry-After`, in ms) before trying again, when it did. */
  readonly retryAfterMs: number | undefined
  readonly [brand] = true

  constructor(message: string, options: StripeMeterErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.code = options.code
    this.statusCode = options.statusCode ?? 0
    this.requestId = options.requestId
    this.retryAfterMs = options.retryAfterMs
  }
}

/** True for a `StripeMeterError` from any realm or copy of this library. */
export function isStripeMeterError(value: unknown): value is StripeMeterError {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value instanceof StripeMeterError || (value as Record<symbol, unknown>)[brand] === true)
  )
}

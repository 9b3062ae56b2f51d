import type { StripeMeterError } from './StripeMeterError.js'

/**
 * A snapshot of the client's buffer. `getState()` returns the same object until something
 * changes, so it can feed `useSyncExternalStore` directly.
 */
export interface ClientState {
  /** Buffered events waiting to be sent (not counting those in flight). */
  readonly pending: number
  /** Buffered events in the request on the wire now. `pending + inFlight` are held in memory. */
  readonly inFlight: number
  /** `close()` was called: `buffer()` and `track()` now throw `client_closed`. */
  readonly closed: boolean
  /** Why the last delivery failed or which events were refused; cleared by the next clean delivery. */
  readonly lastError?: StripeMeterError
  /** When a delivery last completed. */
  readonly lastFlushAt?: Date
}

import type { BatchOutcome } from './deliverBatch.js'
import type { QueuedEvent } from './EventQueue.js'
import type { StripeMeterError } from './StripeMeterError.js'
import type { KeyedIngestEvent } from './types.js'

/**
 * One step in the life of events, as `client.onLifecycle(listener)` reports it. Each event
 * goes `buffered` (only events of `buffer()`) → `sent` (once: its first request left) →
 * `settled` (once: counted, counted before, or refused for good). Steps arrive in that order,
 * and before the `getState()` snapshot that reflects them is published.
 */
export type EventLifecycle =
  /** `buffer()` queued the event. */
  | { readonly type: 'buffered'; readonly event: KeyedIngestEvent }
  /**
   * The first request carrying these events is about to leave (resends are not reported): from
   * now on the server may count them, whatever the client hears back.
   */
  | { readonly type: 'sent'; readonly events: readonly KeyedIngestEvent[] }
  /** The server counted these events now (`accepted`) or before (`duplicate`, a resend). */
  | {
      readonly type: 'settled'
      readonly status: 'accepted' | 'duplicate'
      readonly events: readonly KeyedIngestEvent[]
    }
  /** The server refused these events for good (code `rejected`): they leave the buffer uncounted. */
  | {
      readonly type: 'settled'
      readonly status: 'rejected'
      readonly events: readonly KeyedIngestEvent[]
      readonly error: StripeMeterError
    }
  /**
   * A delivery (or storage) failed; every event stays queued and is retried, so nothing is
   * lost. The same error becomes `getState().lastError`.
   */
  | { readonly type: 'failed'; readonly error: StripeMeterError }

/** Receives each lifecycle step; registered with `client.onLifecycle(listener)`. */
export type EventLifecycleListener = (step: EventLifecycle) => void

/** The `settled` steps of a response's outcome: counted, counted before, refused (per reason). */
export function settledSteps(outcome: BatchOutcome): EventLifecycle[] {
  const steps: EventLifecycle[] = []
  if (outcome.accepted.length > 0) {
    steps.push({ type: 'settled', status: 'accepted', events: wireEvents(outcome.accepted) })
  }
  if (outcome.duplicates.length > 0) {
    steps.push({ type: 'settled', status: 'duplicate', events: wireEvents(outcome.duplicates) })
  }
  for (const { items, error } of outcome.rejected) {
    steps.push({ type: 'settled', status: 'rejected', events: wireEvents(items), error })
  }
  return steps
}

export function wireEvents(items: readonly QueuedEvent[]): KeyedIngestEvent[] {
  return items.map((item) => item.event)
}

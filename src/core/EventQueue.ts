import type { KeyedIngestEvent } from './types.js'

/** A buffered event with its place in line. */
export interface QueuedEvent {
  /** The event exactly as it goes over the wire (key and `ts` fixed once, reused on every retry). */
  readonly event: KeyedIngestEvent
  /** Position in buffering order, increasing: `flush()` waits for everything up to a number. */
  readonly seq: number
  /** The event's JSON, made once when it is first batched and reused by retries and splits. */
  json: string | undefined
}

/**
 * Where buffered events wait, in order, until each is counted or reported. The client takes
 * one batch at a time from the head, settles events as the server answers, and releases the
 * batch: whatever was not settled waits again at the head, in its order. Nothing is evicted.
 *
 * This is the seam for persistence: a storage-backed queue writes an event in `add` and
 * deletes it in `settle` (by `event.idempotencyKey`), and restores stored events with `add`.
 */
export interface EventQueue {
  /** Events held: waiting plus in flight. */
  readonly size: number
  /** Events of the taken batch not yet settled. */
  readonly inFlight: number
  /** `seq` of the oldest event held, `undefined` when empty. */
  readonly oldestSeq: number | undefined
  /** Every event held, in flight and waiting, oldest first. */
  held(): Iterable<QueuedEvent>
  /** Appends an event at the tail. */
  add(item: QueuedEvent): void
  /**
   * Takes the oldest events as the one batch in flight, up to `maxEvents` and while `fits`
   * accepts the next one (the first always fits). Throws if a batch is already out.
   */
  take(maxEvents: number, fits: (item: QueuedEvent) => boolean): QueuedEvent[]
  /**
   * Adds the oldest waiting events to the batch in flight, like `take` (the page is being left
   * mid-request: they go at once, beside it). Throws if no batch is out.
   */
  takeMore(maxEvents: number, fits: (item: QueuedEvent) => boolean): QueuedEvent[]
  /** Removes events of the batch in flight for good: counted, or reported to `onError`. */
  settle(items: readonly QueuedEvent[]): void
  /** Ends the batch in flight: its unsettled events wait again at the head, in order. */
  release(): void
  /**
   * Up to `maxEvents` waiting events that are not in flight, oldest first, without taking them.
   * Optional: the client uses it to serialise the next batch while a request is on the wire.
   */
  peekWaiting?(maxEvents: number): readonly QueuedEvent[]
}

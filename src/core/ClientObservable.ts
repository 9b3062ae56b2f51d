import type { ClientState } from './ClientState.js'
import { callSafely } from './callSafely.js'
import type { BatchOutcome } from './deliverBatch.js'
import type { EventQueue } from './EventQueue.js'
import type { DeliveredEvent } from './IngestResult.js'
import type { StripeMeterError } from './StripeMeterError.js'
import type { KeyedIngestEvent } from './types.js'

/**
 * What a client lets others watch: its state snapshot (`getState`/`subscribe`, shaped for
 * `useSyncExternalStore`) and the events it buffers and gets counted.
 */
export class ClientObservable {
  readonly #queue: EventQueue
  // Writing these records a change; `changed()` publishes it once the change is complete.
  closed = false
  lastError: StripeMeterError | undefined
  lastFlushAt: Date | undefined
  /** The snapshot `getState()` hands out; `undefined` once something changed. */
  #state: ClientState | undefined
  readonly #stateListeners = new Set<(state: ClientState) => void>()
  readonly #deliveredListeners = new Set<(events: DeliveredEvent[]) => void>()
  readonly #bufferedListeners = new Set<(event: KeyedIngestEvent) => void>()

  /** `pending` and `inFlight` are read from `queue`. */
  constructor(queue: EventQueue) {
    this.#queue = queue
  }

  getState(): ClientState {
    this.#state ??= {
      pending: this.#queue.size - this.#queue.inFlight,
      inFlight: this.#queue.inFlight,
      closed: this.closed,
      ...(this.lastError === undefined ? {} : { lastError: this.lastError }),
      ...(this.lastFlushAt === undefined ? {} : { lastFlushAt: this.lastFlushAt }),
    }
    return this.#state
  }

  /**
   * Publishes a change. With `settled`, the events a response counted go to `onDelivered`
   * listeners first, so a subscriber reading the new state sees the delivery already reflected.
   */
  changed(settled?: BatchOutcome): void {
    this.#state = undefined
    if (settled !== undefined) this.delivered(settled)
    if (this.#stateListeners.size === 0) return
    const state = this.getState()
    for (const listener of this.#stateListeners) callSafely(listener, state)
  }

  /** Tells `onDelivered` listeners which events a response counted. */
  delivered({ accepted, duplicates }: BatchOutcome): void {
    if (this.#deliveredListeners.size === 0 || accepted.length + duplicates.length === 0) return
    const events: DeliveredEvent[] = [
      ...accepted.map(({ event }): DeliveredEvent => ({ ...event, status: 'accepted' })),
      ...duplicates.map(({ event }): DeliveredEvent => ({ ...event, status: 'duplicate' })),
    ]
    for (const listener of this.#deliveredListeners) callSafely(listener, events)
  }

  buffered(event: KeyedIngestEvent): void {
    for (const listener of this.#bufferedListeners) callSafely(listener, event)
  }

  subscribe(listener: (state: ClientState) => void): () => void {
    return addListener(this.#stateListeners, listener)
  }

  onDelivered(listener: (events: DeliveredEvent[]) => void): () => void {
    return addListener(this.#deliveredListeners, listener)
  }

  onBuffered(listener: (event: KeyedIngestEvent) => void): () => void {
    return addListener(this.#bufferedListeners, listener)
  }
}

function addListener<T>(listeners: Set<T>, listener: T): () => void {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

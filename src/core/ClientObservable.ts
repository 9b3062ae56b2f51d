import type { ClientState } from './ClientState.js'
import { callSafely } from './callSafely.js'
import type { EventLifecycle, EventLifecycleListener } from './EventLifecycle.js'
import type { EventQueue } from './EventQueue.js'
import type { StripeMeterError } from './StripeMeterError.js'

/** What a change sets of the state the queue does not hold itself. */
export interface ClientStateChange {
  closed?: true
  /** `undefined` clears it. */
  lastError?: StripeMeterError | undefined
  lastFlushAt?: Date
}

/**
 * What a client lets others watch: its state snapshot (`getState`/`subscribe`, shaped for
 * `useSyncExternalStore`) and the lifecycle of its events. `update()` is the state's one
 * writer: it reports the lifecycle steps first, then publishes the snapshot that reflects them.
 */
export class ClientObservable {
  readonly #queue: EventQueue
  #closed = false
  #lastError: StripeMeterError | undefined
  #lastFlushAt: Date | undefined
  /** The snapshot `getState()` hands out; `undefined` once something changed. */
  #state: ClientState | undefined
  readonly #stateListeners = new Set<(state: ClientState) => void>()
  readonly #lifecycleListeners = new Set<EventLifecycleListener>()

  /** `pending` and `inFlight` are read from `queue`. */
  constructor(queue: EventQueue) {
    this.#queue = queue
  }

  get closed(): boolean {
    return this.#closed
  }

  /** Whether anyone listens to the lifecycle: building its steps can be skipped otherwise. */
  get observed(): boolean {
    return this.#lifecycleListeners.size > 0
  }

  getState(): ClientState {
    this.#state ??= {
      pending: this.#queue.size - this.#queue.inFlight,
      inFlight: this.#queue.inFlight,
      closed: this.#closed,
      ...(this.#lastError === undefined ? {} : { lastError: this.#lastError }),
      ...(this.#lastFlushAt === undefined ? {} : { lastFlushAt: this.#lastFlushAt }),
    }
    return this.#state
  }

  /**
   * Records a change (of the queue, which the caller made already, and of `change`): reports
   * `steps` to lifecycle listeners (`getState()` already reflects the change), then publishes
   * the new snapshot to subscribers.
   */
  update(change: ClientStateChange = {}, steps: readonly EventLifecycle[] = []): void {
    if (change.closed) this.#closed = true
    if ('lastError' in change) this.#lastError = change.lastError
    if (change.lastFlushAt !== undefined) this.#lastFlushAt = change.lastFlushAt
    this.#state = undefined
    this.report(steps)
    if (this.#stateListeners.size === 0) return
    const state = this.getState()
    for (const listener of this.#stateListeners) callSafely(listener, state)
  }

  /** Reports lifecycle steps that change nothing the state shows (events of `track()`). */
  report(steps: readonly EventLifecycle[]): void {
    if (this.#lifecycleListeners.size === 0) return
    for (const step of steps) {
      for (const listener of this.#lifecycleListeners) callSafely(listener, step)
    }
  }

  subscribe(listener: (state: ClientState) => void): () => void {
    return addListener(this.#stateListeners, listener)
  }

  onLifecycle(listener: EventLifecycleListener): () => void {
    return addListener(this.#lifecycleListeners, listener)
  }
}

function addListener<T>(listeners: Set<T>, listener: T): () => void {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

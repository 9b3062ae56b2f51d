import type { QueryClient } from '@tanstack/react-query'
import {
  type ClientState,
  createClient,
  isStripeMeterError,
  type StripeMeterClient,
  type StripeMeterClientOptions,
  StripeMeterError,
  type UsageEvent,
} from '../index.js'
import { LiveUsageStore } from './LiveUsageStore.js'
import { stripeMeterKeys } from './stripeMeterKeys.js'

/** What `useBufferStatus()` returns: the client's state, plus `track` errors, plus `flush`. */
export interface BufferStatus extends Omit<ClientState, 'lastError'> {
  /** The latest failure: a delivery error of the client or an event `track` refused. */
  lastError?: StripeMeterError
  /** Sends every buffered event now; rejects if delivery failed (the events stay queued). */
  flush: () => Promise<void>
}

export type StripeMeterErrorHandler = (
  error: StripeMeterError,
  events: readonly UsageEvent[],
) => void

export interface ProviderRuntimeOptions {
  /** A client the app owns: used, never closed. Otherwise one is made from `clientOptions`. */
  client?: StripeMeterClient
  clientOptions?: Omit<StripeMeterClientOptions, 'onError'>
  queryClient: QueryClient
  /** Whether tracking a metric adds to its total (only those get live usage). */
  isAdditive: (metric: string) => boolean
  /** Reads the provider's current `onError` prop. */
  onError: () => StripeMeterErrorHandler | undefined
}

/** Deferred long enough that StrictMode's simulated unmount and remount cancel it. */
const RELEASE_DELAY_MS = 0

/**
 * Everything one `<StripeMeterProvider>` holds, without React: the client (created on first
 * use, so a render on the server or a render React throws away never makes one), live usage,
 * and the buffer status that `useBufferStatus` reads through `useSyncExternalStore`.
 */
export class ProviderRuntime {
  readonly queryClient: QueryClient
  readonly live: LiveUsageStore
  readonly #options: ProviderRuntimeOptions
  #client: StripeMeterClient | undefined
  #disconnect: (() => void) | undefined
  #releaseTimer: ReturnType<typeof setTimeout> | undefined
  readonly #statusListeners = new Set<() => void>()
  #status: BufferStatus
  #clientState: ClientState | undefined
  #statusStale = false
  #lastError: StripeMeterError | undefined
  readonly #reported = new WeakSet<Error>()

  constructor(options: ProviderRuntimeOptions) {
    this.#options = options
    this.queryClient = options.queryClient
    this.live = new LiveUsageStore({
      isAdditive: options.isAdditive,
      onStale: (customerRefs) => {
        for (const customerRef of customerRefs) {
          void this.queryClient.invalidateQueries({
            queryKey: stripeMeterKeys.customer(customerRef),
          })
        }
      },
    })
    this.#status = idleStatus(this.flush)
  }

  /** The client, created (and listened to) on first use. */
  get client(): StripeMeterClient {
    if (this.#client === undefined) {
      const { client, clientOptions } = this.#options
      this.#client =
        client ??
        createClient({
          ...(clientOptions as StripeMeterClientOptions),
          onError: (error, events) => {
            this.live.forget(new Set(events.map((event) => event.idempotencyKey ?? '')))
            this.#report(error, events)
          },
        })
      this.#connect(this.#client)
    }
    return this.#client
  }

  get owned(): boolean {
    return this.#options.client === undefined
  }

  /** Buffers an event; never throws unless asked to. */
  track(event: UsageEvent, throwOnError: boolean): void {
    try {
      this.client.buffer(event)
    } catch (error) {
      if (throwOnError) throw error
      const failure = isStripeMeterError(error)
        ? error
        : new StripeMeterError(`track failed: ${String(error)}`, {
            code: 'validation_error',
            cause: error,
          })
      this.#lastError = failure
      this.#refreshStatus()
      this.#report(failure, [event])
    }
  }

  flush = (): Promise<void> => this.client.flush()

  subscribeStatus = (listener: () => void): (() => void) => {
    this.#statusListeners.add(listener)
    return () => this.#statusListeners.delete(listener)
  }

  getStatus = (): BufferStatus => {
    if (this.#statusStale) {
      this.#statusStale = false
      this.#status = this.#buildStatus()
    }
    return this.#status
  }

  /**
   * Mounted (again): cancels a release StrictMode's simulated unmount scheduled, and makes the
   * client now, in an effect, so events a previous page left stored are sent without waiting
   * for a first `track`.
   */
  retain(): void {
    clearTimeout(this.#releaseTimer)
    this.#releaseTimer = undefined
    // Hidden by <Activity> and shown again after the release ran: start over with a new client.
    if (this.owned && this.#client?.getState().closed) {
      this.#disconnect?.()
      this.#disconnect = undefined
      this.#client = undefined
      this.#refreshStatus()
    }
    void this.client
  }

  /** Unmounted: flushes and closes an owned client, stops listening to a borrowed one. */
  release(): void {
    clearTimeout(this.#releaseTimer)
    this.#releaseTimer = setTimeout(() => {
      this.#releaseTimer = undefined
      const client = this.#client
      if (client === undefined) return
      if (this.owned) {
        // close() flushes first; its failure is already in the state and reported to onError.
        // Once it settles nothing more can arrive: stop listening, drop live usage timers.
        client
          .close()
          .catch(() => {})
          .finally(() => {
            if (this.#client !== client) return
            this.#disconnect?.()
            this.#disconnect = undefined
          })
      } else {
        this.#disconnect?.()
        this.#disconnect = undefined
        this.#client = undefined
      }
    }, RELEASE_DELAY_MS)
  }

  #connect(client: StripeMeterClient): void {
    const stopLive = this.live.connect(client)
    const stopStatus = client.subscribe(() => this.#refreshStatus())
    this.#disconnect = () => {
      stopLive()
      stopStatus()
    }
    this.#refreshStatus()
  }

  /**
   * The status is rebuilt lazily, on the next `getStatus()`: tracking 10,000 events with
   * nobody reading the status costs no snapshot per event.
   */
  #refreshStatus(): void {
    const state = this.#client?.getState()
    if (state !== this.#clientState) {
      const previousError = this.#clientState?.lastError
      this.#clientState = state
      if (state?.lastError !== previousError) {
        // A new delivery failure is the latest error; the client clearing its own clears ours.
        this.#lastError = state?.lastError
        if (state?.lastError !== undefined) this.#report(state.lastError, [])
      }
    }
    this.#statusStale = true
    for (const listener of this.#statusListeners) listener()
  }

  #buildStatus(): BufferStatus {
    const next: BufferStatus = {
      ...(this.#clientState ?? idleStatus(this.flush)),
      flush: this.flush,
    }
    if (this.#lastError === undefined) delete next.lastError
    else next.lastError = this.#lastError
    return shallowEqualStatus(next, this.#status) ? this.#status : next
  }

  /** Each failure reaches `onError` once, however many paths report it. */
  #report(error: StripeMeterError, events: readonly UsageEvent[]): void {
    if (this.#reported.has(error)) return
    this.#reported.add(error)
    this.#options.onError()?.(error, events)
  }
}

function idleStatus(flush: () => Promise<void>): BufferStatus {
  return { pending: 0, inFlight: 0, closed: false, flush }
}

function shallowEqualStatus(a: BufferStatus, b: BufferStatus): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)])
  for (const key of keys) {
    if (a[key as keyof BufferStatus] !== b[key as keyof BufferStatus]) return false
  }
  return true
}

import type { QueryCacheNotifyEvent, QueryClient } from '@tanstack/react-query'
import {
  type ClientState,
  createClient,
  type EventLifecycle,
  isStripeMeterError,
  type StripeMeterClient,
  type StripeMeterClientOptions,
  StripeMeterError,
  type StripeMeterErrorHandler,
  type UsageEvent,
  type UsageResponse,
} from '../index.js'
import { warnOnce } from './developmentWarning.js'
import { LiveUsageStore } from './LiveUsageStore.js'
import { stripeMeterKeys } from './stripeMeterKeys.js'
import type { StripeMeterReader } from './stripeMeterQueries.js'

/** What `useBufferStatus()` returns: the client's state, plus `track` errors, plus `flush`. */
export interface BufferStatus extends Omit<ClientState, 'lastError'> {
  /** The latest failure: a delivery error of the client or an event `track` refused. */
  lastError?: StripeMeterError
  /** Sends every buffered event now; rejects if delivery failed (the events stay queued). */
  flush: () => Promise<void>
}

/** The options of a client the provider makes; failures go to the provider's `onError`. */
export type ProviderClientOptions = Omit<StripeMeterClientOptions, 'onError'>

export interface ProviderRuntimeOptions {
  /** A client the app owns: used, never closed. Otherwise one is made from `clientOptions`. */
  client?: StripeMeterClient
  clientOptions?: ProviderClientOptions
  queryClient: QueryClient
  /** Whether tracking a metric adds to its total (only those get live usage). */
  isAdditive: (metric: string) => boolean
  /** Reads the provider's current `onError` prop. */
  onError: () => StripeMeterErrorHandler | undefined
}

/** Deferred long enough that StrictMode's simulated unmount and remount cancel it. */
const RELEASE_DELAY_MS = 0

/** Options a made client takes through a function it calls per request: changes apply at once. */
const APPLIED_LIVE: ReadonlySet<string> = new Set(['headers'])

/**
 * Everything one `<StripeMeterProvider>` holds, without React: the client (created on first
 * use, so a render on the server or a render React throws away never makes one), live usage,
 * and the buffer status that `useBufferStatus` reads through `useSyncExternalStore`. It hears
 * of events only through the client's public `onLifecycle` and `subscribe`, the same for a
 * client it made and one it was given.
 */
export class ProviderRuntime {
  readonly queryClient: QueryClient
  readonly live: LiveUsageStore
  readonly #options: ProviderRuntimeOptions
  /** The latest client options the provider rendered with (for a client it makes). */
  #clientOptions: ProviderClientOptions | undefined
  /** The options the live client was made with. */
  #madeWith: ProviderClientOptions | undefined
  readonly #warned = new Set<string>()
  #client: StripeMeterClient | undefined
  #disconnect: (() => void) | undefined
  #stopObservingReads: (() => void) | undefined
  #releaseTimer: ReturnType<typeof setTimeout> | undefined
  readonly #statusListeners = new Set<() => void>()
  #status: BufferStatus
  #clientState: ClientState | undefined
  #statusStale = false
  #lastError: StripeMeterError | undefined

  constructor(options: ProviderRuntimeOptions) {
    this.#options = options
    this.#clientOptions = options.clientOptions
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

  /** Whether tracking a metric adds to its total (the provider's `metricAggregations`). */
  isAdditive = (metric: string): boolean => this.#options.isAdditive(metric)

  /** The client's reads for the query factories; the client is made on the first read. */
  readonly reader: StripeMeterReader = {
    getUsage: (customerRef) => this.client.getUsage(customerRef),
    getProjection: (customerRef, period) => this.client.getProjection(customerRef, period),
    getUsageHistory: (query) => this.client.getUsageHistory(query),
  }

  /** The client, created (and listened to) on first use. */
  get client(): StripeMeterClient {
    if (this.#client === undefined) {
      this.#client = this.#options.client ?? this.#makeClient()
      this.#connect(this.#client)
    }
    return this.#client
  }

  /**
   * The provider rendered with these client options. `headers` apply to the live client at
   * once; a change to any other option cannot, so it is warned about (once, in development).
   */
  updateClientOptions(next: ProviderClientOptions): void {
    this.#clientOptions = next
    const madeWith = this.#madeWith
    if (madeWith === undefined || this.#client === undefined) return
    const names = new Set([...Object.keys(madeWith), ...Object.keys(next)])
    for (const name of names) {
      const key = name as keyof ProviderClientOptions
      if (APPLIED_LIVE.has(name) || Object.is(madeWith[key], next[key])) continue
      warnOnce(
        this.#warned,
        name,
        `<StripeMeterProvider options.${name}> changed while its client is live; a client cannot change ${name}, so the new value applies to the next client the provider makes (after a new apiUrl, tenantId or apiKey, or a remount). To apply it now, make the client yourself and pass client={client}.`,
      )
    }
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
      this.#options.onError()?.(failure, [event])
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
   * Mounted (again): cancels a release StrictMode's simulated unmount scheduled, starts
   * watching usage reads, and makes the client now, in an effect, so events a previous page
   * left stored are sent without waiting for a first `track`.
   */
  retain(): void {
    clearTimeout(this.#releaseTimer)
    this.#releaseTimer = undefined
    this.#stopObservingReads ??= this.#observeUsageReads()
    void this.client
  }

  /**
   * Unmounted: stops listening and, for a client it made, flushes and closes it (a given
   * client belongs to the app, which closes it).
   */
  release(): void {
    clearTimeout(this.#releaseTimer)
    this.#releaseTimer = setTimeout(() => {
      this.#releaseTimer = undefined
      this.#stopObservingReads?.()
      this.#stopObservingReads = undefined
      const client = this.#client
      if (client === undefined) return
      const disconnect = this.#disconnect
      this.#disconnect = undefined
      // Shown again after <Activity> hid it, the provider starts over with a new client.
      this.#client = undefined
      // close() flushes first; a failure is already in the state and reported to onError.
      // Once it settles nothing more can arrive: stop listening, drop live usage timers.
      const closing = client === this.#options.client ? Promise.resolve() : client.close()
      void closing.catch(() => {}).finally(() => disconnect?.())
    }, RELEASE_DELAY_MS)
  }

  #makeClient(): StripeMeterClient {
    const options = this.#clientOptions as StripeMeterClientOptions
    this.#madeWith = options
    return createClient({
      ...options,
      // Read per request, so a new `headers` option applies to the live client.
      ...(options.headers === undefined ? {} : { headers: () => this.#currentHeaders() }),
    })
  }

  #currentHeaders() {
    const headers = this.#clientOptions?.headers ?? {}
    return typeof headers === 'function' ? headers() : headers
  }

  #connect(client: StripeMeterClient): void {
    const stopLive = this.live.connect(client)
    const stopLifecycle = client.onLifecycle((step) => this.#onLifecycle(step))
    const stopStatus = client.subscribe(() => this.#refreshStatus())
    this.#disconnect = () => {
      stopLive()
      stopLifecycle()
      stopStatus()
    }
    this.#refreshStatus()
  }

  /** Each failure reaches `onError` once: it has one source in the lifecycle. */
  #onLifecycle(step: EventLifecycle): void {
    if (step.type === 'failed') this.#options.onError()?.(step.error, [])
    if (step.type === 'settled' && step.status === 'rejected') {
      this.#options.onError()?.(step.error, step.events)
    }
  }

  /**
   * Live usage takes in every usage answer as it enters the cache — fetched by a hook,
   * prefetched, hydrated from the server or set by hand — so reconciliation never depends on
   * which query function fetched it.
   */
  #observeUsageReads(): () => void {
    const cache = this.queryClient.getQueryCache()
    const observe = (queryKey: readonly unknown[], data: unknown) => {
      const customerRef = stripeMeterKeys.usageCustomerOf(queryKey)
      if (customerRef !== undefined && data !== undefined) {
        this.live.observe(customerRef, data as UsageResponse)
      }
    }
    // Answers already in the cache arrived before anything is sent from here.
    for (const query of cache.getAll()) observe(query.queryKey, query.state.data)
    return cache.subscribe((event: QueryCacheNotifyEvent) => {
      const arrived =
        (event.type === 'added' && event.query.state.data !== undefined) ||
        (event.type === 'updated' &&
          (event.action.type === 'success' || event.action.type === 'setState'))
      if (arrived) observe(event.query.queryKey, event.query.state.data)
    })
  }

  /**
   * The status is rebuilt lazily, on the next `getStatus()`: tracking 10,000 events with
   * nobody reading the status costs no snapshot per event.
   */
  #refreshStatus(): void {
    const state = this.#client?.getState()
    if (state !== this.#clientState) {
      // A new client error is the latest error; the client clearing its own clears ours.
      if (state?.lastError !== this.#clientState?.lastError) this.#lastError = state?.lastError
      this.#clientState = state
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

import { deliverWithKeepalive, keepaliveBatchBudget } from './browser/deliverWithKeepalive.js'
import {
  installPageLifecycle,
  isBrowserPage,
  isSurelyOffline,
} from './browser/installPageLifecycle.js'
import type { ClientState } from './ClientState.js'
import { createTransport, retryAfterOf, type Transport } from './createTransport.js'
import { type BatchOutcome, deliverBatch } from './deliverBatch.js'
import type { EventQueue, QueuedEvent } from './EventQueue.js'
import type { DeliveredEvent, IngestResult } from './IngestResult.js'
import {
  createBodyBudget,
  eventJson,
  MAX_EVENTS_PER_REQUEST,
  splitIntoBatches,
} from './ingestBody.js'
import { MemoryEventQueue } from './MemoryEventQueue.js'
import { EventPersistence } from './persistence/EventPersistence.js'
import { PersistentEventQueue } from './persistence/PersistentEventQueue.js'
import { resolveStorage } from './persistence/resolveStorage.js'
import { checkCustomerRef, historySearchParams, projectionPeriod } from './readParams.js'
import {
  type ResolvedClientOptions,
  resolveClientOptions,
  type StripeMeterClientOptions,
} from './StripeMeterClientOptions.js'
import { StripeMeterError } from './StripeMeterError.js'
import { backgroundTimeout, sleep, type TimerHandle } from './timers.js'
import type {
  IngestEvent,
  IngestEventResult,
  ProjectionPeriod,
  ProjectionResponse,
  UsageEvent,
  UsageHistoryQuery,
  UsageHistoryResponse,
  UsageResponse,
} from './types.js'
import { validateEvent } from './validateEvent.js'
import { validationError } from './validationError.js'

/** First pause after a failed automatic delivery; it doubles per failure up to the cap. */
const FIRST_RETRY_PAUSE_MS = 1_000
const MAX_RETRY_PAUSE_MS = 60_000

interface FlushWaiter {
  /** Settled once every event up to this `seq` has left the queue. */
  upToSeq: number
  resolve: () => void
  reject: (error: StripeMeterError) => void
}

let warnedAboutBrowserKey = false

/**
 * The StripeMeter client: records usage events and reads usage, projections and history.
 *
 * Buffered events are delivered in order, one request at a time, in full batches; each keeps
 * the idempotency key it got when recorded, so retries never count it twice. An event leaves
 * the buffer only when the server counted it or refused it for good (`onError`).
 */
export class StripeMeterClient {
  readonly #options: ResolvedClientOptions
  readonly #transport: Transport
  readonly #queue: EventQueue
  #nextSeq = 0
  #closed = false
  #lastError: StripeMeterError | undefined
  #lastFlushAt: Date | undefined
  /** The snapshot `getState()` hands out; `undefined` once something changed. */
  #state: ClientState | undefined
  readonly #stateListeners = new Set<(state: ClientState) => void>()
  readonly #deliveredListeners = new Set<(events: DeliveredEvent[]) => void>()
  readonly #bufferedListeners = new Set<(event: IngestEvent) => void>()
  /** The delivery loop while it runs; it never rejects (failures go to state and waiters). */
  #delivering: Promise<void> | undefined
  /** Every event up to this `seq` is due now (a `flush()`, the interval timer or a retry). */
  #dueUpToSeq = -1
  /** The flush-interval timer, or the pause before retrying after a failure. */
  #timer: TimerHandle | undefined
  #consecutiveFailures = 0
  /** A `Retry-After` outlived ky's retries: nothing is sent before this time. */
  #notBeforeMs = 0
  #flushWaiters: FlushWaiter[] = []
  /** Mirrors the queue in storage so a reload, a closed tab or a crash loses nothing. */
  readonly #persistence: EventPersistence | undefined
  /** Removes the page lifecycle listeners; `undefined` outside browser pages. */
  readonly #uninstallPageLifecycle: (() => void) | undefined
  /** The page is hidden or unloading: deliveries go out with `keepalive` so they outlive it. */
  #leavingPage = false

  constructor(options: StripeMeterClientOptions) {
    this.#options = resolveClientOptions(options)
    this.#transport = createTransport(this.#options)
    const { baseUrl, tenantId } = this.#options
    const storage = resolveStorage(options.storage ?? 'auto', baseUrl, tenantId)
    this.#persistence =
      storage &&
      new EventPersistence({
        storage,
        onError: (error) => this.#onStorageError(error),
        onAdopted: (events) => this.#restoreStoredEvents(events),
      })
    this.#queue =
      this.#persistence === undefined
        ? new MemoryEventQueue()
        : new PersistentEventQueue(new MemoryEventQueue(), this.#persistence)
    this.#uninstallPageLifecycle = isBrowserPage()
      ? installPageLifecycle({
          leave: () => this.#leavePage(),
          resume: () => this.#resumePage(),
          online: () => this.#backOnline(),
        })
      : undefined
    this.#adoptStoredEvents()
    if (
      this.#options.apiKey !== undefined &&
      typeof window !== 'undefined' &&
      typeof document !== 'undefined' &&
      !warnedAboutBrowserKey
    ) {
      warnedAboutBrowserKey = true
      console.warn(
        '[stripemeter] An apiKey is set in a browser. It is a server secret that lets anyone read and write usage for your whole tenant: point apiUrl at your own backend route (stripemeter/server) and leave apiKey out.',
      )
    }
  }

  /**
   * Validates the event and queues it (synchronous). Returns the event as it will be sent,
   * with its idempotency key and `ts`. Throws `validation_error` (nothing queued),
   * `queue_full` (nothing evicted) or `client_closed`.
   */
  buffer(event: UsageEvent): IngestEvent {
    this.#assertOpen()
    const wireEvent = validateEvent(event, this.#options.tenantId, Date.now())
    if (this.#queue.size >= this.#options.maxQueueSize) {
      throw new StripeMeterError(
        `The buffer is full: ${this.#queue.size} events held (maxQueueSize ${this.#options.maxQueueSize}); the event for metric "${wireEvent.metric}" was not queued`,
        { code: 'queue_full' },
      )
    }
    this.#queue.add({ event: wireEvent, seq: this.#nextSeq++, json: undefined })
    this.#changed()
    for (const listener of this.#bufferedListeners) callSafely(listener, wireEvent)
    this.#scheduleAfterBuffer()
    return wireEvent
  }

  /** Sends one event now (not buffered). Rejects with `rejected` if the server refuses it for good. */
  async track(event: UsageEvent): Promise<IngestResult> {
    this.#assertOpen()
    const result = await this.#sendNow([validateEvent(event, this.#options.tenantId, Date.now())])
    const [outcome] = result.results
    if (outcome?.status === 'error') {
      throw new StripeMeterError(
        `The server refused the event: ${outcome.error ?? 'no reason given'}`,
        {
          code: 'rejected',
          statusCode: 200,
          requestId: result.requestIds[0],
        },
      )
    }
    return result
  }

  /**
   * Sends events now (not buffered), any number, in as few requests as the server's caps allow.
   * Every event is validated first: one bad event rejects the call before anything is sent.
   * Events the server refuses for good are counted in `rejected`, with reasons in `results`.
   */
  async trackBatch(events: readonly UsageEvent[]): Promise<IngestResult> {
    this.#assertOpen()
    if (!Array.isArray(events)) throw validationError('events', 'must be an array', events)
    const nowMs = Date.now()
    const tenantId = this.#options.tenantId
    return this.#sendNow(
      events.map((event, index) => validateEvent(event, tenantId, nowMs, `events[${index}].`)),
    )
  }

  /**
   * Delivers every event buffered before the call. Resolves once each is counted or reported
   * to `onError`; rejects if delivery failed (those events stay queued, in order). Concurrent
   * calls share the work.
   */
  flush(): Promise<void> {
    const upToSeq = this.#nextSeq - 1
    const oldestSeq = this.#queue.oldestSeq
    if (oldestSeq === undefined || oldestSeq > upToSeq) return Promise.resolve()
    return new Promise((resolve, reject) => {
      this.#flushWaiters.push({ upToSeq, resolve, reject })
      this.#makeDue(upToSeq)
    })
  }

  /**
   * Stops the timers and delivers what is buffered; afterwards `buffer()` and `track()` throw
   * `client_closed`. Rejects like `flush()` if delivery fails; calling it again tries again.
   * Servers: `await client.close()` on shutdown, or buffered events are lost with the process.
   */
  async close(): Promise<void> {
    if (!this.#closed) {
      this.#closed = true
      this.#clearTimer()
      this.#changed()
    }
    try {
      await this.flush()
    } finally {
      // Whatever is still stored becomes claimable by the next client (or tab) for this tenant.
      this.#uninstallPageLifecycle?.()
      await this.#persistence?.close()
    }
  }

  /** `GET /v1/usage/current`: the customer's usage this period, per metric, and its alerts. */
  async getUsage(customerRef: string): Promise<UsageResponse> {
    const searchParams = {
      tenantId: this.#options.tenantId,
      customerRef: checkCustomerRef(customerRef),
    }
    const { data } = await this.#transport.request<UsageResponse>('get', '/v1/usage/current', {
      searchParams,
    })
    // When its database fails the server answers 200 without metrics: keep the shape usable.
    return { ...data, metrics: data.metrics ?? [], alerts: data.alerts ?? [] }
  }

  /** `POST /v1/usage/projection`: the cost of the usage so far this period (or the given one). */
  async getProjection(customerRef: string, period?: ProjectionPeriod): Promise<ProjectionResponse> {
    const body = {
      tenantId: this.#options.tenantId,
      customerRef: checkCustomerRef(customerRef),
      ...projectionPeriod(period),
    }
    const { data } = await this.#transport.request<ProjectionResponse>(
      'post',
      '/v1/usage/projection',
      { body },
    )
    return data
  }

  /** `GET /v1/usage/history`: one metric's usage per day or month; empty buckets are absent. */
  async getUsageHistory(query: UsageHistoryQuery): Promise<UsageHistoryResponse> {
    const searchParams = historySearchParams(query, this.#options.tenantId)
    const { data } = await this.#transport.request<UsageHistoryResponse>(
      'get',
      '/v1/usage/history',
      {
        searchParams,
      },
    )
    return { ...data, usage: data.usage ?? [] }
  }

  /** The buffer's state; the same object until something changes. */
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

  /** Calls `listener` after every state change; returns the function that unsubscribes it. */
  subscribe(listener: (state: ClientState) => void): () => void {
    return addListener(this.#stateListeners, listener)
  }

  /** Calls `listener` with the events each response confirmed as counted (buffered or tracked). */
  onDelivered(listener: (events: DeliveredEvent[]) => void): () => void {
    return addListener(this.#deliveredListeners, listener)
  }

  /** Calls `listener` synchronously from `buffer()` with each event queued. */
  onBuffered(listener: (event: IngestEvent) => void): () => void {
    return addListener(this.#bufferedListeners, listener)
  }

  #assertOpen(): void {
    if (this.#closed) {
      throw new StripeMeterError('The client is closed: create a new one to record more usage', {
        code: 'client_closed',
      })
    }
  }

  #changed(): void {
    this.#state = undefined
    if (this.#stateListeners.size === 0) return
    const state = this.getState()
    for (const listener of this.#stateListeners) callSafely(listener, state)
  }

  async #sendNow(events: IngestEvent[]): Promise<IngestResult> {
    const items: QueuedEvent[] = events.map((event) => ({ event, seq: -1, json: undefined }))
    const resultOf = new Map<QueuedEvent, IngestEventResult>()
    const requestIds: string[] = []
    const onOutcome = (outcome: BatchOutcome) => {
      if (outcome.requestId !== undefined) requestIds.push(outcome.requestId)
      for (const { item, status } of outcome.delivered) {
        resultOf.set(item, { idempotencyKey: item.event.idempotencyKey as string, status })
      }
      for (const { items: rejected, error } of outcome.rejected) {
        for (const item of rejected) {
          resultOf.set(item, {
            idempotencyKey: item.event.idempotencyKey as string,
            status: 'error',
            error: error.message,
          })
        }
      }
      this.#emitDelivered(outcome)
    }
    for (const batch of splitIntoBatches(items))
      await deliverBatch(this.#transport, batch, onOutcome)
    const result: IngestResult = {
      accepted: 0,
      duplicates: 0,
      rejected: 0,
      results: [],
      requestIds,
    }
    for (const item of items) {
      const outcome = resultOf.get(item) as IngestEventResult
      result.results.push(outcome)
      if (outcome.status === 'accepted') result.accepted++
      else if (outcome.status === 'duplicate') result.duplicates++
      else result.rejected++
    }
    return result
  }

  #emitDelivered(outcome: BatchOutcome): void {
    if (this.#deliveredListeners.size === 0 || outcome.delivered.length === 0) return
    const events = outcome.delivered.map(
      ({ item, status }): DeliveredEvent => ({ ...item.event, status }),
    )
    for (const listener of this.#deliveredListeners) callSafely(listener, events)
  }

  /** After `buffer()`: a full batch goes now; otherwise the interval timer is armed. */
  #scheduleAfterBuffer(): void {
    // A running loop picks new events up itself; after a failure the retry pause decides;
    // a closed client delivers only when `close()` is called (again).
    if (this.#delivering !== undefined || this.#consecutiveFailures > 0 || this.#closed) return
    if (this.#queue.size >= this.#options.batchSize) this.#startDelivering()
    else if (this.#timer === undefined && this.#options.flushIntervalMs > 0) {
      this.#timer = backgroundTimeout(() => {
        this.#timer = undefined
        this.#makeDue(this.#nextSeq - 1)
      }, this.#options.flushIntervalMs)
    }
  }

  /** Marks every event up to `upToSeq` due and makes sure the loop is running. */
  #makeDue(upToSeq: number): void {
    this.#dueUpToSeq = Math.max(this.#dueUpToSeq, upToSeq)
    this.#startDelivering()
  }

  #startDelivering(): void {
    if (this.#delivering !== undefined) return
    this.#clearTimer()
    this.#delivering = this.#deliverWhileDue().finally(() => {
      this.#delivering = undefined
      this.#afterDelivering()
    })
  }

  /** The one delivery loop: full batches from the head while anything is due. Never rejects. */
  async #deliverWhileDue(): Promise<void> {
    for (;;) {
      const oldestSeq = this.#queue.oldestSeq
      const isDue =
        oldestSeq !== undefined &&
        (oldestSeq <= this.#dueUpToSeq || this.#queue.size >= this.#options.batchSize)
      if (!isDue) return
      if (isSurelyOffline()) return this.#pauseWhileOffline()
      const waitMs = this.#notBeforeMs - Date.now()
      if (waitMs > 0) await sleep(waitMs)
      const leaving = this.#leavingPage
      const batch = this.#queue.take(
        MAX_EVENTS_PER_REQUEST,
        leaving ? keepaliveBatchBudget() : createBodyBudget(),
      )
      this.#changed()
      let hadRejections = false
      const deliver = leaving ? deliverWithKeepalive : deliverBatch
      const delivery = deliver(this.#transport, batch, (outcome) => {
        if (this.#settle(outcome)) hadRejections = true
      })
      this.#prepareNextBatch()
      try {
        await delivery
      } catch (error) {
        this.#queue.release()
        this.#onDeliveryFailed(error as StripeMeterError)
        return
      }
      this.#queue.release()
      this.#consecutiveFailures = 0
      this.#lastFlushAt = new Date()
      if (!hadRejections) this.#lastError = undefined
      this.#changed()
      this.#resolveCoveredWaiters()
    }
  }

  /**
   * Serialises the next batch's events while this request is on the wire (in a macrotask, so
   * the request is dispatched first): with a backlog, the JSON work overlaps the server's.
   */
  #prepareNextBatch(): void {
    const queue = this.#queue
    if (queue.peekWaiting === undefined || queue.size - queue.inFlight === 0) return
    setTimeout(() => {
      for (const item of queue.peekWaiting?.(MAX_EVENTS_PER_REQUEST) ?? []) eventJson(item)
    }, 0)
  }

  /** Takes settled events out of the queue and tells listeners; true if any were refused. */
  #settle(outcome: BatchOutcome): boolean {
    this.#queue.settle(outcome.delivered.map(({ item }) => item))
    for (const { items, error } of outcome.rejected) {
      this.#queue.settle(items)
      this.#lastError = error
      if (this.#options.onError !== undefined) {
        callSafely(
          this.#options.onError,
          error,
          items.map(({ event }) => event),
        )
      }
    }
    this.#changed()
    this.#emitDelivered(outcome)
    return outcome.rejected.length > 0
  }

  #onDeliveryFailed(error: StripeMeterError): void {
    this.#consecutiveFailures++
    this.#lastError = error
    const retryAfterMs = retryAfterOf(error)
    if (retryAfterMs !== undefined) this.#notBeforeMs = Date.now() + retryAfterMs
    this.#changed()
    const waiters = this.#flushWaiters
    this.#flushWaiters = []
    for (const waiter of waiters) waiter.reject(error)
  }

  #resolveCoveredWaiters(): void {
    const oldestSeq = this.#queue.oldestSeq ?? Number.POSITIVE_INFINITY
    this.#flushWaiters = this.#flushWaiters.filter((waiter) => {
      if (waiter.upToSeq >= oldestSeq) return true
      waiter.resolve()
      return false
    })
  }

  /** What happens next once the loop stopped: go on, retry after a pause, or wait for the timer. */
  #afterDelivering(): void {
    this.#resolveCoveredWaiters()
    const oldestSeq = this.#queue.oldestSeq
    if (oldestSeq === undefined) return
    if (isSurelyOffline()) return // The `online` event starts delivery again.
    if (this.#consecutiveFailures > 0) {
      if (!this.#closed) this.#scheduleRetry()
      return
    }
    // Events buffered or flushes asked for while the loop was finishing.
    if (this.#flushWaiters.length > 0 || oldestSeq <= this.#dueUpToSeq) this.#startDelivering()
    else this.#scheduleAfterBuffer()
  }

  /** A growing, jittered, capped pause, and never before a `Retry-After`. */
  #scheduleRetry(): void {
    const backoffMs = Math.min(
      MAX_RETRY_PAUSE_MS,
      FIRST_RETRY_PAUSE_MS * 2 ** (this.#consecutiveFailures - 1),
    )
    const pauseMs = Math.max(
      backoffMs * (0.5 + Math.random() * 0.5),
      this.#notBeforeMs - Date.now(),
    )
    this.#clearTimer()
    this.#timer = backgroundTimeout(() => {
      this.#timer = undefined
      this.#makeDue(this.#nextSeq - 1)
    }, pauseMs)
  }

  #clearTimer(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer)
    this.#timer = undefined
  }

  // Persistence and the page lifecycle: events survive reloads, closed tabs and lost networks.

  /** Claims what gone clients (reloaded, closed, crashed tabs) stored; see `#restoreStoredEvents`. */
  #adoptStoredEvents(): void {
    void this.#persistence?.adoptOrphans()
  }

  /** Queues events claimed from gone clients, with their original keys, and sends them. */
  #restoreStoredEvents(events: IngestEvent[]): void {
    const queue = this.#queue
    // A closed client leaves them stored: the next client claims them once this one is gone.
    if (this.#closed || !(queue instanceof PersistentEventQueue)) return
    for (const event of events) queue.restore({ event, seq: this.#nextSeq++, json: undefined })
    this.#changed()
    this.#makeDue(this.#nextSeq - 1)
  }

  /** The page is hidden or unloading: send everything now, with keepalive. */
  #leavePage(): void {
    this.#leavingPage = true
    this.#persistence?.spillUnconfirmed()
    this.#makeDue(this.#nextSeq - 1)
  }

  /** Visible again: back to normal requests, and pick up what other tabs left. */
  #resumePage(): void {
    this.#leavingPage = false
    this.#adoptStoredEvents()
  }

  /** The network is back: send what waited while offline. */
  #backOnline(): void {
    this.#resumePage()
    if (this.#queue.size > this.#queue.inFlight) this.#makeDue(this.#nextSeq - 1)
  }

  /** Offline: nothing is sent (it would only fail); `flush()` callers learn why at once. */
  #pauseWhileOffline(): void {
    const error = new StripeMeterError(
      `The browser is offline: ${this.#queue.size} events stay queued and stored, and are sent when it is back online`,
      { code: 'network_error' },
    )
    this.#lastError = error
    this.#changed()
    const waiters = this.#flushWaiters
    this.#flushWaiters = []
    for (const waiter of waiters) waiter.reject(error)
  }

  /** The events concerned stay in memory and are delivered; the state tells the app. */
  #onStorageError(error: StripeMeterError): void {
    this.#lastError = error
    this.#changed()
  }
}

/** `new StripeMeterClient(options)`. */
export function createClient(options: StripeMeterClientOptions): StripeMeterClient {
  return new StripeMeterClient(options)
}

function addListener<T>(listeners: Set<T>, listener: T): () => void {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

/** A throwing listener must not break delivery (or the caller of `buffer()`). */
function callSafely<A extends unknown[]>(listener: (...args: A) => void, ...args: A): void {
  try {
    listener(...args)
  } catch (error) {
    console.error('[stripemeter] a listener threw:', error)
  }
}

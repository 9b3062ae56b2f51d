import { UUID_PATTERN } from './apiLimits.js'
import type { Budget, BudgetInput } from './Budget.js'
import { installPageLifecycle, isBrowserPage } from './browser/installPageLifecycle.js'
import { getBudget, setBudget } from './budgetRequests.js'
import { ClientObservable } from './ClientObservable.js'
import type { ClientState } from './ClientState.js'
import { createTransport, type Transport } from './createTransport.js'
import { DeferredPersistence } from './DeferredPersistence.js'
import { DeliveryLoop } from './DeliveryLoop.js'
import { type EventLifecycleListener, settledSteps } from './EventLifecycle.js'
import type { EventQueue } from './EventQueue.js'
import type { IngestResult } from './IngestResult.js'
import { MemoryEventQueue } from './MemoryEventQueue.js'
import { PersistentEventQueue } from './persistence/PersistentEventQueue.js'
import { keepsEvents } from './persistence/storageOption.js'
import {
  type ResolvedClientOptions,
  resolveClientOptions,
  type StripeMeterClientOptions,
} from './StripeMeterClientOptions.js'
import { StripeMeterError } from './StripeMeterError.js'
import { sendEvents } from './sendEvents.js'
import type {
  KeyedIngestEvent,
  ProjectionPeriod,
  ProjectionResponse,
  UsageEvent,
  UsageHistoryQuery,
  UsageHistoryResponse,
  UsageResponse,
} from './types.js'
import { UsageReader } from './UsageReader.js'
import { validateEvent } from './validateEvent.js'
import { validationError } from './validationError.js'

let warnedAboutBrowserKey = false

/**
 * The StripeMeter client: records usage events and reads usage, projections and history.
 *
 * Two ways to record, named for what they do: `buffer()` queues the event and returns at once
 * (what React's `useTrack()` does); `track()` sends it now, in its own request, and resolves
 * with the server's answer. Prefer `buffer()` for anything frequent.
 *
 * Buffered events are delivered in order, one request at a time, in full batches; each keeps
 * the idempotency key it got when recorded, so retries never count it twice. An event leaves
 * the buffer only when the server counted it or refused it for good (`onError`).
 */
export class StripeMeterClient {
  readonly #options: ResolvedClientOptions
  readonly #transport: Transport
  readonly #queue: EventQueue
  readonly #observable: ClientObservable
  readonly #delivery: DeliveryLoop
  readonly #reader: UsageReader
  /** `seq` for the next event queued: buffering order, which `flush()` waits on. */
  #nextSeq = 0
  /**
   * The events held (waiting or in flight), by key: a key buffered again is not queued twice.
   * Keys the client generated join only once a caller passes a key that could be one of them
   * (a returned event buffered again): indexing every event cost buffer() 1–2 µs a call, and a
   * generated key is otherwise never seen twice.
   */
  readonly #heldByKey = new Map<string, KeyedIngestEvent>()
  #generatedKeysIndexed = false
  /** Mirrors the queue in storage so a reload, a closed tab or a crash loses nothing. */
  readonly #persistence: DeferredPersistence | undefined
  /** Removes the page lifecycle listeners; `undefined` outside browser pages. */
  readonly #uninstallPageLifecycle: (() => void) | undefined

  constructor(options: StripeMeterClientOptions) {
    this.#options = resolveClientOptions(options)
    this.#transport = createTransport(this.#options)
    const { baseUrl, tenantId } = this.#options
    const storage = options.storage ?? 'auto'
    this.#persistence =
      storage !== false && keepsEvents(storage)
        ? new DeferredPersistence({
            storage,
            apiUrl: baseUrl,
            tenantId,
            onError: (error) => this.#onStorageError(error),
            onAdopted: (events) => this.#restoreStoredEvents(events),
          })
        : undefined
    this.#queue =
      this.#persistence === undefined
        ? new MemoryEventQueue()
        : new PersistentEventQueue(new MemoryEventQueue(), this.#persistence)
    this.#observable = new ClientObservable(this.#queue)
    this.#delivery = new DeliveryLoop({
      queue: this.#queue,
      transport: this.#transport,
      options: this.#options,
      observable: this.#observable,
      lastSeq: () => this.#nextSeq - 1,
      onSettled: (items) => {
        for (const { event } of items) this.#heldByKey.delete(event.idempotencyKey)
      },
    })
    this.#reader = new UsageReader(this.#transport, tenantId)
    this.#uninstallPageLifecycle = isBrowserPage()
      ? installPageLifecycle({
          leave: () => this.#leavePage(),
          resume: () => this.#resumePage(),
          online: () => this.#backOnline(),
        })
      : undefined
    if (this.#options.apiKey !== undefined && isBrowserPage() && !warnedAboutBrowserKey) {
      warnedAboutBrowserKey = true
      console.warn(
        '[stripemeter] An apiKey is set in a browser. It is a server secret that lets anyone read and write usage for your whole tenant: point apiUrl at your own backend route (stripemeter/server) and leave apiKey out.',
      )
    }
  }

  /**
   * **Buffers** the event: validates it and queues it (synchronous), to be delivered with the
   * next batch. Returns the event as it will be sent, with its idempotency key and `ts`. An
   * `idempotencyKey` already held (buffered and not yet delivered) is not queued again: the held
   * event is returned, and it is sent and counted once. Throws `validation_error` (nothing
   * queued), `queue_full` (nothing evicted) or `client_closed`.
   * React's `useTrack()` calls this, despite its name. To send at once and await the server's
   * answer, use `track()`.
   *
   * @example
   * client.buffer({ metric: 'api_calls', customerRef: 'cus_123', quantity: 1 })
   */
  buffer(event: UsageEvent): KeyedIngestEvent {
    this.#assertOpen()
    const wireEvent = validateEvent(event, this.#options.tenantId, Date.now())
    const ownKey = event.idempotencyKey !== undefined
    if (ownKey) {
      const held = this.#heldEvent(wireEvent.idempotencyKey)
      if (held !== undefined) return held
    }
    if (this.#queue.size >= this.#options.maxQueueSize) {
      throw new StripeMeterError(
        `The buffer is full: ${this.#queue.size} events held (maxQueueSize ${this.#options.maxQueueSize}); the event for metric "${wireEvent.metric}" was not queued`,
        { code: 'queue_full' },
      )
    }
    this.#queue.add({ event: wireEvent, seq: this.#nextSeq++, json: undefined })
    if (ownKey || this.#generatedKeysIndexed)
      this.#heldByKey.set(wireEvent.idempotencyKey, wireEvent)
    this.#observable.update({}, [{ type: 'buffered', event: wireEvent }])
    this.#delivery.scheduleAfterBuffer()
    return wireEvent
  }

  /**
   * **Sends** one event now, in its own request (not buffered), and resolves with the server's
   * answer. Rejects with `rejected` if the server refuses it for good, or with the delivery's
   * error once retries are spent. One request per call: for frequent events use `buffer()`
   * (what React's `useTrack()` does), which batches them.
   *
   * @example
   * const result = await client.track({ metric: 'storage_gb', customerRef: 'cus_123', quantity: 2.5 })
   */
  async track(event: UsageEvent): Promise<IngestResult> {
    this.#assertOpen()
    const result = await this.#sendNow([validateEvent(event, this.#options.tenantId, Date.now())])
    const [outcome] = result.results
    if (outcome?.status === 'error') {
      throw new StripeMeterError(
        `The server refused the event: ${outcome.error ?? 'no reason given'}`,
        { code: 'rejected', statusCode: 200, requestId: result.requestIds[0] },
      )
    }
    return result
  }

  /**
   * **Sends** events now (not buffered), any number, in as few requests as the server's caps allow.
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
    return this.#delivery.flush()
  }

  /**
   * Stops the timers and delivers what is buffered; afterwards `buffer()` and `track()` throw
   * `client_closed`. Rejects like `flush()` if delivery fails; calling it again tries again.
   * Servers: `await client.close()` on shutdown, or buffered events are lost with the process.
   */
  async close(): Promise<void> {
    if (!this.#observable.closed) {
      this.#delivery.stopTimers()
      this.#observable.update({ closed: true })
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
  getUsage(customerRef: string): Promise<UsageResponse> {
    return this.#reader.getUsage(customerRef)
  }

  /** `POST /v1/usage/projection`: the cost of the usage so far this period (or the given one). */
  getProjection(customerRef: string, period?: ProjectionPeriod): Promise<ProjectionResponse> {
    return this.#reader.getProjection(customerRef, period)
  }

  /** `GET /v1/usage/history`: one metric's usage per day or month; empty buckets are absent. */
  getUsageHistory(query: UsageHistoryQuery): Promise<UsageHistoryResponse> {
    return this.#reader.getUsageHistory(query)
  }

  /**
   * The customer's own budget, from the app's backend (`stripemeter/server` with a `budgets`
   * store); `null` when none is set.
   */
  getBudget(customerRef: string): Promise<Budget | null> {
    return getBudget(this.#transport, this.#options.tenantId, customerRef)
  }

  /**
   * Saves the customer's budget on the app's backend, or removes it with `null`; answers the
   * budget as stored (defaults filled in). Bad input is a `validation_error` naming the field.
   */
  setBudget(customerRef: string, budget: BudgetInput | null): Promise<Budget | null> {
    return setBudget(this.#transport, this.#options.tenantId, customerRef, budget)
  }

  /** The buffer's state; the same object until something changes. */
  getState(): ClientState {
    return this.#observable.getState()
  }

  /** Calls `listener` after every state change; returns the function that unsubscribes it. */
  subscribe(listener: (state: ClientState) => void): () => void {
    return this.#observable.subscribe(listener)
  }

  /**
   * Calls `listener` with each step of every event's life — `buffered` (synchronously from
   * `buffer()`), `sent` (its first request is leaving), `settled` (`accepted`, `duplicate`, or
   * `rejected` with the error) — and with each `failed` delivery (events stay queued). Steps
   * come in order, each before subscribers see the state that reflects it. Events of `track()`
   * and `trackBatch()` are reported too, from `sent` on. Returns the function that unsubscribes.
   */
  onLifecycle(listener: EventLifecycleListener): () => void {
    return this.#observable.onLifecycle(listener)
  }

  #assertOpen(): void {
    if (this.#observable.closed) {
      throw new StripeMeterError('The client is closed: create a new one to record more usage', {
        code: 'client_closed',
      })
    }
  }

  #sendNow(events: KeyedIngestEvent[]): Promise<IngestResult> {
    const observable = this.#observable
    // Reported as sent before the first request: a later batch of the call is sent later, so
    // no listener takes a read made in between for one that cannot include it.
    observable.report([{ type: 'sent', events }])
    return sendEvents(this.#transport, events, (outcome) => {
      if (observable.observed) observable.report(settledSteps(outcome))
    })
  }

  // Persistence and the page lifecycle: events survive reloads, closed tabs and lost networks.

  /** Claims what gone clients (reloaded, closed, crashed tabs) stored; see `#restoreStoredEvents`. */
  #adoptStoredEvents(): void {
    void this.#persistence?.adoptOrphans()
  }

  /**
   * The held event with this key, if any. A UUID may be a key this client generated, which the
   * index holds only from the first such lookup on: it is then built from the queue, once.
   */
  #heldEvent(key: string): KeyedIngestEvent | undefined {
    if (!this.#generatedKeysIndexed && UUID_PATTERN.test(key)) {
      this.#generatedKeysIndexed = true
      for (const { event } of this.#queue.held()) {
        if (!this.#heldByKey.has(event.idempotencyKey)) {
          this.#heldByKey.set(event.idempotencyKey, event)
        }
      }
    }
    return this.#heldByKey.get(key)
  }

  /** Queues events claimed from gone clients, with their original keys, and sends them. */
  #restoreStoredEvents(events: KeyedIngestEvent[]): void {
    const queue = this.#queue
    // A closed client leaves them stored: the next client claims them once this one is gone.
    if (this.#observable.closed || !(queue instanceof PersistentEventQueue)) return
    for (const event of events) {
      queue.restore({ event, seq: this.#nextSeq++, json: undefined })
      if (!this.#heldByKey.has(event.idempotencyKey)) {
        this.#heldByKey.set(event.idempotencyKey, event)
      }
    }
    this.#observable.update()
    this.#delivery.deliverAll()
  }

  /** The page is hidden or unloading: send everything now, with keepalive. */
  #leavePage(): void {
    this.#persistence?.spillUnconfirmed()
    this.#delivery.leavePage()
  }

  /** Visible again: back to normal requests, and pick up what other tabs left. */
  #resumePage(): void {
    this.#delivery.leavingPage = false
    this.#adoptStoredEvents()
  }

  /**
   * The network is back: send what waited while offline, and pick up what other tabs left. A
   * hidden page stays in keepalive mode: only becoming visible again ends it.
   */
  #backOnline(): void {
    this.#adoptStoredEvents()
    if (this.#queue.size > this.#queue.inFlight) this.#delivery.deliverAll()
  }

  /** The events concerned stay in memory and are delivered; the state tells the app. */
  #onStorageError(error: StripeMeterError): void {
    this.#observable.update({ lastError: error }, [{ type: 'failed', error }])
  }
}

/**
 * `new StripeMeterClient(options)`. Then `client.buffer(event)` queues (batched, returns at
 * once) and `client.track(event)` sends now (awaits the server).
 */
export function createClient(options: StripeMeterClientOptions): StripeMeterClient {
  return new StripeMeterClient(options)
}

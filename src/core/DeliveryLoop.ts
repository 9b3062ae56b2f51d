import { MAX_EVENTS_PER_REQUEST } from './apiLimits.js'
import { deliverWithKeepalive, keepaliveBatchBudget } from './browser/deliverWithKeepalive.js'
import { isSurelyOffline } from './browser/installPageLifecycle.js'
import type { ClientObservable } from './ClientObservable.js'
import { callSafely } from './callSafely.js'
import type { Transport } from './createTransport.js'
import { type BatchOutcome, deliverBatch } from './deliverBatch.js'
import { type EventLifecycle, settledSteps, wireEvents } from './EventLifecycle.js'
import type { EventQueue, QueuedEvent } from './EventQueue.js'
import { FlushScheduler } from './FlushScheduler.js'
import { createBodyBudget, eventJson } from './ingestBody.js'
import type { ResolvedClientOptions } from './StripeMeterClientOptions.js'
import { isStripeMeterError, StripeMeterError } from './StripeMeterError.js'
import { sleep } from './timers.js'

interface FlushWaiter {
  /** Settled once every event up to this `seq` has left the queue. */
  upToSeq: number
  resolve: () => void
  reject: (error: StripeMeterError) => void
}

export interface DeliveryLoopInit {
  queue: EventQueue
  transport: Transport
  options: Pick<ResolvedClientOptions, 'batchSize' | 'flushIntervalMs' | 'onError'>
  observable: ClientObservable
  /** `seq` of the newest event buffered (−1 before the first). */
  lastSeq: () => number
  /** Hears of events leaving the queue (counted, or reported to `onError`). */
  onSettled: (items: readonly QueuedEvent[]) => void
}

/**
 * Delivers the queue: one request at a time, full batches from the head, while anything is due
 * (a `flush()`, the interval timer, a full batch or a retry). `flush()` callers wait for the
 * events buffered before their call; a failure keeps every undelivered event queued, in order.
 */
export class DeliveryLoop {
  readonly #queue: EventQueue
  readonly #transport: Transport
  readonly #options: DeliveryLoopInit['options']
  readonly #observable: ClientObservable
  readonly #lastSeq: () => number
  readonly #onSettled: (items: readonly QueuedEvent[]) => void
  readonly #scheduler: FlushScheduler
  /** The loop while it runs; it never rejects (failures go to state and waiters). */
  #delivering: Promise<void> | undefined
  /** Every event up to this `seq` is due now. */
  #dueUpToSeq = -1
  #flushWaiters: FlushWaiter[] = []
  /** `seq` of the newest event sent at least once: batches come from the head, in `seq` order. */
  #lastSentSeq = -1
  /** The page is hidden or unloading: deliveries go out with `keepalive` so they outlive it. */
  leavingPage = false
  /** Keepalive requests started beside the one in flight when the page was left mid-request. */
  #besideInFlight: Promise<void> | undefined

  constructor({ queue, transport, options, observable, lastSeq, onSettled }: DeliveryLoopInit) {
    this.#queue = queue
    this.#transport = transport
    this.#options = options
    this.#observable = observable
    this.#lastSeq = lastSeq
    this.#onSettled = onSettled
    this.#scheduler = new FlushScheduler(() => this.deliverAll())
  }

  /** Resolves once every event buffered so far has left the queue; rejects if delivery fails. */
  flush(): Promise<void> {
    const upToSeq = this.#lastSeq()
    const oldestSeq = this.#queue.oldestSeq
    if (oldestSeq === undefined || oldestSeq > upToSeq) return Promise.resolve()
    return new Promise((resolve, reject) => {
      this.#flushWaiters.push({ upToSeq, resolve, reject })
      this.#makeDue(upToSeq)
    })
  }

  /** Makes everything buffered so far due and starts the loop if it is not running. */
  deliverAll(): void {
    this.#makeDue(this.#lastSeq())
  }

  /**
   * The page is hidden or being left: everything goes now, with keepalive. If a request is in
   * flight, the events not in it go at once beside it (the page may be gone before it answers);
   * those in it are settled by its answer, or resent later with the same keys.
   */
  leavePage(): void {
    const requestInFlight = this.#queue.inFlight > 0
    this.leavingPage = true
    this.deliverAll()
    if (!requestInFlight || this.#besideInFlight !== undefined || isSurelyOffline()) return
    if (this.#queue.size === this.#queue.inFlight) return
    const beside = this.#queue.takeMore(MAX_EVENTS_PER_REQUEST, keepaliveBatchBudget())
    this.#observable.update({}, this.#firstSent(beside))
    this.#besideInFlight = deliverWithKeepalive(this.#transport, beside, (outcome) =>
      this.#settle(outcome),
    ).catch(() => {}) // Unsettled, they are released with the batch and sent again.
  }

  /** After `buffer()`: a full batch goes now; otherwise the interval timer is armed. */
  scheduleAfterBuffer(): void {
    // A running loop picks new events up itself; after a failure the retry pause decides;
    // a closed client delivers only when `close()` is called (again).
    if (
      this.#delivering !== undefined ||
      this.#scheduler.consecutiveFailures > 0 ||
      this.#observable.closed
    ) {
      return
    }
    if (this.#queue.size >= this.#options.batchSize) this.#startDelivering()
    else if (this.#options.flushIntervalMs > 0) {
      this.#scheduler.armInterval(this.#options.flushIntervalMs)
    }
  }

  stopTimers(): void {
    this.#scheduler.clear()
  }

  #makeDue(upToSeq: number): void {
    this.#dueUpToSeq = Math.max(this.#dueUpToSeq, upToSeq)
    this.#startDelivering()
  }

  #startDelivering(): void {
    if (this.#delivering !== undefined) return
    this.#scheduler.clear()
    this.#delivering = this.#deliverWhileDue().finally(() => {
      this.#delivering = undefined
      this.#afterDelivering()
    })
  }

  async #deliverWhileDue(): Promise<void> {
    const queue = this.#queue
    for (;;) {
      const oldestSeq = queue.oldestSeq
      const isDue =
        oldestSeq !== undefined &&
        (oldestSeq <= this.#dueUpToSeq || queue.size >= this.#options.batchSize)
      if (!isDue) return
      if (isSurelyOffline()) return this.#pauseWhileOffline()
      const waitMs = this.#scheduler.notBeforeWaitMs
      if (waitMs > 0) await sleep(waitMs)
      const leaving = this.leavingPage
      const batch = queue.take(
        MAX_EVENTS_PER_REQUEST,
        leaving ? keepaliveBatchBudget() : createBodyBudget(),
      )
      this.#observable.update({}, this.#firstSent(batch))
      let hadRejections = false
      const deliver = leaving ? deliverWithKeepalive : deliverBatch
      const delivery = deliver(this.#transport, batch, (outcome) => {
        if (this.#settle(outcome)) hadRejections = true
      })
      this.#prepareNextBatch()
      let failure: StripeMeterError | undefined
      try {
        await delivery
      } catch (error) {
        // Every failure of a delivery is one already; anything else is a bug, reported as one.
        failure = isStripeMeterError(error)
          ? error
          : new StripeMeterError(`Delivery failed unexpectedly: ${String(error)}`, {
              code: 'network_error',
              cause: error,
            })
      }
      // Events sent beside this request belong to the same taken batch: released together.
      await this.#besideInFlight
      this.#besideInFlight = undefined
      queue.release()
      if (failure !== undefined) {
        this.#failed(failure)
        return
      }
      this.#scheduler.succeeded()
      this.#observable.update(
        hadRejections
          ? { lastFlushAt: new Date() }
          : { lastFlushAt: new Date(), lastError: undefined },
      )
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

  /** The `sent` step for the events of `batch` no request carried before. */
  #firstSent(batch: readonly QueuedEvent[]): EventLifecycle[] {
    const lastSentSeq = this.#lastSentSeq
    this.#lastSentSeq = Math.max(lastSentSeq, batch.at(-1)?.seq ?? lastSentSeq)
    if (!this.#observable.observed) return []
    const unsent = batch.filter((item) => item.seq > lastSentSeq)
    return unsent.length === 0 ? [] : [{ type: 'sent', events: wireEvents(unsent) }]
  }

  /** Takes settled events out of the queue and tells listeners; true if any were refused. */
  #settle(outcome: BatchOutcome): boolean {
    this.#queue.settle(outcome.accepted)
    this.#queue.settle(outcome.duplicates)
    for (const { items } of outcome.rejected) this.#queue.settle(items)
    this.#onSettled(outcome.accepted)
    this.#onSettled(outcome.duplicates)
    for (const { items } of outcome.rejected) this.#onSettled(items)
    const lastRejection = outcome.rejected.at(-1)
    this.#observable.update(
      lastRejection === undefined ? {} : { lastError: lastRejection.error },
      this.#observable.observed ? settledSteps(outcome) : [],
    )
    const { onError } = this.#options
    if (onError !== undefined) {
      for (const { items, error } of outcome.rejected) callSafely(onError, error, wireEvents(items))
    }
    return lastRejection !== undefined
  }

  #failed(error: StripeMeterError): void {
    this.#scheduler.failed(error)
    this.#rejectWaiters(error)
  }

  /** Offline: nothing is sent (it would only fail); `flush()` callers learn why at once. */
  #pauseWhileOffline(): void {
    this.#rejectWaiters(
      new StripeMeterError(
        `The browser is offline: ${this.#queue.size} events stay queued and stored, and are sent when it is back online`,
        { code: 'network_error' },
      ),
    )
  }

  #rejectWaiters(error: StripeMeterError): void {
    this.#observable.update({ lastError: error }, [{ type: 'failed', error }])
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

  /** Once the loop stopped: go on, retry after a pause, or wait for the timer. */
  #afterDelivering(): void {
    this.#resolveCoveredWaiters()
    const oldestSeq = this.#queue.oldestSeq
    if (oldestSeq === undefined) return
    // A `flush()` or `close()` called while the loop was finishing (after a failure had already
    // rejected the waiters before it) is answered by a new try now: it must never wait on a
    // retry timer, which `close()` has stopped.
    if (this.#flushWaiters.length > 0) {
      this.#startDelivering()
      return
    }
    if (isSurelyOffline()) return // The `online` event starts delivery again.
    if (this.#scheduler.consecutiveFailures > 0) {
      if (!this.#observable.closed) this.#scheduler.armRetry()
      return
    }
    // Events buffered while the loop was finishing.
    if (oldestSeq <= this.#dueUpToSeq) this.#startDelivering()
    else this.scheduleAfterBuffer()
  }
}

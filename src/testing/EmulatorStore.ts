import type { IngestEvent } from '../core/types.js'
import { IdempotencyLedger } from './IdempotencyLedger.js'
import { type AggregatedEvent, UsageStore } from './UsageStore.js'

interface PendingAggregation {
  event: AggregatedEvent
  /** On the emulator's `clock`: when reads may see it. */
  visibleAtMs: number
  /** Business clock: the `lastUpdate` it stamps, as if the worker ran then. */
  aggregatedAtMs: number
}

export interface EmulatorStoreOptions {
  /** The emulator's business clock (dedupe window, `lastUpdate`). */
  now: () => Date
  /** The clock of the aggregation delay, in epoch milliseconds. */
  clock: () => number
  /** How long an accepted event stays invisible to reads, in `clock` milliseconds. */
  aggregationDelayMs: number
  /** How long an idempotency key counts as seen. */
  idempotencyWindowMs: number
}

/**
 * Everything the emulator remembers: the dedupe ledger, the counted events and their
 * aggregates. Accepted events reach the aggregates after `aggregationDelayMs`, like the real
 * server's worker; reads call `settle()` first, so no timer runs in the background.
 */
export class EmulatorStore {
  readonly usage = new UsageStore()
  readonly ledger: IdempotencyLedger
  readonly countedEvents: IngestEvent[] = []
  eventsReceived = 0
  duplicates = 0
  #pending: PendingAggregation[] = []
  #pendingHead = 0
  readonly #options: EmulatorStoreOptions

  constructor(options: EmulatorStoreOptions) {
    this.#options = options
    this.ledger = new IdempotencyLedger(options.idempotencyWindowMs)
  }

  /** Counts `event` once per idempotency key; returns whether it was new. */
  ingest(event: IngestEvent & { idempotencyKey: string }, tsMs: number): 'accepted' | 'duplicate' {
    const nowMs = this.#options.now().getTime()
    this.eventsReceived += 1
    if (!this.ledger.claim(event.idempotencyKey, nowMs)) {
      this.duplicates += 1
      return 'duplicate'
    }
    this.countedEvents.push(event)
    const aggregated: AggregatedEvent = {
      tenantId: event.tenantId,
      customerRef: event.customerRef,
      metric: event.metric,
      quantity: event.quantity,
      tsMs,
    }
    if (this.#options.aggregationDelayMs <= 0) this.usage.add(aggregated, nowMs)
    else {
      const delayMs = this.#options.aggregationDelayMs
      this.#pending.push({
        event: aggregated,
        visibleAtMs: this.#options.clock() + delayMs,
        aggregatedAtMs: nowMs + delayMs,
      })
    }
    return 'accepted'
  }

  /** Folds in the accepted events whose aggregation delay has passed (all of them with `everything`). */
  settle(everything = false): void {
    const clockMs = everything ? Number.POSITIVE_INFINITY : this.#options.clock()
    while (this.#pendingHead < this.#pending.length) {
      const next = this.#pending[this.#pendingHead]
      if (!next || next.visibleAtMs > clockMs) break
      this.usage.add(next.event, next.aggregatedAtMs)
      this.#pendingHead += 1
    }
    if (this.#pendingHead > 1024 && this.#pendingHead * 2 > this.#pending.length) {
      this.#pending = this.#pending.slice(this.#pendingHead)
      this.#pendingHead = 0
    }
  }

  clear(): void {
    this.usage.clear()
    this.ledger.clear()
    this.countedEvents.length = 0
    this.eventsReceived = 0
    this.duplicates = 0
    this.#pending = []
    this.#pendingHead = 0
  }
}

import type { EventLifecycle } from '../core/EventLifecycle.js'
import type { IngestEvent, UsageResponse } from '../core/types.js'
import type { StripeMeterClient } from '../index.js'
import {
  markConfirmed,
  markSent,
  NO_PENDING_EVENTS,
  observeServerUsage,
  type PendingUsageEvent,
  pendingEventOf,
  removeEvents,
  SERVER_SETTLE_MS,
  type ServerUsageObservation,
  usageTotals,
} from './liveUsage.js'

/** The part of the client live usage listens to. */
export type LiveUsageSource = Pick<StripeMeterClient, 'onLifecycle' | 'subscribe' | 'getState'>

export interface LiveUsageStoreOptions {
  /** Whether a metric adds up its events (`sum`); only those get an overlay. */
  isAdditive: (metric: string) => boolean
  /** Called, coalesced, with customers whose usage should be read again. */
  onStale: (customerRefs: readonly string[]) => void
}

interface CustomerEntry {
  /** Appended to in place: a burst of 10,000 tracks must not copy the list 10,000 times. */
  events: PendingUsageEvent[]
  /** The copy React holds; rebuilt on the first read after a change. */
  snapshot: readonly PendingUsageEvent[] | undefined
  latest?: ServerUsageObservation
  /** Re-reads asked for since the last event left: the next waits twice as long. */
  recheckCount: number
  recheckTimer: ReturnType<typeof setTimeout> | undefined
}

/** Right after delivery the server has rarely aggregated yet: ask again after 1, 2, 4, 8 s… */
const FIRST_RECHECK_MS = 1_000
const MAX_RECHECK_MS = 8_000

/**
 * The pending events of every customer, fed by the client's lifecycle (`onLifecycle`) and by
 * usage reads as they arrive. Framework-free: React reads it through `useSyncExternalStore`; listeners hear
 * at most one change per animation frame, however many events are tracked in it.
 */
export class LiveUsageStore {
  readonly #options: LiveUsageStoreOptions
  readonly #customers = new Map<string, CustomerEntry>()
  readonly #listeners = new Set<() => void>()
  #notifyScheduled = false
  readonly #staleCustomers = new Set<string>()
  #staleTimer: ReturnType<typeof setTimeout> | undefined
  #sweepTimer: ReturnType<typeof setTimeout> | undefined
  #client: LiveUsageSource | undefined

  constructor(options: LiveUsageStoreOptions) {
    this.#options = options
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /** The customer's pending events: the same array until one of them changes. */
  getEvents = (customerRef: string): readonly PendingUsageEvent[] => {
    const entry = this.#customers.get(customerRef)
    if (entry === undefined || entry.events.length === 0) return NO_PENDING_EVENTS
    entry.snapshot ??= entry.events.slice()
    return entry.snapshot
  }

  /** Starts listening to a client; returns the function that stops it and every timer. */
  connect(client: LiveUsageSource): () => void {
    this.#client = client
    const stops = [
      client.onLifecycle((step) => this.#onLifecycle(step)),
      client.subscribe((state) => {
        if (state.inFlight === 0 && this.#staleCustomers.size > 0) this.#scheduleStale()
      }),
    ]
    return () => {
      this.#client = undefined
      for (const stop of stops) stop()
      clearTimeout(this.#staleTimer)
      clearTimeout(this.#sweepTimer)
      for (const entry of this.#customers.values()) clearTimeout(entry.recheckTimer)
      this.#staleCustomers.clear()
    }
  }

  #onLifecycle(step: EventLifecycle): void {
    if (step.type === 'buffered') {
      const { event } = step
      if (event.idempotencyKey === undefined || !this.#options.isAdditive(event.metric)) return
      const entry = this.#entry(event.customerRef)
      const { idempotencyKey, metric, quantity } = event
      entry.events.push(pendingEventOf(idempotencyKey, metric, quantity, entry.latest))
      entry.snapshot = undefined
      this.#scheduleNotify()
    } else if (step.type === 'sent') {
      this.#updateEach(step.events, (events, keys) => markSent(events, keys))
    } else if (step.type === 'settled' && step.status === 'rejected') {
      // Refused for good: never counted, so it leaves the overlay.
      this.#updateEach(step.events, (events, keys) =>
        removeEvents(events, (event) => keys.has(event.key)),
      )
    } else if (step.type === 'settled') {
      const now = Date.now()
      this.#updateEach(step.events, (events, keys) => markConfirmed(events, keys, now))
      for (const customerRef of customersOf(step.events)) this.#markStale(customerRef)
      this.#scheduleSweep()
    }
  }

  /** Applies `change` to the pending events of each customer among `events`. */
  #updateEach(
    events: readonly IngestEvent[],
    change: (
      pending: readonly PendingUsageEvent[],
      keys: ReadonlySet<string>,
    ) => readonly PendingUsageEvent[],
  ): void {
    const keys = new Set<string>()
    for (const event of events)
      if (event.idempotencyKey !== undefined) keys.add(event.idempotencyKey)
    for (const customerRef of customersOf(events)) {
      const entry = this.#customers.get(customerRef)
      if (entry !== undefined) this.#update(customerRef, change(entry.events, keys))
    }
  }

  /**
   * Takes in a usage read the moment it arrives (fetched, prefetched, hydrated or set), so
   * every event not sent yet can take it as its baseline.
   */
  observe(customerRef: string, response: UsageResponse): void {
    const entry = this.#entry(customerRef)
    const observation = { totals: usageTotals(response), observedAtMs: Date.now() }
    entry.latest = observation
    this.#update(customerRef, observeServerUsage(entry.events, observation))

    clearTimeout(entry.recheckTimer)
    entry.recheckTimer = undefined
    if (!entry.events.some((event) => event.confirmedAtMs !== undefined)) {
      entry.recheckCount = 0
      return
    }
    // Delivered but not in the total yet: the server is still aggregating, so read again soon.
    const delayMs = Math.min(FIRST_RECHECK_MS * 2 ** entry.recheckCount, MAX_RECHECK_MS)
    entry.recheckCount++
    entry.recheckTimer = setTimeout(() => this.#markStale(customerRef), delayMs)
  }

  /** Without a read to reconcile against, a delivered event leaves once any read would show it. */
  #scheduleSweep(): void {
    if (this.#sweepTimer !== undefined) return
    this.#sweepTimer = setTimeout(() => {
      this.#sweepTimer = undefined
      const settledBefore = Date.now() - SERVER_SETTLE_MS
      let remaining = false
      for (const [customerRef, entry] of this.#customers) {
        const events = removeEvents(
          entry.events,
          (event) => event.confirmedAtMs !== undefined && event.confirmedAtMs <= settledBefore,
        )
        this.#update(customerRef, events)
        remaining ||= events.some((event) => event.confirmedAtMs !== undefined)
      }
      if (remaining) this.#scheduleSweep()
    }, SERVER_SETTLE_MS)
  }

  #entry(customerRef: string): CustomerEntry {
    let entry = this.#customers.get(customerRef)
    if (entry === undefined) {
      entry = { events: [], snapshot: undefined, recheckCount: 0, recheckTimer: undefined }
      this.#customers.set(customerRef, entry)
    }
    return entry
  }

  #update(customerRef: string, events: readonly PendingUsageEvent[]): void {
    const entry = this.#entry(customerRef)
    if (entry.events === events) return
    // The pure functions return a fresh array on change, so the store may own it.
    entry.events = events as PendingUsageEvent[]
    entry.snapshot = undefined
    this.#scheduleNotify()
  }

  /** One notification per frame: a burst of tracks costs a meter one render, not one each. */
  #scheduleNotify(): void {
    if (this.#notifyScheduled) return
    this.#notifyScheduled = true
    const notify = () => {
      this.#notifyScheduled = false
      for (const listener of this.#listeners) listener()
    }
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(notify)
    else setTimeout(notify, 0)
  }

  #markStale(customerRef: string): void {
    this.#staleCustomers.add(customerRef)
    this.#scheduleStale()
  }

  /**
   * Coalesces re-reads: a backlog drained in many requests makes one invalidation once no
   * request is in flight, not one per response.
   */
  #scheduleStale(): void {
    if (this.#staleTimer !== undefined) return
    this.#staleTimer = setTimeout(() => {
      this.#staleTimer = undefined
      // Still draining: the client's state change to idle calls this again.
      if ((this.#client?.getState().inFlight ?? 0) > 0) return
      const customerRefs = [...this.#staleCustomers]
      this.#staleCustomers.clear()
      this.#options.onStale(customerRefs)
    }, 0)
  }
}

function customersOf(events: readonly IngestEvent[]): Set<string> {
  return new Set(events.map((event) => event.customerRef))
}

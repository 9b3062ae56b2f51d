import type { EventQueue, QueuedEvent } from '../EventQueue.js'
import type { EventPersistence } from './EventPersistence.js'

/**
 * An `EventQueue` whose events also live in an `EventStorage`: written when added, deleted when
 * settled (counted or reported). The in-memory queue stays the source of truth for ordering and
 * batching; storage only has to hold what a reload would otherwise lose.
 */
export class PersistentEventQueue implements EventQueue {
  readonly #queue: EventQueue
  readonly #persistence: Pick<EventPersistence, 'record' | 'forget'>

  constructor(queue: EventQueue, persistence: Pick<EventPersistence, 'record' | 'forget'>) {
    this.#queue = queue
    this.#persistence = persistence
  }

  get size(): number {
    return this.#queue.size
  }

  get inFlight(): number {
    return this.#queue.inFlight
  }

  get oldestSeq(): number | undefined {
    return this.#queue.oldestSeq
  }

  add(item: QueuedEvent): void {
    this.#queue.add(item)
    this.#persistence.record(item.event)
  }

  /** Queues an event claimed from storage: it is stored already, under this owner. */
  restore(item: QueuedEvent): void {
    this.#queue.add(item)
  }

  take(maxEvents: number, fits: (item: QueuedEvent) => boolean): QueuedEvent[] {
    return this.#queue.take(maxEvents, fits)
  }

  takeMore(maxEvents: number, fits: (item: QueuedEvent) => boolean): QueuedEvent[] {
    return this.#queue.takeMore(maxEvents, fits)
  }

  settle(items: readonly QueuedEvent[]): void {
    this.#queue.settle(items)
    this.#persistence.forget(items.map((item) => item.event.idempotencyKey))
  }

  release(): void {
    this.#queue.release()
  }

  held(): Iterable<QueuedEvent> {
    return this.#queue.held()
  }

  peekWaiting(maxEvents: number): readonly QueuedEvent[] {
    return this.#queue.peekWaiting?.(maxEvents) ?? []
  }
}

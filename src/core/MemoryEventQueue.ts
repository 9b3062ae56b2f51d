import type { EventQueue, QueuedEvent } from './EventQueue.js'

/** Compact the backing array once this many slots before the head are dead. */
const COMPACT_AFTER_SLOTS = 4096

/**
 * The in-process queue: an array with a moving head, so taking from the front is O(1) and
 * buffering stays cheap however long the line is.
 */
export class MemoryEventQueue implements EventQueue {
  #items: QueuedEvent[] = []
  #head = 0
  /** Length of the batch taken from the head; 0 when no batch is out. */
  #takenCount = 0
  readonly #settled = new Set<QueuedEvent>()

  get size(): number {
    return this.#items.length - this.#head - this.#settled.size
  }

  get inFlight(): number {
    return this.#takenCount - this.#settled.size
  }

  get oldestSeq(): number | undefined {
    for (let index = this.#head; index < this.#items.length; index++) {
      const item = this.#items[index] as QueuedEvent
      if (!this.#settled.has(item)) return item.seq
    }
    return undefined
  }

  *held(): Iterable<QueuedEvent> {
    for (let index = this.#head; index < this.#items.length; index++) {
      const item = this.#items[index] as QueuedEvent
      if (!this.#settled.has(item)) yield item
    }
  }

  add(item: QueuedEvent): void {
    this.#items.push(item)
  }

  take(maxEvents: number, fits: (item: QueuedEvent) => boolean): QueuedEvent[] {
    if (this.#takenCount > 0) throw new Error('EventQueue: a batch is already in flight')
    return this.#takeFrom(this.#head, maxEvents, fits)
  }

  takeMore(maxEvents: number, fits: (item: QueuedEvent) => boolean): QueuedEvent[] {
    if (this.#takenCount === 0) throw new Error('EventQueue: no batch is in flight to add to')
    return this.#takeFrom(this.#head + this.#takenCount, maxEvents, fits)
  }

  /** Extends the batch in flight (which ends at `start`) by the waiting events that fit. */
  #takeFrom(start: number, maxEvents: number, fits: (item: QueuedEvent) => boolean): QueuedEvent[] {
    const end = Math.min(this.#items.length, start + maxEvents)
    let index = start
    while (index < end) {
      // The first event always goes: a single valid event is far below every server limit.
      if (!fits(this.#items[index] as QueuedEvent) && index > start) break
      index++
    }
    this.#takenCount += index - start
    return this.#items.slice(start, index)
  }

  peekWaiting(maxEvents: number): readonly QueuedEvent[] {
    const start = this.#head + this.#takenCount
    return this.#items.slice(start, Math.min(this.#items.length, start + maxEvents))
  }

  settle(items: readonly QueuedEvent[]): void {
    for (const item of items) this.#settled.add(item)
  }

  release(): void {
    if (this.#takenCount === 0) return
    const batchEnd = this.#head + this.#takenCount
    // Unsettled events slide to the end of the batch's slots, keeping their order, so the
    // head moves past the settled ones without touching the (possibly long) rest of the line.
    let write = batchEnd
    for (let read = batchEnd - 1; read >= this.#head; read--) {
      const item = this.#items[read] as QueuedEvent
      if (!this.#settled.has(item)) this.#items[--write] = item
    }
    this.#items.fill(undefined as unknown as QueuedEvent, this.#head, write)
    this.#head = write
    this.#takenCount = 0
    this.#settled.clear()
    if (this.#head >= COMPACT_AFTER_SLOTS && this.#head * 2 >= this.#items.length) {
      this.#items = this.#items.slice(this.#head)
      this.#head = 0
    }
  }
}

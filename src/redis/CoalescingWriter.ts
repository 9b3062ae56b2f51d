/** One gathered change: a record to write (its owner and payload), or `null` to delete it. */
export type PendingWrite = { owner: string; payload: string } | null

/**
 * Gathers puts and deletes and hands them to `write` together: one write at a time, at most one
 * per `intervalMs`. Idle, a change goes at once; under load, everything that arrives during an
 * interval shares one round trip. Each caller's promise settles with the write that carried its
 * change.
 */
export class CoalescingWriter {
  readonly #write: (changes: ReadonlyMap<string, PendingWrite>) => Promise<void>
  readonly #intervalMs: number
  #pending = new Map<string, PendingWrite>()
  #waiters: { resolve: () => void; reject: (error: unknown) => void }[] = []
  #timer: ReturnType<typeof setTimeout> | undefined
  #writing = false
  #lastWriteAt = Number.NEGATIVE_INFINITY

  constructor(
    write: (changes: ReadonlyMap<string, PendingWrite>) => Promise<void>,
    intervalMs: number,
  ) {
    this.#write = write
    this.#intervalMs = intervalMs
  }

  /** Queues changes (a later change to a key replaces an earlier one); settles once written. */
  add(changes: Iterable<[key: string, change: PendingWrite]>): Promise<void> {
    for (const [key, change] of changes) {
      // Deleted after being written in this same batch: the delete must still reach Redis,
      // where an earlier batch may have stored the key.
      this.#pending.delete(key)
      this.#pending.set(key, change)
    }
    const written = new Promise<void>((resolve, reject) => this.#waiters.push({ resolve, reject }))
    this.#schedule()
    return written
  }

  /** Stops a scheduled write; what is pending is written by no one (the caller closes). */
  cancel(): void {
    clearTimeout(this.#timer)
    this.#timer = undefined
  }

  #schedule(): void {
    if (this.#writing || this.#timer !== undefined || this.#waiters.length === 0) return
    const waitMs = Math.max(0, this.#lastWriteAt + this.#intervalMs - Date.now())
    this.#timer = setTimeout(() => {
      this.#timer = undefined
      void this.#flush()
    }, waitMs)
  }

  async #flush(): Promise<void> {
    const changes = this.#pending
    const waiters = this.#waiters
    this.#pending = new Map()
    this.#waiters = []
    this.#writing = true
    this.#lastWriteAt = Date.now()
    try {
      await this.#write(changes)
      for (const waiter of waiters) waiter.resolve()
    } catch (error) {
      for (const waiter of waiters) waiter.reject(error)
    } finally {
      this.#writing = false
      this.#schedule()
    }
  }
}

import { byStoredOrder, type EventStorage, type StoredEvent } from './EventStorage.js'

/**
 * Adds a synchronous spill to an asynchronous storage: IndexedDB needs a few milliseconds to
 * commit, and a page left within them (a click on a link right after `buffer()`) would take
 * the events along. `putNow` writes them to localStorage before the page goes; the next client
 * claims from both, and the spilled copies are deleted once the main storage holds the events.
 */
export class SpillingStorage implements EventStorage {
  readonly #main: EventStorage
  readonly #spill: EventStorage
  /** Keys this instance spilled and has not yet seen stored in the main storage. */
  readonly #spilledKeys = new Set<string>()
  /** Whether the spill may hold anything: left over from a gone page, or spilled here. */
  #spillInUse = true

  constructor(main: EventStorage, spill: EventStorage) {
    this.#main = main
    this.#spill = spill
  }

  /** Synchronous (the spill is localStorage): safe to call from `pagehide`. */
  putNow(records: readonly StoredEvent[]): void {
    this.#spillInUse = true
    for (const record of records) this.#spilledKeys.add(record.key)
    void this.#spill.put(records).catch(() => {}) // A full localStorage: nothing more to try.
  }

  async put(records: readonly StoredEvent[]): Promise<void> {
    await this.#main.put(records)
    if (this.#spilledKeys.size === 0) return
    const nowStored = records.filter((record) => this.#spilledKeys.delete(record.key))
    await this.#spill.delete(nowStored.map((record) => record.key))
  }

  async delete(keys: readonly string[]): Promise<void> {
    await this.#main.delete(keys)
    if (!this.#spillInUse) return
    for (const key of keys) this.#spilledKeys.delete(key)
    await this.#spill.delete(keys)
  }

  async owners(): Promise<string[]> {
    const [mainOwners, spillOwners] = await Promise.all([this.#main.owners(), this.#spill.owners()])
    this.#spillInUse = spillOwners.length > 0 || this.#spilledKeys.size > 0
    return [...new Set([...mainOwners, ...spillOwners])]
  }

  async claim(owner: string, fromOwners: ReadonlySet<string>): Promise<StoredEvent[]> {
    const claimed = await this.#main.claim(owner, fromOwners)
    if (!this.#spillInUse) return claimed
    // A spilled event whose main write did commit after all is in both: keep one.
    const claimedKeys = new Set(claimed.map((record) => record.key))
    for (const record of await this.#spill.claim(owner, fromOwners)) {
      if (!claimedKeys.has(record.key)) claimed.push(record)
    }
    return claimed.sort(byStoredOrder)
  }

  close(): void {
    this.#main.close?.()
    this.#spill.close?.()
  }
}

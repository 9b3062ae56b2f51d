import { byStoredOrder, type EventStorage, type StoredEvent } from './EventStorage.js'

/**
 * Keeps events in this process only. Useful to share one store between clients (a restarted
 * client picks up what a closed one left) and in tests; nothing survives the process.
 */
export class MemoryStorage implements EventStorage {
  readonly #records = new Map<string, StoredEvent>()

  async put(records: readonly StoredEvent[]): Promise<void> {
    for (const record of records) this.#records.set(record.key, { ...record })
  }

  async delete(keys: readonly string[]): Promise<void> {
    for (const key of keys) this.#records.delete(key)
  }

  async owners(): Promise<string[]> {
    return [...new Set(Array.from(this.#records.values(), (record) => record.owner))]
  }

  async claim(owner: string, fromOwners: ReadonlySet<string>): Promise<StoredEvent[]> {
    const claimed: StoredEvent[] = []
    for (const record of this.#records.values()) {
      if (!fromOwners.has(record.owner)) continue
      record.owner = owner
      claimed.push({ ...record })
    }
    return claimed.sort(byStoredOrder)
  }

  /** How many records are held (for tests and diagnostics). */
  get size(): number {
    return this.#records.size
  }
}

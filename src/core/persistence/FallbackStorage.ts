import type { EventStorage, StoredEvent } from './EventStorage.js'

/**
 * Uses `primary` unless it turns out unusable, then `fallback` for good. IndexedDB exists but
 * refuses to open in some private modes and locked-down profiles; an owner lookup made at once
 * finds out (the client makes one when it starts anyway), so a working IndexedDB costs nothing.
 */
export class FallbackStorage implements EventStorage {
  readonly #primary: EventStorage
  readonly #fallback: () => EventStorage
  #active: Promise<EventStorage> | undefined

  /** @param fallback made only if `primary` fails its first operation. */
  constructor(primary: EventStorage, fallback: () => EventStorage) {
    this.#primary = primary
    this.#fallback = fallback
    // Probe now, alongside the client's other start-up work, not in front of its first write.
    void this.#storage()
  }

  async put(records: readonly StoredEvent[]): Promise<void> {
    return (await this.#storage()).put(records)
  }

  async delete(keys: readonly string[]): Promise<void> {
    return (await this.#storage()).delete(keys)
  }

  async owners(): Promise<string[]> {
    return (await this.#storage()).owners()
  }

  async claim(owner: string, fromOwners: ReadonlySet<string>): Promise<StoredEvent[]> {
    return (await this.#storage()).claim(owner, fromOwners)
  }

  close(): void {
    void this.#active?.then((storage) => storage.close?.())
  }

  #storage(): Promise<EventStorage> {
    this.#active ??= this.#primary.owners().then(
      () => this.#primary,
      () => {
        this.#primary.close?.()
        return this.#fallback()
      },
    )
    return this.#active
  }
}

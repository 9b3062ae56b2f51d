import { byStoredOrder, type EventStorage, type StoredEvent } from './EventStorage.js'

/**
 * Keeps events in `localStorage`: the fallback where IndexedDB is missing. One item per event,
 * so two tabs writing at once never overwrite each other's events (one shared JSON array would).
 * `localStorage` has no transactions: a claim is atomic within a tab, and across tabs only as far
 * as the browser serialises storage access, which is why IndexedDB is preferred.
 */
export class LocalStorageStorage implements EventStorage {
  readonly #prefix: string
  readonly #storage: Storage

  /**
   * @param namespace from `storageNamespace()`: the origin, API URL and tenant the events belong to.
   * @param storage @default globalThis.localStorage
   */
  constructor(namespace: string, storage: Storage = globalThis.localStorage) {
    // Encoded so that no namespace is a prefix of another (a tenant `t` and a tenant `t:x`).
    this.#prefix = `stripemeter:${encodeURIComponent(namespace)}:`
    this.#storage = storage
  }

  async put(records: readonly StoredEvent[]): Promise<void> {
    // setItem throws QuotaExceededError when the origin's ~5 MB are used up; the caller reports it.
    for (const record of records)
      this.#storage.setItem(this.#prefix + record.key, JSON.stringify(record))
  }

  async delete(keys: readonly string[]): Promise<void> {
    for (const key of keys) this.#storage.removeItem(this.#prefix + key)
  }

  async owners(): Promise<string[]> {
    return [...new Set(this.#records().map((record) => record.owner))]
  }

  async claim(owner: string, fromOwners: ReadonlySet<string>): Promise<StoredEvent[]> {
    const claimed: StoredEvent[] = []
    for (const record of this.#records()) {
      if (!fromOwners.has(record.owner)) continue
      const mine = { ...record, owner }
      this.#storage.setItem(this.#prefix + record.key, JSON.stringify(mine))
      claimed.push(mine)
    }
    return claimed.sort(byStoredOrder)
  }

  #records(): StoredEvent[] {
    const records: StoredEvent[] = []
    const damagedKeys: string[] = []
    for (let index = 0; index < this.#storage.length; index++) {
      const itemKey = this.#storage.key(index)
      if (itemKey === null || !itemKey.startsWith(this.#prefix)) continue
      const record = parseRecord(this.#storage.getItem(itemKey))
      if (record === undefined) damagedKeys.push(itemKey)
      else records.push(record)
    }
    // Removed after the walk: removing during it would shift the indexes being walked.
    for (const itemKey of damagedKeys) this.#storage.removeItem(itemKey)
    return records
  }
}

/** A damaged item (edited by hand, truncated) is dropped rather than blocking every restore. */
function parseRecord(text: string | null): StoredEvent | undefined {
  if (text === null) return undefined
  try {
    const record = JSON.parse(text) as Partial<StoredEvent>
    const valid =
      typeof record.key === 'string' &&
      typeof record.owner === 'string' &&
      typeof record.order === 'number' &&
      typeof record.event === 'object' &&
      record.event !== null
    return valid ? (record as StoredEvent) : undefined
  } catch {
    return undefined
  }
}

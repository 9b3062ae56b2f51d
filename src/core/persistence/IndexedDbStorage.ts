import { byStoredOrder, type EventStorage, type StoredEvent } from './EventStorage.js'

const storeName = 'events'
const ownerIndex = 'owner'

/**
 * Keeps events in IndexedDB, one database per namespace: the default in browsers. A claim is one
 * read-write transaction, and IndexedDB runs overlapping read-write transactions one after the
 * other even across tabs, so two tabs claiming at once never both get a record.
 */
export class IndexedDbStorage implements EventStorage {
  readonly databaseName: string
  #database: Promise<IDBDatabase> | undefined

  /** @param namespace from `storageNamespace()`: the origin, API URL and tenant the events belong to. */
  constructor(namespace: string) {
    this.databaseName = `stripemeter:${namespace}`
  }

  async put(records: readonly StoredEvent[]): Promise<void> {
    if (records.length === 0) return
    await this.#write((store) => {
      for (const record of records) store.put(record)
    })
  }

  async delete(keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return
    await this.#write((store) => {
      for (const key of keys) store.delete(key)
    })
  }

  async owners(): Promise<string[]> {
    const transaction = (await this.#open()).transaction(storeName, 'readonly')
    const owners = new Set<string>()
    // A key cursor over the owner index visits each owner once without reading the events.
    const cursor = transaction
      .objectStore(storeName)
      .index(ownerIndex)
      .openKeyCursor(null, 'nextunique')
    cursor.onsuccess = () => {
      const current = cursor.result
      if (current === null) return
      owners.add(String(current.key))
      current.continue()
    }
    await transactionDone(transaction)
    return [...owners]
  }

  async claim(owner: string, fromOwners: ReadonlySet<string>): Promise<StoredEvent[]> {
    if (fromOwners.size === 0) return []
    const claimed: StoredEvent[] = []
    await this.#write((store) => {
      for (const previousOwner of fromOwners) {
        const cursor = store.index(ownerIndex).openCursor(IDBKeyRange.only(previousOwner))
        cursor.onsuccess = () => {
          const current = cursor.result
          if (current === null) return
          const record = { ...(current.value as StoredEvent), owner }
          current.update(record)
          claimed.push(record)
          current.continue()
        }
      }
    })
    return claimed.sort(byStoredOrder)
  }

  close(): void {
    const database = this.#database
    this.#database = undefined
    void database?.then((opened) => opened.close()).catch(() => {})
  }

  async #write(work: (store: IDBObjectStore) => void): Promise<void> {
    // Default ("relaxed") durability: a write survives a reload, a crashed tab or a closed
    // browser; only an OS crash can lose it, and 'strict' would cost an fsync per buffered batch.
    const transaction = (await this.#open()).transaction(storeName, 'readwrite')
    work(transaction.objectStore(storeName))
    await transactionDone(transaction)
  }

  #open(): Promise<IDBDatabase> {
    this.#database ??= new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(this.databaseName, 1)
      request.onupgradeneeded = () => {
        const store = request.result.createObjectStore(storeName, { keyPath: 'key' })
        store.createIndex(ownerIndex, 'owner')
      }
      request.onsuccess = () => {
        const database = request.result
        // Another tab deleting or upgrading the database must not be blocked by this one.
        database.onversionchange = () => {
          database.close()
          this.#database = undefined
        }
        resolve(database)
      }
      request.onerror = () => reject(request.error)
      request.onblocked = () => reject(new Error(`IndexedDB "${this.databaseName}" is blocked`))
    }).catch((error: unknown) => {
      this.#database = undefined
      throw error
    })
    return this.#database
  }
}

function transactionDone(transaction: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve()
    // A quota error aborts the transaction; its `error` is the QuotaExceededError DOMException.
    transaction.onabort = () =>
      reject(transaction.error ?? new Error('IndexedDB transaction aborted'))
    transaction.onerror = () => {}
  })
}

import type {
  createEventPersistence,
  PersistenceCallbacks,
} from './persistence/createEventPersistence.js'
import type { EventPersistence } from './persistence/EventPersistence.js'
import type { EventStorage } from './persistence/EventStorage.js'
import { StripeMeterError } from './StripeMeterError.js'
import type { KeyedIngestEvent } from './types.js'

type CreateEventPersistence = typeof createEventPersistence

/** Set once the persistence code is loaded in this realm, or provided by a storage's module. */
let loadedCreate: CreateEventPersistence | undefined

/**
 * Makes the persistence code available at once, for storages whose durability starts with the
 * task that buffered an event (`SqliteStorage`, `RedisStorage`): their modules call this, so a
 * client given one never waits for a chunk to load.
 */
export function providePersistence(create: CreateEventPersistence): void {
  loadedCreate ??= create
}

export interface DeferredPersistenceOptions extends PersistenceCallbacks {
  /** `'auto'` in a browser page, or the app's own storage. */
  storage: 'auto' | EventStorage
  apiUrl: string
  tenantId: string
}

/**
 * The client's `EventPersistence`, loaded on demand: the owner liveness and the takeover, and for
 * `'auto'` the browser storages (IndexedDB, localStorage, Web Locks, leases), are chunks of their
 * own, imported only by a client that keeps events beyond its queue — a browser page, or a server
 * given a storage. A client in Node, a worker or an edge function without one never loads them,
 * which keeps the core's entry small for every app.
 *
 * While they load (the first client of a page, a few milliseconds), calls are kept and replayed in
 * order once they are there, so a `forget` never overtakes its `record`; until then an event lives
 * in the queue only, as with `storage: false` (a page left meanwhile still sends it with
 * keepalive). Once loaded, or where a storage's module provided them, everything is at once.
 */
export class DeferredPersistence {
  #loaded: EventPersistence | undefined
  /** Calls waiting for the chunks; `undefined` once they are loaded, or failed to load. */
  #waiting: ((persistence: EventPersistence) => void)[] | undefined
  readonly #ready: Promise<EventPersistence | undefined>

  constructor({ storage, apiUrl, tenantId, ...callbacks }: DeferredPersistenceOptions) {
    if (storage !== 'auto' && loadedCreate !== undefined) {
      this.#loaded = loadedCreate(storage, apiUrl, tenantId, callbacks)
      this.#ready = Promise.resolve(this.#loaded)
      return
    }
    this.#waiting = []
    this.#ready = Promise.all([
      loadCreate(),
      storage === 'auto' ? browserStorage(apiUrl, tenantId) : storage,
    ])
      .then(([create, resolved]) => resolved && create(resolved, apiUrl, tenantId, callbacks))
      .then(
        (persistence) => {
          this.#loaded = persistence
          const waiting = this.#waiting ?? []
          this.#waiting = undefined
          if (persistence !== undefined) for (const call of waiting) call(persistence)
          return persistence
        },
        (error: unknown) => {
          this.#waiting = undefined
          callbacks.onError(
            new StripeMeterError(
              `[stripemeter] could not set up the storage (${String(error)}); buffered events stay in memory and are still delivered, but would not survive a reload`,
              { code: 'storage_error', cause: error },
            ),
          )
          return undefined
        },
      )
  }

  /** Stores an event that was just buffered (see `EventPersistence.record`). */
  record(event: KeyedIngestEvent): void {
    this.#call((persistence) => persistence.record(event))
  }

  /** Deletes events that were counted or reported (see `EventPersistence.forget`). */
  forget(keys: Iterable<string>): void {
    const forgotten = [...keys]
    this.#call((persistence) => persistence.forget(forgotten))
  }

  /** Claims what gone owners left behind (see `EventPersistence.adoptOrphans`). */
  async adoptOrphans(): Promise<void> {
    await (await this.#ready)?.adoptOrphans()
  }

  /** The page is being left: nothing is stored before the chunks are there, so nothing to spill. */
  spillUnconfirmed(): void {
    this.#loaded?.spillUnconfirmed()
  }

  /** Waits for the chunks and the pending writes, then lets other instances claim what is left. */
  async close(): Promise<void> {
    await (await this.#ready)?.close()
  }

  #call(call: (persistence: EventPersistence) => void): void {
    if (this.#loaded !== undefined) call(this.#loaded)
    else this.#waiting?.push(call)
  }
}

async function loadCreate(): Promise<CreateEventPersistence> {
  if (loadedCreate !== undefined) return loadedCreate
  const { createEventPersistence } = await import('./persistence/createEventPersistence.js')
  loadedCreate ??= createEventPersistence
  return loadedCreate
}

/** IndexedDB with a localStorage spill, or what of them this page has (`resolveStorage`). */
async function browserStorage(apiUrl: string, tenantId: string): Promise<EventStorage | undefined> {
  const { resolveStorage } = await import('./persistence/resolveStorage.js')
  return resolveStorage('auto', apiUrl, tenantId)
}

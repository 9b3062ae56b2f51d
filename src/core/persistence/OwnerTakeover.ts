import type { EventStorage, StoredEvent } from './EventStorage.js'
import type { OwnerLiveness } from './OwnerLiveness.js'

export interface OwnerTakeoverOptions {
  /** The owner that takes over: claimed records are written as its own. */
  ownerId: string
  storage: EventStorage
  liveness: OwnerLiveness
  /** Records claimed from a gone owner, oldest first: queue them and send them. */
  onClaimed: (records: StoredEvent[]) => void
  /** A look or a claim failed; what was not claimed stays stored for a later look. */
  onError: (error: unknown) => void
}

/**
 * Takes over the events of owners that are gone, for any storage: a browser tab's IndexedDB, a
 * server's SQLite file or a fleet's Redis. The rules:
 * - an owner's events are claimed only once its liveness says it is gone, and in one atomic
 *   `storage.claim`, so each event goes to one live owner;
 * - where the liveness can `watch` (Web Locks), every other owner is watched from the moment it is
 *   seen — in storage, or announced at its start before it stored anything — and its events are
 *   claimed while holding its lock, so no two claimers ever run together and nobody waits for a
 *   timer;
 * - otherwise (leases) the stored owners are looked at again every `recheckMs`, and those whose
 *   lease lapsed are claimed.
 */
export class OwnerTakeover {
  readonly #ownerId: string
  readonly #storage: EventStorage
  readonly #liveness: OwnerLiveness
  readonly #onClaimed: (records: StoredEvent[]) => void
  readonly #onError: (error: unknown) => void
  /** Owners being watched, to claim what they leave; one watch per owner. */
  readonly #watched = new Map<string, Promise<void>>()
  /** Looks at the stored owners, one after the other. */
  #chain: Promise<void> = Promise.resolve()
  #stopListening: (() => void) | undefined
  #recheckTimer: ReturnType<typeof setInterval> | undefined
  #stopped = false

  constructor(options: OwnerTakeoverOptions) {
    this.#ownerId = options.ownerId
    this.#storage = options.storage
    this.#liveness = options.liveness
    this.#onClaimed = options.onClaimed
    this.#onError = options.onError
  }

  /**
   * Starts watching for owners that go, once `alive` resolves (this owner is visibly alive, so
   * nobody takes its own events for orphans), and looks at the stored owners once.
   */
  start(alive: Promise<void>): Promise<void> {
    this.#chain = alive
    const { watch, onOwnerStarted, recheckMs } = this.#liveness
    if (watch !== undefined && onOwnerStarted !== undefined) {
      this.#stopListening = onOwnerStarted.call(this.#liveness, (owner) => {
        if (owner !== this.#ownerId) void this.#watch(owner)
      })
    } else if (watch === undefined && recheckMs !== undefined) {
      this.#recheckTimer = setInterval(() => void this.lookAround(), recheckMs)
      // In Node the rechecks must not keep a process alive that has nothing else to do.
      ;(this.#recheckTimer as { unref?: () => void }).unref?.()
    }
    return this.lookAround()
  }

  /**
   * Looks at the owners in storage: claims those that are gone and, where the liveness can
   * watch, waits for the end of the others. Resolves once the gone owners' events are claimed.
   */
  lookAround(): Promise<void> {
    return this.#chained(async () => {
      if (this.#stopped) return
      const owners = (await this.#storage.owners()).filter((owner) => owner !== this.#ownerId)
      if (owners.length === 0) return
      const gone = await this.#liveness.goneAmong(owners)
      if (this.#liveness.watch === undefined) return this.#claim(gone)
      // A gone owner's lock is granted at once: wait for those claims, not for live owners.
      await Promise.all(
        owners.map((owner) => {
          const watching = this.#watch(owner)
          return gone.has(owner) ? watching : undefined
        }),
      )
    })
  }

  /** Resolves when every look and claim asked for so far is done. */
  settled(): Promise<void> {
    return this.#chain
  }

  stop(): void {
    this.#stopped = true
    this.#stopListening?.()
    clearInterval(this.#recheckTimer)
  }

  #watch(owner: string): Promise<void> {
    const watch = this.#liveness.watch
    if (watch === undefined || this.#stopped) return Promise.resolve()
    let watching = this.#watched.get(owner)
    if (watching === undefined) {
      watching = watch
        .call(this.#liveness, owner, () =>
          this.#stopped ? Promise.resolve() : this.#claim(new Set([owner])).catch(this.#onError),
        )
        .finally(() => this.#watched.delete(owner))
      this.#watched.set(owner, watching)
    }
    return watching
  }

  async #claim(fromOwners: ReadonlySet<string>): Promise<void> {
    if (fromOwners.size === 0) return
    const claimed = await this.#storage.claim(this.#ownerId, fromOwners)
    if (claimed.length > 0) this.#onClaimed(claimed)
  }

  #chained(work: () => Promise<void>): Promise<void> {
    this.#chain = this.#chain.then(work).catch(this.#onError)
    return this.#chain
  }
}

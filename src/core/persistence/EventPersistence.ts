import { StripeMeterError } from '../StripeMeterError.js'
import type { KeyedIngestEvent } from '../types.js'
import { createOwnerLiveness } from './createOwnerLiveness.js'
import type { EventStorage, StoredEvent } from './EventStorage.js'
import type { OwnerLiveness } from './OwnerLiveness.js'
import { OwnerTakeover } from './OwnerTakeover.js'

export interface EventPersistenceOptions {
  storage: EventStorage
  /** @default the storage's own (`createLiveness`), else Web Locks, else a localStorage lease, else this realm */
  liveness?: OwnerLiveness
  /** Storage failures (quota): the events concerned stay in memory and are still delivered. */
  onError: (error: StripeMeterError) => void
  /** Events claimed from gone owners, oldest first, with their original `ts` and keys: queue them. */
  onAdopted: (events: KeyedIngestEvent[]) => void
}

/**
 * Keeps a client's queue mirrored in an `EventStorage`: `record` when an event is buffered,
 * `forget` when it is counted or reported, `adoptOrphans` for what gone instances left behind.
 * `record` is synchronous for `buffer()`: writes of one task are batched into one storage write,
 * and writes run in call order, so a `forget` never overtakes its `record`.
 */
export class EventPersistence {
  /** This client instance's owner id: no other instance sends the events it stored. */
  readonly ownerId = crypto.randomUUID()
  readonly #storage: EventStorage
  readonly #liveness: OwnerLiveness
  readonly #onError: (error: StripeMeterError) => void
  readonly #takeover: OwnerTakeover
  readonly #unwritten = new Map<string, StoredEvent>()
  /** Recorded and not yet confirmed written (nor forgotten): what `spillUnconfirmed` saves. */
  readonly #unconfirmed = new Map<string, StoredEvent>()
  readonly #unforgotten = new Set<string>()
  /** Keys whose delete failed: deleted again once a delete succeeds. */
  readonly #undeleted = new Set<string>()
  #lastOrder = 0
  #writeScheduled = false
  /** A write is chained and not yet started: it takes everything gathered until it starts. */
  #writeQueued = false
  #putFailing = false
  #deleteFailing = false
  /**
   * Writes and deletes of this owner's events, one at a time in call order. Claims of other
   * owners' events chain apart (in `#takeover`): they touch other records, and a burst buffered
   * right after the page loaded must not wait behind the first claim before it is safe on disk.
   */
  #writes: Promise<void>

  constructor(options: EventPersistenceOptions) {
    this.#storage = options.storage
    this.#liveness = options.liveness ?? options.storage.createLiveness?.() ?? createOwnerLiveness()
    this.#onError = options.onError
    // Nothing is written or claimed before this owner is visibly alive, or another tab could
    // take its events for orphans.
    this.#writes = this.#liveness.start(this.ownerId).catch((error: unknown) => {
      this.#report(
        'could not register this client as the owner of its stored events',
        'other tabs may send them too, and the server counts them once',
        error,
      )
    })
    this.#takeover = new OwnerTakeover({
      ownerId: this.ownerId,
      storage: this.#storage,
      liveness: this.#liveness,
      onClaimed: (records) => options.onAdopted(records.map((record) => record.event)),
      onError: (error) => this.#reportClaimFailure(error),
    })
    void this.#takeover.start(this.#writes)
  }

  /** Stores an event that was just buffered. */
  record(event: KeyedIngestEvent): void {
    const key = event.idempotencyKey
    // Strictly increasing, and close to the time, so restored events keep their buffered order.
    this.#lastOrder = Math.max(Date.now(), this.#lastOrder + 0.001)
    const record = { key, event, owner: this.ownerId, order: this.#lastOrder }
    this.#unwritten.set(key, record)
    this.#unconfirmed.set(key, record)
    this.#scheduleWrite()
  }

  /** Deletes events that were counted (accepted or duplicate) or reported as refused. */
  forget(keys: Iterable<string>): void {
    for (const key of keys) {
      this.#unconfirmed.delete(key)
      // Never written yet: dropping it from the batch saves both the write and the delete.
      if (!this.#unwritten.delete(key)) this.#unforgotten.add(key)
    }
    this.#scheduleWrite()
  }

  /**
   * Looks for owners that are gone now (a reloaded, closed or crashed tab, a closed client, a
   * killed process) and claims their events. Owners that go later are taken over without being
   * asked (see `OwnerTakeover`); this is for the moments a lease may have lapsed unseen: the page
   * is visible again, the network is back.
   */
  adoptOrphans(): Promise<void> {
    return this.#takeover.lookAround()
  }

  /**
   * The page is being left: events recorded but not yet confirmed written go to the storage's
   * synchronous `putNow`, where it has one, since the asynchronous write may never finish.
   */
  spillUnconfirmed(): void {
    if (this.#storage.putNow === undefined || this.#unconfirmed.size === 0) return
    this.#storage.putNow([...this.#unconfirmed.values()])
  }

  /** Resolves when every write, delete and claim asked for so far has reached the storage. */
  async settled(): Promise<void> {
    this.#enqueueWrite()
    await Promise.all([this.#writes, this.#takeover.settled()])
  }

  /** Waits for pending writes, then lets other instances claim what is left. */
  async close(): Promise<void> {
    await this.settled()
    this.#takeover.stop()
    this.#liveness.stop()
    this.#storage.close?.()
  }

  #reportClaimFailure(error: unknown): void {
    this.#report(
      'could not read the events stored by earlier visits',
      'they stay stored and a later client sends them',
      error,
    )
  }

  #scheduleWrite(): void {
    if (this.#writeScheduled) return
    this.#writeScheduled = true
    queueMicrotask(() => this.#enqueueWrite())
  }

  /**
   * Chains one storage write for what `record` and `forget` gathered. It takes the records when
   * it starts, not when it is chained: everything buffered while the previous write was on its
   * way goes in one write, so a storage with a round trip (Redis) writes in batches under load
   * instead of falling behind one small write per task.
   */
  #enqueueWrite(): void {
    if (!this.#writeScheduled) return
    this.#writeScheduled = false
    if (this.#writeQueued) return
    this.#writeQueued = true
    this.#writes = this.#writes.then(() => {
      this.#writeQueued = false
      const records = [...this.#unwritten.values()]
      const keys = [...this.#unforgotten]
      this.#unwritten.clear()
      this.#unforgotten.clear()
      return this.#write(records, keys)
    })
  }

  async #write(records: StoredEvent[], forgottenKeys: string[]): Promise<void> {
    // The two never share a key (an event forgotten before its write is never written), so they
    // go together: one round trip where the storage coalesces them (Redis), not two in a row.
    await Promise.all([
      records.length > 0 && this.#put(records),
      forgottenKeys.length > 0 && this.#delete(forgottenKeys),
    ])
  }

  async #put(records: StoredEvent[]): Promise<void> {
    try {
      await this.#storage.put(records)
      for (const record of records) this.#unconfirmed.delete(record.key)
      if (this.#putFailing) {
        this.#putFailing = false
        // The storage is back (Redis restarted, quota freed): events buffered while it failed
        // and not yet delivered are written now, so a crash from here on loses none of them.
        for (const [key, record] of this.#unconfirmed) this.#unwritten.set(key, record)
        this.#scheduleWrite()
      }
    } catch (error) {
      // Reported once per failure streak, not once per buffered batch.
      if (!this.#putFailing) {
        this.#putFailing = true
        this.#report(
          `could not store ${records.length} buffered events`,
          'they stay in memory and are still delivered, but would not survive a reload',
          error,
        )
      }
    }
  }

  async #delete(forgottenKeys: string[]): Promise<void> {
    try {
      await this.#storage.delete(forgottenKeys)
      if (this.#deleteFailing) {
        this.#deleteFailing = false
        for (const key of this.#undeleted) this.#unforgotten.add(key)
        this.#undeleted.clear()
        this.#scheduleWrite()
      }
    } catch (error) {
      // Deleted again after the next delete that succeeds. Left behind for good (this client
      // ends first), a delivered event is resent by a later client and counted once.
      for (const key of forgottenKeys) this.#undeleted.add(key)
      if (this.#deleteFailing) return
      this.#deleteFailing = true
      this.#report(
        `could not delete ${forgottenKeys.length} delivered events`,
        'a later client resends them and the server counts them once',
        error,
      )
    }
  }

  #report(what: string, consequence: string, cause: unknown): void {
    const reason = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause)
    this.#onError(
      new StripeMeterError(`[stripemeter] ${what} (${reason}); ${consequence}`, {
        code: 'storage_error',
        cause,
      }),
    )
  }
}

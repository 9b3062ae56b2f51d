import { StripeMeterError } from '../StripeMeterError.js'
import type { IngestEvent } from '../types.js'
import { createOwnerLiveness } from './createOwnerLiveness.js'
import type { EventStorage, StoredEvent } from './EventStorage.js'
import type { OwnerLiveness } from './OwnerLiveness.js'

export interface EventPersistenceOptions {
  storage: EventStorage
  /** @default Web Locks, else a localStorage lease, else this realm */
  liveness?: OwnerLiveness
  /** Storage failures (quota): the events concerned stay in memory and are still delivered. */
  onError: (error: StripeMeterError) => void
  /** Events claimed from gone owners, oldest first, with their original `ts` and keys: queue them. */
  onAdopted: (events: IngestEvent[]) => void
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
  readonly #onAdopted: (events: IngestEvent[]) => void
  /** Owners whose end this instance is waiting for, to claim what they leave. */
  readonly #watchedOwners = new Map<string, Promise<void>>()
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
   * owners' events chain apart (`#claims`): they touch other records, and a burst buffered right
   * after the page loaded must not wait behind the first claim before it is safe on disk.
   */
  #writes: Promise<void>
  #claims: Promise<void>

  constructor(options: EventPersistenceOptions) {
    this.#storage = options.storage
    this.#liveness = options.liveness ?? createOwnerLiveness()
    this.#onError = options.onError
    this.#onAdopted = options.onAdopted
    // Nothing is written or claimed before this owner is visibly alive, or another tab could
    // take its events for orphans.
    this.#writes = this.#liveness.start(this.ownerId).catch((error: unknown) => {
      this.#report(
        'could not register this client as the owner of its stored events',
        'other tabs may send them too, and the server counts them once',
        error,
      )
    })
    this.#claims = this.#writes
  }

  /** Stores an event that was just buffered. `event.idempotencyKey` must be set. */
  record(event: IngestEvent): void {
    const key = event.idempotencyKey
    if (key === undefined) return
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
   * Claims the events of owners that are gone (a reloaded, closed or crashed tab, a closed
   * client) and hands them to `onAdopted`. With Web Locks every owner is watched: its events are
   * claimed while holding its lock, at once if it is gone, else the moment it goes (a reloaded
   * page may start before the old page's lock is released), and never by two tabs together,
   * whatever the storage. With a lease, owners whose lease ran out are claimed now.
   */
  adoptOrphans(): Promise<void> {
    return this.#chainClaim(async () => {
      const owners = (await this.#storage.owners()).filter((owner) => owner !== this.ownerId)
      if (owners.length === 0) return
      const gone = await this.#liveness.goneAmong(owners)
      if (this.#liveness.watch === undefined) return this.#claim(gone)
      // Gone owners' locks are granted at once: wait for those claims, not for live owners.
      await Promise.all(
        owners.map((owner) => {
          const watching = this.#watch(owner)
          return gone.has(owner) ? watching : undefined
        }),
      )
    })
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
    await Promise.all([this.#writes, this.#claims])
  }

  /** Waits for pending writes, then lets other instances claim what is left. */
  async close(): Promise<void> {
    await this.settled()
    this.#liveness.stop()
    this.#storage.close?.()
  }

  /** Claims `owner`'s events while holding its lock, once it is gone; one watch per owner. */
  #watch(owner: string): Promise<void> | undefined {
    const watch = this.#liveness.watch?.bind(this.#liveness)
    if (watch === undefined) return undefined
    let watching = this.#watchedOwners.get(owner)
    if (watching === undefined) {
      watching = watch(owner, () =>
        this.#claim(new Set([owner])).catch((error: unknown) => this.#reportClaimFailure(error)),
      ).finally(() => this.#watchedOwners.delete(owner))
      this.#watchedOwners.set(owner, watching)
    }
    return watching
  }

  async #claim(fromOwners: ReadonlySet<string>): Promise<void> {
    if (fromOwners.size === 0) return
    const claimed = await this.#storage.claim(this.ownerId, fromOwners)
    if (claimed.length > 0) this.#onAdopted(claimed.map((record) => record.event))
  }

  /** Runs `work` after every claim asked for before it; a failure is reported, not thrown. */
  #chainClaim(work: () => Promise<void>): Promise<void> {
    this.#claims = this.#claims
      .then(work)
      .catch((error: unknown) => this.#reportClaimFailure(error))
    return this.#claims
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
    if (records.length > 0) await this.#put(records)
    if (forgottenKeys.length > 0) await this.#delete(forgottenKeys)
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

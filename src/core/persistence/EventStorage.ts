import type { KeyedIngestEvent } from '../types.js'
import type { OwnerLiveness } from './OwnerLiveness.js'

/** An event as it is kept between page loads: the wire event plus who may send it. */
export interface StoredEvent {
  /** The event's idempotency key, which is also the record's identity. */
  key: string
  /** The event exactly as it goes over the wire, with its original `ts` and `idempotencyKey`. */
  event: KeyedIngestEvent
  /** The client instance that may send it: no other instance touches it while this one lives. */
  owner: string
  /** Restore order: stored events go back to the queue sorted by this, oldest first. */
  order: number
}

/**
 * Where buffered events outlive the page. One storage holds one namespace (origin, API URL and
 * tenant); the client writes an event when it is buffered and deletes it once it is counted or
 * reported. Implementations: `IndexedDbStorage` (browsers), `LocalStorageStorage` (fallback),
 * `MemoryStorage` (one process).
 */
export interface EventStorage {
  /** Writes records; writing the same key again replaces it. Rejects on a quota error. */
  put(records: readonly StoredEvent[]): Promise<void>
  /** Deletes records by key; unknown keys are ignored. */
  delete(keys: readonly string[]): Promise<void>
  /** The distinct owners of the stored records, so the caller can ask which of them are gone. */
  owners(): Promise<string[]>
  /**
   * Hands every record owned by one of `fromOwners` to `owner` and returns them, oldest first.
   * Must be atomic across tabs: when two instances claim at once, each record goes to one.
   */
  claim(owner: string, fromOwners: ReadonlySet<string>): Promise<StoredEvent[]>
  /**
   * Writes records synchronously, for the moment a page is being left: asynchronous writes
   * started then may never commit. Optional (IndexedDB cannot; a localStorage spill can).
   */
  putNow?(records: readonly StoredEvent[]): void
  /**
   * The part of this storage that holds one namespace's events (`storageNamespace(apiUrl,
   * tenantId)`), for storages that several clients share, such as one SQLite file: a client
   * claims only events of its own API URL and tenant. Optional: without it the whole storage is
   * one namespace.
   */
  forNamespace?(namespace: string): EventStorage
  /**
   * How owners of this storage are told alive from gone, for storages shared beyond one browser
   * (a file several processes open, a server several instances share): e.g. leases kept in the
   * storage itself (`LeaseLiveness`). One new liveness per client. Optional: without it a client
   * uses Web Locks, else a localStorage lease, else this realm.
   */
  createLiveness?(): OwnerLiveness
  /** Releases connections; the stored records stay. */
  close?(): void
}

/** Sorts records oldest first (the order they were buffered in). */
export function byStoredOrder(a: StoredEvent, b: StoredEvent): number {
  return a.order - b.order
}

import { providePersistence } from '../core/DeferredPersistence.js'
import { createEventPersistence } from '../core/persistence/createEventPersistence.js'
import {
  byStoredOrder,
  type EventStorage,
  type StoredEvent,
} from '../core/persistence/EventStorage.js'
import { LeaseLiveness } from '../core/persistence/LeaseLiveness.js'
import type { OwnerLiveness } from '../core/persistence/OwnerLiveness.js'
import type { KeyedIngestEvent } from '../core/types.js'
import { validationError } from '../core/validationError.js'
import { CoalescingWriter, type PendingWrite } from './CoalescingWriter.js'
import { type RedisCommandClient, RedisConnection } from './RedisConnection.js'
import { RedisLeases } from './RedisLeases.js'
import { type RedisKeys, redisKeys } from './redisKeys.js'
import { claimScript, writeScript } from './redisScripts.js'

// Durable from the task that buffered an event: the client must not wait for a chunk to load.
providePersistence(createEventPersistence)

export interface RedisStorageOptions {
  /**
   * A connected node-redis client: `await createClient({ url }).connect()`. Yours to configure
   * (TLS, auth, reconnect strategy) and to close; the storage only sends commands through it.
   */
  client: RedisCommandClient
  /** The `apiUrl` the StripeMeter client uses: stored events are namespaced by it. */
  apiUrl: string
  /** The `tenantId` the StripeMeter client uses: stored events are namespaced by it. */
  tenantId: string
  /**
   * How long an instance counts as alive after its last heartbeat (renewed every third of it).
   * A SIGKILLed instance's events are claimed by another once it lapses.
   * @default 15_000
   */
  leaseMs?: number
  /**
   * At most one write per this many milliseconds: under load, the events buffered meanwhile
   * share one round trip. Also the longest an event waits before it is written (plus a round
   * trip); a crash in that window loses what was not yet written.
   * @default 10
   */
  writeIntervalMs?: number
  /** A command Redis has not answered by then fails (the events stay in memory). @default 5_000 */
  commandTimeoutMs?: number
  /** First part of every key name. @default 'stripemeter' */
  keyPrefix?: string
}

/**
 * Keeps buffered events in Redis so that a fleet of instances shares one durable queue: an
 * instance that dies (deploy, OOM kill, crash) leaves its events to the others, which claim them
 * atomically (a Lua script: each event goes to exactly one live instance) once its lease lapses,
 * and send them with their original idempotency keys. Events carry no TTL: each stays until it is
 * counted or reported, then it is deleted.
 */
export class RedisStorage implements EventStorage {
  readonly #connection: RedisConnection
  readonly #keys: RedisKeys
  readonly #leases: RedisLeases
  readonly #leaseMs: number
  readonly #writer: CoalescingWriter

  constructor(options: RedisStorageOptions) {
    if (typeof options !== 'object' || options === null) {
      throw validationError('options', 'must be an object', options)
    }
    const { client, apiUrl, tenantId } = options
    if (typeof client !== 'object' || client === null || typeof client.sendCommand !== 'function') {
      throw validationError(
        'client',
        'must be a connected node-redis client (createClient(…).connect())',
        client,
      )
    }
    if (typeof tenantId !== 'string' || tenantId.length === 0) {
      throw validationError('tenantId', 'must be a non-empty string', tenantId)
    }
    if (typeof apiUrl !== 'string' || !URL.canParse(apiUrl)) {
      throw validationError('apiUrl', 'must be an absolute http(s) URL', apiUrl)
    }
    const leaseMs = positiveInteger('leaseMs', options.leaseMs, 15_000)
    const writeIntervalMs = positiveInteger('writeIntervalMs', options.writeIntervalMs, 10, 0)
    const timeoutMs = positiveInteger('commandTimeoutMs', options.commandTimeoutMs, 5_000)
    const keyPrefix = options.keyPrefix ?? 'stripemeter'
    if (typeof keyPrefix !== 'string' || keyPrefix.length === 0) {
      throw validationError('keyPrefix', 'must be a non-empty string', keyPrefix)
    }
    this.#connection = new RedisConnection(client, timeoutMs)
    this.#keys = redisKeys(keyPrefix, apiUrl, tenantId)
    this.#leases = new RedisLeases(this.#connection, this.#keys.leasePrefix)
    this.#leaseMs = leaseMs
    this.#writer = new CoalescingWriter((changes) => this.#write(changes), writeIntervalMs)
  }

  /** Redis commands sent so far, one round trip each (for monitoring and the bench). */
  get roundTrips(): number {
    return this.#connection.roundTrips
  }

  /**
   * Each client's liveness: a lease in Redis renewed every `leaseMs / 3`, and a look at the
   * stored owners as often, claiming the events of those whose lease lapsed.
   */
  createLiveness(): OwnerLiveness {
    return new LeaseLiveness({ leases: this.#leases, leaseMs: this.#leaseMs })
  }

  put(records: readonly StoredEvent[]): Promise<void> {
    if (records.length === 0) return Promise.resolve()
    return this.#writer.add(
      records.map((record): [string, PendingWrite] => [
        record.key,
        {
          owner: record.owner,
          payload: JSON.stringify({ event: record.event, order: record.order }),
        },
      ]),
    )
  }

  delete(keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return Promise.resolve()
    return this.#writer.add(keys.map((key): [string, PendingWrite] => [key, null]))
  }

  async owners(): Promise<string[]> {
    const owners = await this.#connection.command(['SMEMBERS', this.#keys.owners])
    return Array.from(owners as Iterable<string>, String)
  }

  async claim(owner: string, fromOwners: ReadonlySet<string>): Promise<StoredEvent[]> {
    if (fromOwners.size === 0) return []
    const keys = this.#keys
    const reply = (await this.#connection.script(
      claimScript,
      [keys.events, keys.owner, keys.owners],
      [keys.ownedPrefix, keys.leasePrefix, owner, ...fromOwners],
    )) as string[]
    const claimed: StoredEvent[] = []
    for (let index = 0; index < reply.length; index += 2) {
      const { event, order } = JSON.parse(String(reply[index + 1])) as {
        event: KeyedIngestEvent
        order: number
      }
      claimed.push({ key: String(reply[index]), event, owner, order })
    }
    return claimed.sort(byStoredOrder)
  }

  /** Stops the write timer. The Redis client stays open: it is the caller's. */
  close(): void {
    this.#writer.cancel()
  }

  async #write(changes: ReadonlyMap<string, PendingWrite>): Promise<void> {
    const puts: string[] = []
    const deletes: string[] = []
    for (const [key, change] of changes) {
      if (change === null) deletes.push(key)
      else puts.push(key, change.owner, change.payload)
    }
    const keys = this.#keys
    await this.#connection.script(
      writeScript,
      [keys.events, keys.owner, keys.owners],
      [keys.ownedPrefix, String(puts.length / 3), ...puts, ...deletes],
    )
  }
}

function positiveInteger(name: string, value: unknown, fallback: number, min = 1): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw validationError(name, `must be an integer of at least ${min}`, value)
  }
  return value
}

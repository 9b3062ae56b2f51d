import type { LeaseStore } from '../core/persistence/LeaseLiveness.js'
import type { RedisConnection } from './RedisConnection.js'

/**
 * Leases across a fleet: one key per live instance, with a TTL its heartbeat renews. A process
 * that dies (SIGKILL, OOM, a lost host) stops renewing and its key expires; one that closes
 * deletes its key at once. A missing key is a gone owner, whose events may be claimed.
 */
export class RedisLeases implements LeaseStore {
  readonly #connection: RedisConnection
  readonly #leasePrefix: string

  constructor(connection: RedisConnection, leasePrefix: string) {
    this.#connection = connection
    this.#leasePrefix = leasePrefix
  }

  async renew(owner: string, leaseMs: number): Promise<void> {
    await this.#connection.command(['SET', this.#leasePrefix + owner, '1', 'PX', String(leaseMs)])
  }

  async lapsed(owners: readonly string[]): Promise<Set<string>> {
    if (owners.length === 0) return new Set()
    const leases = (await this.#connection.command([
      'MGET',
      ...owners.map((owner) => this.#leasePrefix + owner),
    ])) as (string | null)[]
    return new Set(owners.filter((_, index) => leases[index] === null))
  }

  async release(owner: string): Promise<void> {
    await this.#connection.command(['DEL', this.#leasePrefix + owner])
  }
}

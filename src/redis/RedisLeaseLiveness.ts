import type { OwnerLiveness } from '../core/persistence/OwnerLiveness.js'
import type { RedisConnection } from './RedisConnection.js'

/**
 * Owners alive across a fleet: each instance holds a lease key in Redis with a TTL and renews it
 * by heartbeat. A process that dies (SIGKILL, OOM, a lost host) stops renewing, its lease lapses
 * after `leaseMs`, and its events become claimable; one that closes deletes its lease at once.
 * A process frozen longer than `leaseMs` (a debugger, a stalled VM) may find its events claimed
 * and sent by another instance too: their idempotency keys make the server count them once.
 */
export class RedisLeaseLiveness implements OwnerLiveness {
  readonly #connection: RedisConnection
  readonly #leasePrefix: string
  readonly #leaseMs: number
  #ownerId: string | undefined
  #heartbeat: ReturnType<typeof setInterval> | undefined

  constructor(connection: RedisConnection, leasePrefix: string, leaseMs: number) {
    this.#connection = connection
    this.#leasePrefix = leasePrefix
    this.#leaseMs = leaseMs
  }

  async start(ownerId: string): Promise<void> {
    this.#ownerId = ownerId
    // Three renewals per lease: one lost heartbeat (a slow Redis, a GC pause) is not death.
    this.#heartbeat = setInterval(() => {
      this.#renew().catch(() => {}) // Redis away: the next heartbeat tries again.
    }, this.#leaseMs / 3)
    ;(this.#heartbeat as { unref?: () => void }).unref?.()
    await this.#renew()
  }

  async goneAmong(owners: readonly string[]): Promise<Set<string>> {
    if (owners.length === 0) return new Set()
    const leases = (await this.#connection.command([
      'MGET',
      ...owners.map((owner) => this.#leasePrefix + owner),
    ])) as (string | null)[]
    return new Set(owners.filter((_, index) => leases[index] === null))
  }

  stop(): void {
    clearInterval(this.#heartbeat)
    this.#heartbeat = undefined
    if (this.#ownerId === undefined) return
    // Gone at once for the others; if Redis is away, the lease lapses by itself.
    this.#connection.command(['DEL', this.#leasePrefix + this.#ownerId]).catch(() => {})
  }

  #renew(): Promise<unknown> {
    return this.#connection.command([
      'SET',
      this.#leasePrefix + this.#ownerId,
      '1',
      'PX',
      String(this.#leaseMs),
    ])
  }
}

import type { OwnerLiveness } from './OwnerLiveness.js'

/**
 * Where owners keep their leases: localStorage in a browser without Web Locks, a table of the
 * SQLite file, keys with a TTL in Redis. An owner without a lease counts as gone.
 */
export interface LeaseStore {
  /** Keeps `owner` alive for `leaseMs` from now. */
  renew(owner: string, leaseMs: number): Promise<void>
  /** The owners among `owners` whose lease ran out, or who never had one. */
  lapsed(owners: readonly string[]): Promise<Set<string>>
  /** Ends `owner`'s lease now: its events become claimable at once. */
  release(owner: string): Promise<void>
}

export interface LeaseLivenessOptions {
  /** Where the leases are kept. */
  leases: LeaseStore
  /**
   * How long an owner counts as alive after its last renewal; it renews every third of it.
   * Generous in browsers, which throttle timers in background tabs to about once a minute.
   * @default 180_000
   */
  leaseMs?: number
}

/**
 * An owner is alive while its lease runs: it renews it every `leaseMs / 3`, and other owners look
 * at the stored owners as often, claiming those whose lease lapsed. Used where no lock tells of an
 * owner's end: browsers without Web Locks (plain-http pages), processes sharing a SQLite file,
 * instances sharing Redis. An owner that stalls longer than its lease (a frozen tab, a blocked
 * event loop) can find its events claimed while it still holds them in memory; both may then
 * send them, and their idempotency keys make the server count them once.
 */
export class LeaseLiveness implements OwnerLiveness {
  readonly #leases: LeaseStore
  readonly #leaseMs: number
  readonly recheckMs: number
  #ownerId: string | undefined
  #renewTimer: ReturnType<typeof setInterval> | undefined

  constructor(options: LeaseLivenessOptions) {
    this.#leases = options.leases
    this.#leaseMs = options.leaseMs ?? 180_000
    this.recheckMs = this.#leaseMs / 3
  }

  async start(ownerId: string): Promise<void> {
    this.#ownerId = ownerId
    await this.#leases.renew(ownerId, this.#leaseMs)
    this.#renewTimer = setInterval(() => this.#renew(), this.recheckMs)
    // In Node, and under jsdom, the renewal must not keep a process alive.
    ;(this.#renewTimer as { unref?: () => void }).unref?.()
  }

  goneAmong(owners: readonly string[]): Promise<Set<string>> {
    return this.#leases.lapsed(owners)
  }

  stop(): void {
    clearInterval(this.#renewTimer)
    const ownerId = this.#ownerId
    this.#ownerId = undefined
    if (ownerId !== undefined) void this.#leases.release(ownerId).catch(() => {})
  }

  #renew(): void {
    if (this.#ownerId === undefined) return
    // A lease that cannot be renewed (a full storage, a lost connection) lapses: the worst case
    // is that another owner sends these events as well, which idempotency keys make harmless.
    void this.#leases.renew(this.#ownerId, this.#leaseMs).catch(() => {})
  }
}

import type { OwnerLiveness } from './OwnerLiveness.js'

const leasePrefix = 'stripemeter:lease:'

export interface LeaseLivenessOptions {
  /**
   * How long an owner counts as alive after its last renewal. Generous because browsers throttle
   * timers in background tabs to about once a minute.
   * @default 180_000
   */
  leaseMs?: number
  /** @default globalThis.localStorage */
  storage?: Storage
  /** @default Date.now */
  now?: () => number
}

/**
 * The fallback where Web Locks are missing (pages served over plain http): each owner renews a
 * lease in localStorage; an owner whose lease ran out is gone. A frozen tab can outlive its lease,
 * in which case its events may be sent by another tab too; their idempotency keys still make the
 * server count them once.
 */
export class LeaseLiveness implements OwnerLiveness {
  readonly #leaseMs: number
  readonly #storage: Storage
  readonly #now: () => number
  #ownerId: string | undefined
  #renewTimer: ReturnType<typeof setInterval> | undefined

  constructor(options: LeaseLivenessOptions = {}) {
    this.#leaseMs = options.leaseMs ?? 180_000
    this.#storage = options.storage ?? globalThis.localStorage
    this.#now = options.now ?? Date.now
  }

  static isSupported(): boolean {
    try {
      return typeof globalThis.localStorage?.setItem === 'function'
    } catch {
      return false // Reading localStorage throws where the user blocked site data.
    }
  }

  async start(ownerId: string): Promise<void> {
    this.#ownerId = ownerId
    this.#sweepExpiredLeases()
    this.#renew()
    this.#renewTimer = setInterval(() => this.#renew(), this.#leaseMs / 3)
    // Under jsdom or a server-side DOM the renewal must not keep a Node process alive.
    const timer = this.#renewTimer as { unref?: () => void }
    timer.unref?.()
  }

  async goneAmong(owners: readonly string[]): Promise<Set<string>> {
    const now = this.#now()
    return new Set(
      owners.filter((owner) => {
        const expiresAt = Number(this.#storage.getItem(leasePrefix + owner))
        return !(expiresAt > now)
      }),
    )
  }

  stop(): void {
    clearInterval(this.#renewTimer)
    if (this.#ownerId !== undefined) this.#storage.removeItem(leasePrefix + this.#ownerId)
  }

  /** Tabs that closed never removed their lease; the next owner to start clears them away. */
  #sweepExpiredLeases(): void {
    const now = this.#now()
    const expired: string[] = []
    for (let index = 0; index < this.#storage.length; index++) {
      const itemKey = this.#storage.key(index)
      if (itemKey?.startsWith(leasePrefix) && !(Number(this.#storage.getItem(itemKey)) > now)) {
        expired.push(itemKey)
      }
    }
    for (const itemKey of expired) this.#storage.removeItem(itemKey)
  }

  #renew(): void {
    if (this.#ownerId === undefined) return
    try {
      this.#storage.setItem(leasePrefix + this.#ownerId, String(this.#now() + this.#leaseMs))
    } catch {
      // A full storage cannot take the lease: the owner then looks gone, and the worst case is
      // that another tab sends its events as well, which idempotency keys make harmless.
    }
  }
}

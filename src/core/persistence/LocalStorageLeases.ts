import type { LeaseStore } from './LeaseLiveness.js'

const leasePrefix = 'stripemeter:lease:'

export interface LocalStorageLeasesOptions {
  /** @default globalThis.localStorage */
  storage?: Storage
  /** @default Date.now */
  now?: () => number
}

/** Leases in localStorage, shared by the tabs of an origin: one item per owner, its expiry. */
export class LocalStorageLeases implements LeaseStore {
  readonly #storage: Storage
  readonly #now: () => number
  #swept = false

  constructor(options: LocalStorageLeasesOptions = {}) {
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

  async renew(owner: string, leaseMs: number): Promise<void> {
    if (!this.#swept) this.#sweepExpired()
    this.#storage.setItem(leasePrefix + owner, String(this.#now() + leaseMs))
  }

  async lapsed(owners: readonly string[]): Promise<Set<string>> {
    const now = this.#now()
    return new Set(
      owners.filter((owner) => !(Number(this.#storage.getItem(leasePrefix + owner)) > now)),
    )
  }

  async release(owner: string): Promise<void> {
    this.#storage.removeItem(leasePrefix + owner)
  }

  /** Closed tabs never remove their lease; the first renewal of each page clears them away. */
  #sweepExpired(): void {
    this.#swept = true
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
}

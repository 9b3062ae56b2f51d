import type { OwnerLiveness } from '../persistence/OwnerLiveness.js'

const lockPrefix = 'stripemeter:owner:'

/**
 * Each client instance holds a Web Lock named after its owner id for as long as it lives. The
 * browser releases it when the tab closes, reloads or crashes, so "no lock held" means "gone",
 * with no timer to tune and no window where a slow tab looks dead.
 */
export class WebLocksLiveness implements OwnerLiveness {
  #release: (() => void) | undefined

  static isSupported(): boolean {
    return typeof navigator !== 'undefined' && typeof navigator.locks?.request === 'function'
  }

  start(ownerId: string): Promise<void> {
    return new Promise((resolve, reject) => {
      navigator.locks
        .request(
          lockPrefix + ownerId,
          () =>
            new Promise<void>((release) => {
              this.#release = release
              resolve()
            }),
        )
        .catch(reject)
    })
  }

  async goneAmong(owners: readonly string[]): Promise<Set<string>> {
    const snapshot = await navigator.locks.query()
    const alive = new Set<string>()
    for (const lock of [...(snapshot.held ?? []), ...(snapshot.pending ?? [])]) {
      if (lock.name?.startsWith(lockPrefix)) alive.add(lock.name.slice(lockPrefix.length))
    }
    return new Set(owners.filter((owner) => !alive.has(owner)))
  }

  stop(): void {
    this.#release?.()
    this.#release = undefined
  }
}

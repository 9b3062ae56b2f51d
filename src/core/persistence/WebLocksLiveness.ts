import type { OwnerLiveness } from './OwnerLiveness.js'

const lockPrefix = 'stripemeter:owner:'

/**
 * Each client instance holds a Web Lock named after its owner id for as long as it lives. The
 * browser releases it when the tab closes, reloads or crashes, so "no lock held" means "gone",
 * with no timer to tune and no window where a slow tab looks dead.
 */
export class WebLocksLiveness implements OwnerLiveness {
  #release: (() => void) | undefined
  /** Cancels the lock requests `watch` left waiting when this owner stops. */
  readonly #stopWatching = new AbortController()

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

  /**
   * Queues for the owner's own lock: the browser grants it only once the owner's tab is gone.
   * While `onGone` claims the events, this instance holds the lock, so to every other tab the
   * owner still looks alive and nobody claims alongside.
   */
  watch(owner: string, onGone: () => Promise<void>): Promise<void> {
    return navigator.locks
      .request(lockPrefix + owner, { signal: this.#stopWatching.signal }, onGone)
      .catch(() => {}) // Aborted by stop(), or onGone failed (it reports its own errors).
  }

  stop(): void {
    this.#stopWatching.abort()
    this.#release?.()
    this.#release = undefined
  }
}

import type { OwnerLiveness } from './OwnerLiveness.js'

const lockPrefix = 'stripemeter:owner:'
/** Where owners announce their start to the other tabs (and clients) of the origin. */
const startsChannel = 'stripemeter:owner-starts'

/**
 * Each client instance holds a Web Lock named after its owner id for as long as it lives. The
 * browser releases it when the tab closes, reloads or crashes, so "no lock held" means "gone",
 * with no timer to tune and no window where a slow tab looks dead.
 */
export class WebLocksLiveness implements OwnerLiveness {
  #release: (() => void) | undefined
  /** Announces this owner's start; closed when it stops. */
  #starts: BroadcastChannel | undefined
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
              this.#announceStart(ownerId)
              resolve()
            }),
        )
        .catch(reject)
    })
  }

  async goneAmong(owners: readonly string[]): Promise<Set<string>> {
    const alive = await ownersHoldingLocks()
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

  #announceStart(ownerId: string): void {
    if (typeof BroadcastChannel !== 'function') return
    this.#starts = new BroadcastChannel(startsChannel)
    this.#starts.postMessage({ started: ownerId })
  }

  /**
   * Owners running now (their locks, one snapshot) and every owner that starts later (its
   * announcement on a BroadcastChannel, which reaches background tabs at once, unlike timers).
   * Listening begins before the snapshot, so an owner starting in between is heard of anyway.
   */
  onOwnerStarted(listener: (owner: string) => void): () => void {
    const channel =
      typeof BroadcastChannel === 'function' ? new BroadcastChannel(startsChannel) : undefined
    if (channel !== undefined) {
      channel.onmessage = (message: MessageEvent<unknown>) => {
        const started = (message.data as { started?: unknown } | null)?.started
        if (typeof started === 'string') listener(started)
      }
    }
    void ownersHoldingLocks().then((owners) => {
      for (const owner of owners) listener(owner)
    })
    return () => channel?.close()
  }

  stop(): void {
    this.#starts?.close()
    this.#stopWatching.abort()
    this.#release?.()
    this.#release = undefined
  }
}

/** Owners whose lock is held or asked for: alive, or being claimed by a watcher right now. */
async function ownersHoldingLocks(): Promise<Set<string>> {
  const snapshot = await navigator.locks.query()
  const owners = new Set<string>()
  for (const lock of [...(snapshot.held ?? []), ...(snapshot.pending ?? [])]) {
    if (lock.name?.startsWith(lockPrefix)) owners.add(lock.name.slice(lockPrefix.length))
  }
  return owners
}

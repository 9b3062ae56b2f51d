/**
 * Tells whether the client instance that owns stored events is still alive. A live owner keeps
 * its events; those of a gone owner (reloaded, closed or crashed tab, killed process) may be
 * claimed by another.
 */
export interface OwnerLiveness {
  /** Marks `ownerId` alive; resolves once other instances can see it, before its first write. */
  start(ownerId: string): Promise<void>
  /** The owners among `owners` that are gone for good (an owner id is never reused). */
  goneAmong(owners: readonly string[]): Promise<Set<string>>
  /** Marks the owner gone; its remaining events become claimable. */
  stop(): void
  /**
   * Calls `onGone` once `owner` is gone, holding off other claimers until its promise settles;
   * resolves after that, or when `stop()` cancels the watch. Optional: a liveness that cannot
   * wait for an end (a lease) leaves it out, and owners are looked at again every `recheckMs`.
   */
  watch?(owner: string, onGone: () => Promise<void>): Promise<void>
  /**
   * Calls `listener` with each owner that starts after this one did (and with those already
   * running, once): an owner may store events at any time after its start, so it is watched from
   * then on. Returns the function that stops listening. Optional, with `watch`.
   */
  onOwnerStarted?(listener: (owner: string) => void): () => void
  /**
   * Without `watch`: how often stored owners are looked at again for ones that went (a lease
   * lapses at some time nobody is told of).
   */
  readonly recheckMs?: number
}

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
   * tell (a lease) leaves it out, and claims happen on the client's next start, `online` or
   * return to the page.
   */
  watch?(owner: string, onGone: () => Promise<void>): Promise<void>
}

import { LeaseLiveness } from '../browser/LeaseLiveness.js'
import { WebLocksLiveness } from '../browser/WebLocksLiveness.js'

/**
 * Tells whether the client instance that owns stored events is still alive. A live owner keeps
 * its events; those of a gone owner (reloaded, closed or crashed tab) may be claimed by another.
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

/** Owners alive in this JavaScript realm: the last resort where neither Web Locks nor localStorage exist. */
const ownersInThisRealm = new Set<string>()

export class RealmLiveness implements OwnerLiveness {
  #ownerId: string | undefined

  async start(ownerId: string): Promise<void> {
    this.#ownerId = ownerId
    ownersInThisRealm.add(ownerId)
  }

  async goneAmong(owners: readonly string[]): Promise<Set<string>> {
    return new Set(owners.filter((owner) => !ownersInThisRealm.has(owner)))
  }

  stop(): void {
    if (this.#ownerId !== undefined) ownersInThisRealm.delete(this.#ownerId)
  }
}

/**
 * Web Locks where they exist (every current browser in a secure context, Node ≥ 22): the browser
 * releases a closed tab's lock itself. Otherwise (plain-http intranet pages) a renewed lease in
 * localStorage, otherwise this realm only.
 */
export function createOwnerLiveness(): OwnerLiveness {
  if (WebLocksLiveness.isSupported()) return new WebLocksLiveness()
  if (LeaseLiveness.isSupported()) return new LeaseLiveness()
  return new RealmLiveness()
}

import type { OwnerLiveness } from './OwnerLiveness.js'

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

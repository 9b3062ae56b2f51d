import { LeaseLiveness } from './LeaseLiveness.js'
import { LocalStorageLeases } from './LocalStorageLeases.js'
import type { OwnerLiveness } from './OwnerLiveness.js'
import { RealmLiveness } from './RealmLiveness.js'
import { WebLocksLiveness } from './WebLocksLiveness.js'

/**
 * Web Locks where they exist (every current browser in a secure context, Node ≥ 22): the browser
 * releases a closed tab's lock itself. Otherwise (plain-http intranet pages) a renewed lease in
 * localStorage, otherwise this realm only.
 */
export function createOwnerLiveness(): OwnerLiveness {
  if (WebLocksLiveness.isSupported()) return new WebLocksLiveness()
  if (LocalStorageLeases.isSupported()) {
    return new LeaseLiveness({ leases: new LocalStorageLeases() })
  }
  return new RealmLiveness()
}

import { EventPersistence, type EventPersistenceOptions } from './EventPersistence.js'
import type { EventStorage } from './EventStorage.js'
import { storageNamespace } from './storageNamespace.js'

/** What the client needs to mirror its queue in a storage, beside the storage itself. */
export type PersistenceCallbacks = Omit<EventPersistenceOptions, 'storage'>

/**
 * The persistence of a client over `storage`, in the part of it that holds this API URL's and
 * tenant's events. The module the client loads on demand (see `DeferredPersistence`), with the
 * owner liveness and the takeover it pulls in.
 */
export function createEventPersistence(
  storage: EventStorage,
  apiUrl: string,
  tenantId: string,
  callbacks: PersistenceCallbacks,
): EventPersistence {
  const namespaced = storage.forNamespace?.(storageNamespace(apiUrl, tenantId)) ?? storage
  return new EventPersistence({ ...callbacks, storage: namespaced })
}

// Exposes the storage pieces to the e2e tests, which drive them with page.evaluate.

import { EventPersistence } from '../../../src/core/persistence/EventPersistence.js'
import { FallbackStorage } from '../../../src/core/persistence/FallbackStorage.js'
import { IndexedDbStorage } from '../../../src/core/persistence/IndexedDbStorage.js'
import { LeaseLiveness } from '../../../src/core/persistence/LeaseLiveness.js'
import { LocalStorageLeases } from '../../../src/core/persistence/LocalStorageLeases.js'
import { LocalStorageStorage } from '../../../src/core/persistence/LocalStorageStorage.js'
import { resolveStorage } from '../../../src/core/persistence/resolveStorage.js'
import { SpillingStorage } from '../../../src/core/persistence/SpillingStorage.js'
import { storageNamespace } from '../../../src/core/persistence/storageNamespace.js'
import { WebLocksLiveness } from '../../../src/core/persistence/WebLocksLiveness.js'

/** IndexedDB with a localStorage spill, as `resolveStorage('auto')` builds it (minus the fallback). */
function spillingStorage(namespace: string): SpillingStorage {
  return new SpillingStorage(
    new IndexedDbStorage(namespace),
    new LocalStorageStorage(`${namespace}|spill`),
  )
}

const storageModule = {
  EventPersistence,
  FallbackStorage,
  IndexedDbStorage,
  LeaseLiveness,
  LocalStorageLeases,
  LocalStorageStorage,
  WebLocksLiveness,
  resolveStorage,
  SpillingStorage,
  spillingStorage,
  storageNamespace,
}

declare global {
  interface Window {
    storageModule: typeof storageModule
  }
}

window.storageModule = storageModule

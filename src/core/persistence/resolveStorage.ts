import type { EventStorage } from './EventStorage.js'
import { FallbackStorage } from './FallbackStorage.js'
import { IndexedDbStorage } from './IndexedDbStorage.js'
import { LocalStorageStorage } from './LocalStorageStorage.js'
import { SpillingStorage } from './SpillingStorage.js'
import { storageNamespace } from './storageNamespace.js'
import type { StorageOption } from './storageOption.js'

/**
 * Picks the storage for a client; `undefined` means events live in the queue's memory only. The
 * client checked the option first (`keepsEvents`). Loaded on demand (`DeferredPersistence`), it
 * imports nothing the core's entry loads at once — not even `isBrowserPage` — or the bundler
 * puts the browser storages into the chunk shared with that, and every app loads them.
 */
export function resolveStorage(
  option: StorageOption,
  apiUrl: string,
  tenantId: string,
): EventStorage | undefined {
  if (option === false) return undefined
  if (option !== 'auto') {
    return option.forNamespace?.(storageNamespace(apiUrl, tenantId)) ?? option
  }
  // Browser pages only: workers and servers keep events in the queue's memory.
  if (typeof window === 'undefined' || typeof document === 'undefined') return undefined
  const namespace = storageNamespace(apiUrl, tenantId)
  if (!hasLocalStorage()) {
    return typeof indexedDB === 'undefined' ? undefined : new IndexedDbStorage(namespace)
  }
  if (typeof indexedDB === 'undefined') return new LocalStorageStorage(namespace)
  return new SpillingStorage(
    new FallbackStorage(new IndexedDbStorage(namespace), () => new LocalStorageStorage(namespace)),
    new LocalStorageStorage(`${namespace}|spill`),
  )
}

function hasLocalStorage(): boolean {
  try {
    return typeof localStorage !== 'undefined' && localStorage !== null
  } catch {
    return false // Reading localStorage throws where the user blocked site data.
  }
}

import { isBrowserPage } from '../browser/installPageLifecycle.js'
import { validationError } from '../validationError.js'
import type { EventStorage } from './EventStorage.js'
import { FallbackStorage } from './FallbackStorage.js'
import { IndexedDbStorage } from './IndexedDbStorage.js'
import { LocalStorageStorage } from './LocalStorageStorage.js'
import { SpillingStorage } from './SpillingStorage.js'
import { storageNamespace } from './storageNamespace.js'

/**
 * Where buffered events are kept until they are counted: `'auto'` (IndexedDB in browsers, else
 * localStorage where IndexedDB is missing or will not open; in Node nothing beyond the queue
 * itself, which is already in memory), `false` (memory only), or your own `EventStorage` (e.g. a
 * shared `MemoryStorage`).
 */
export type StorageOption = 'auto' | false | EventStorage

/** Picks the storage for a client; `undefined` means events live in the queue's memory only. */
export function resolveStorage(
  option: StorageOption,
  apiUrl: string,
  tenantId: string,
): EventStorage | undefined {
  if (option === false) return undefined
  if (option !== 'auto') {
    if (!isEventStorage(option)) {
      throw validationError(
        'storage',
        "must be 'auto', false or an EventStorage (put, delete, owners, claim)",
        option,
      )
    }
    return option.forNamespace?.(storageNamespace(apiUrl, tenantId)) ?? option
  }
  if (!isBrowserPage()) return undefined
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

function isEventStorage(value: unknown): value is EventStorage {
  if (typeof value !== 'object' || value === null) return false
  const storage = value as Record<string, unknown>
  return ['put', 'delete', 'owners', 'claim'].every(
    (method) => typeof storage[method] === 'function',
  )
}

import { isBrowserPage } from '../browser/installPageLifecycle.js'
import { validationError } from '../validationError.js'
import type { EventStorage } from './EventStorage.js'

/**
 * Where buffered events are kept until they are counted: `'auto'` (IndexedDB in browsers, else
 * localStorage where IndexedDB is missing or will not open; in Node nothing beyond the queue
 * itself, which is already in memory), `false` (memory only), or your own `EventStorage` (e.g. a
 * shared `MemoryStorage`).
 */
export type StorageOption = 'auto' | false | EventStorage

/**
 * Whether a client keeps its events beyond its queue, decided at once and without loading any
 * storage code (that is loaded on demand, see `DeferredPersistence`). Throws `validation_error`
 * for an option that is none of the three.
 */
export function keepsEvents(option: StorageOption): boolean {
  if (option === false) return false
  if (option === 'auto') return isBrowserPage()
  if (!isEventStorage(option)) {
    throw validationError(
      'storage',
      "must be 'auto', false or an EventStorage (put, delete, owners, claim)",
      option,
    )
  }
  return true
}

function isEventStorage(value: unknown): value is EventStorage {
  if (typeof value !== 'object' || value === null) return false
  const storage = value as Record<string, unknown>
  return ['put', 'delete', 'owners', 'claim'].every(
    (method) => typeof storage[method] === 'function',
  )
}

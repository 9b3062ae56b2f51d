// A page that meters usage the way an app would: one client, events buffered, nothing flushed
// by a timer, so only the page lifecycle (or the test) decides when they go.

import { storageNamespace } from '../../../src/core/persistence/storageNamespace.js'
import { createClient, type StripeMeterClient } from '../../../src/index.js'

const params = new URLSearchParams(location.search)
const apiUrl = params.get('api') ?? ''
const tenantId = params.get('tenant') ?? ''
const token = params.get('token') ?? ''

/** Keepalive requests this origin made, kept in localStorage so the log outlives the page. */
const KEEPALIVE_LOG = 'e2e:keepalive-requests'

/** Keepalive requests logged so far (an inspector tab reads them without running a client). */
const keepaliveRequests = () => Number(localStorage.getItem(KEEPALIVE_LOG))

/** Every request this page's client made (attempts, retries and keepalive ones alike). */
let fetchCalls = 0

/** This tab's requests fail as on a dead network, while other tabs' go through. */
let failingRequests = false

/** Requests handed to the network and not yet answered: the server may still count them. */
let requestsOnTheWire = 0

function startMetering(): StripeMeterClient {
  return createClient({
    apiUrl,
    tenantId,
    // What an app does with a short-lived token from its backend: a header per request.
    headers: () => ({ authorization: `Bearer ${token}` }),
    flushInterval: 0,
    batchSize: 10_000,
    fetch: (request) => {
      fetchCalls++
      if (request.keepalive) {
        localStorage.setItem(KEEPALIVE_LOG, String(keepaliveRequests() + 1))
      }
      if (failingRequests)
        return Promise.reject(new TypeError('Failed to fetch (e2e: this tab only)'))
      requestsOnTheWire++
      return fetch(request).finally(() => requestsOnTheWire--)
    },
  })
}

/**
 * Events stored for this page's namespace right now: in IndexedDB, or in the localStorage spill
 * that takes what IndexedDB had not committed when a page was left (counted once if in both);
 * with `keyPrefix`, only the events whose idempotency key starts with it.
 */
async function storedEventCount(keyPrefix = ''): Promise<number> {
  return (await storedKeys(keyPrefix)).length
}

/** The idempotency keys `storedEventCount` counts. */
async function storedKeys(keyPrefix = ''): Promise<string[]> {
  const namespace = storageNamespace(apiUrl, tenantId)
  const keys = new Set(await indexedDbKeys(`stripemeter:${namespace}`))
  const spillPrefix = `stripemeter:${encodeURIComponent(`${namespace}|spill`)}:`
  for (const itemKey of Object.keys(localStorage)) {
    if (itemKey.startsWith(spillPrefix)) keys.add(itemKey.slice(spillPrefix.length))
  }
  return [...keys].filter((key) => key.startsWith(keyPrefix))
}

function indexedDbKeys(databaseName: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(databaseName)
    open.onerror = () => reject(open.error)
    open.onsuccess = () => {
      const database = open.result
      if (!database.objectStoreNames.contains('events')) {
        database.close()
        resolve([])
        return
      }
      const keys = database.transaction('events').objectStore('events').getAllKeys()
      keys.onsuccess = () => {
        database.close()
        resolve(keys.result.map(String))
      }
      keys.onerror = () => reject(keys.error)
    }
  })
}

/** What the tests drive through `page.evaluate`. */
function pageApi(client: StripeMeterClient) {
  return {
    client,
    /** Buffers `count` events; returns their idempotency keys. `padding` pads each event's meta. */
    buffer(count: number, prefix: string, padding = 0): string[] {
      return Array.from({ length: count }, (_, index) => {
        const event = client.buffer({
          metric: 'api_calls',
          customerRef: 'cus_e2e',
          quantity: 1,
          ...(padding > 0 ? { meta: { padding: 'x'.repeat(padding) } } : {}),
          idempotencyKey: `${prefix}-${index}`,
        })
        return event.idempotencyKey as string
      })
    },
    state() {
      const { pending, inFlight, lastError } = client.getState()
      return {
        pending,
        inFlight,
        lastError: lastError && { code: lastError.code, message: lastError.message },
      }
    },
    async flush(): Promise<{ ok: true } | { ok: false; code: string; message: string }> {
      try {
        await client.flush()
        return { ok: true }
      } catch (error) {
        const { code, message } = error as { code: string; message: string }
        return { ok: false, code, message }
      }
    },
    /** From now on this tab's requests fail (a tab whose last requests never get through). */
    failRequests() {
      failingRequests = true
    },
    storedEventCount,
    storedKeys,
    requestsOnTheWire: () => requestsOnTheWire,
    keepaliveRequests,
    fetchCalls: () => fetchCalls,
  }
}

declare global {
  interface Window {
    e2e: ReturnType<typeof pageApi>
  }
}

// An inspector tab (no `api` parameter) only reads the log and runs no client.
if (apiUrl !== '') window.e2e = pageApi(startMetering())

import type { StorageOption } from './persistence/storageOption.js'
import type { StripeMeterError } from './StripeMeterError.js'
import type { UsageEvent } from './types.js'
import { validationError } from './validationError.js'

/**
 * Hears of failures with the events concerned; the same signature for the client's and the
 * provider's `onError`. Events the client reports are wire events (key and `ts` filled in).
 */
export type StripeMeterErrorHandler = (
  error: StripeMeterError,
  events: readonly UsageEvent[],
) => void

/** Extra request headers: a fixed set, or a function called before every request and retry. */
export type HeadersOption =
  | Record<string, string>
  | Headers
  | (() => Record<string, string> | Headers | Promise<Record<string, string> | Headers>)

export interface StripeMeterClientOptions {
  /**
   * The StripeMeter API, e.g. `https://api.stripemeter.io` (a trailing slash is fine). In a
   * browser a path such as `/api/stripemeter` (your own proxy route) resolves against the page.
   */
  apiUrl: string
  /** Your tenant. Set on every event and every read; a caller cannot override it per event. */
  tenantId: string
  /**
   * Sent as `Authorization: Bearer …`. A server secret: never put it in browser code — there,
   * point `apiUrl` at your own backend route and leave this out.
   */
  apiKey?: string
  /**
   * Extra headers. A function is called before every request and every retry, so it can hand
   * out short-lived tokens.
   */
  headers?: HeadersOption
  /** Milliseconds one attempt may take before it is abandoned (and retried). @default 10000 */
  timeout?: number
  /** Retries after the first attempt, for network errors, timeouts, 408, 429 and 5xx. @default 3 */
  retryAttempts?: number
  /** Buffered events that trigger an automatic flush. @default 100 */
  batchSize?: number
  /** Milliseconds after the first buffered event until an automatic flush; 0 = no timer. @default 5000 */
  flushInterval?: number
  /** Buffered events held at most; beyond it `buffer()` throws `queue_full`. @default 10000 */
  maxQueueSize?: number
  /** A `fetch` to use instead of the global one (instrumentation, SSR frameworks, tests). */
  fetch?: (input: Request, init?: RequestInit) => Promise<Response>
  /**
   * Called with buffered events that leave the queue WITHOUT being counted (the server refused
   * them for good: code `rejected`), and why. Every other failure keeps the events queued.
   */
  onError?: StripeMeterErrorHandler
  /**
   * Where buffered events are kept until counted, so a reload, a closed tab or a crash loses
   * none: `'auto'` = IndexedDB in browsers (localStorage where it is missing) and the in-memory
   * queue elsewhere; `false` = memory only; or your own `EventStorage` (e.g. a shared
   * `MemoryStorage`). Stored events are namespaced by origin, API URL and tenant.
   * @default 'auto'
   */
  storage?: StorageOption
}

/** Options after validation, with defaults applied and units in the names. */
export interface ResolvedClientOptions {
  /** `apiUrl` without its trailing slash; routes are appended to it. */
  baseUrl: string
  tenantId: string
  apiKey: string | undefined
  headers: HeadersOption | undefined
  timeoutMs: number
  retryAttempts: number
  batchSize: number
  flushIntervalMs: number
  maxQueueSize: number
  fetch: StripeMeterClientOptions['fetch']
  onError: StripeMeterClientOptions['onError']
}

/** The longest timer a JavaScript runtime keeps (2^31 − 1 ms); ky refuses more. */
const MAX_TIMER_MS = 2_147_483_647

export function resolveClientOptions(options: StripeMeterClientOptions): ResolvedClientOptions {
  if (typeof options !== 'object' || options === null) {
    throw validationError('options', 'must be an object', options)
  }
  const { tenantId, apiKey, headers, fetch, onError } = options
  if (typeof tenantId !== 'string' || tenantId.length === 0) {
    throw validationError('tenantId', 'must be a non-empty string', tenantId)
  }
  if (apiKey !== undefined && (typeof apiKey !== 'string' || apiKey.length === 0)) {
    throw validationError('apiKey', 'must be a non-empty string when given', apiKey)
  }
  if (headers !== undefined && typeof headers !== 'function' && typeof headers !== 'object') {
    throw validationError('headers', 'must be an object, a Headers or a function', headers)
  }
  if (fetch !== undefined && typeof fetch !== 'function') {
    throw validationError('fetch', 'must be a function', fetch)
  }
  if (onError !== undefined && typeof onError !== 'function') {
    throw validationError('onError', 'must be a function', onError)
  }
  const batchSize = integerOption('batchSize', options.batchSize, 100, 1)
  const maxQueueSize = integerOption('maxQueueSize', options.maxQueueSize, 10_000, 1)
  if (batchSize > maxQueueSize) {
    throw validationError('batchSize', `must not exceed maxQueueSize (${maxQueueSize})`, batchSize)
  }
  return {
    baseUrl: resolveBaseUrl(options.apiUrl),
    tenantId,
    apiKey,
    headers,
    timeoutMs: integerOption('timeout', options.timeout, 10_000, 1, MAX_TIMER_MS),
    retryAttempts: integerOption('retryAttempts', options.retryAttempts, 3, 0, 100),
    batchSize,
    flushIntervalMs: integerOption('flushInterval', options.flushInterval, 5_000, 0, MAX_TIMER_MS),
    maxQueueSize,
    fetch,
    onError,
  }
}

function resolveBaseUrl(apiUrl: unknown): string {
  const page = (globalThis as { location?: { href?: string } }).location?.href
  let url: URL | undefined
  if (typeof apiUrl === 'string' && apiUrl.length > 0) {
    try {
      url = new URL(apiUrl, page)
    } catch {
      url = undefined
    }
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw validationError('apiUrl', 'must be an http(s) URL', apiUrl)
  }
  url.search = ''
  url.hash = ''
  return url.href.replace(/\/+$/, '')
}

function integerOption(
  name: string,
  value: unknown,
  fallback: number,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw validationError(name, `must be an integer from ${min} to ${max}`, value)
  }
  return value
}

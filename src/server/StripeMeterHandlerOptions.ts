import { MAX_EVENTS_PER_REQUEST, MAX_METRIC_CHARS, UUID_PATTERN } from '../core/apiLimits.js'
import { StripeMeterError } from '../core/StripeMeterError.js'
import { validationError } from '../core/validationError.js'
import type { BudgetStore } from './BudgetStore.js'

/**
 * Who is asking: the signed-in customer's `customerRef`, or `null`/`undefined` when nobody is
 * signed in (answered with 401). Read it from the app's own session (cookie, JWT, …), never
 * from anything the browser can simply choose, such as a query parameter.
 */
export type IdentifyCustomer = (
  request: Request,
) => string | null | undefined | Promise<string | null | undefined>

export interface StripeMeterHandlerLimits {
  /**
   * Most events one request may carry; a larger batch is refused whole with the server's own
   * `400 "Batch too large: n > max"`. Set the browser client's batch size at or below it.
   * @default 1000 (the server's maximum)
   */
  eventsPerRequest?: number
  /**
   * Most events one customer may send per minute (a token bucket: bursts up to this, refilled
   * evenly), answered over it with `429` and `retry-after`. Counted per process.
   * @default no cap
   */
  eventsPerMinute?: number
}

export interface StripeMeterHandlerOptions {
  /** The StripeMeter API, e.g. `https://api.stripemeter.io`; a path prefix is kept. */
  apiUrl: string | URL
  /** The tenant's secret API key. It is sent only to `apiUrl`, never to the browser. */
  apiKey: string
  /** The tenant (organisation) the key belongs to, a UUID. Forced on every request. */
  tenantId: string
  /** Maps a request to the signed-in customer; forced as `customerRef` on every request. */
  identify: IdentifyCustomer
  /**
   * The only metrics a browser may track; a batch with any other is refused with a 400 that
   * names the metric. Reads are not filtered: a customer may see all of its own usage.
   * @default every metric
   */
  allowMetrics?: readonly string[]
  /** Per-customer caps on what a browser may send. @default none beyond the server's own */
  limits?: StripeMeterHandlerLimits
  /**
   * How long to wait for the API, in milliseconds, before answering `504`.
   * @default 10000
   */
  timeout?: number
  /** The `fetch` used to call the API (a custom agent, instrumentation). @default globalThis.fetch */
  fetch?: typeof fetch
  /**
   * Where customers' own budgets are kept; with it the handler serves `GET`/`POST /v1/budget`
   * for the signed-in customer (`useBudget`, `<BudgetSettings>`). `memoryBudgetStore()` for
   * tests and development; the app's database in production.
   * @default none: the budget route answers 404
   */
  budgets?: BudgetStore
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0
}

/** `URL.parse` without needing a runtime new enough to have it. */
function parseUrl(url: string | URL): URL | null {
  try {
    return new URL(url)
  } catch {
    return null
  }
}

/** Fails fast at start-up on a misconfiguration. Messages never quote `apiKey`, whatever it holds. */
export function validateHandlerOptions(options: StripeMeterHandlerOptions): URL {
  const apiUrl = parseUrl(options.apiUrl)
  if (apiUrl === null || (apiUrl.protocol !== 'http:' && apiUrl.protocol !== 'https:')) {
    throw validationError('apiUrl', 'must be an absolute http(s) URL', String(options.apiUrl))
  }
  if (typeof options.apiKey !== 'string' || options.apiKey.trim() === '') {
    const got = typeof options.apiKey === 'string' ? 'an empty string' : typeof options.apiKey
    throw new StripeMeterError(
      `apiKey must be the tenant's secret API key, got ${got} (is the environment variable set?)`,
      { code: 'validation_error' },
    )
  }
  if (typeof options.tenantId !== 'string' || !UUID_PATTERN.test(options.tenantId)) {
    throw validationError('tenantId', "must be the tenant's UUID", options.tenantId)
  }
  if (typeof options.identify !== 'function') {
    throw validationError('identify', 'must be a function of the request', options.identify)
  }
  if (options.allowMetrics !== undefined) {
    if (!Array.isArray(options.allowMetrics)) {
      throw validationError(
        'allowMetrics',
        'must be an array of metric names',
        options.allowMetrics,
      )
    }
    for (const [index, metric] of options.allowMetrics.entries()) {
      if (typeof metric !== 'string' || metric.length === 0 || metric.length > MAX_METRIC_CHARS) {
        throw validationError(
          `allowMetrics[${index}]`,
          `must be a metric name of 1–${MAX_METRIC_CHARS} characters`,
          metric,
        )
      }
    }
  }
  const { eventsPerRequest, eventsPerMinute } = options.limits ?? {}
  if (
    eventsPerRequest !== undefined &&
    (!isPositiveInteger(eventsPerRequest) || eventsPerRequest > MAX_EVENTS_PER_REQUEST)
  ) {
    const rule = `must be an integer from 1 to ${MAX_EVENTS_PER_REQUEST}`
    throw validationError('limits.eventsPerRequest', rule, eventsPerRequest)
  }
  if (eventsPerMinute !== undefined && !isPositiveInteger(eventsPerMinute)) {
    throw validationError('limits.eventsPerMinute', 'must be a positive integer', eventsPerMinute)
  }
  if (options.timeout !== undefined && !isPositiveInteger(options.timeout)) {
    throw validationError('timeout', 'must be a positive integer of milliseconds', options.timeout)
  }
  if (options.fetch !== undefined && typeof options.fetch !== 'function') {
    throw validationError('fetch', 'must be a function', options.fetch)
  }
  const { budgets } = options
  if (
    budgets !== undefined &&
    (typeof budgets?.get !== 'function' || typeof budgets?.set !== 'function')
  ) {
    throw validationError(
      'budgets',
      'must be a store with get(customerRef) and set(customerRef, budget)',
      budgets,
    )
  }
  return apiUrl
}

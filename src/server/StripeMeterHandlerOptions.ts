import { StripeMeterError } from '../core/StripeMeterError.js'

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
}

/** The server's hard limit on one batch. */
export const serverMaxEventsPerRequest = 1000

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

function invalid(message: string): StripeMeterError {
  return new StripeMeterError(`createStripeMeterHandler: ${message}`, { code: 'validation_error' })
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0
}

/** Fails fast at start-up on a misconfiguration. Messages never quote `apiKey`, whatever it holds. */
export function validateHandlerOptions(options: StripeMeterHandlerOptions): URL {
  let apiUrl: URL
  try {
    apiUrl = new URL(options.apiUrl)
  } catch {
    throw invalid(
      `apiUrl must be an absolute http(s) URL, got ${JSON.stringify(String(options.apiUrl))}`,
    )
  }
  if (apiUrl.protocol !== 'http:' && apiUrl.protocol !== 'https:') {
    throw invalid(`apiUrl must be an http(s) URL, got ${JSON.stringify(apiUrl.href)}`)
  }
  if (typeof options.apiKey !== 'string' || options.apiKey.trim() === '') {
    const got = typeof options.apiKey === 'string' ? 'an empty string' : typeof options.apiKey
    throw invalid(`apiKey must be the tenant's secret API key, got ${got} (is the variable set?)`)
  }
  if (typeof options.tenantId !== 'string' || !uuidPattern.test(options.tenantId)) {
    throw invalid(`tenantId must be the tenant's UUID, got ${JSON.stringify(options.tenantId)}`)
  }
  if (typeof options.identify !== 'function') {
    throw invalid(`identify must be a function of the request, got ${typeof options.identify}`)
  }
  if (options.allowMetrics !== undefined) {
    if (!Array.isArray(options.allowMetrics)) {
      throw invalid(
        `allowMetrics must be an array of metric names, got ${typeof options.allowMetrics}`,
      )
    }
    for (const metric of options.allowMetrics) {
      if (typeof metric !== 'string' || metric.length === 0 || metric.length > 100) {
        throw invalid(
          `allowMetrics holds ${JSON.stringify(metric)}, which is not a metric name (1–100 characters)`,
        )
      }
    }
  }
  const { eventsPerRequest, eventsPerMinute } = options.limits ?? {}
  if (
    eventsPerRequest !== undefined &&
    (!isPositiveInteger(eventsPerRequest) || eventsPerRequest > serverMaxEventsPerRequest)
  ) {
    throw invalid(
      `limits.eventsPerRequest must be an integer from 1 to ${serverMaxEventsPerRequest}, got ${JSON.stringify(eventsPerRequest)}`,
    )
  }
  if (eventsPerMinute !== undefined && !isPositiveInteger(eventsPerMinute)) {
    throw invalid(
      `limits.eventsPerMinute must be a positive integer, got ${JSON.stringify(eventsPerMinute)}`,
    )
  }
  if (options.timeout !== undefined && !isPositiveInteger(options.timeout)) {
    throw invalid(
      `timeout must be a positive number of milliseconds, got ${JSON.stringify(options.timeout)}`,
    )
  }
  if (options.fetch !== undefined && typeof options.fetch !== 'function') {
    throw invalid(`fetch must be a function, got ${typeof options.fetch}`)
  }
  return apiUrl
}

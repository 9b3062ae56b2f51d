import { validationError } from '../core/validationError.js'
import type { EmulatorProfileName } from './EmulatorProfile.js'
import type { MetricDefinition, MetricPrice } from './metricCatalog.js'

export interface EmulatorRateLimit {
  /** Requests allowed per window. */
  requests: number
  /** Window length in milliseconds. */
  windowMs: number
}

export interface EmulatorOptions {
  /**
   * Which server to answer as: `'demo'` (a catalog with limits, alerts and prices; reads fresh
   * at once) or `'stripemeter'` (the open-source server as it answers today: no limits, zero
   * prices, 30 s read cache, database limits, no request ids, CORS off). See
   * `docs/real-stripemeter.md`.
   * @default 'demo'
   */
  profile?: EmulatorProfileName
  /**
   * Seed of the demo data (a month of usage for the demo customers) and of the demo
   * credentials; `false` starts with an empty store.
   * @default 'demo'
   */
  seed?: string | false
  /**
   * Require an API key (`Authorization: Bearer …` or `x-api-key`) like the real server.
   * Off, any UUID tenant is accepted.
   * @default true
   */
  auth?: boolean
  /**
   * The emulator's clock: the current month, the 1-hour future limit, the 24-hour dedupe
   * window, freshness, and where the demo data ends.
   * @default () => new Date()
   */
  now?: () => Date
  /**
   * The clock, in epoch milliseconds, that times the aggregation delay, the read cache and the
   * rate-limit windows. Tests pass their own and move it forward instead of waiting (or call
   * `emulator.settle()`).
   * @default Date.now
   */
  clock?: () => number
  /**
   * How long (ms on `clock`) an accepted event stays invisible to reads, like the real
   * server's aggregation worker (about 1 s there).
   * @default 0 in the 'demo' profile, 1000 in 'stripemeter'
   */
  aggregationDelayMs?: number
  /**
   * How long (ms on `clock`) `usage/current` and `usage/history` answers are cached, like the
   * real server's 30 s cache. Projection is never cached.
   * @default 0 in the 'demo' profile, 30000 in 'stripemeter'
   */
  cacheTtlMs?: number
  /** Answer 429 past `requests` per `windowMs`, with `retry-after` and `x-ratelimit-*` (the real per-address limit). @default undefined (no limit) */
  rateLimit?: EmulatorRateLimit
  /**
   * The real server's second limit: past this many requests from one tenant in a clock minute,
   * `429 {"error":"Rate limit exceeded"}` with no `retry-after`. `false` for none.
   * @default false in the 'demo' profile, 1000 in 'stripemeter'
   */
  tenantRequestsPerMinute?: number | false
  /**
   * Origins allowed to call from a browser (CORS). Without it the 'demo' profile allows any
   * origin and 'stripemeter' none, like a server whose operator configured no origins.
   * @default undefined
   */
  corsOrigins?: string[]
  /**
   * Metrics with an active price mapping on the real server. In the 'stripemeter' profile only
   * these get a projection line item, priced at 0 like the server's placeholder pricing; the
   * 'demo' profile prices by `catalog` instead.
   * @default []
   */
  priceMappings?: string[]
  /** ISO 4217 currency of prices and projections; demo prices are converted. @default 'USD' */
  currency?: string
  /** The metric catalog (aggregation, unit, limit, price). @default demoCatalog(currency) */
  catalog?: MetricDefinition[]
  /** Credits per customer in currency units, subtracted from projections. @default demo credits for `cus_steady` when seeded */
  credits?: Record<string, number>
}

/** Throws the library's `validation_error` for an emulator option: `createEmulator({ currency })`. */
function invalid(field: string, value: unknown, expected: string): never {
  throw validationError(`createEmulator({ ${field} })`, `must be ${expected}`, value)
}

export const isNonNegativeNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0

/** Refuses bad options up front, naming the option and the value. */
export function validateEmulatorOptions(options: EmulatorOptions): void {
  const { seed, aggregationDelayMs, cacheTtlMs, rateLimit, currency, catalog } = options
  const { profile, clock, tenantRequestsPerMinute, corsOrigins, priceMappings } = options
  if (profile !== undefined && profile !== 'demo' && profile !== 'stripemeter') {
    invalid('profile', profile, "'demo' or 'stripemeter'")
  }
  if (clock !== undefined && typeof clock !== 'function') {
    invalid('clock', clock, 'a function returning epoch milliseconds')
  }
  if (
    tenantRequestsPerMinute !== undefined &&
    tenantRequestsPerMinute !== false &&
    !(Number.isInteger(tenantRequestsPerMinute) && tenantRequestsPerMinute >= 1)
  ) {
    invalid('tenantRequestsPerMinute', tenantRequestsPerMinute, 'an integer ≥ 1 or false')
  }
  for (const [index, origin] of (corsOrigins ?? []).entries()) {
    if (typeof origin !== 'string' || !/^https?:\/\/[^/]+$/.test(origin)) {
      invalid(`corsOrigins[${index}]`, origin, 'an origin like "http://localhost:5173"')
    }
  }
  for (const [index, metric] of (priceMappings ?? []).entries()) {
    if (typeof metric !== 'string' || metric.length < 1 || metric.length > 100) {
      invalid(`priceMappings[${index}]`, metric, 'a metric name of 1–100 characters')
    }
  }
  if (seed !== undefined && seed !== false && (typeof seed !== 'string' || seed === '')) {
    invalid('seed', seed, 'a non-empty string or false')
  }
  if (aggregationDelayMs !== undefined && !isNonNegativeNumber(aggregationDelayMs)) {
    invalid('aggregationDelayMs', aggregationDelayMs, 'a number of milliseconds ≥ 0')
  }
  if (cacheTtlMs !== undefined && !isNonNegativeNumber(cacheTtlMs)) {
    invalid('cacheTtlMs', cacheTtlMs, 'a number of milliseconds ≥ 0')
  }
  if (rateLimit !== undefined) {
    if (!Number.isInteger(rateLimit.requests) || rateLimit.requests < 1) {
      invalid('rateLimit.requests', rateLimit.requests, 'an integer ≥ 1')
    }
    if (!isNonNegativeNumber(rateLimit.windowMs) || rateLimit.windowMs === 0) {
      invalid('rateLimit.windowMs', rateLimit.windowMs, 'a number of milliseconds > 0')
    }
  }
  if (currency !== undefined && !/^[A-Z]{3}$/.test(currency)) {
    invalid('currency', currency, 'an ISO 4217 code like "USD"')
  }
  for (const [index, metric] of (catalog ?? []).entries()) {
    if (typeof metric.name !== 'string' || metric.name.length < 1 || metric.name.length > 100) {
      invalid(`catalog[${index}].name`, metric.name, 'a string of 1–100 characters')
    }
    if (!['sum', 'max', 'last'].includes(metric.aggregation)) {
      invalid(`catalog[${index}].aggregation`, metric.aggregation, "'sum', 'max' or 'last'")
    }
    if (metric.limit !== undefined && !isNonNegativeNumber(metric.limit)) {
      invalid(`catalog[${index}].limit`, metric.limit, 'a number ≥ 0')
    }
    if (metric.price !== undefined) validatePrice(`catalog[${index}].price`, metric.price)
  }
}

function validatePrice(field: string, price: MetricPrice): void {
  if ('unitPrice' in price) {
    if (!isNonNegativeNumber(price.unitPrice)) {
      invalid(`${field}.unitPrice`, price.unitPrice, 'a price ≥ 0')
    }
    return
  }
  let previousUpTo = 0
  price.tiers.forEach((tier, index) => {
    if (!isNonNegativeNumber(tier.unitPrice)) {
      invalid(`${field}.tiers[${index}].unitPrice`, tier.unitPrice, 'a price ≥ 0')
    }
    const isLast = index === price.tiers.length - 1
    if (tier.upTo === null ? !isLast : !(tier.upTo > previousUpTo)) {
      invalid(
        `${field}.tiers[${index}].upTo`,
        tier.upTo,
        'ascending, with null only on the last tier',
      )
    }
    previousUpTo = tier.upTo ?? previousUpTo
  })
}

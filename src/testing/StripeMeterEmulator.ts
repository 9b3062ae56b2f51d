import { currencyFractionDigits, roundToMinorUnit } from '../core/minorUnits.js'
import type { IngestEvent } from '../core/types.js'
import { demoCustomers, generateDemoEvents } from './demoData.js'
import type { EmulatorContext } from './EmulatorContext.js'
import { EmulatorFaults, type EmulatorRoute } from './EmulatorFaults.js'
import { type EmulatorOptions, validateEmulatorOptions } from './EmulatorOptions.js'
import { type EmulatorProfile, emulatorProfiles } from './EmulatorProfile.js'
import { EmulatorStore } from './EmulatorStore.js'
import { FixedWindowRateLimiter } from './FixedWindowRateLimiter.js'
import { handleEmulatorRequest } from './handleEmulatorRequest.js'
import {
  demoCatalog,
  demoRateFromUsd,
  type MetricDefinition,
  profileCatalog,
} from './metricCatalog.js'
import { ResponseCache } from './ResponseCache.js'
import { createSeededRandom, seededToken, seededUuid } from './seededRandom.js'
import { TenantRateLimiter } from './TenantRateLimiter.js'

/** What the emulator has seen since it started or was last reset. */
export interface EmulatorStats {
  /** Events in accepted batches, including duplicates and per-event refusals. */
  eventsReceived: number
  /** Unique events counted (each idempotency key once). */
  eventsCounted: number
  duplicates: number
  /** Requests per route (`ingest`, `usage`, `projection`, `history`, `health`, `notFound`). */
  requests: Record<string, number>
}

/** Options of `handle()` that adapters use. */
export interface HandleOptions {
  /** Path the API is mounted under (msw `baseUrl` with a path), stripped before routing. @default '' */
  basePath?: string
}

/** Stable demo credentials per seed, so a `.env` pointing at the CLI keeps working. */
function demoCredentials(seed: string) {
  const random = createSeededRandom(`${seed}:credentials`)
  const tenantId = seededUuid(random)
  const apiKey = `smk_${seededToken(random, 8)}.${seededToken(random, 32)}`
  return { tenantId, apiKey }
}

/**
 * A faithful in-memory StripeMeter: the real server's routes, validation, error bodies,
 * dedupe and quirks, behind one Fetch-API `handle()` that msw, Node or a Service Worker can
 * serve. Its `profile` chooses between the generous demo server and the real one as it
 * answers today.
 */
export class StripeMeterEmulator {
  /** The demo tenant (a UUID, like the real server's organisation ids). */
  readonly tenantId: string
  /** An API key for `tenantId`, shaped `<prefix>.<secret>`. */
  readonly apiKey: string
  /** The demo customers' refs. */
  readonly customers = demoCustomers
  /** Scriptable failures per route. */
  readonly faults: EmulatorFaults
  readonly #options: EmulatorOptions
  readonly #apiKeys = new Map<string, string>()
  readonly #requests: Record<string, number> = {}
  readonly #context: EmulatorContext
  readonly #rateLimiter: FixedWindowRateLimiter | undefined
  readonly #tenantRateLimiter: TenantRateLimiter | undefined
  readonly #clock: () => number
  /** The catalog the demo data is shaped by (limits give its levels), whatever the profile reports. */
  readonly #dataCatalog: ReadonlyMap<string, MetricDefinition>
  #requestSequence = 0

  constructor(options: EmulatorOptions = {}) {
    validateEmulatorOptions(options)
    this.#options = options
    const credentialSeed = options.seed === false ? 'demo' : (options.seed ?? 'demo')
    const credentials = demoCredentials(credentialSeed)
    this.tenantId = credentials.tenantId
    this.apiKey = credentials.apiKey
    this.#apiKeys.set(this.apiKey, this.tenantId)
    this.faults = new EmulatorFaults(`${credentialSeed}:faults`)
    const profile: EmulatorProfile = emulatorProfiles[options.profile ?? 'demo']
    const now = options.now ?? (() => new Date())
    const clock = options.clock ?? (() => Date.now())
    this.#clock = clock
    const currency = options.currency ?? 'USD'
    const catalog: MetricDefinition[] = options.catalog ?? demoCatalog(currency)
    this.#dataCatalog = new Map(catalog.map((metric) => [metric.name, metric]))
    const served = profileCatalog(catalog, profile, options.priceMappings ?? [])
    this.#context = {
      profile,
      store: new EmulatorStore({
        now,
        clock,
        aggregationDelayMs: options.aggregationDelayMs ?? profile.aggregationDelayMs,
        idempotencyWindowMs: profile.idempotencyWindowMs,
      }),
      catalog: new Map(served.map((metric) => [metric.name, metric])),
      currency,
      now,
      credits: new Map(Object.entries(options.credits ?? this.#demoCredits(currency, profile))),
      startedAtMs: now().getTime(),
      cache: new ResponseCache(options.cacheTtlMs ?? profile.cacheTtlMs, clock),
    }
    this.#rateLimiter = options.rateLimit
      ? new FixedWindowRateLimiter(options.rateLimit.requests, options.rateLimit.windowMs)
      : undefined
    const tenantRequestsPerMinute =
      options.tenantRequestsPerMinute ?? profile.tenantRequestsPerMinute
    this.#tenantRateLimiter =
      tenantRequestsPerMinute === false ? undefined : new TenantRateLimiter(tenantRequestsPerMinute)
    this.#seed()
  }

  /** Serves one request: the Fetch-API core every adapter calls. Rejects on a scripted reset. */
  handle(request: Request, options: HandleOptions = {}): Promise<Response> {
    return handleEmulatorRequest(request, {
      context: this.#context,
      basePath: options.basePath ?? '',
      authenticate: this.#options.auth === false ? undefined : (key) => this.#apiKeys.get(key),
      faults: this.faults,
      clock: this.#clock,
      rateLimiter: this.#rateLimiter,
      tenantRateLimiter: this.#tenantRateLimiter,
      corsOrigins: this.#options.corsOrigins,
      nextRequestId: () => `req-${(++this.#requestSequence).toString(16)}`,
      countRequest: (route: EmulatorRoute | 'notFound') => {
        this.#requests[route] = (this.#requests[route] ?? 0) + 1
      },
    })
  }

  /** Lets `key` act for `tenantId` (keys look like `<prefix>.<secret>`). */
  addApiKey(key: string, tenantId: string): void {
    this.#apiKeys.set(key, tenantId)
  }

  stats(): EmulatorStats {
    const store = this.#context.store
    return {
      eventsReceived: store.eventsReceived,
      eventsCounted: store.countedEvents.length,
      duplicates: store.duplicates,
      requests: { ...this.#requests },
    }
  }

  /** The unique events counted through the API, as stored (`ts` to the second, key resolved). Demo data is not included. */
  countedEvents(): IngestEvent[] {
    return this.#context.store.countedEvents.map((event) => ({ ...event }))
  }

  /**
   * Makes everything accepted so far visible to reads at once: runs the aggregation worker now
   * and drops cached reads — what waiting out `aggregationDelayMs` and `cacheTtlMs` would do,
   * without waiting. (Or pass a `clock` and move it forward.)
   */
  settle(): void {
    this.#context.store.settle(true)
    this.#context.cache.clear()
  }

  /** Back to the seeded state: data, stats, faults, caches and rate limit windows. API keys stay. */
  reset(): void {
    this.#context.store.clear()
    this.#context.cache.clear()
    this.#context.startedAtMs = this.#context.now().getTime()
    this.#rateLimiter?.reset()
    this.#tenantRateLimiter?.reset()
    this.faults.clear()
    for (const route of Object.keys(this.#requests)) delete this.#requests[route]
    this.#seed()
  }

  #seed(): void {
    if (this.#options.seed === false) return
    const nowMs = this.#context.now().getTime()
    const events = generateDemoEvents({
      tenantId: this.tenantId,
      seed: this.#options.seed ?? 'demo',
      nowMs,
      catalog: this.#dataCatalog,
    })
    // As if the aggregation worker last ran a little before the emulator started.
    for (const event of events) this.#context.store.usage.add(event, nowMs - 45_000)
  }

  #demoCredits(currency: string, profile: EmulatorProfile): Record<string, number> {
    // The real server has no credits to give; the demo gives its steady customer some.
    if (this.#options.seed === false || !profile.pricesFromCatalog) return {}
    const credit = roundToMinorUnit(5 * demoRateFromUsd(currency), currencyFractionDigits(currency))
    return { [demoCustomers.steady]: credit }
  }
}

/** A new emulator; see `EmulatorOptions` for its defaults. */
export function createEmulator(options: EmulatorOptions = {}): StripeMeterEmulator {
  return new StripeMeterEmulator(options)
}

/**
 * Which server the emulator answers as:
 * - `'demo'`: a generous StripeMeter for demos and Storybook — a catalog with units, limits,
 *   alerts and prices, request ids on every answer, CORS for any origin, reads fresh at once.
 * - `'stripemeter'`: the open-source server as it answers today (see "Seen on the real server"
 *   in the API notes) — no limits or alerts, zero prices, 30 s read cache, database limits, a
 *   per-tenant request limit, no request ids, CORS off.
 */
export type EmulatorProfileName = 'demo' | 'stripemeter'

/**
 * Where the two servers differ, as data: the emulator has one implementation, and every
 * difference between the profiles is a field here that the routes read.
 */
export interface EmulatorProfile {
  /** Every answer carries `x-request-id` (echoed, or made up); else only the ingest body's `requestId` echoes an incoming one. */
  sendsRequestId: boolean
  /** CORS for any origin when `corsOrigins` is not given; else none. */
  corsForAnyOrigin: boolean
  /** `usage/current` reports the catalog's units, limits and alerts; else `"unit"`, no limit, no alerts. */
  reportsCatalogDetails: boolean
  /** Projections price by the catalog; else at 0, only for metrics in `priceMappings`. */
  pricesFromCatalog: boolean
  /** Default of `cacheTtlMs`. */
  cacheTtlMs: number
  /** Default of `aggregationDelayMs`. */
  aggregationDelayMs: number
  /** Quantities ≥ 1e14 and U+0000 in `metric`, `customerRef` or `resourceId` fail the batch with a 500. */
  enforcesDatabaseLimits: boolean
  /** Default of `tenantRequestsPerMinute`. */
  tenantRequestsPerMinute: number | false
  /** How long an idempotency key counts as seen. */
  idempotencyWindowMs: number
  /** A key repeated inside one batch: the second result says `duplicate`, or `accepted` too. */
  repeatedKeyInBatch: 'duplicate' | 'accepted'
  /** Per-event results in batch order, or refusals first. */
  resultOrder: 'batch' | 'refusalsFirst'
  /** Fastify's JSON schema runs first (`{error,message}` 400s), and the tenant check before zod. */
  checksFastifySchema: boolean
  /** Over 1000 events: `Batch too large: N > 1000` at index -1, or zod's message at index 0. */
  batchTooLarge: 'batchCheck' | 'zod'
  /** Errors carry the server's raw names and production texts (`FastifyError`, `SyntaxError`, `PostgresError`). */
  rawErrorNames: boolean
  /** Auth runs before routing: an unknown route (or a preflight CORS does not answer) without a key is a 401. */
  authenticatesUnknownRoutes: boolean
  /** `usage/history` without `step`: refused, or month buckets. */
  historyStepDefault: 'required' | 'month'
  /** Projection freshness: as aggregated, or whole seconds with `staleness` 0. */
  freshness: 'exact' | 'wholeSecondsNoStaleness'
  /** The `/health` body. */
  health: (now: Date) => Record<string, unknown>
}

const DAY_MS = 86_400_000

export const emulatorProfiles: Record<EmulatorProfileName, EmulatorProfile> = {
  demo: {
    sendsRequestId: true,
    corsForAnyOrigin: true,
    reportsCatalogDetails: true,
    pricesFromCatalog: true,
    cacheTtlMs: 0,
    aggregationDelayMs: 0,
    enforcesDatabaseLimits: false,
    tenantRequestsPerMinute: false,
    idempotencyWindowMs: DAY_MS,
    repeatedKeyInBatch: 'duplicate',
    resultOrder: 'batch',
    checksFastifySchema: false,
    batchTooLarge: 'batchCheck',
    rawErrorNames: false,
    authenticatesUnknownRoutes: false,
    historyStepDefault: 'required',
    freshness: 'exact',
    health: (now) => ({ status: 'healthy', timestamp: now.toISOString(), emulator: true }),
  },
  stripemeter: {
    sendsRequestId: false,
    corsForAnyOrigin: false,
    reportsCatalogDetails: false,
    pricesFromCatalog: false,
    cacheTtlMs: 30_000,
    aggregationDelayMs: 1_000,
    enforcesDatabaseLimits: true,
    tenantRequestsPerMinute: 1000,
    // Keys are a permanent primary key there: a key once seen stays a duplicate.
    idempotencyWindowMs: Number.POSITIVE_INFINITY,
    repeatedKeyInBatch: 'accepted',
    resultOrder: 'refusalsFirst',
    checksFastifySchema: true,
    batchTooLarge: 'zod',
    rawErrorNames: true,
    authenticatesUnknownRoutes: true,
    historyStepDefault: 'month',
    freshness: 'wholeSecondsNoStaleness',
    health: (now) => ({ status: 'ok', timestamp: now.toISOString() }),
  },
}

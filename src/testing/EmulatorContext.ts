import type { EmulatorProfile } from './EmulatorProfile.js'
import type { EmulatorStore } from './EmulatorStore.js'
import type { MetricDefinition } from './metricCatalog.js'
import type { ResponseCache } from './ResponseCache.js'

/** What every route can read: the store, the catalog and the clock. */
export interface EmulatorContext {
  /** Where the answers follow the demo or the real server. */
  profile: EmulatorProfile
  store: EmulatorStore
  catalog: ReadonlyMap<string, MetricDefinition>
  /** ISO 4217 code of every amount. */
  currency: string
  now: () => Date
  /** Credits per customer, in currency units, subtracted from projections. */
  credits: ReadonlyMap<string, number>
  /** `lastUpdate` reported for a customer nothing was ever aggregated for. */
  startedAtMs: number
  cache: ResponseCache
}

/** One request as a route sees it: parsed URL, headers, JSON body and the caller's tenant. */
export interface RouteRequest {
  url: URL
  headers: Headers
  body: unknown
  /** The id the ingest body reports: always in the 'demo' profile, only an incoming one in 'stripemeter'. */
  requestId: string | undefined
  /** The tenant of the API key; `undefined` when auth is off. */
  keyTenantId: string | undefined
}

/** Metrics in catalog order first, then the ones the catalog does not know, alphabetically. */
export function orderMetrics(names: string[], catalog: ReadonlyMap<string, MetricDefinition>) {
  const catalogOrder = [...catalog.keys()]
  return [...names].sort((left, right) => {
    const leftRank = catalogOrder.indexOf(left)
    const rightRank = catalogOrder.indexOf(right)
    if (leftRank === -1 && rightRank === -1) return left.localeCompare(right)
    if (leftRank === -1) return 1
    if (rightRank === -1) return -1
    return leftRank - rightRank
  })
}

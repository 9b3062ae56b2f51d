import type { MetricPrice } from '../core/priceUsage.js'
import type { EmulatorProfile } from './EmulatorProfile.js'
import type { MetricAggregation } from './MetricAggregate.js'

// Prices are the core's: the emulator and live cost price usage with one function.
export type { MetricPrice, PriceTier } from '../core/priceUsage.js'

/** A metric the emulated tenant meters: how it aggregates, its unit, limit and price. */
export interface MetricDefinition {
  /** Wire name, e.g. `api_calls`. */
  name: string
  /** Human name used in alert messages, e.g. `API calls`. */
  label: string
  aggregation: MetricAggregation
  /** Unit reported by `/v1/usage/current`, e.g. `calls`, `GB`. */
  unit: string
  /** The plan's limit this period; absent for unlimited metrics (no alerts then). */
  limit?: number
  /** Absent: the metric has no active price mapping, so it gets no projection line item. */
  price?: MetricPrice
}

/** What the real server reports for a metric it has no catalog entry for. */
export const unknownMetricUnit = 'unit'

/**
 * Rough exchange rates from USD, so a EUR or JPY demo shows plausible amounts instead of
 * the USD figures relabelled.
 */
const demoRatesFromUsd: Record<string, number> = {
  USD: 1,
  EUR: 0.92,
  GBP: 0.79,
  CHF: 0.88,
  CAD: 1.37,
  AUD: 1.52,
  JPY: 150,
  INR: 84,
  BRL: 5.4,
}

/** How many units of `currency` a demo dollar is worth (1 for currencies without a rate). */
export function demoRateFromUsd(currency: string): number {
  return demoRatesFromUsd[currency.toUpperCase()] ?? 1
}

/**
 * The demo catalog: a typical API product. `api_calls` has a free tier and volume discount,
 * `ai_tokens` has no limit (so no alerts and no progress bar), and prices follow `currency`.
 */
export function demoCatalog(currency: string): MetricDefinition[] {
  const rate = demoRateFromUsd(currency)
  // Six significant digits, so 12 USD × 0.92 is 11.04 EUR and not 11.040000000000001.
  const convert = (usd: number) => Number.parseFloat((usd * rate).toPrecision(6))
  return [
    {
      name: 'api_calls',
      label: 'API calls',
      aggregation: 'sum',
      unit: 'calls',
      limit: 50_000,
      price: {
        tiers: [
          { upTo: 10_000, unitPrice: 0 },
          { upTo: 100_000, unitPrice: convert(0.002) },
          { upTo: null, unitPrice: convert(0.0015) },
        ],
      },
    },
    {
      name: 'storage_gb',
      label: 'Storage',
      aggregation: 'max',
      unit: 'GB',
      limit: 100,
      price: { unitPrice: convert(0.1) },
    },
    {
      name: 'bandwidth_gb',
      label: 'Bandwidth',
      aggregation: 'sum',
      unit: 'GB',
      limit: 500,
      price: { unitPrice: convert(0.08) },
    },
    {
      name: 'seats',
      label: 'Seats',
      aggregation: 'last',
      unit: 'seats',
      limit: 10,
      price: { unitPrice: convert(12) },
    },
    {
      name: 'ai_tokens',
      label: 'AI tokens',
      aggregation: 'sum',
      unit: 'tokens',
      price: { unitPrice: convert(0.000002) },
    },
  ]
}

/**
 * The catalog as a profile reports it. The 'stripemeter' profile keeps only each metric's
 * aggregation: unit `"unit"`, no limit (so no alerts), and a zero price only for metrics with a
 * price mapping — the real server's placeholder pricing.
 */
export function profileCatalog(
  catalog: readonly MetricDefinition[],
  profile: Pick<EmulatorProfile, 'reportsCatalogDetails' | 'pricesFromCatalog'>,
  priceMappings: readonly string[],
): MetricDefinition[] {
  const mapped = new Set(priceMappings)
  const present = (metric: MetricDefinition): MetricDefinition => {
    const served: MetricDefinition = {
      name: metric.name,
      label: metric.label,
      aggregation: metric.aggregation,
      unit: profile.reportsCatalogDetails ? metric.unit : unknownMetricUnit,
    }
    if (profile.reportsCatalogDetails && metric.limit !== undefined) served.limit = metric.limit
    const price = profile.pricesFromCatalog
      ? metric.price
      : mapped.has(metric.name)
        ? { unitPrice: 0 }
        : undefined
    if (price !== undefined) served.price = price
    return served
  }
  const served = catalog.map(present)
  const known = new Set(catalog.map((metric) => metric.name))
  for (const name of mapped) {
    if (!known.has(name) && !profile.pricesFromCatalog) {
      served.push({
        name,
        label: name,
        aggregation: 'sum',
        unit: unknownMetricUnit,
        price: { unitPrice: 0 },
      })
    }
  }
  return served
}

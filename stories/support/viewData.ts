/**
 * Data for the presentational `…View` stories: plain wire objects (the shapes of
 * `shared/stripemeter-api.md`), editable in the Controls panel. The data-bound stories never use
 * these — they read the emulator through the provider.
 */
import { forecastCost } from '../../src/core/forecastCost'
import type {
  MetricUsage,
  ProjectionResponse,
  UsageAlert,
  UsageHistoryPoint,
  UsageResponse,
} from '../../src/core/types'

const period = { start: '2026-11-01', end: '2026-11-30' }

export const apiCallsNearLimit: MetricUsage = {
  name: 'api_calls',
  current: 43_250,
  limit: 50_000,
  unit: 'calls',
}
export const storageComfortable: MetricUsage = {
  name: 'storage_gb',
  current: 37.5,
  limit: 100,
  unit: 'GB',
}
export const seatsOverLimit: MetricUsage = { name: 'seats', current: 13, limit: 10, unit: 'seats' }
export const aiTokensNoLimit: MetricUsage = {
  name: 'ai_tokens',
  current: 8_421_337,
  unit: 'tokens',
}
export const bandwidthHuge: MetricUsage = {
  name: 'bandwidth_gb',
  current: 9_876_543_210.5,
  limit: 12_000_000_000,
  unit: 'GB',
}

export const alerts: UsageAlert[] = [
  { type: 'threshold', message: 'Seats are at 130% of your limit', severity: 'critical' },
  { type: 'threshold', message: 'API calls are at 86% of your limit', severity: 'warning' },
  { type: 'info', message: 'Your plan renews on December 1', severity: 'info' },
]

export const usage: UsageResponse = {
  customerRef: 'cus_near_limit',
  period,
  metrics: [apiCallsNearLimit, storageComfortable, seatsOverLimit, aiTokensNoLimit],
  alerts,
}

export const emptyUsage: UsageResponse = {
  customerRef: 'cus_new',
  period,
  metrics: [],
  alerts: [],
}

export const projection: ProjectionResponse = {
  customerRef: 'cus_near_limit',
  periodStart: period.start,
  periodEnd: period.end,
  lineItems: [
    { metric: 'api_calls', quantity: 43_250, unitPrice: 0.002, total: 66.5 },
    { metric: 'storage_gb', quantity: 37.5, unitPrice: 0.1, total: 3.75 },
    { metric: 'seats', quantity: 13, unitPrice: 12, total: 156 },
    { metric: 'ai_tokens', quantity: 8_421_337, unitPrice: 0.000002, total: 16.84 },
  ],
  subtotal: 243.09,
  credits: 20,
  total: 223.09,
  currency: 'USD',
  freshness: { lastUpdate: '2026-11-26T10:15:00.000Z', staleness: 45 },
}

export const projectionYen: ProjectionResponse = {
  ...projection,
  lineItems: projection.lineItems.map((item) => ({
    ...item,
    unitPrice: item.unitPrice * 150,
    total: Math.round(item.total * 150),
  })),
  subtotal: 36_464,
  credits: 3_000,
  total: 33_464,
  currency: 'JPY',
}

/** A month of daily API calls up to the 26th: weekdays busier than weekends, no calls on the 8th. */
export const dailyApiCalls: UsageHistoryPoint[] = Array.from({ length: 26 }, (_, index) => {
  const day = index + 1
  const weekday = new Date(Date.UTC(2026, 10, day)).getUTCDay()
  const weekend = weekday === 0 || weekday === 6
  return {
    ts: new Date(Date.UTC(2026, 10, day)).toISOString(),
    value: weekend ? 700 + ((day * 37) % 200) : 1_900 + ((day * 113) % 500),
  }
}).filter((point) => !point.ts.startsWith('2026-11-08'))

/** The instant the View stories are drawn at: the 26th, a little after the last aggregation. */
export const viewNow = new Date('2026-11-26T10:15:45.000Z')

export const period26 = period

export const forecast = forecastCost({
  projection,
  history: { api_calls: dailyApiCalls },
  now: viewNow,
})

/**
 * `count` points of per-minute-ish usage across the period up to `viewNow`: a series far wider
 * than any plot, which the chart downsamples (LTTB) to its pixel width.
 */
export function denseHistory(count: number): UsageHistoryPoint[] {
  const startMs = Date.parse('2026-11-01T00:00:00.000Z')
  const stepMs = (viewNow.getTime() - startMs) / count
  return Array.from({ length: count }, (_, index) => ({
    ts: new Date(startMs + index * stepMs).toISOString(),
    value: 1 + Math.abs(Math.sin(index / 900)) * 3 + ((index * 7919) % 13) / 13,
  }))
}

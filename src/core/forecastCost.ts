import { periodClock, runRate, varianceOver, Z_80 } from './runRate.js'
import type { ProjectionResponse, UsageHistoryPoint } from './types.js'

export interface CostForecastInput {
  /** The server's projection: its `total` is the cost of the usage so far. */
  projection: ProjectionResponse
  /**
   * This period's daily usage per metric (`GET /v1/usage/history`, `step: 'day'`), keyed by
   * metric name. Missing days count as 0. A metric absent here is forecast from its quantity
   * so far with an assumed wide spread.
   * @default {}
   */
  history?: Readonly<Record<string, readonly UsageHistoryPoint[]>>
  /** @default new Date() */
  now?: Date
}

export interface MetricForecast {
  metric: string
  quantitySoFar: number
  /** Mean usage per day over the elapsed part of the period. */
  dailyRate: number
  expectedQuantity: number
  lowQuantity: number
  highQuantity: number
  /** Cost per unit used to extrapolate: the line item's total ÷ quantity, else its unit price. */
  effectiveUnitPrice: number
  expectedTotal: number
}

/** A forecast of the bill at the period's end from this period's run-rate. */
export interface CostForecast {
  /** ISO 4217, from the projection. */
  currency: string
  /** The server's `total`: the cost of the usage so far. */
  costSoFar: number
  /** The most likely total at the period's end. */
  expected: number
  /** Lower end of the 80 % range; never below `costSoFar`. */
  low: number
  /** Upper end of the 80 % range. */
  high: number
  /** The confidence level of `low`…`high`. */
  confidence: number
  /** The instant the period ends (the day after `periodEnd`, 00:00 UTC). */
  periodEndsAt: string
  elapsedDays: number
  remainingDays: number
  /** Complete days of history the day-to-day spread was measured on. */
  basisDays: number
  lineItems: MetricForecast[]
}

/**
 * Forecasts the period's bill: cost so far plus each metric's daily run-rate × the days left,
 * with an 80 % range from the day-to-day spread (sum of the remaining days, plus the
 * uncertainty of the rate itself). Pure: the same input gives the same answer.
 */
export function forecastCost({
  projection,
  history = {},
  now = new Date(),
}: CostForecastInput): CostForecast {
  const clock = periodClock(projection.periodStart, projection.periodEnd, now, {
    start: 'projection.periodStart',
    end: 'projection.periodEnd',
  })
  const { elapsedDays, remainingDays } = clock

  let remainingCost = 0
  let varianceOfRemainingCost = 0
  const lineItems = projection.lineItems.map((item): MetricForecast => {
    const effectiveUnitPrice = item.quantity > 0 ? item.total / item.quantity : item.unitPrice
    const rate = runRate(item.quantity, history[item.metric], clock)
    const variance = elapsedDays > 0 ? varianceOver(rate, remainingDays) : 0
    const expectedMore = rate.dailyRate * remainingDays
    const halfWidth = Z_80 * Math.sqrt(variance)
    remainingCost += expectedMore * effectiveUnitPrice
    varianceOfRemainingCost += variance * effectiveUnitPrice ** 2
    return {
      metric: item.metric,
      quantitySoFar: item.quantity,
      dailyRate: rate.dailyRate,
      expectedQuantity: item.quantity + expectedMore,
      lowQuantity: item.quantity + Math.max(0, expectedMore - halfWidth),
      highQuantity: item.quantity + expectedMore + halfWidth,
      effectiveUnitPrice,
      expectedTotal: item.total + expectedMore * effectiveUnitPrice,
    }
  })

  // Metrics are independent, so their spreads add in quadrature rather than end to end.
  const costHalfWidth = Z_80 * Math.sqrt(varianceOfRemainingCost)
  const subtotalSoFar = projection.subtotal
  const billOf = (subtotal: number) => Math.max(0, subtotal - projection.credits)
  const costSoFar = projection.total
  const expected = Math.max(costSoFar, billOf(subtotalSoFar + remainingCost))
  return {
    currency: projection.currency,
    costSoFar,
    expected,
    low: Math.max(costSoFar, billOf(subtotalSoFar + Math.max(0, remainingCost - costHalfWidth))),
    high: Math.max(expected, billOf(subtotalSoFar + remainingCost + costHalfWidth)),
    confidence: 0.8,
    periodEndsAt: new Date(clock.endMs).toISOString(),
    elapsedDays,
    remainingDays,
    basisDays: clock.completeDays,
    lineItems,
  }
}

import { StripeMeterError } from './StripeMeterError.js'
import type { ProjectionResponse, UsageHistoryPoint } from './types.js'

const DAY_MS = 86_400_000
/** z for a two-sided 80 % interval: wide enough to be honest, narrow enough to be useful. */
const Z_80 = 1.2816
/**
 * Without daily history the day-to-day spread is unknown; a coefficient of variation of 1
 * (spread as large as the mean) keeps the range honestly wide instead of pretending certainty.
 */
const UNKNOWN_SPREAD_RATIO = 1
/** The rate is never taken over less than a day, so an hour of usage is not multiplied by 720. */
const MIN_BASIS_DAYS = 1

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
  const startMs = parseUtcDate(projection.periodStart, 'projection.periodStart')
  const endMs = parseUtcDate(projection.periodEnd, 'projection.periodEnd') + DAY_MS
  const nowMs = now.getTime()
  if (Number.isNaN(nowMs)) {
    throw new StripeMeterError(`now must be a valid Date, got ${String(now)}`, {
      code: 'validation_error',
    })
  }
  const elapsedDays = clamp((nowMs - startMs) / DAY_MS, 0, (endMs - startMs) / DAY_MS)
  const remainingDays = Math.max(0, (endMs - Math.max(nowMs, startMs)) / DAY_MS)
  const completeDays = Math.floor(elapsedDays)

  let remainingCost = 0
  let varianceOfRemainingCost = 0
  const lineItems = projection.lineItems.map((item): MetricForecast => {
    const effectiveUnitPrice = item.quantity > 0 ? item.total / item.quantity : item.unitPrice
    const points = history[item.metric]
    const daily = points ? dailyTotals(points, startMs, completeDays) : undefined
    const basisDays = Math.max(elapsedDays, MIN_BASIS_DAYS)
    const dailyRate = elapsedDays === 0 ? 0 : item.quantity / basisDays
    const dailySpread =
      daily && daily.length >= 2 ? standardDeviation(daily) : dailyRate * UNKNOWN_SPREAD_RATIO
    const samples = Math.max(daily?.length ?? 0, 1)
    // Var(sum of R future days) = σ²·R, plus the rate's own uncertainty: (R·σ)²/n.
    const variance =
      dailySpread ** 2 * (remainingDays + remainingDays ** 2 / samples) * (elapsedDays > 0 ? 1 : 0)
    const expectedMore = dailyRate * remainingDays
    const halfWidth = Z_80 * Math.sqrt(variance)
    remainingCost += expectedMore * effectiveUnitPrice
    varianceOfRemainingCost += variance * effectiveUnitPrice ** 2
    return {
      metric: item.metric,
      quantitySoFar: item.quantity,
      dailyRate,
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
    periodEndsAt: new Date(endMs).toISOString(),
    elapsedDays,
    remainingDays,
    basisDays: completeDays,
    lineItems,
  }
}

/** Usage per complete day since the period start; days without a bucket are 0. */
function dailyTotals(points: readonly UsageHistoryPoint[], startMs: number, days: number) {
  const totals = new Array<number>(days).fill(0)
  for (const point of points) {
    const day = Math.floor((Date.parse(point.ts) - startMs) / DAY_MS)
    if (day >= 0 && day < days) totals[day] = (totals[day] ?? 0) + point.value
  }
  return totals
}

function standardDeviation(values: readonly number[]) {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length
  const squares = values.reduce((sum, value) => sum + (value - mean) ** 2, 0)
  return Math.sqrt(squares / (values.length - 1))
}

function parseUtcDate(value: string, field: string) {
  const ms = Date.parse(value.length === 10 ? `${value}T00:00:00.000Z` : value)
  if (Number.isNaN(ms)) {
    throw new StripeMeterError(`${field} must be a YYYY-MM-DD date, got ${JSON.stringify(value)}`, {
      code: 'validation_error',
    })
  }
  return ms
}

function clamp(value: number, min: number, max: number) {
  return Math.min(max, Math.max(min, value))
}

/**
 * The history query range covering a whole billing period (`YYYY-MM-DD` bounds): the server
 * wants full ISO date-times, from the first day's start to the last day's end.
 */
export function periodHistoryRange(periodStart: string, periodEnd: string) {
  return {
    periodStart: `${periodStart}T00:00:00.000Z`,
    periodEnd: `${periodEnd}T23:59:59.999Z`,
  }
}

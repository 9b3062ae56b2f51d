import type { UsageHistoryPoint } from './types.js'
import { DAY_MS, utcMs } from './utcPeriod.js'
import { validationError } from './validationError.js'

/**
 * The run-rate model `forecastCost` and `forecastUsage` share: usage so far spread evenly over
 * the elapsed days, continued over the days left, with an 80 % range from the day-to-day spread
 * of this period's daily history.
 */

/** z for a two-sided 80 % interval: wide enough to be honest, narrow enough to be useful. */
export const Z_80 = 1.2816
/**
 * Without daily history the day-to-day spread is unknown; a coefficient of variation of 1
 * (spread as large as the mean) keeps the range honestly wide instead of pretending certainty.
 */
const UNKNOWN_SPREAD_RATIO = 1
/** The rate is never taken over less than a day, so an hour of usage is not multiplied by 720. */
const MIN_BASIS_DAYS = 1
/** A spread needs two days to be measured at all. */
export const MIN_SPREAD_DAYS = 2

/** Where `now` stands in a billing period, in days. */
export interface PeriodClock {
  startMs: number
  /** The instant the period ends: the day after its last day, 00:00 UTC. */
  endMs: number
  nowMs: number
  elapsedDays: number
  remainingDays: number
  /** Whole days since the period start: the days whose usage is final. */
  completeDays: number
}

/** `periodStart`/`periodEnd` are `YYYY-MM-DD` (or ISO date-times); `fields` names them in errors. */
export function periodClock(
  periodStart: string,
  periodEnd: string,
  now: Date,
  fields: { start: string; end: string },
): PeriodClock {
  const startMs = parseUtcDate(periodStart, fields.start)
  const endMs = parseUtcDate(periodEnd, fields.end) + DAY_MS
  const nowMs = now instanceof Date ? now.getTime() : Number.NaN
  if (Number.isNaN(nowMs)) throw validationError('now', 'must be a valid Date', now)
  const elapsedDays = clamp((nowMs - startMs) / DAY_MS, 0, (endMs - startMs) / DAY_MS)
  return {
    startMs,
    endMs,
    nowMs,
    elapsedDays,
    remainingDays: Math.max(0, (endMs - Math.max(nowMs, startMs)) / DAY_MS),
    completeDays: Math.floor(elapsedDays),
  }
}

/** One metric's pace: how much per day, and how much a day varies around it. */
export interface RunRate {
  dailyRate: number
  /** Standard deviation of one day's usage. */
  dailySpread: number
  /** Complete days the spread was measured on; 0 when it was assumed. */
  measuredDays: number
}

/**
 * The pace of `quantitySoFar` over the elapsed days. `points` are the period's daily buckets
 * (missing days count as 0); without them the spread is assumed as large as the rate.
 */
export function runRate(
  quantitySoFar: number,
  points: readonly UsageHistoryPoint[] | undefined,
  clock: PeriodClock,
): RunRate {
  const dailyRate =
    clock.elapsedDays === 0 ? 0 : quantitySoFar / Math.max(clock.elapsedDays, MIN_BASIS_DAYS)
  const daily = points ? dailyTotals(points, clock.startMs, clock.completeDays) : []
  if (daily.length >= MIN_SPREAD_DAYS) {
    return { dailyRate, dailySpread: standardDeviation(daily), measuredDays: daily.length }
  }
  return { dailyRate, dailySpread: dailyRate * UNKNOWN_SPREAD_RATIO, measuredDays: 0 }
}

/**
 * Variance of the usage of the next `days` days: σ²·days for the days themselves, plus the
 * rate's own uncertainty (days·σ)²/n.
 */
export function varianceOver(rate: RunRate, days: number): number {
  const samples = Math.max(rate.measuredDays, 1)
  return rate.dailySpread ** 2 * (days + days ** 2 / samples)
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
  const ms = utcMs(value)
  if (Number.isNaN(ms)) throw validationError(field, 'must be a YYYY-MM-DD date', value)
  return ms
}

function clamp(value: number, min: number, max: number) {
  return Math.min(max, Math.max(min, value))
}

import { MIN_SPREAD_DAYS, periodClock, runRate, varianceOver, Z_80 } from './runRate.js'
import type { UsageHistoryPoint, UsagePeriod } from './types.js'
import { DAY_MS } from './utcPeriod.js'
import { validationError } from './validationError.js'

export interface UsageForecastOptions {
  /** The billing period the history belongs to (`YYYY-MM-DD` dates, as `usage/current` sends it). */
  period: UsagePeriod
  /** The metric's limit this period. @default none: `reachesLimit` is `null` */
  limit?: number
  /** @default new Date() */
  now?: Date
  /**
   * The quantity used so far, when a fresher figure than the history is known (the live usage,
   * which counts just-tracked events the server's 30 s cache does not show yet).
   * @default the sum of the history's buckets inside the period
   */
  used?: number
}

/**
 * When the limit is crossed at this pace, as ISO date-times; each is `null` when its curve stays
 * below the limit until the period ends. `earliest === null` therefore means "won't reach it
 * this period": even the high end of the range ends below the limit.
 */
export interface LimitForecast {
  /** At the expected pace. */
  likely: string | null
  /** At the high end of the 80 % range. */
  earliest: string | null
  /** At the low end of the 80 % range. */
  latest: string | null
}

/** One metric's usage at the period's end, forecast from this period's daily history. */
export interface UsageForecast {
  used: number
  /** Mean usage per day over the elapsed part of the period. */
  dailyRate: number
  /** The most likely quantity at the period's end. */
  expected: number
  /** Lower end of the 80 % range; never below `used`. */
  low: number
  /** Upper end of the 80 % range. */
  high: number
  /** The confidence level of `low`…`high`. */
  confidence: number
  /** The instant the period ends (the day after `period.end`, 00:00 UTC). */
  periodEndsAt: string
  /** Complete days of history the day-to-day spread was measured on (0: assumed). */
  basisDays: number
  /**
   * When the limit will be reached; `null` without a limit, at zero usage, or with fewer than
   * two complete days of history (a date from less would be a guess). Once `used` is at the
   * limit all three are the moment it was crossed (the day's bucket when the history shows it).
   */
  reachesLimit: LimitForecast | null
}

/** Halvings of the search interval: 40 take a 31-day period below a millisecond. */
const SEARCH_STEPS = 40

/**
 * Forecasts one metric's usage at the period's end with `forecastCost`'s model and range (the
 * run-rate continued over the days left, an 80 % range from the day-to-day spread), and when
 * that pace crosses `limit`. Pure: the same input gives the same answer.
 */
export function forecastUsage(
  history: readonly UsageHistoryPoint[],
  { period, limit, now = new Date(), used }: UsageForecastOptions,
): UsageForecast {
  if (!Array.isArray(history)) {
    throw validationError('history', 'must be an array of { ts, value } buckets', history)
  }
  const clock = periodClock(period?.start, period?.end, now, {
    start: 'period.start',
    end: 'period.end',
  })
  if (limit !== undefined && !(Number.isFinite(limit) && limit > 0)) {
    throw validationError('limit', 'must be a finite number greater than 0', limit)
  }
  if (used !== undefined && !(Number.isFinite(used) && used >= 0)) {
    throw validationError('used', 'must be a finite number of 0 or more', used)
  }
  const usedSoFar = used ?? sumInPeriod(history, clock.startMs, clock.endMs)
  const rate = runRate(usedSoFar, history, clock)
  const { remainingDays } = clock
  // The curves of the expected, high and low usage `days` from now.
  const spreadAfter = (days: number) =>
    clock.elapsedDays > 0 ? Z_80 * Math.sqrt(varianceOver(rate, days)) : 0
  const expectedAfter = (days: number) => usedSoFar + rate.dailyRate * days
  const highAfter = (days: number) => expectedAfter(days) + spreadAfter(days)
  const lowAfter = (days: number) => Math.max(usedSoFar, expectedAfter(days) - spreadAfter(days))

  let reachesLimit: LimitForecast | null = null
  if (limit !== undefined && usedSoFar >= limit) {
    const crossedAt = new Date(crossingBucket(history, limit) ?? clock.nowMs).toISOString()
    reachesLimit = { likely: crossedAt, earliest: crossedAt, latest: crossedAt }
  } else if (limit !== undefined && usedSoFar > 0 && rate.measuredDays >= MIN_SPREAD_DAYS) {
    const fromMs = Math.max(clock.nowMs, clock.startMs)
    const when = (curve: (days: number) => number) => {
      const days = firstDayReaching(curve, limit, remainingDays)
      return days === null ? null : new Date(fromMs + days * DAY_MS).toISOString()
    }
    reachesLimit = {
      likely: when(expectedAfter),
      earliest: when(highAfter),
      latest: when(lowAfter),
    }
  }

  return {
    used: usedSoFar,
    dailyRate: rate.dailyRate,
    expected: expectedAfter(remainingDays),
    low: lowAfter(remainingDays),
    high: highAfter(remainingDays),
    confidence: 0.8,
    periodEndsAt: new Date(clock.endMs).toISOString(),
    basisDays: rate.measuredDays,
    reachesLimit,
  }
}

/**
 * The first number of days within `maxDays` at which `curve` reaches `target`, or `null`. Each
 * curve crosses at most once: the expected and high curves only rise, and the low one is convex
 * from `used`, so "reached after d days" is false then true and a bisection finds the edge.
 */
function firstDayReaching(curve: (days: number) => number, target: number, maxDays: number) {
  if (curve(maxDays) < target) return null
  let below = 0
  let reached = maxDays
  for (let step = 0; step < SEARCH_STEPS; step++) {
    const middle = (below + reached) / 2
    if (curve(middle) >= target) reached = middle
    else below = middle
  }
  return reached
}

function sumInPeriod(history: readonly UsageHistoryPoint[], startMs: number, endMs: number) {
  let sum = 0
  for (const point of history) {
    const ms = Date.parse(point.ts)
    if (ms >= startMs && ms < endMs) sum += point.value
  }
  return sum
}

/** The start of the bucket in which the running total first reached `limit`. */
function crossingBucket(history: readonly UsageHistoryPoint[], limit: number) {
  const sorted = history
    .map((point) => ({ ms: Date.parse(point.ts), value: point.value }))
    .filter((point) => !Number.isNaN(point.ms))
    .sort((a, b) => a.ms - b.ms)
  let total = 0
  for (const point of sorted) {
    total += point.value
    if (total >= limit) return point.ms
  }
  return undefined
}

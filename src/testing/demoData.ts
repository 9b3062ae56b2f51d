import type { MetricDefinition } from './metricCatalog.js'
import { createSeededRandom, type SeededRandom } from './seededRandom.js'
import type { AggregatedEvent } from './UsageStore.js'
import { DAY_MS, HOUR_MS, startOfUtcDay, startOfUtcMonth } from './utcCalendar.js'

/** The demo customers, one per state a usage widget has to draw. */
export const demoCustomers = {
  /** Comfortably inside every limit. */
  steady: 'cus_steady',
  /** `api_calls` between 86 % and 94 % of its limit: a warning alert. */
  nearLimit: 'cus_near_limit',
  /** `api_calls` between 108 % and 125 % of its limit: a critical alert. */
  overLimit: 'cus_over_limit',
  /** No usage at all: the empty state. */
  new: 'cus_new',
} as const

/** What a demo customer's month looks like, per metric: month-to-date level as a share of the limit (or an amount). */
type Range = readonly [number, number]
interface CustomerProfile {
  apiCalls: Range
  bandwidth: Range
  storage: Range
  seats: readonly [before: number, after: number]
  /** AI tokens per full month (unlimited metric, so an amount). */
  aiTokensPerMonth: Range
}

const profiles: Record<string, CustomerProfile> = {
  [demoCustomers.steady]: {
    apiCalls: [0.3, 0.5],
    bandwidth: [0.2, 0.4],
    storage: [0.25, 0.4],
    seats: [3, 4],
    aiTokensPerMonth: [800_000, 1_500_000],
  },
  [demoCustomers.nearLimit]: {
    apiCalls: [0.86, 0.94],
    bandwidth: [0.4, 0.6],
    storage: [0.45, 0.6],
    seats: [6, 7],
    aiTokensPerMonth: [2_000_000, 4_000_000],
  },
  [demoCustomers.overLimit]: {
    apiCalls: [1.08, 1.25],
    bandwidth: [0.5, 0.7],
    storage: [0.55, 0.7],
    seats: [5, 6],
    aiTokensPerMonth: [5_000_000, 9_000_000],
  },
}

/** Hours of the day when sum metrics report, and how busy each is (quiet nights, busy afternoons). */
const reportingHours = [1, 5, 9, 13, 17, 21] as const
const hourlyActivity = [0.35, 0.5, 1.2, 1.5, 1.25, 0.7] as const

/** Weekend traffic is about half a weekday's. */
function weekdayFactor(dayStartMs: number): number {
  const weekday = new Date(dayStartMs).getUTCDay()
  return weekday === 0 || weekday === 6 ? 0.55 : 1
}

/**
 * A month of realistic usage up to `nowMs` for the demo customers: daily patterns, weekend
 * dips, growth, and each customer's month-to-date level landing in its profile's range, so the
 * same seed always shows the same story whatever the day of the month.
 */
export function generateDemoEvents(options: {
  tenantId: string
  seed: string
  nowMs: number
  catalog: ReadonlyMap<string, MetricDefinition>
}): AggregatedEvent[] {
  const events: AggregatedEvent[] = []
  const monthStartMs = startOfUtcMonth(options.nowMs)
  const historyStartMs = startOfUtcDay(Math.min(monthStartMs, options.nowMs - 30 * DAY_MS))
  const window = { historyStartMs, monthStartMs, nowMs: options.nowMs }
  for (const [customerRef, profile] of Object.entries(profiles)) {
    const random = createSeededRandom(`${options.seed}:${customerRef}`)
    const emit = (metric: string, quantity: number, tsMs: number) =>
      events.push({ tenantId: options.tenantId, customerRef, metric, quantity, tsMs })
    const limitOf = (metric: string) => options.catalog.get(metric)?.limit
    const has = (metric: string) => options.catalog.has(metric)

    if (has('api_calls')) {
      const target = pick(random, profile.apiCalls) * (limitOf('api_calls') ?? 50_000)
      sumSeries(random, window, target, 0, (quantity, tsMs) => emit('api_calls', quantity, tsMs))
    }
    if (has('bandwidth_gb')) {
      const target = pick(random, profile.bandwidth) * (limitOf('bandwidth_gb') ?? 500)
      sumSeries(random, window, target, 2, (quantity, tsMs) => emit('bandwidth_gb', quantity, tsMs))
    }
    if (has('ai_tokens')) {
      const elapsedShare = Math.max((options.nowMs - monthStartMs) / (30 * DAY_MS), 1 / 30)
      const target = pick(random, profile.aiTokensPerMonth) * elapsedShare
      sumSeries(random, window, target, 0, (quantity, tsMs) => emit('ai_tokens', quantity, tsMs))
    }
    if (has('storage_gb')) {
      const target = pick(random, profile.storage) * (limitOf('storage_gb') ?? 100)
      growingSnapshots(random, window, target, (value, tsMs) => emit('storage_gb', value, tsMs))
    }
    if (has('seats')) {
      seatSnapshots(random, window, profile.seats, (value, tsMs) => emit('seats', value, tsMs))
    }
  }
  return events
}

interface DemoWindow {
  historyStartMs: number
  monthStartMs: number
  nowMs: number
}

function pick(random: SeededRandom, [low, high]: Range): number {
  return low + (high - low) * random()
}

function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals
  return Math.round(value * factor) / factor
}

/**
 * A summed metric reported six times a day. The previous month and this month are scaled
 * separately: this month so its total so far hits `monthToDateTarget`.
 */
function sumSeries(
  random: SeededRandom,
  window: DemoWindow,
  monthToDateTarget: number,
  decimals: number,
  emit: (quantity: number, tsMs: number) => void,
): void {
  const slots: { tsMs: number; weight: number }[] = []
  const totalDays = Math.round((window.nowMs - window.historyStartMs) / DAY_MS) + 1
  for (let dayStartMs = window.historyStartMs, day = 0; dayStartMs <= window.nowMs; day++) {
    const growth = 1 + (0.25 * day) / totalDays
    const dayWeight = weekdayFactor(dayStartMs) * growth * (0.85 + 0.3 * random())
    reportingHours.forEach((hour, index) => {
      const tsMs = dayStartMs + hour * HOUR_MS
      if (tsMs > window.nowMs) return
      slots.push({
        tsMs,
        weight: dayWeight * (hourlyActivity[index] ?? 1) * (0.9 + 0.2 * random()),
      })
    })
    dayStartMs += DAY_MS
  }
  const thisMonth = slots.filter((slot) => slot.tsMs >= window.monthStartMs)
  if (thisMonth.length === 0) {
    // Minutes into a new month: one report at its start carries the month so far.
    const slot = { tsMs: window.monthStartMs, weight: 1 }
    slots.push(slot)
    thisMonth.push(slot)
  }
  const thisMonthWeight = thisMonth.reduce((sum, slot) => sum + slot.weight, 0)
  const thisMonthScale = monthToDateTarget / thisMonthWeight
  // Last month ended near this month's pace, capped so a fresh month does not imply a wild one.
  const elapsedDays = Math.max((window.nowMs - window.monthStartMs) / DAY_MS, 1)
  const previousMonthTotal = monthToDateTarget * Math.min(30 / elapsedDays, 1.15)
  const averageWeight = slots.reduce((sum, slot) => sum + slot.weight, 0) / slots.length
  const previousScale = previousMonthTotal / (averageWeight * 30 * reportingHours.length)
  for (const slot of slots) {
    const scale = slot.tsMs >= window.monthStartMs ? thisMonthScale : previousScale
    const quantity = roundTo(slot.weight * scale, decimals)
    if (quantity > 0) emit(quantity, slot.tsMs)
  }
}

/** A level metric (storage) snapshotted daily, growing slowly to `monthToDatePeak` by now. */
function growingSnapshots(
  random: SeededRandom,
  window: DemoWindow,
  monthToDatePeak: number,
  emit: (value: number, tsMs: number) => void,
): void {
  const spanMs = Math.max(window.nowMs - window.historyStartMs, 1)
  const snapshots: number[] = []
  for (let tsMs = window.historyStartMs + 6 * HOUR_MS; tsMs <= window.nowMs; tsMs += DAY_MS) {
    snapshots.push(tsMs)
  }
  if (!snapshots.some((tsMs) => tsMs >= window.monthStartMs)) snapshots.push(window.monthStartMs)
  snapshots.forEach((tsMs, index) => {
    const progress = (tsMs - window.historyStartMs) / spanMs
    const isLast = index === snapshots.length - 1
    const wobble = isLast ? 1 : 0.98 + 0.02 * random()
    emit(roundTo(monthToDatePeak * (0.7 + 0.3 * progress) * wobble, 2), tsMs)
  })
}

/** Seats reported daily; the team grew by one on a seeded day of the window. */
function seatSnapshots(
  random: SeededRandom,
  window: DemoWindow,
  [before, after]: readonly [number, number],
  emit: (value: number, tsMs: number) => void,
): void {
  const changeAtMs =
    window.historyStartMs + (0.3 + 0.4 * random()) * (window.nowMs - window.historyStartMs)
  const snapshots: number[] = []
  for (let tsMs = window.historyStartMs + 5 * 60_000; tsMs <= window.nowMs; tsMs += DAY_MS) {
    snapshots.push(tsMs)
  }
  if (!snapshots.some((tsMs) => tsMs >= window.monthStartMs)) snapshots.push(window.monthStartMs)
  for (const tsMs of snapshots) emit(tsMs < changeAtMs ? before : after, tsMs)
}

import type { HistoryStep, UsageHistoryPoint, UsagePeriod } from '../core/types.js'
import { DAY_MS, nextUtcMonthStartMs, periodEndMs, utcDayStartMs } from '../core/utcPeriod.js'
import { downsampleLttb, type SeriesPoint } from './lttb.js'

/** How the trend is drawn: each bucket's own usage, or the running total for the period. */
export type TrendMode = 'cumulative' | 'per-bucket'

export interface TrendSeriesInput {
  usage: readonly UsageHistoryPoint[]
  /** The billing period (`YYYY-MM-DD`); without it there are no gaps to fill and no projection. */
  period?: UsagePeriod | undefined
  step: HistoryStep
  mode: TrendMode
  now: Date
  /** Most points to keep: the plot's width in pixels. */
  maxPoints: number
}

export interface TrendDatum {
  /** Epoch ms of the bucket's start. */
  x: number
  /** Usage (per bucket or running total); null on the projection-only points. */
  actual: number | null
  /** The projection to the period's end; null before it starts. */
  projected: number | null
}

export interface TrendSeries {
  data: TrendDatum[]
  /** Epoch ms of the period's start and end (the day after its last day), when known. */
  domain: [number, number] | undefined
  /** Usage in the period so far. */
  total: number
  /** Points before downsampling. */
  sourcePoints: number
  /** Epoch ms of the bucket still in progress (today, this month), when the series reaches it. */
  partialFrom: number | undefined
}

/**
 * Turns history buckets into the series a trend chart draws: the period's buckets up to now
 * with missing ones as 0 (the server omits empty buckets), optionally cumulative, downsampled
 * by LTTB to `maxPoints`, and a straight-line projection from the run-rate to the period's end.
 */
export function buildTrendSeries(input: TrendSeriesInput): TrendSeries {
  const { usage, period, step, mode, now, maxPoints } = input
  const nowMs = now.getTime()
  let domain: [number, number] | undefined
  const gridMs: number[] = []
  if (period) {
    const startMs = utcDayStartMs(period.start)
    const endMs = periodEndMs(period.end)
    domain = [startMs, endMs]
    const lastBucketMs = Math.min(nowMs, endMs - 1)
    for (let bucketMs = startMs; bucketMs <= lastBucketMs; bucketMs = nextBucket(bucketMs, step)) {
      gridMs.push(bucketMs)
    }
  }

  // Merge the (sorted) history with the (sorted) bucket grid; a grid bucket the server left
  // out becomes a 0, a point on a bucket's start is that bucket, equal timestamps add up.
  const history = sortedPoints(usage)
  let runningTotal = 0
  const points: SeriesPoint[] = []
  const emit = (x: number, value: number) => {
    runningTotal += value
    const y = mode === 'cumulative' ? runningTotal : value
    const previous = points.at(-1)
    if (previous && previous.x === x) {
      previous.y = mode === 'cumulative' ? runningTotal : previous.y + value
    } else {
      points.push({ x, y })
    }
  }
  let gridIndex = 0
  for (let index = 0; index < history.xs.length; index++) {
    const x = history.xs[index] as number
    while (gridIndex < gridMs.length && (gridMs[gridIndex] as number) < x) {
      emit(gridMs[gridIndex] as number, 0)
      gridIndex++
    }
    if (gridMs[gridIndex] === x) gridIndex++
    emit(x, history.values[index] as number)
  }
  for (; gridIndex < gridMs.length; gridIndex++) emit(gridMs[gridIndex] as number, 0)

  const sampled = downsampleLttb(points, maxPoints)
  const data: TrendDatum[] = sampled.map((point) => ({
    x: point.x,
    actual: point.y,
    projected: null,
  }))

  const last = data.at(-1)
  // A monthly bucket is the whole period here, so only a cumulative line has somewhere to go.
  if (domain && last && nowMs < domain[1] && nowMs > domain[0]) {
    const elapsedDays = Math.max(1, (nowMs - domain[0]) / DAY_MS)
    const dailyRate = runningTotal / elapsedDays
    last.projected = last.actual
    if (mode === 'cumulative') {
      const remainingDays = (domain[1] - nowMs) / DAY_MS
      data.push({ x: domain[1], actual: null, projected: runningTotal + dailyRate * remainingDays })
    } else if (step === 'day') {
      // Per day, the run-rate is a level: the average day continued to the period's end.
      last.projected = dailyRate
      data.push({ x: domain[1] - DAY_MS, actual: null, projected: dailyRate })
    }
  }
  const lastGridMs = gridMs.at(-1)
  const partialFrom =
    lastGridMs !== undefined && nowMs < nextBucket(lastGridMs, step) && last?.x === lastGridMs
      ? lastGridMs
      : undefined
  return { data, domain, total: runningTotal, sourcePoints: points.length, partialFrom }
}

function nextBucket(ms: number, step: HistoryStep) {
  return step === 'day' ? ms + DAY_MS : nextUtcMonthStartMs(ms)
}

/** Timestamps (epoch ms) and values in time order; the server sends them sorted, so usually no sort. */
function sortedPoints(usage: readonly UsageHistoryPoint[]) {
  const count = usage.length
  let xs = new Float64Array(count)
  let values = new Float64Array(count)
  let kept = 0
  let sorted = true
  for (const point of usage) {
    const ms = Date.parse(point.ts)
    if (Number.isNaN(ms)) continue
    if (kept > 0 && ms < (xs[kept - 1] as number)) sorted = false
    xs[kept] = ms
    values[kept] = point.value
    kept++
  }
  xs = xs.subarray(0, kept)
  values = values.subarray(0, kept)
  if (!sorted) {
    const order = Array.from(xs.keys()).sort((a, b) => (xs[a] as number) - (xs[b] as number))
    xs = Float64Array.from(order, (index) => xs[index] as number)
    values = Float64Array.from(order, (index) => values[index] as number)
  }
  return { xs, values }
}

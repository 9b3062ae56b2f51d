/** How a metric's events fold into one figure: total, peak, or latest reading. */
export type MetricAggregation = 'sum' | 'max' | 'last'

/**
 * Running totals for one bucket of events. Every aggregation is kept at once, so a bucket is
 * updated in O(1) per event and never rescanned whatever the metric's aggregation is.
 */
export interface MetricAggregate {
  count: number
  sum: number
  max: number
  lastValue: number
  lastTsMs: number
  /** Arrival order, to break ties between events with the same `ts` (the later one wins). */
  lastSequence: number
}

export function emptyAggregate(): MetricAggregate {
  return {
    count: 0,
    sum: 0,
    max: Number.NEGATIVE_INFINITY,
    lastValue: 0,
    lastTsMs: Number.NEGATIVE_INFINITY,
    lastSequence: -1,
  }
}

export function addToAggregate(
  aggregate: MetricAggregate,
  quantity: number,
  tsMs: number,
  sequence: number,
): void {
  aggregate.count += 1
  aggregate.sum += quantity
  if (quantity > aggregate.max) aggregate.max = quantity
  if (
    tsMs > aggregate.lastTsMs ||
    (tsMs === aggregate.lastTsMs && sequence > aggregate.lastSequence)
  ) {
    aggregate.lastValue = quantity
    aggregate.lastTsMs = tsMs
    aggregate.lastSequence = sequence
  }
}

export function mergeAggregate(target: MetricAggregate, source: MetricAggregate): void {
  if (source.count === 0) return
  target.count += source.count
  target.sum += source.sum
  if (source.max > target.max) target.max = source.max
  if (
    source.lastTsMs > target.lastTsMs ||
    (source.lastTsMs === target.lastTsMs && source.lastSequence > target.lastSequence)
  ) {
    target.lastValue = source.lastValue
    target.lastTsMs = source.lastTsMs
    target.lastSequence = source.lastSequence
  }
}

/**
 * The figure the server reports. Rounded to 12 significant digits because the real server sums
 * in PostgreSQL `numeric` (0.1 + 0.2 is 0.3 there), while doubles would leak 0.30000000000000004.
 */
export function aggregateValue(aggregate: MetricAggregate, aggregation: MetricAggregation): number {
  const raw =
    aggregation === 'sum'
      ? aggregate.sum
      : aggregation === 'max'
        ? aggregate.max
        : aggregate.lastValue
  return Number.parseFloat(raw.toPrecision(12))
}

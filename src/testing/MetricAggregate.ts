import type { MetricAggregation } from '../core/types.js'
import { fromMicroUnits } from './microUnits.js'

export type { MetricAggregation }

/**
 * Running totals for one bucket of events, in millionths of a unit (see `microUnits.ts`). Every
 * aggregation is kept at once, so a bucket is updated in O(1) per event and never rescanned
 * whatever the metric's aggregation is.
 */
export interface MetricAggregate {
  count: number
  sumMicro: bigint
  /** `undefined` while the bucket is empty. */
  maxMicro: bigint | undefined
  lastMicro: bigint
  lastTsMs: number
  /** Arrival order, to break ties between events with the same `ts` (the later one wins). */
  lastSequence: number
}

export function emptyAggregate(): MetricAggregate {
  return {
    count: 0,
    sumMicro: 0n,
    maxMicro: undefined,
    lastMicro: 0n,
    lastTsMs: Number.NEGATIVE_INFINITY,
    lastSequence: -1,
  }
}

export function addToAggregate(
  aggregate: MetricAggregate,
  quantityMicro: bigint,
  tsMs: number,
  sequence: number,
): void {
  aggregate.count += 1
  aggregate.sumMicro += quantityMicro
  if (aggregate.maxMicro === undefined || quantityMicro > aggregate.maxMicro) {
    aggregate.maxMicro = quantityMicro
  }
  if (
    tsMs > aggregate.lastTsMs ||
    (tsMs === aggregate.lastTsMs && sequence > aggregate.lastSequence)
  ) {
    aggregate.lastMicro = quantityMicro
    aggregate.lastTsMs = tsMs
    aggregate.lastSequence = sequence
  }
}

export function mergeAggregate(target: MetricAggregate, source: MetricAggregate): void {
  if (source.count === 0) return
  target.count += source.count
  target.sumMicro += source.sumMicro
  if (
    source.maxMicro !== undefined &&
    (target.maxMicro === undefined || source.maxMicro > target.maxMicro)
  ) {
    target.maxMicro = source.maxMicro
  }
  if (
    source.lastTsMs > target.lastTsMs ||
    (source.lastTsMs === target.lastTsMs && source.lastSequence > target.lastSequence)
  ) {
    target.lastMicro = source.lastMicro
    target.lastTsMs = source.lastTsMs
    target.lastSequence = source.lastSequence
  }
}

/** The figure the server reports, exact to the millionth like its `numeric` columns. */
export function aggregateValue(aggregate: MetricAggregate, aggregation: MetricAggregation): number {
  const micro =
    aggregation === 'sum'
      ? aggregate.sumMicro
      : aggregation === 'max'
        ? (aggregate.maxMicro ?? 0n)
        : aggregate.lastMicro
  return fromMicroUnits(micro)
}

import { type LiveProjection, liveProjection } from '../core/liveProjection.js'
import type { MetricPrice } from '../core/priceUsage.js'
import type { ProjectionResponse } from '../core/types.js'
import {
  eventsByMetric,
  type LiveUsageResponse,
  liveTotal,
  type PendingUsageEvent,
} from './liveUsage.js'

/*
 * Live cost: the projection moves with the usage meter. The quantities it is priced at are
 * live usage's, reconciled against the projection's own quantities, so an event is priced
 * once — by the server as soon as its projection counts it, by this page until then — and the
 * cost converges exactly on the server's projection. No React here.
 */

export interface LiveCostInput {
  /** This page's pending events of the customer (the provider's live usage store). */
  events: readonly PendingUsageEvent[]
  /** The usage meter's data (`useUsage`), when this page has read usage. @default undefined */
  usage?: LiveUsageResponse | undefined
  /** Whether a metric adds up its events; only those take the meter's figure. */
  isAdditive: (metric: string) => boolean
  /** The app's prices per metric (graduated ones are priced by tier only with these). */
  prices?: Readonly<Record<string, MetricPrice>> | undefined
  /** @default new Date() */
  now?: Date
}

/**
 * Per metric, the quantity the server's projection will reach: its pending events over the
 * projection's own quantity (as live usage lays them over a usage read), and for an additive
 * metric at least what the meter shows — a usage answer newer than this projection is a floor
 * too, so meter and cost never disagree while one of them is being read again.
 */
export function liveCostQuantities(
  projection: ProjectionResponse,
  { events, usage, isAdditive }: Pick<LiveCostInput, 'events' | 'usage' | 'isAdditive'>,
): Map<string, number> {
  const serverQuantities = new Map(projection.lineItems.map((item) => [item.metric, item.quantity]))
  const sameUsage = usage !== undefined && usage.period.start === projection.periodStart
  // Usage the server reports but does not price: the metric has no price mapping there.
  const unpriced = new Set(
    sameUsage
      ? usage.metrics
          .filter(
            (metric) => metric.current - metric.pending > 0 && !serverQuantities.has(metric.name),
          )
          .map((metric) => metric.name)
      : [],
  )
  const quantities = new Map<string, number>()
  for (const [metric, metricEvents] of eventsByMetric(events)) {
    if (unpriced.has(metric)) continue
    quantities.set(metric, liveTotal(metricEvents, serverQuantities.get(metric) ?? 0))
  }
  if (sameUsage) {
    for (const metric of usage.metrics) {
      if (!isAdditive(metric.name) || unpriced.has(metric.name)) continue
      const floor = Math.max(quantities.get(metric.name) ?? 0, metric.current)
      if (floor > (serverQuantities.get(metric.name) ?? 0)) quantities.set(metric.name, floor)
    }
  }
  return quantities
}

/** The projection with this page's pending usage priced in (see `liveProjection`). */
export function applyLiveCost(
  projection: ProjectionResponse,
  input: LiveCostInput,
): LiveProjection {
  return liveProjection({
    projection,
    liveQuantities: liveCostQuantities(projection, input),
    prices: input.prices,
    ...(input.now === undefined ? {} : { now: input.now }),
  })
}

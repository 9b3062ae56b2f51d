import {
  addToAggregate,
  emptyAggregate,
  type MetricAggregate,
  mergeAggregate,
} from './MetricAggregate.js'
import { toMicroUnits } from './microUnits.js'
import { DAY_MS, startOfNextUtcMonth, startOfUtcDay, startOfUtcMonth } from './utcCalendar.js'

/** One counted event as the aggregates need it (`ts` already truncated to the second). */
export interface AggregatedEvent {
  tenantId: string
  customerRef: string
  metric: string
  quantity: number
  tsMs: number
}

interface StoredQuantity {
  quantityMicro: bigint
  tsMs: number
  sequence: number
}

/** A UTC day of one series: its running aggregate, plus its events for ranges that cut the day. */
interface DayBucket {
  aggregate: MetricAggregate
  events: StoredQuantity[]
}

interface CustomerUsage {
  metrics: Set<string>
  lastUpdateMs: number
}

export interface UsageBucket {
  startMs: number
  aggregate: MetricAggregate
}

const separator = '\u0000'

/**
 * The aggregated side of the emulator, like the real server's counters: each event is folded
 * into its UTC day once, so reads cost days-in-range, never events-ever-received.
 */
export class UsageStore {
  #series = new Map<string, Map<number, DayBucket>>()
  #customers = new Map<string, CustomerUsage>()
  #sequence = 0

  add(event: AggregatedEvent, aggregatedAtMs: number): void {
    const seriesKey = [event.tenantId, event.customerRef, event.metric].join(separator)
    let days = this.#series.get(seriesKey)
    if (!days) {
      days = new Map()
      this.#series.set(seriesKey, days)
    }
    const dayStartMs = startOfUtcDay(event.tsMs)
    let bucket = days.get(dayStartMs)
    if (!bucket) {
      bucket = { aggregate: emptyAggregate(), events: [] }
      days.set(dayStartMs, bucket)
    }
    const sequence = this.#sequence++
    const quantityMicro = toMicroUnits(event.quantity)
    addToAggregate(bucket.aggregate, quantityMicro, event.tsMs, sequence)
    bucket.events.push({ quantityMicro, tsMs: event.tsMs, sequence })

    const customer = this.#customer(event.tenantId, event.customerRef)
    customer.metrics.add(event.metric)
    customer.lastUpdateMs = Math.max(customer.lastUpdateMs, aggregatedAtMs)
  }

  /** Metrics this customer has ever reported, in first-seen order. */
  metricNames(tenantId: string, customerRef: string): string[] {
    return [...(this.#customers.get(tenantId + separator + customerRef)?.metrics ?? [])]
  }

  /** When this customer's usage was last aggregated, if ever. */
  lastUpdateMs(tenantId: string, customerRef: string): number | undefined {
    return this.#customers.get(tenantId + separator + customerRef)?.lastUpdateMs
  }

  /** The aggregate of one series over `[fromMs, toMs)`. */
  aggregateRange(
    tenantId: string,
    customerRef: string,
    metric: string,
    fromMs: number,
    toMs: number,
  ): MetricAggregate {
    const total = emptyAggregate()
    const days = this.#series.get([tenantId, customerRef, metric].join(separator))
    if (!days || toMs <= fromMs) return total
    // Walk whichever is shorter: the days in range, or the days that hold data.
    const daysInRange = Math.ceil((toMs - startOfUtcDay(fromMs)) / DAY_MS)
    if (daysInRange <= days.size) {
      for (let dayStartMs = startOfUtcDay(fromMs); dayStartMs < toMs; dayStartMs += DAY_MS) {
        const bucket = days.get(dayStartMs)
        if (bucket) foldBucket(total, bucket, dayStartMs, fromMs, toMs)
      }
    } else {
      for (const [dayStartMs, bucket] of days) {
        if (dayStartMs + DAY_MS > fromMs && dayStartMs < toMs) {
          foldBucket(total, bucket, dayStartMs, fromMs, toMs)
        }
      }
    }
    return total
  }

  /** Day or month buckets of one series over `[fromMs, toMs)`; buckets without events are omitted. */
  buckets(
    tenantId: string,
    customerRef: string,
    metric: string,
    fromMs: number,
    toMs: number,
    step: 'day' | 'month',
  ): UsageBucket[] {
    const result: UsageBucket[] = []
    let startMs = step === 'day' ? startOfUtcDay(fromMs) : startOfUtcMonth(fromMs)
    while (startMs < toMs) {
      const endMs = step === 'day' ? startMs + DAY_MS : startOfNextUtcMonth(startMs)
      const aggregate = this.aggregateRange(
        tenantId,
        customerRef,
        metric,
        Math.max(startMs, fromMs),
        Math.min(endMs, toMs),
      )
      if (aggregate.count > 0) result.push({ startMs, aggregate })
      startMs = endMs
    }
    return result
  }

  clear(): void {
    this.#series.clear()
    this.#customers.clear()
    this.#sequence = 0
  }

  #customer(tenantId: string, customerRef: string): CustomerUsage {
    const key = tenantId + separator + customerRef
    let customer = this.#customers.get(key)
    if (!customer) {
      customer = { metrics: new Set(), lastUpdateMs: Number.NEGATIVE_INFINITY }
      this.#customers.set(key, customer)
    }
    return customer
  }
}

/** Whole days merge their aggregate; a day cut by the range folds only its events inside it. */
function foldBucket(
  total: MetricAggregate,
  bucket: DayBucket,
  dayStartMs: number,
  fromMs: number,
  toMs: number,
): void {
  if (dayStartMs >= fromMs && dayStartMs + DAY_MS <= toMs) {
    mergeAggregate(total, bucket.aggregate)
    return
  }
  for (const event of bucket.events) {
    if (event.tsMs >= fromMs && event.tsMs < toMs) {
      addToAggregate(total, event.quantityMicro, event.tsMs, event.sequence)
    }
  }
}

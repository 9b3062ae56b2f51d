export type RateDecision =
  | { allowed: true; remaining: number }
  | { allowed: false; remaining: number; retryAfterSeconds: number }

interface Bucket {
  tokens: number
  updatedAtMs: number
}

const minuteMs = 60_000

/**
 * A per-customer cap on events per minute, as a token bucket: a customer may spend up to
 * `eventsPerMinute` events at once and earns them back evenly over a minute. A bucket rather
 * than a fixed window, so a page flushing at a window's edge cannot send twice the cap.
 *
 * State lives in this process: behind several instances each enforces its own cap.
 */
export class EventRateLimiter {
  readonly eventsPerMinute: number
  readonly #buckets = new Map<string, Bucket>()
  #lastSweepMs = 0

  constructor(eventsPerMinute: number) {
    this.eventsPerMinute = eventsPerMinute
  }

  /** Spends `eventCount` of the customer's events if there are enough, else says when there will be. */
  take(customerRef: string, eventCount: number, nowMs: number): RateDecision {
    this.#sweep(nowMs)
    const bucket = this.#refill(customerRef, nowMs)
    if (bucket.tokens >= eventCount) {
      bucket.tokens -= eventCount
      return { allowed: true, remaining: Math.floor(bucket.tokens) }
    }
    const missingEvents = eventCount - bucket.tokens
    return {
      allowed: false,
      remaining: Math.floor(bucket.tokens),
      retryAfterSeconds: Math.max(1, Math.ceil((missingEvents / this.eventsPerMinute) * 60)),
    }
  }

  /** Gives events back when the API never counted them (no answer, 5xx), since the client will retry them. */
  refund(customerRef: string, eventCount: number, nowMs: number): void {
    const bucket = this.#refill(customerRef, nowMs)
    bucket.tokens = Math.min(this.eventsPerMinute, bucket.tokens + eventCount)
  }

  /** How many customers have a partly spent bucket; the others cost no memory. */
  get trackedCustomers(): number {
    return this.#buckets.size
  }

  #refill(customerRef: string, nowMs: number): Bucket {
    let bucket = this.#buckets.get(customerRef)
    if (bucket === undefined) {
      bucket = { tokens: this.eventsPerMinute, updatedAtMs: nowMs }
      this.#buckets.set(customerRef, bucket)
      return bucket
    }
    const earned = (Math.max(0, nowMs - bucket.updatedAtMs) / minuteMs) * this.eventsPerMinute
    bucket.tokens = Math.min(this.eventsPerMinute, bucket.tokens + earned)
    bucket.updatedAtMs = nowMs
    return bucket
  }

  /** Once a minute, forgets every bucket that has filled up again, so memory follows active customers. */
  #sweep(nowMs: number): void {
    if (nowMs - this.#lastSweepMs < minuteMs) return
    this.#lastSweepMs = nowMs
    for (const [customerRef, bucket] of this.#buckets) {
      const earned = ((nowMs - bucket.updatedAtMs) / minuteMs) * this.eventsPerMinute
      if (bucket.tokens + earned >= this.eventsPerMinute) this.#buckets.delete(customerRef)
    }
  }
}

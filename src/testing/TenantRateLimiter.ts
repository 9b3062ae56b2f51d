const MINUTE_MS = 60_000

/**
 * The real server's per-tenant limit: N requests per tenant in each clock minute (the window
 * turns at :00, not a minute after the first request), then 429 until the minute turns.
 */
export class TenantRateLimiter {
  #minute = Number.NEGATIVE_INFINITY
  #counts = new Map<string, number>()
  readonly #requestsPerMinute: number

  constructor(requestsPerMinute: number) {
    this.#requestsPerMinute = requestsPerMinute
  }

  /** Counts one request of `tenantId` at `nowMs`; true while it is within the limit. */
  allow(tenantId: string, nowMs: number): boolean {
    const minute = Math.floor(nowMs / MINUTE_MS)
    if (minute !== this.#minute) {
      this.#minute = minute
      this.#counts.clear()
    }
    const count = (this.#counts.get(tenantId) ?? 0) + 1
    this.#counts.set(tenantId, count)
    return count <= this.#requestsPerMinute
  }

  reset(): void {
    this.#minute = Number.NEGATIVE_INFINITY
    this.#counts.clear()
  }
}

export interface RateLimitDecision {
  allowed: boolean
  limit: number
  remaining: number
  /** Seconds until the window resets (at least 1). */
  resetSeconds: number
}

/** N requests per fixed window, counted on the emulator's `clock` like `@fastify/rate-limit`. */
export class FixedWindowRateLimiter {
  #windowStartMs = Number.NEGATIVE_INFINITY
  #count = 0
  readonly #requests: number
  readonly #windowMs: number

  constructor(requests: number, windowMs: number) {
    this.#requests = requests
    this.#windowMs = windowMs
  }

  check(nowMs: number): RateLimitDecision {
    if (nowMs - this.#windowStartMs >= this.#windowMs) {
      this.#windowStartMs = nowMs
      this.#count = 0
    }
    this.#count += 1
    return {
      allowed: this.#count <= this.#requests,
      limit: this.#requests,
      remaining: Math.max(0, this.#requests - this.#count),
      resetSeconds: Math.max(1, Math.ceil((this.#windowStartMs + this.#windowMs - nowMs) / 1000)),
    }
  }

  reset(): void {
    this.#windowStartMs = Number.NEGATIVE_INFINITY
    this.#count = 0
  }
}

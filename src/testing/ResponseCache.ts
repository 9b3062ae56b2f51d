/**
 * The real server caches usage reads for up to 30 s, so a just-tracked event is not visible
 * right away. With a TTL of 0 (the demo profile's default) nothing is cached.
 */
export class ResponseCache {
  #entries = new Map<string, { body: unknown; expiresAtMs: number }>()
  readonly #ttlMs: number
  readonly #clock: () => number

  constructor(ttlMs: number, clock: () => number) {
    this.#ttlMs = ttlMs
    this.#clock = clock
  }

  /** The cached body for `key`, or `compute()`'s result, cached for the TTL. */
  getOrCompute<Body>(key: string, compute: () => Body): Body {
    if (this.#ttlMs <= 0) return compute()
    const clockMs = this.#clock()
    const cached = this.#entries.get(key)
    if (cached && cached.expiresAtMs > clockMs) return cached.body as Body
    const body = compute()
    this.#entries.set(key, { body, expiresAtMs: clockMs + this.#ttlMs })
    return body
  }

  clear(): void {
    this.#entries.clear()
  }
}

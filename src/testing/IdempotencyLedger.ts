/**
 * Idempotency keys seen within the window (24 h as documented, for ever on the real server
 * today), across all tenants: the server's keys are globally unique. A `Map` keeps insertion
 * order, which is claim-time order, so expired keys are pruned from the front in amortised O(1).
 */
export class IdempotencyLedger {
  #claimedAtMs = new Map<string, number>()
  #prunedAtMs = Number.NEGATIVE_INFINITY
  readonly #windowMs: number

  constructor(windowMs: number) {
    this.#windowMs = windowMs
  }

  /** Records `key` and returns true when it is new (or its previous claim expired). */
  claim(key: string, nowMs: number): boolean {
    this.#pruneExpired(nowMs)
    const claimedAtMs = this.#claimedAtMs.get(key)
    if (claimedAtMs !== undefined && nowMs - claimedAtMs < this.#windowMs) return false
    // Re-insert so the key moves to the back and the front stays the oldest claim.
    this.#claimedAtMs.delete(key)
    this.#claimedAtMs.set(key, nowMs)
    return true
  }

  clear(): void {
    this.#claimedAtMs.clear()
    this.#prunedAtMs = Number.NEGATIVE_INFINITY
  }

  /** At most once per second of the clock: expiry is coarse, and claims stay O(1). */
  #pruneExpired(nowMs: number): void {
    if (nowMs - this.#prunedAtMs < 1000) return
    this.#prunedAtMs = nowMs
    for (const [key, claimedAtMs] of this.#claimedAtMs) {
      if (nowMs - claimedAtMs < this.#windowMs) return
      this.#claimedAtMs.delete(key)
    }
  }
}

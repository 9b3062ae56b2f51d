/** The real server's dedupe window: a key seen within 24 h is a duplicate. */
export const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000

/**
 * Idempotency keys seen in the last 24 h, across all tenants (the real server's keys are
 * globally unique). A `Map` keeps insertion order, which is claim-time order, so expired
 * keys are pruned from the front in amortised O(1).
 */
export class IdempotencyLedger {
  #claimedAtMs = new Map<string, number>()
  #prunedAtMs = Number.NEGATIVE_INFINITY

  /** Records `key` and returns true when it is new (or its previous claim expired). */
  claim(key: string, nowMs: number): boolean {
    this.#pruneExpired(nowMs)
    const claimedAtMs = this.#claimedAtMs.get(key)
    if (claimedAtMs !== undefined && nowMs - claimedAtMs < IDEMPOTENCY_WINDOW_MS) return false
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
      if (nowMs - claimedAtMs < IDEMPOTENCY_WINDOW_MS) return
      this.#claimedAtMs.delete(key)
    }
  }
}

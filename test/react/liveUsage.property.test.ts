import { describe, expect, it } from 'vitest'
import type { UsageResponse } from '../../src/core/types.js'
import {
  applyLiveUsage,
  markConfirmed,
  markSent,
  NO_PENDING_EVENTS,
  observeServerUsage,
  type PendingUsageEvent,
  pendingEventOf,
  SERVER_SETTLE_MS,
  type ServerUsageObservation,
  usageTotals,
} from '../../src/react/liveUsage.js'
import { mulberry32 } from '../../src/testing/seededRandom.js'

const usage = (total: number): UsageResponse => ({
  customerRef: 'cus_1',
  period: { start: '2026-11-01', end: '2026-11-30' },
  metrics: [{ name: 'api_calls', current: total, unit: 'calls' }],
  alerts: [],
})

/**
 * One random interleaving: tracks, first sends and resends, commits that the client hears,
 * commit-then-fail (lost replies, 503 after the commit), failures before the commit, and reads
 * that lag behind the server (cache, aggregation) but never go back in time.
 */
function run(seed: number): void {
  const random = mulberry32(seed)
  let nowMs = 0
  const base = 1000
  let events: readonly PendingUsageEvent[] = NO_PENDING_EVENTS
  const quantities = new Map<string, number>()
  const committed = new Set<string>()
  const confirmed = new Set<string>()
  /** The server's committed total after each change: reads serve one of these. */
  const totals = [base]
  let readIndex = 0
  let latest: ServerUsageObservation | undefined
  let displayed: number | undefined
  const serverTotal = () => totals[totals.length - 1] as number
  const check = () => {
    if (displayed === undefined) return
    const shown = applyLiveUsage(usage(displayed), events).metrics[0]?.current ?? 0
    let unconfirmed = 0
    for (const [key, quantity] of quantities) if (!committed.has(key)) unconfirmed += quantity
    expect(shown, `seed ${seed}`).toBeGreaterThanOrEqual(displayed)
    expect(shown, `seed ${seed}`).toBeLessThanOrEqual(serverTotal() + unconfirmed)
  }
  const commit = (key: string) => {
    if (committed.has(key)) return
    committed.add(key)
    totals.push(serverTotal() + (quantities.get(key) ?? 0))
  }
  const read = (index: number) => {
    readIndex = index
    displayed = totals[index] as number
    latest = { totals: usageTotals(usage(displayed)), observedAtMs: nowMs }
    events = observeServerUsage(events, latest)
  }
  let nextKey = 0
  for (let step = 0; step < 60; step++) {
    nowMs += Math.floor(random() * 3_000)
    const roll = random()
    if (roll < 0.3) {
      const key = `e${nextKey++}`
      const quantity = 1 + Math.floor(random() * 5)
      quantities.set(key, quantity)
      events = [...events, pendingEventOf(key, 'api_calls', quantity, latest)]
    } else if (roll < 0.6) {
      // A request carries every unconfirmed event, in order (first send or resend).
      const batch = [...quantities.keys()].filter((key) => !confirmed.has(key))
      if (batch.length === 0) continue
      events = markSent(events, new Set(batch))
      const outcome = random()
      if (outcome < 0.3) continue // failed before the server committed
      for (const key of batch) commit(key)
      if (outcome < 0.6) continue // committed, but the reply was lost or a 503
      for (const key of batch) confirmed.add(key)
      events = markConfirmed(events, new Set(batch), nowMs)
    } else {
      // A read: fresh, or a cached/aggregating one lagging behind, never older than the last.
      const lag = random() < 0.5 ? 0 : Math.floor(random() * 3)
      read(Math.max(readIndex, totals.length - 1 - lag))
    }
    check()
  }
  // Everything is delivered and the server settles: the meter reaches its total exactly.
  const rest = [...quantities.keys()].filter((key) => !confirmed.has(key))
  events = markSent(events, new Set(rest))
  for (const key of rest) commit(key)
  events = markConfirmed(events, new Set(rest), nowMs)
  check()
  nowMs += SERVER_SETTLE_MS
  read(totals.length - 1)
  check()
  expect(applyLiveUsage(usage(serverTotal()), events).metrics[0]?.current).toBe(serverTotal())
  expect(events, `seed ${seed}`).toEqual([])
}

describe('live usage, over random interleavings', () => {
  // 500 seeds, CPU-bound: about a second on a quiet machine, over 5 s on a loaded one.
  it('stays within [server total, server total + unconfirmed] and reaches the total', {
    timeout: 60_000,
  }, () => {
    for (let seed = 1; seed <= 500; seed++) run(seed)
  })
})

import { describe, expect, it } from 'vitest'
import { type MetricPrice, priceUsage } from '../../src/core/priceUsage.js'
import type { ProjectionResponse, UsageResponse } from '../../src/core/types.js'
import { applyLiveCost } from '../../src/react/liveCost.js'
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

const NOW = new Date('2026-11-26T10:15:00.000Z')
/** The demo's API calls: the first 10,000 free, then graduated. The run crosses the free tier. */
const graduated: MetricPrice = {
  tiers: [
    { upTo: 10_000, unitPrice: 0 },
    { upTo: 10_200, unitPrice: 0.002 },
    { upTo: null, unitPrice: 0.0015 },
  ],
}
const prices = { api_calls: graduated }
const price = (quantity: number) => priceUsage(quantity, graduated, 2)

const usage = (total: number): UsageResponse => ({
  customerRef: 'cus_1',
  period: { start: '2026-11-01', end: '2026-11-30' },
  metrics: [{ name: 'api_calls', current: total, unit: 'calls' }],
  alerts: [],
})

/** The server's projection at a committed total, priced as the emulator prices it. */
const projection = (total: number): ProjectionResponse => {
  const item = { metric: 'api_calls', quantity: total, ...price(total) }
  return {
    customerRef: 'cus_1',
    periodStart: '2026-11-01',
    periodEnd: '2026-11-30',
    lineItems: [item],
    subtotal: item.total,
    credits: 0,
    total: item.total,
    currency: 'USD',
    freshness: { lastUpdate: '2026-11-26T10:00:00.000Z', staleness: 0 },
  }
}

/**
 * Live usage's interleavings (tracks, first sends and resends, commits heard, commit-then-fail,
 * failures before the commit, lagging reads), with projection reads lagging on their own: a
 * usage answer may be older or newer than the projection on screen.
 */
function run(seed: number): void {
  const random = mulberry32(seed)
  let nowMs = 0
  const base = 9_950
  let events: readonly PendingUsageEvent[] = NO_PENDING_EVENTS
  const quantities = new Map<string, number>()
  const committed = new Set<string>()
  const confirmed = new Set<string>()
  const totals = [base]
  let usageIndex = 0
  let projectionIndex = 0
  let latest: ServerUsageObservation | undefined
  /** The usage answer on screen, if the page has read usage yet (the cost may come first). */
  let shownUsage: number | undefined
  let shownProjection = base
  const serverTotal = () => totals[totals.length - 1] as number
  const check = () => {
    const meter = shownUsage === undefined ? undefined : applyLiveUsage(usage(shownUsage), events)
    const cost = applyLiveCost(projection(shownProjection), {
      events,
      usage: meter,
      isAdditive: () => true,
      prices,
      now: NOW,
    })
    const costQuantity = cost.lineItems[0]?.quantity ?? 0
    let unconfirmed = 0
    for (const [key, quantity] of quantities) if (!committed.has(key)) unconfirmed += quantity
    // 30,000 checks: `expect` is called only to report a failure, with the numbers.
    const holds = (ok: boolean, what: string) => {
      if (!ok) {
        expect.fail(
          `seed ${seed}: ${what} (cost ${costQuantity} calls ${cost.total}, projection ${shownProjection}, usage ${shownUsage}, server ${serverTotal()}, unconfirmed ${unconfirmed})`,
        )
      }
    }
    // Priced as the server prices it, between the server's figure and the bill once counted.
    holds(cost.total === price(costQuantity).total, 'priced as the server prices it')
    holds(costQuantity >= shownProjection, "at least the projection's quantity")
    holds(costQuantity <= serverTotal() + unconfirmed, 'never an event priced twice')
    holds(
      Math.abs(cost.pendingTotal - (cost.total - projection(shownProjection).total)) < 1e-9,
      "pendingTotal is the live total less the server's",
    )
    const meterQuantity = meter?.metrics[0]?.current
    if (meterQuantity === undefined) return
    // Never less than the meter; the same unless the projection on screen is newer than usage.
    holds(costQuantity >= meterQuantity, 'at least what the meter shows')
    if (projectionIndex <= usageIndex)
      holds(costQuantity === meterQuantity, 'agrees with the meter')
  }
  const commit = (key: string) => {
    if (committed.has(key)) return
    committed.add(key)
    totals.push(serverTotal() + (quantities.get(key) ?? 0))
  }
  const readUsage = (index: number) => {
    usageIndex = index
    shownUsage = totals[index] as number
    latest = { totals: usageTotals(usage(shownUsage)), observedAtMs: nowMs }
    events = observeServerUsage(events, latest)
  }
  const readProjection = (index: number) => {
    projectionIndex = index
    shownProjection = totals[index] as number
  }
  const lagging = (lastIndex: number) =>
    Math.max(lastIndex, totals.length - 1 - (random() < 0.5 ? 0 : Math.floor(random() * 3)))
  let nextKey = 0
  for (let step = 0; step < 60; step++) {
    nowMs += Math.floor(random() * 3_000)
    const roll = random()
    if (roll < 0.3) {
      const key = `e${nextKey++}`
      const quantity = 1 + Math.floor(random() * 40)
      quantities.set(key, quantity)
      events = [...events, pendingEventOf(key, 'api_calls', quantity, latest)]
    } else if (roll < 0.6) {
      const batch = [...quantities.keys()].filter((key) => !confirmed.has(key))
      if (batch.length === 0) continue
      events = markSent(events, new Set(batch))
      const outcome = random()
      if (outcome < 0.3) continue // failed before the server committed
      for (const key of batch) commit(key)
      if (outcome < 0.6) continue // committed, but the reply was lost or a 503
      for (const key of batch) confirmed.add(key)
      events = markConfirmed(events, new Set(batch), nowMs)
    } else if (roll < 0.8) {
      readUsage(lagging(usageIndex))
    } else {
      readProjection(lagging(projectionIndex))
    }
    check()
  }
  // Everything is delivered and the server settles: the cost is the server's projection exactly.
  const rest = [...quantities.keys()].filter((key) => !confirmed.has(key))
  events = markSent(events, new Set(rest))
  for (const key of rest) commit(key)
  events = markConfirmed(events, new Set(rest), nowMs)
  check()
  nowMs += SERVER_SETTLE_MS
  readUsage(totals.length - 1)
  readProjection(totals.length - 1)
  check()
  const settled = applyLiveCost(projection(serverTotal()), {
    events,
    usage: applyLiveUsage(usage(serverTotal()), events),
    isAdditive: () => true,
    prices,
    now: NOW,
  })
  const { server, pendingTotal, lineItems, ...figures } = settled
  const { lineItems: serverItems, ...serverFigures } = projection(serverTotal())
  expect(figures, `seed ${seed}`).toEqual(serverFigures)
  expect(lineItems, `seed ${seed}`).toEqual(
    serverItems.map((item) => ({ ...item, pendingQuantity: 0, pendingTotal: 0 })),
  )
  expect(pendingTotal).toBe(0)
  expect(server).toEqual(projection(serverTotal()))
}

describe('live cost, over live usage’s interleavings', () => {
  // 500 seeds, CPU-bound: about a second on a quiet machine, over 5 s on a loaded one.
  it('is priced once, between the server’s projection and the bill once counted, and reaches it', {
    timeout: 60_000,
  }, () => {
    for (let seed = 1; seed <= 500; seed++) run(seed)
  })
})

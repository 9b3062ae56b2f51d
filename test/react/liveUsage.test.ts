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
  removeEvents,
  type ServerUsageObservation,
  usageTotals,
} from '../../src/react/liveUsage.js'

function usage(metrics: Record<string, number>): UsageResponse {
  return {
    customerRef: 'cus_1',
    period: { start: '2026-11-01', end: '2026-11-30' },
    metrics: Object.entries(metrics).map(([name, current]) => ({ name, current, unit: 'calls' })),
    alerts: [],
  }
}

function read(metrics: Record<string, number>, observedAtMs: number): ServerUsageObservation {
  return { totals: usageTotals(usage(metrics)), observedAtMs }
}

function current(
  response: UsageResponse,
  events: readonly PendingUsageEvent[],
  metric = 'api_calls',
) {
  const row = applyLiveUsage(response, events).metrics.find((entry) => entry.name === metric)
  return { current: row?.current, pending: row?.pending }
}

const click = (key: string, quantity = 1) => ({ key, metric: 'api_calls', quantity })

/** What the store does on a `buffered` step: append the event with its baseline. */
function addPendingEvent(
  events: readonly PendingUsageEvent[],
  event: { key: string; metric: string; quantity: number },
  latest: ServerUsageObservation | undefined,
): readonly PendingUsageEvent[] {
  return [...events, pendingEventOf(event.key, event.metric, event.quantity, latest)]
}

describe('live usage', () => {
  it('adds a just-tracked event to the server total and reports it as pending', () => {
    const server = read({ api_calls: 100 }, 0)
    const events = addPendingEvent(NO_PENDING_EVENTS, click('a', 5), server)
    expect(current(usage({ api_calls: 100 }), events)).toEqual({ current: 105, pending: 5 })
  })

  it('does not count a delivered event twice once the server total includes it', () => {
    let events = addPendingEvent(NO_PENDING_EVENTS, click('a', 5), read({ api_calls: 100 }, 0))
    events = markConfirmed(events, new Set(['a']), 10)
    // The server aggregated: a read started after delivery shows 105.
    events = observeServerUsage(events, read({ api_calls: 105 }, 20))
    expect(events).toEqual([])
    expect(current(usage({ api_calls: 105 }), events)).toEqual({ current: 105, pending: 0 })
  })

  it('keeps the overlay while the server still serves its old (cached) total', () => {
    let events = addPendingEvent(NO_PENDING_EVENTS, click('a', 5), read({ api_calls: 100 }, 0))
    events = markConfirmed(events, new Set(['a']), 10)
    events = observeServerUsage(events, read({ api_calls: 100 }, 20))
    expect(events).toHaveLength(1)
    expect(current(usage({ api_calls: 100 }), events)).toEqual({ current: 105, pending: 5 })
  })

  it('never shows more than baseline plus tracked when other usage also arrives', () => {
    let events = addPendingEvent(NO_PENDING_EVENTS, click('a', 5), read({ api_calls: 100 }, 0))
    events = markConfirmed(events, new Set(['a']), 10)
    // 3 from elsewhere, ours not aggregated yet: the meter shows max(103, 105), never 108.
    events = observeServerUsage(events, read({ api_calls: 103 }, 20))
    expect(current(usage({ api_calls: 103 }), events)).toEqual({ current: 105, pending: 2 })
    // Then ours lands: 108 is the server's, nothing added.
    events = observeServerUsage(events, read({ api_calls: 108 }, 30))
    expect(events).toEqual([])
    expect(current(usage({ api_calls: 108 }), events)).toEqual({ current: 108, pending: 0 })
  })

  it('rebases unsent events on every read: they cannot be in it', () => {
    let events = addPendingEvent(NO_PENDING_EVENTS, click('a', 2), read({ api_calls: 100 }, 0))
    events = observeServerUsage(events, read({ api_calls: 150 }, 10))
    expect(events[0]?.baseline).toBe(150)
    expect(current(usage({ api_calls: 150 }), events)).toEqual({ current: 152, pending: 2 })
  })

  it('reconciles a burst in order: the events the total covers leave, the rest stay', () => {
    let events: readonly PendingUsageEvent[] = NO_PENDING_EVENTS
    const server = read({ api_calls: 100 }, 0)
    for (const key of ['a', 'b', 'c', 'd']) events = addPendingEvent(events, click(key), server)
    events = markConfirmed(events, new Set(['a', 'b', 'c', 'd']), 10)
    // Two of the four aggregated so far.
    events = observeServerUsage(events, read({ api_calls: 102 }, 20))
    expect(events.map((event) => event.key)).toEqual(['c', 'd'])
    expect(current(usage({ api_calls: 102 }), events)).toEqual({ current: 104, pending: 2 })
  })

  it('commit then 503: a read after the first send is no baseline (1005, never 1010)', () => {
    let events = addPendingEvent(NO_PENDING_EVENTS, click('a', 5), read({ api_calls: 1000 }, 0))
    events = markSent(events, new Set(['a']))
    // The server committed "a" but the client heard a 503: a read arriving now includes it.
    events = observeServerUsage(events, read({ api_calls: 1005 }, 40))
    expect(events[0]?.baseline).toBe(1000)
    expect(current(usage({ api_calls: 1005 }), events)).toEqual({ current: 1005, pending: 0 })
    // The resend comes back duplicate; the 30 s cache still serves 1005 for a while.
    events = markConfirmed(events, new Set(['a']), 50)
    events = observeServerUsage(events, read({ api_calls: 1005 }, 60))
    expect(events).toEqual([])
    expect(current(usage({ api_calls: 1005 }), events)).toEqual({ current: 1005, pending: 0 })
  })

  it('a read arriving before the first send is a baseline even if it started long before', () => {
    let events = addPendingEvent(NO_PENDING_EVENTS, click('a', 5), undefined)
    events = observeServerUsage(events, read({ api_calls: 107 }, 40))
    expect(events[0]?.baseline).toBe(107)
    events = markSent(events, new Set(['a']))
    expect(current(usage({ api_calls: 107 }), events)).toEqual({ current: 112, pending: 5 })
  })

  it('an event sent before any read arrived is not shown on a read that may include it', () => {
    let events = addPendingEvent(NO_PENDING_EVENTS, click('a', 5), undefined)
    events = markSent(events, new Set(['a']))
    events = observeServerUsage(events, read({ api_calls: 105 }, 40))
    expect(current(usage({ api_calls: 105 }), events)).toEqual({ current: 105, pending: 0 })
  })

  it('drops delivered events once the server settle time has passed', () => {
    let events = addPendingEvent(NO_PENDING_EVENTS, click('a', 5), read({ api_calls: 100 }, 0))
    events = markConfirmed(events, new Set(['a']), 10)
    events = observeServerUsage(events, read({ api_calls: 100 }, 10 + 1_000), 1_000)
    expect(events).toEqual([])
  })

  it('assumes an event delivered before any read is in the first read (never double counts)', () => {
    let events = addPendingEvent(NO_PENDING_EVENTS, click('a', 5), undefined)
    events = markConfirmed(events, new Set(['a']), 10)
    events = observeServerUsage(events, read({ api_calls: 100 }, 20))
    expect(events).toEqual([])
  })

  it('shows an unsent event tracked before the first read on top of that read', () => {
    const events = addPendingEvent(NO_PENDING_EVENTS, click('a', 5), undefined)
    expect(current(usage({ api_calls: 100 }), events)).toEqual({ current: 105, pending: 5 })
  })

  it('adds a row for a metric the server has not reported yet', () => {
    const events = addPendingEvent(
      NO_PENDING_EVENTS,
      { key: 'a', metric: 'ai_tokens', quantity: 300 },
      read({ api_calls: 100 }, 0),
    )
    const live = applyLiveUsage(usage({ api_calls: 100 }), events)
    expect(live.metrics).toEqual([
      { name: 'api_calls', current: 100, pending: 0, unit: 'calls' },
      { name: 'ai_tokens', current: 300, pending: 300, unit: '' },
    ])
  })

  it('returns the same array when nothing changed, so React skips the render', () => {
    const events = addPendingEvent(NO_PENDING_EVENTS, click('a'), read({ api_calls: 100 }, 0))
    expect(markConfirmed(events, new Set(['zzz']), 1)).toBe(events)
    expect(markSent(events, new Set(['zzz']))).toBe(events)
    expect(removeEvents(events, () => false)).toBe(events)
    expect(observeServerUsage(events, read({ api_calls: 100 }, 5))).toBe(events)
  })
})

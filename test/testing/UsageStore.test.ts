import { describe, expect, test } from 'vitest'
import { priceUsage } from '../../src/core/priceUsage.js'
import { aggregateValue } from '../../src/testing/MetricAggregate.js'
import { UsageStore } from '../../src/testing/UsageStore.js'

const T = (iso: string) => Date.parse(iso)
const tenant = '00000000-0000-4000-8000-000000000001'

function storeWith(...events: [metric: string, quantity: number, ts: string][]) {
  const store = new UsageStore()
  for (const [metric, quantity, ts] of events) {
    store.add({ tenantId: tenant, customerRef: 'cus', metric, quantity, tsMs: T(ts) }, 0)
  }
  return store
}

describe('UsageStore', () => {
  test('aggregates sum, max and last over a range that cuts days', () => {
    const store = storeWith(
      ['m', 5, '2026-11-01T10:00:00Z'],
      ['m', 9, '2026-11-02T10:00:00Z'],
      ['m', 2, '2026-11-03T10:00:00Z'],
      ['m', 4, '2026-11-03T20:00:00Z'],
    )
    const range = store.aggregateRange(
      tenant,
      'cus',
      'm',
      T('2026-11-01T12:00:00Z'),
      T('2026-11-03T19:00:00Z'),
    )
    expect(aggregateValue(range, 'sum')).toBe(11)
    expect(aggregateValue(range, 'max')).toBe(9)
    expect(aggregateValue(range, 'last')).toBe(2)
    expect(range.count).toBe(2)
  })

  test('"last" takes the latest ts, and the later arrival among equal ts', () => {
    const store = storeWith(
      ['seats', 7, '2026-11-20T00:00:00Z'],
      ['seats', 3, '2026-11-01T00:00:00Z'],
      ['seats', 8, '2026-11-20T00:00:00Z'],
    )
    const month = store.aggregateRange(
      tenant,
      'cus',
      'seats',
      T('2026-11-01T00:00:00Z'),
      T('2026-12-01T00:00:00Z'),
    )
    expect(aggregateValue(month, 'last')).toBe(8)
  })

  test('answers the same whether it walks the range or the stored days', () => {
    const store = storeWith(['m', 1, '2026-01-15T00:00:00Z'], ['m', 2, '2026-11-15T00:00:00Z'])
    const wide = store.aggregateRange(
      tenant,
      'cus',
      'm',
      T('2000-01-01T00:00:00Z'),
      T('2100-01-01T00:00:00Z'),
    )
    expect(aggregateValue(wide, 'sum')).toBe(3)
    const narrow = store.aggregateRange(
      tenant,
      'cus',
      'm',
      T('2026-11-15T00:00:00Z'),
      T('2026-11-16T00:00:00Z'),
    )
    expect(aggregateValue(narrow, 'sum')).toBe(2)
  })

  test('keeps sums exact to 12 significant digits', () => {
    const store = storeWith(['m', 0.1, '2026-11-01T00:00:00Z'], ['m', 0.2, '2026-11-01T00:00:01Z'])
    const day = store.aggregateRange(
      tenant,
      'cus',
      'm',
      T('2026-11-01T00:00:00Z'),
      T('2026-11-02T00:00:00Z'),
    )
    expect(aggregateValue(day, 'sum')).toBe(0.3)
  })

  test('month buckets start on the 1st and skip empty months', () => {
    const store = storeWith(['m', 1, '2026-09-15T00:00:00Z'], ['m', 2, '2026-11-15T00:00:00Z'])
    const buckets = store.buckets(
      tenant,
      'cus',
      'm',
      T('2026-09-10T00:00:00Z'),
      T('2026-12-01T00:00:00Z'),
      'month',
    )
    expect(buckets.map((bucket) => new Date(bucket.startMs).toISOString())).toEqual([
      '2026-09-01T00:00:00.000Z',
      '2026-11-01T00:00:00.000Z',
    ])
  })
})

describe('priceUsage', () => {
  const tiers = {
    tiers: [
      { upTo: 10, unitPrice: 0 },
      { upTo: 20, unitPrice: 1 },
      { upTo: null, unitPrice: 0.5 },
    ],
  }

  test('prices each unit at the tier it falls in', () => {
    expect(priceUsage(5, tiers, 2)).toEqual({ unitPrice: 0, total: 0 })
    expect(priceUsage(15, tiers, 2)).toEqual({ unitPrice: 0.333333, total: 5 })
    expect(priceUsage(30, tiers, 2)).toEqual({ unitPrice: 0.5, total: 15 })
  })

  test('rounds half-cents up and to whole units for zero-decimal currencies', () => {
    expect(priceUsage(1, { unitPrice: 1.005 }, 2).total).toBe(1.01)
    expect(priceUsage(3, { unitPrice: 0.5 }, 0).total).toBe(2)
  })
})

import { describe, expect, test } from 'vitest'
import { liveProjection } from '../../src/core/liveProjection.js'
import type { MetricPrice } from '../../src/core/priceUsage.js'
import type { ProjectionLineItem, ProjectionResponse } from '../../src/core/types.js'
import { createEmulator, type MetricDefinition } from '../../src/testing/index.js'
import { mulberry32 } from '../../src/testing/seededRandom.js'

const NOW = new Date('2026-11-26T10:15:00.000Z')

const graduated: MetricPrice = {
  tiers: [
    { upTo: 10_000, unitPrice: 0 },
    { upTo: 100_000, unitPrice: 0.002 },
    { upTo: null, unitPrice: 0.0015 },
  ],
}

function projection(
  lineItems: ProjectionLineItem[],
  { credits = 0, currency = 'USD' }: { credits?: number; currency?: string } = {},
): ProjectionResponse {
  const subtotal = Math.round(lineItems.reduce((sum, item) => sum + item.total, 0) * 100) / 100
  return {
    customerRef: 'cus_1',
    periodStart: '2026-11-01',
    periodEnd: '2026-11-30',
    lineItems,
    subtotal,
    credits: Math.min(credits, subtotal),
    total: Math.round((subtotal - Math.min(credits, subtotal)) * 100) / 100,
    currency,
    freshness: { lastUpdate: '2026-11-26T10:14:00.000Z', staleness: 60 },
  }
}

const live = (entries: Record<string, number>) => new Map(Object.entries(entries))

describe('liveProjection', () => {
  test('prices pending usage at a flat unit price and recomputes the bill', () => {
    const server = projection([
      { metric: 'bandwidth_gb', quantity: 100, unitPrice: 0.08, total: 8 },
    ])
    const result = liveProjection({
      projection: server,
      liveQuantities: live({ bandwidth_gb: 104 }),
      now: NOW,
    })
    expect(result.lineItems).toEqual([
      {
        metric: 'bandwidth_gb',
        quantity: 104,
        unitPrice: 0.08,
        total: 8.32,
        pendingQuantity: 4,
        pendingTotal: 0.32,
      },
    ])
    expect([result.subtotal, result.credits, result.total, result.pendingTotal]).toEqual([
      8.32, 0, 8.32, 0.32,
    ])
    expect(result.server).toBe(server)
  })

  test('prices graduated usage by its tiers when the app gives them', () => {
    // 16,155 calls: 10,000 free, 6,155 at $0.002.
    const server = projection([
      { metric: 'api_calls', quantity: 16_155, unitPrice: 0.000762, total: 12.31 },
    ])
    const result = liveProjection({
      projection: server,
      liveQuantities: live({ api_calls: 16_405 }),
      prices: { api_calls: graduated },
      now: NOW,
    })
    // 250 more calls at the margin are $0.50, not 250 × the average price.
    expect(result.lineItems[0]).toMatchObject({ quantity: 16_405, total: 12.81, pendingTotal: 0.5 })
    expect(result.lineItems[0]?.unitPrice).toBe(0.000780859)
    expect(result.pendingTotal).toBe(0.5)
  })

  test("without the tiers, the line item's own unit price, never below the server's total", () => {
    const server = projection([
      { metric: 'api_calls', quantity: 16_155, unitPrice: 0.000762, total: 12.31 },
    ])
    const result = liveProjection({
      projection: server,
      liveQuantities: live({ api_calls: 16_156 }),
      now: NOW,
    })
    expect(result.lineItems[0]).toMatchObject({ total: 12.31, pendingTotal: 0, pendingQuantity: 1 })
    const more = liveProjection({
      projection: server,
      liveQuantities: live({ api_calls: 16_405 }),
      now: NOW,
    })
    expect(more.lineItems[0]?.total).toBe(12.5)
  })

  test('a unit price that does not reproduce its own total prices only the part above', () => {
    // Graduated on the server (10,000 free), listed at its marginal price: 43,250 calls, $66.50.
    const server = projection([
      { metric: 'api_calls', quantity: 43_250, unitPrice: 0.002, total: 66.5 },
    ])
    const result = liveProjection({
      projection: server,
      liveQuantities: live({ api_calls: 43_500 }),
      now: NOW,
    })
    expect(result.lineItems[0]).toMatchObject({ quantity: 43_500, total: 67, pendingTotal: 0.5 })
  })

  test("an app price that does not reproduce the server's line item is not used", () => {
    // The real server's placeholder prices are 0, whatever the app's billing says.
    const server = projection([{ metric: 'api_calls', quantity: 16_155, unitPrice: 0, total: 0 }])
    const result = liveProjection({
      projection: server,
      liveQuantities: live({ api_calls: 16_405 }),
      prices: { api_calls: graduated },
      now: NOW,
    })
    expect(result.lineItems[0]).toMatchObject({ quantity: 16_405, total: 0, pendingTotal: 0 })
    expect(result.total).toBe(0)
  })

  test('metrics without a price mapping stay unpriced; a priced metric new to the server gets a line', () => {
    const server = projection([
      { metric: 'bandwidth_gb', quantity: 10, unitPrice: 0.08, total: 0.8 },
    ])
    const result = liveProjection({
      projection: server,
      liveQuantities: live({ unmapped: 50, storage_gb: 0, ai_tokens: 12_000 }),
      prices: { ai_tokens: { unitPrice: 0.000002 }, storage_gb: { unitPrice: 0.1 } },
      now: NOW,
    })
    expect(result.lineItems.map((item) => item.metric)).toEqual(['bandwidth_gb', 'ai_tokens'])
    expect(result.lineItems[1]).toEqual({
      metric: 'ai_tokens',
      quantity: 12_000,
      unitPrice: 0.000002,
      total: 0.02,
      pendingQuantity: 12_000,
      pendingTotal: 0.02,
    })
    expect(result.total).toBe(0.82)
  })

  test('credits below the subtotal stay as they are; credits that covered it keep covering', () => {
    const items = [{ metric: 'bandwidth_gb', quantity: 100, unitPrice: 0.08, total: 8 }]
    const partly = liveProjection({
      projection: projection(items, { credits: 5 }),
      liveQuantities: live({ bandwidth_gb: 110 }),
      now: NOW,
    })
    expect([partly.subtotal, partly.credits, partly.total, partly.pendingTotal]).toEqual([
      8.8, 5, 3.8, 0.8,
    ])
    // The server shows credits 8 of a balance that may be much more: nothing is charged yet.
    const covered = liveProjection({
      projection: projection(items, { credits: 50 }),
      liveQuantities: live({ bandwidth_gb: 110 }),
      now: NOW,
    })
    expect([covered.subtotal, covered.credits, covered.total, covered.pendingTotal]).toEqual([
      8.8, 8.8, 0, 0,
    ])
  })

  test('rounds to the currency minor unit (whole yen)', () => {
    const server = projection(
      [{ metric: 'bandwidth_gb', quantity: 10, unitPrice: 12, total: 120 }],
      { currency: 'JPY' },
    )
    const result = liveProjection({
      projection: server,
      liveQuantities: live({ bandwidth_gb: 10.3 }),
      now: NOW,
    })
    expect([result.lineItems[0]?.total, result.total, result.pendingTotal]).toEqual([124, 124, 4])
  })

  test("nothing pending, or another period: the server's figures exactly", () => {
    const server = projection([
      { metric: 'bandwidth_gb', quantity: 100, unitPrice: 0.08, total: 8 },
    ])
    const unchanged = liveProjection({
      projection: server,
      liveQuantities: live({ bandwidth_gb: 90 }),
      now: NOW,
    })
    expect(unchanged).toEqual({
      ...server,
      lineItems: [{ ...server.lineItems[0], pendingQuantity: 0, pendingTotal: 0 }],
      pendingTotal: 0,
      server,
    })
    const nextMonth = liveProjection({
      projection: server,
      liveQuantities: live({ bandwidth_gb: 500 }),
      now: new Date('2026-12-01T00:00:00.000Z'),
    })
    expect(nextMonth.total).toBe(8)
    expect(nextMonth.pendingTotal).toBe(0)
  })
})

const catalog: MetricDefinition[] = [
  { name: 'api_calls', label: 'API calls', aggregation: 'sum', unit: 'calls', price: graduated },
  {
    name: 'bandwidth_gb',
    label: 'Bandwidth',
    aggregation: 'sum',
    unit: 'GB',
    price: { unitPrice: 0.08 },
  },
  {
    name: 'ai_tokens',
    label: 'AI tokens',
    aggregation: 'sum',
    unit: 'tokens',
    price: { unitPrice: 0.000002 },
  },
  { name: 'unmapped', label: 'Unmapped', aggregation: 'sum', unit: 'unit' },
]
const prices = Object.fromEntries(
  catalog.flatMap((metric) => (metric.price ? [[metric.name, metric.price]] : [])),
)

async function emulatorProjection(
  emulator: ReturnType<typeof createEmulator>,
  events: readonly { metric: string; quantity: number }[],
): Promise<ProjectionResponse> {
  const headers = { 'content-type': 'application/json' }
  for (let start = 0; start < events.length; start += 1000) {
    const batch = events.slice(start, start + 1000).map((event, index) => ({
      ...event,
      tenantId: emulator.tenantId,
      customerRef: 'cus_1',
      ts: NOW.toISOString(),
      idempotencyKey: `evt_${crypto.randomUUID()}_${index}`,
    }))
    const ingest = await emulator.handle(
      new Request('http://emulator.test/v1/events/ingest', {
        method: 'POST',
        headers,
        body: JSON.stringify({ events: batch }),
      }),
    )
    expect(ingest.status).toBe(200)
  }
  emulator.settle()
  const response = await emulator.handle(
    new Request('http://emulator.test/v1/usage/projection', {
      method: 'POST',
      headers,
      body: JSON.stringify({ tenantId: emulator.tenantId, customerRef: 'cus_1' }),
    }),
  )
  return (await response.json()) as ProjectionResponse
}

describe('liveProjection prices as the emulator does', () => {
  test('over random usage, currencies and credits, the live bill is the emulator’s next one', async () => {
    for (let seed = 1; seed <= 60; seed++) {
      const random = mulberry32(seed)
      const currency = (['USD', 'EUR', 'JPY'] as const)[Math.floor(random() * 3)] as string
      // Credits below the counted subtotal (known exactly), or far above it (covering it all).
      const credits = random() < 0.5 ? 1 : random() < 0.5 ? 0 : 1_000_000
      const emulator = createEmulator({
        seed: false,
        auth: false,
        now: () => NOW,
        currency,
        catalog,
        credits: { cus_1: credits },
      })
      const usage = () =>
        catalog.flatMap(({ name }) =>
          random() < 0.3 ? [] : [{ metric: name, quantity: 1 + Math.floor(random() * 40_000) }],
        )
      // At least 100 GB counted ($8, or ¥8): the server shows any credit below that in full.
      const counted = [{ metric: 'bandwidth_gb', quantity: 100 }, ...usage()]
      const before = await emulatorProjection(emulator, counted)
      const pending = usage()
      const liveQuantities = new Map<string, number>()
      for (const event of [...counted, ...pending]) {
        liveQuantities.set(event.metric, (liveQuantities.get(event.metric) ?? 0) + event.quantity)
      }
      const priced = liveProjection({ projection: before, liveQuantities, prices, now: NOW })
      const after = await emulatorProjection(emulator, pending)
      const { server, pendingTotal, lineItems, freshness: _live, ...figures } = priced
      const { lineItems: expectedItems, freshness: _next, ...expectedFigures } = after
      expect(figures, `seed ${seed}`).toEqual(expectedFigures)
      // A metric new to the server is listed last here; the server orders by its catalog.
      const byMetric = (a: ProjectionLineItem, b: ProjectionLineItem) =>
        a.metric.localeCompare(b.metric)
      expect(
        lineItems.map(({ pendingQuantity: _q, pendingTotal: _t, ...item }) => item).sort(byMetric),
        `seed ${seed}`,
      ).toEqual([...expectedItems].sort(byMetric))
      expect(server).toBe(before)
      expect(pendingTotal, `seed ${seed}`).toBeCloseTo(after.total - before.total, 9)
    }
  })
})

import { describe, expect, test } from 'vitest'
import type { MetricUsage, UsageHistoryResponse, UsageResponse } from '../../src/core/types.js'
import { createEmulator, type StripeMeterEmulator } from '../../src/testing/index.js'

async function read<Body>(emulator: StripeMeterEmulator, path: string): Promise<Body> {
  const response = await emulator.handle(
    new Request(`http://emulator.test${path}`, {
      headers: { authorization: `Bearer ${emulator.apiKey}` },
    }),
  )
  expect(response.status).toBe(200)
  return (await response.json()) as Body
}

function currentUsage(emulator: StripeMeterEmulator, customerRef: string) {
  return read<UsageResponse>(
    emulator,
    `/v1/usage/current?tenantId=${emulator.tenantId}&customerRef=${customerRef}`,
  )
}

const ratio = (metric: MetricUsage) => metric.current / (metric.limit ?? Number.POSITIVE_INFINITY)

/** Mid-month, a month's first minutes, its last minute, a short February, a leap day. */
const moments = [
  '2026-11-26T10:15:00.000Z',
  '2026-12-01T00:30:00.000Z',
  '2026-12-31T23:59:00.000Z',
  '2027-02-03T08:00:00.000Z',
  '2028-02-29T18:00:00.000Z',
]

describe.each(moments)('demo data at %s', (moment) => {
  const emulator = createEmulator({ now: () => new Date(moment) })

  test('cus_steady is comfortably inside every limit', async () => {
    const usage = await currentUsage(emulator, emulator.customers.steady)
    expect(usage.metrics.map((metric) => metric.name)).toEqual([
      'api_calls',
      'storage_gb',
      'bandwidth_gb',
      'seats',
      'ai_tokens',
    ])
    for (const metric of usage.metrics) expect(ratio(metric)).toBeLessThan(0.7)
    expect(usage.alerts).toEqual([])
  })

  test('cus_near_limit has one metric at 85–95 % and one warning', async () => {
    const usage = await currentUsage(emulator, emulator.customers.nearLimit)
    const near = usage.metrics.filter((metric) => ratio(metric) >= 0.8)
    expect(near).toHaveLength(1)
    expect(ratio(near[0] as MetricUsage)).toBeGreaterThanOrEqual(0.85)
    expect(ratio(near[0] as MetricUsage)).toBeLessThanOrEqual(0.95)
    expect(usage.alerts).toEqual([
      {
        type: 'threshold',
        message: expect.stringMatching(/^API calls usage is at (8[5-9]|9[0-5])% of your limit$/),
        severity: 'warning',
      },
    ])
  })

  test('cus_over_limit has one metric over 100 % and one critical alert', async () => {
    const usage = await currentUsage(emulator, emulator.customers.overLimit)
    const over = usage.metrics.filter((metric) => ratio(metric) >= 0.8)
    expect(over).toHaveLength(1)
    expect(ratio(over[0] as MetricUsage)).toBeGreaterThan(1)
    expect(usage.alerts.map((alert) => alert.severity)).toEqual(['critical'])
  })

  test('cus_new has no usage', async () => {
    const usage = await currentUsage(emulator, emulator.customers.new)
    expect(usage.metrics).toEqual([])
  })

  test('every demo customer but the new one has a month of daily history up to now', async () => {
    const end = new Date(moment)
    const start = new Date(end.getTime() - 30 * 86_400_000)
    const history = await read<UsageHistoryResponse>(
      emulator,
      `/v1/usage/history?tenantId=${emulator.tenantId}&customerRef=cus_steady&metric=api_calls` +
        `&periodStart=${start.toISOString()}&periodEnd=${end.toISOString()}&step=day`,
    )
    expect(history.usage.length).toBeGreaterThanOrEqual(30)
    expect(Date.parse(history.usage.at(-1)?.ts ?? '')).toBeLessThanOrEqual(end.getTime())
  })
})

describe('demo data', () => {
  const now = () => new Date('2026-11-26T10:15:00.000Z')

  test('is the same for the same seed and differs for another seed', async () => {
    const first = await currentUsage(createEmulator({ now }), 'cus_near_limit')
    const again = await currentUsage(createEmulator({ now }), 'cus_near_limit')
    const other = await currentUsage(createEmulator({ now, seed: 'other' }), 'cus_near_limit')
    expect(again).toEqual(first)
    expect(other.metrics).not.toEqual(first.metrics)
  })

  test('has quieter weekends than weekdays', async () => {
    const emulator = createEmulator({ now })
    const history = await read<UsageHistoryResponse>(
      emulator,
      `/v1/usage/history?tenantId=${emulator.tenantId}&customerRef=cus_steady&metric=api_calls` +
        '&periodStart=2026-11-01T00:00:00Z&periodEnd=2026-11-25T23:59:59Z&step=day',
    )
    const average = (weekend: boolean) => {
      const values = history.usage
        .filter((point) => [0, 6].includes(new Date(point.ts).getUTCDay()) === weekend)
        .map((point) => point.value)
      return values.reduce((sum, value) => sum + value, 0) / values.length
    }
    expect(average(true)).toBeLessThan(average(false) * 0.75)
  })

  test('gives each seed stable credentials: a UUID tenant and a <prefix>.<secret> key', () => {
    const emulator = createEmulator()
    expect(emulator.tenantId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    )
    expect(emulator.apiKey).toMatch(/^smk_[a-z0-9]+\.[a-z0-9]{32}$/)
    expect(createEmulator().apiKey).toBe(emulator.apiKey)
    expect(createEmulator({ seed: 'other' }).tenantId).not.toBe(emulator.tenantId)
  })

  test('seed: false starts empty', async () => {
    const emulator = createEmulator({ seed: false, now })
    expect((await currentUsage(emulator, 'cus_over_limit')).metrics).toEqual([])
  })

  test('prices the demo in another currency', async () => {
    const emulator = createEmulator({ now, currency: 'EUR' })
    const response = await emulator.handle(
      new Request('http://emulator.test/v1/usage/projection', {
        method: 'POST',
        headers: { authorization: `Bearer ${emulator.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ tenantId: emulator.tenantId, customerRef: 'cus_steady' }),
      }),
    )
    const projection = await response.json()
    expect(projection.currency).toBe('EUR')
    expect(
      projection.lineItems.find((item: { metric: string }) => item.metric === 'seats'),
    ).toMatchObject({
      unitPrice: 11.04,
    })
    expect(projection.credits).toBe(4.6)
  })
})

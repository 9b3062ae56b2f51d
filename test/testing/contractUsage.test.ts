import { afterEach, describe, expect, test, vi } from 'vitest'
import type { EmulatorOptions, MetricDefinition } from '../../src/testing/index.js'
import { apiClient, emulatorTargets, type RunningTarget } from './emulatorTargets.js'

const NOW = new Date('2026-11-26T10:15:00.000Z')
const INGEST = '/v1/events/ingest'
const CURRENT = '/v1/usage/current'
const PROJECTION = '/v1/usage/projection'
const HISTORY = '/v1/usage/history'

describe.each(emulatorTargets)('usage reads through the $name', (target) => {
  let running: RunningTarget | undefined
  afterEach(async () => {
    vi.useRealTimers()
    await running?.close()
    running = undefined
  })
  async function start(options: EmulatorOptions = {}) {
    running = await target.start({ seed: false, now: () => NOW, ...options })
    const { emulator } = running
    const api = apiClient(running)
    let sequence = 0
    /** Records events as the server accepts them, not yet settled. */
    const ingest = async (...events: Record<string, unknown>[]) => {
      const response = await api.post(INGEST, {
        events: events.map((event) => ({
          tenantId: emulator.tenantId,
          customerRef: 'cus_1',
          idempotencyKey: `evt_${sequence++}`,
          ...event,
        })),
      })
      expect(response.body.accepted).toBe(events.length)
    }
    const track = async (...events: Record<string, unknown>[]) => {
      await ingest(...events)
      // What waiting out aggregation and the read cache would do (the 'stripemeter' profile has both).
      emulator.settle()
    }
    const current = (customerRef = 'cus_1') =>
      api.get(CURRENT, { tenantId: emulator.tenantId, customerRef })
    return { emulator, api, ingest, track, current }
  }

  describe('GET /v1/usage/current', () => {
    test('aggregates this UTC month per metric with the catalog aggregation, unit and limit', async () => {
      const { track, current } = await start()
      await track(
        { metric: 'api_calls', quantity: 100, ts: '2026-11-02T00:00:00Z' },
        { metric: 'api_calls', quantity: 31.5, ts: '2026-11-26T10:00:00Z' },
        { metric: 'api_calls', quantity: 5000, ts: '2026-10-31T23:59:59Z' },
        { metric: 'storage_gb', quantity: 12, ts: '2026-11-03T00:00:00Z' },
        { metric: 'storage_gb', quantity: 40, ts: '2026-11-10T00:00:00Z' },
        { metric: 'storage_gb', quantity: 25, ts: '2026-11-20T00:00:00Z' },
        { metric: 'seats', quantity: 3, ts: '2026-11-01T00:00:00Z' },
        { metric: 'seats', quantity: 5, ts: '2026-11-20T00:00:00Z' },
        { metric: 'seats', quantity: 4, ts: '2026-11-05T00:00:00Z' },
        { metric: 'emails_sent', quantity: 0.1, ts: '2026-11-04T00:00:00Z' },
        { metric: 'emails_sent', quantity: 0.2, ts: '2026-11-04T00:00:01Z' },
        { metric: 'ai_tokens', quantity: 1500, ts: '2026-11-04T00:00:00Z' },
      )
      const response = await current()
      expect(response.status).toBe(200)
      expect(response.body).toEqual({
        customerRef: 'cus_1',
        period: { start: '2026-11-01', end: '2026-11-30' },
        metrics: [
          { name: 'api_calls', current: 131.5, limit: 50000, unit: 'calls' },
          { name: 'storage_gb', current: 40, limit: 100, unit: 'GB' },
          { name: 'seats', current: 5, limit: 10, unit: 'seats' },
          { name: 'ai_tokens', current: 1500, unit: 'tokens' },
          { name: 'emails_sent', current: 0.3, unit: 'unit' },
        ],
        alerts: [],
      })
    })

    test('raises a warning at 80 % and a critical alert at 100 % of a limit', async () => {
      const { track, current } = await start()
      await track(
        { metric: 'api_calls', quantity: 40_000, ts: '2026-11-20T00:00:00Z' },
        { metric: 'storage_gb', quantity: 100, ts: '2026-11-20T00:00:00Z' },
        { metric: 'bandwidth_gb', quantity: 612.5, ts: '2026-11-20T00:00:00Z' },
        { metric: 'seats', quantity: 7, ts: '2026-11-20T00:00:00Z' },
      )
      expect((await current()).body.alerts).toEqual([
        {
          type: 'threshold',
          message: 'API calls usage is at 80% of your limit',
          severity: 'warning',
        },
        {
          type: 'threshold',
          message: 'Storage usage has reached 100% of your limit',
          severity: 'critical',
        },
        {
          type: 'threshold',
          message: 'Bandwidth usage has exceeded your limit (122%)',
          severity: 'critical',
        },
      ])
    })

    test('shows accepted events only after the aggregation delay, on the injected clock', async () => {
      let clockMs = 0
      const { ingest, current } = await start({ aggregationDelayMs: 1500, clock: () => clockMs })
      await ingest({ metric: 'api_calls', quantity: 3, ts: '2026-11-26T10:00:00Z' })
      clockMs += 1499
      expect((await current()).body.metrics).toEqual([])
      clockMs += 1
      expect((await current()).body.metrics).toEqual([
        { name: 'api_calls', current: 3, limit: 50000, unit: 'calls' },
      ])
    })

    test('serves a cached answer for the cache TTL, on the injected clock', async () => {
      let clockMs = 0
      const { ingest, current } = await start({ cacheTtlMs: 30_000, clock: () => clockMs })
      await ingest({ metric: 'api_calls', quantity: 1131.5, ts: '2026-11-26T10:00:00Z' })
      expect((await current()).body.metrics[0].current).toBe(1131.5)
      await ingest({ metric: 'api_calls', quantity: 1, ts: '2026-11-26T10:00:00Z' })
      clockMs += 29_999
      expect((await current()).body.metrics[0].current).toBe(1131.5)
      clockMs += 1
      expect((await current()).body.metrics[0].current).toBe(1132.5)
    })
  })

  describe('POST /v1/usage/projection', () => {
    test('prices graduated and flat metrics, rounds to cents, skips unpriced metrics and reports freshness', async () => {
      const { api, track, emulator } = await start({ credits: { cus_1: 5 } })
      await track(
        { metric: 'api_calls', quantity: 12_500, ts: '2026-11-02T00:00:00Z' },
        { metric: 'storage_gb', quantity: 12.345, ts: '2026-11-03T00:00:00Z' },
        { metric: 'emails_sent', quantity: 10, ts: '2026-11-03T00:00:00Z' },
      )
      const response = await api.post(PROJECTION, {
        tenantId: emulator.tenantId,
        customerRef: 'cus_1',
      })
      expect(response.status).toBe(200)
      expect(response.body).toEqual({
        customerRef: 'cus_1',
        periodStart: '2026-11-01',
        periodEnd: '2026-11-30',
        lineItems: [
          // 10,000 free, then 2,500 × 0.002 = 5.00 → 0.0004 on average.
          { metric: 'api_calls', quantity: 12_500, unitPrice: 0.0004, total: 5 },
          { metric: 'storage_gb', quantity: 12.345, unitPrice: 0.1, total: 1.23 },
        ],
        subtotal: 6.23,
        credits: 5,
        total: 1.23,
        currency: 'USD',
        freshness: { lastUpdate: NOW.toISOString(), staleness: 0 },
      })
    })

    test('prices a given period and a top tier', async () => {
      const { api, track, emulator } = await start()
      await track(
        { metric: 'api_calls', quantity: 150_000, ts: '2026-10-15T00:00:00Z' },
        { metric: 'api_calls', quantity: 1, ts: '2026-11-15T00:00:00Z' },
      )
      const response = await api.post(PROJECTION, {
        tenantId: emulator.tenantId,
        customerRef: 'cus_1',
        periodStart: '2026-10-01',
        periodEnd: '2026-10-31',
      })
      // 10,000 × 0 + 90,000 × 0.002 + 50,000 × 0.0015 = 255
      expect(response.body).toMatchObject({
        periodStart: '2026-10-01',
        periodEnd: '2026-10-31',
        lineItems: [{ metric: 'api_calls', quantity: 150_000, unitPrice: 0.0017, total: 255 }],
        subtotal: 255,
        total: 255,
      })
    })

    test('rounds JPY to whole yen', async () => {
      const { api, track, emulator } = await start({ currency: 'JPY' })
      await track({ metric: 'storage_gb', quantity: 10.5, ts: '2026-11-03T00:00:00Z' })
      const response = await api.post(PROJECTION, {
        tenantId: emulator.tenantId,
        customerRef: 'cus_1',
      })
      // 0.10 USD × 150 = 15 yen per GB; 10.5 GB = 157.5 → 158 yen.
      expect(response.body).toMatchObject({ currency: 'JPY', subtotal: 158, total: 158 })
    })

    test('uses a custom catalog', async () => {
      const catalog: MetricDefinition[] = [
        {
          name: 'renders',
          label: 'Renders',
          aggregation: 'sum',
          unit: 'renders',
          limit: 10,
          price: { unitPrice: 0.333 },
        },
      ]
      const { api, track, current, emulator } = await start({ catalog })
      await track({ metric: 'renders', quantity: 3, ts: '2026-11-03T00:00:00Z' })
      expect((await current()).body.metrics).toEqual([
        { name: 'renders', current: 3, limit: 10, unit: 'renders' },
      ])
      const response = await api.post(PROJECTION, {
        tenantId: emulator.tenantId,
        customerRef: 'cus_1',
      })
      expect(response.body.lineItems).toEqual([
        { metric: 'renders', quantity: 3, unitPrice: 0.333, total: 1 },
      ])
    })

    test('answers the request-shape 400 for a missing customer or a bad period', async () => {
      const { api, emulator } = await start()
      const missing = await api.post(PROJECTION, { tenantId: emulator.tenantId })
      expect(missing.status).toBe(400)
      expect(missing.body).toEqual({
        error: 'Error',
        message: "body must have required property 'customerRef'",
      })
      const badDate = await api.post(PROJECTION, {
        tenantId: emulator.tenantId,
        customerRef: 'cus_1',
        periodStart: '2026-02-30',
      })
      expect(badDate.status).toBe(400)
      expect(badDate.body).toEqual({
        error: 'Error',
        message: 'Invalid periodStart: expected YYYY-MM-DD, received "2026-02-30"',
      })
    })
  })

  describe.each(['demo', 'stripemeter'] as const)("shared by both profiles: '%s'", (profile) => {
    describe('GET /v1/usage/current', () => {
      test('reports February as the 1st to the 28th', async () => {
        const { current } = await start({ profile, now: () => new Date('2027-02-14T12:00:00Z') })
        expect((await current()).body.period).toEqual({ start: '2027-02-01', end: '2027-02-28' })
      })

      test('answers the request-shape 400 without customerRef and 403 for another tenant', async () => {
        const { api, emulator } = await start({ profile })
        const missing = await api.get(CURRENT, { tenantId: emulator.tenantId })
        expect(missing.status).toBe(400)
        expect(missing.body).toEqual({
          error: 'Error',
          message: "querystring must have required property 'customerRef'",
        })
        const other = await api.get(CURRENT, {
          tenantId: '00000000-0000-4000-8000-000000000009',
          customerRef: 'cus_1',
        })
        expect(other.status).toBe(403)
        expect(other.body).toEqual({ error: 'Mismatched tenantId in events' })
      })
    })

    describe('GET /v1/usage/history', () => {
      const query = (overrides: Record<string, string> = {}) => ({
        tenantId: running?.emulator.tenantId ?? '',
        customerRef: 'cus_1',
        metric: 'api_calls',
        periodStart: '2026-10-01T00:00:00.000Z',
        periodEnd: '2026-11-30T23:59:59.999Z',
        step: 'day',
        ...overrides,
      })

      test('answers day buckets in UTC and omits days without events', async () => {
        const { api, track } = await start({ profile })
        await track(
          { metric: 'api_calls', quantity: 120, ts: '2026-11-01T00:00:00Z' },
          { metric: 'api_calls', quantity: 30, ts: '2026-11-01T23:59:59Z' },
          { metric: 'api_calls', quantity: 7, ts: '2026-11-03T12:00:00Z' },
          { metric: 'bandwidth_gb', quantity: 7, ts: '2026-11-02T12:00:00Z' },
        )
        const response = await api.get(HISTORY, query())
        expect(response.status).toBe(200)
        expect(response.body).toEqual({
          usage: [
            { ts: '2026-11-01T00:00:00.000Z', value: 150 },
            { ts: '2026-11-03T00:00:00.000Z', value: 7 },
          ],
        })
      })

      test('answers month buckets with the metric aggregation, within the requested range', async () => {
        const { api, track } = await start({ profile })
        await track(
          { metric: 'storage_gb', quantity: 10, ts: '2026-09-30T23:00:00Z' },
          { metric: 'storage_gb', quantity: 30, ts: '2026-10-10T00:00:00Z' },
          { metric: 'storage_gb', quantity: 20, ts: '2026-10-20T00:00:00Z' },
          { metric: 'storage_gb', quantity: 45, ts: '2026-11-02T00:00:00Z' },
          { metric: 'storage_gb', quantity: 99, ts: '2026-11-25T00:00:00Z' },
        )
        const response = await api.get(
          HISTORY,
          query({ metric: 'storage_gb', step: 'month', periodEnd: '2026-11-24T23:59:59Z' }),
        )
        expect(response.body.usage).toEqual([
          { ts: '2026-10-01T00:00:00.000Z', value: 30 },
          { ts: '2026-11-01T00:00:00.000Z', value: 45 },
        ])
      })

      test('cuts a day at a periodStart inside it', async () => {
        const { api, track } = await start({ profile })
        await track(
          { metric: 'api_calls', quantity: 1, ts: '2026-11-05T08:00:00Z' },
          { metric: 'api_calls', quantity: 2, ts: '2026-11-05T18:00:00Z' },
        )
        const response = await api.get(HISTORY, query({ periodStart: '2026-11-05T12:00:00Z' }))
        expect(response.body.usage).toEqual([{ ts: '2026-11-05T00:00:00.000Z', value: 2 }])
      })

      test('answers the real 400 shape for a bad query', async () => {
        const { api } = await start({ profile })
        const response = await api.get(HISTORY, query({ periodStart: '2026-11-01', step: 'week' }))
        expect(response.status).toBe(400)
        expect(response.body).toEqual({
          usage: [],
          errors: [
            { index: 0, error: 'Invalid datetime' },
            {
              index: 1,
              error: "Invalid enum value. Expected 'day' | 'month', received 'week'",
            },
          ],
        })
        const { metric: _metric, ...withoutMetric } = query()
        const missing = await api.get(HISTORY, withoutMetric)
        expect(missing.body).toEqual({ usage: [], errors: [{ index: 0, error: 'Required' }] })
      })
    })
  })
})

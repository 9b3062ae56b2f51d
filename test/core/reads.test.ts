import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { StripeMeterClient } from '../../src/core/StripeMeterClient.js'
import { isStripeMeterError } from '../../src/core/StripeMeterError.js'
import { type RunningEmulator, startEmulator } from '../../src/testing/index.js'
import { type LoopbackServer, startLoopbackServer } from './loopbackServer.js'

let server: LoopbackServer
let client: StripeMeterClient

beforeEach(async () => {
  server = await startLoopbackServer()
  client = new StripeMeterClient({
    apiUrl: server.url,
    tenantId: 'tenant_test',
    apiKey: 'pk.secret',
    retryAttempts: 1,
  })
})
afterEach(() => server.close())

const usage = {
  customerRef: 'cus_ABC123',
  period: { start: '2026-11-01', end: '2026-11-30' },
  metrics: [{ name: 'api_calls', current: 12500, limit: 50000, unit: 'calls' }],
  alerts: [
    { type: 'threshold', message: 'API usage is at 80% of your limit', severity: 'warning' },
  ],
}

describe('reads', () => {
  it('getUsage: GET /v1/usage/current with tenant, customer and the bearer key', async () => {
    server.script(() => ({ json: usage }))
    await expect(client.getUsage('cus_ABC123')).resolves.toEqual(usage)
    const [request] = server.requests
    expect(request?.method).toBe('GET')
    expect(request?.url).toBe('/v1/usage/current?tenantId=tenant_test&customerRef=cus_ABC123')
    expect(request?.headers.authorization).toBe('Bearer pk.secret')
  })

  it('getUsage: a 200 without metrics (the server database failed) still has arrays', async () => {
    server.script(() => ({ json: { customerRef: 'cus_ABC123', period: usage.period } }))
    await expect(client.getUsage('cus_ABC123')).resolves.toMatchObject({ metrics: [], alerts: [] })
  })

  it('getProjection: POST with the period as UTC dates; without one, no period fields', async () => {
    server.script(
      () => ({ json: { total: 25 } }),
      () => ({ json: { total: 25 } }),
    )
    await client.getProjection('cus_ABC123', {
      periodStart: new Date('2026-11-01T00:00:00Z'),
      periodEnd: '2026-11-30',
    })
    await client.getProjection('cus_ABC123')
    const [withPeriod, withoutPeriod] = server.requests
    expect(withPeriod?.url).toBe('/v1/usage/projection')
    expect(JSON.parse(withPeriod?.body ?? '')).toEqual({
      tenantId: 'tenant_test',
      customerRef: 'cus_ABC123',
      periodStart: '2026-11-01',
      periodEnd: '2026-11-30',
    })
    expect(JSON.parse(withoutPeriod?.body ?? '')).toEqual({
      tenantId: 'tenant_test',
      customerRef: 'cus_ABC123',
    })
  })

  it('getUsageHistory: every query field, dates as full ISO date-times', async () => {
    server.script(() => ({ json: { usage: [{ ts: '2026-11-01T00:00:00.000Z', value: 120 }] } }))
    const history = await client.getUsageHistory({
      customerRef: 'cus_ABC123',
      metric: 'api_calls',
      periodStart: '2026-11-01',
      periodEnd: new Date('2026-11-30T23:59:59.999Z'),
      step: 'day',
    })
    expect(history.usage).toHaveLength(1)
    const url = new URL(server.requests[0]?.url ?? '', server.url)
    expect(url.pathname).toBe('/v1/usage/history')
    expect(Object.fromEntries(url.searchParams)).toEqual({
      tenantId: 'tenant_test',
      customerRef: 'cus_ABC123',
      metric: 'api_calls',
      periodStart: '2026-11-01T00:00:00.000Z',
      periodEnd: '2026-11-30T23:59:59.999Z',
      step: 'day',
    })
  })

  it.each([
    ['customerRef empty', () => client.getUsage('')],
    [
      'projection periodStart not a date',
      () => client.getProjection('c', { periodStart: '2026-02-30' }),
    ],
    [
      'projection period reversed',
      () => client.getProjection('c', { periodStart: '2026-11-30', periodEnd: '2026-11-01' }),
    ],
    [
      'history step unknown',
      () =>
        client.getUsageHistory({
          customerRef: 'c',
          metric: 'm',
          periodStart: '2026-11-01',
          periodEnd: '2026-11-30',
          step: 'week' as 'day',
        }),
    ],
    [
      'history metric empty',
      () =>
        client.getUsageHistory({
          customerRef: 'c',
          metric: '',
          periodStart: '2026-11-01',
          periodEnd: '2026-11-30',
          step: 'day',
        }),
    ],
  ])('%s → validation_error, no request', async (_, read) => {
    await expect(read()).rejects.toMatchObject({ code: 'validation_error' })
    expect(server.requests).toHaveLength(0)
  })

  it('errors carry status, code, request id and the server message (message, else error)', async () => {
    server.script(
      () => ({
        status: 404,
        json: { message: 'Route GET:/v1/nope not found', error: 'Not Found', statusCode: 404 },
      }),
      () => ({ status: 403, json: { error: 'Require one of: usage:read' } }),
    )
    const notFound = await client.getUsage('cus_1').catch((error: unknown) => error)
    expect(isStripeMeterError(notFound)).toBe(true)
    expect(notFound).toMatchObject({ code: 'http_error', statusCode: 404, requestId: 'req-1' })
    expect((notFound as Error).message).toContain('Route GET:/v1/nope not found')
    await expect(client.getUsage('cus_1')).rejects.toMatchObject({
      code: 'unauthorized',
      statusCode: 403,
      message: expect.stringContaining('Require one of: usage:read'),
    })
  })

  it('GETs are retried too (ky retry methods include get)', async () => {
    server.script(
      () => ({ status: 502, json: { error: 'Bad Gateway' } }),
      () => ({ json: usage }),
    )
    await expect(client.getUsage('cus_ABC123')).resolves.toEqual(usage)
    expect(server.requests).toHaveLength(2)
  })

  it('no server: network_error with the reason, status 0', async () => {
    await server.close()
    const offline = new StripeMeterClient({ apiUrl: server.url, tenantId: 't', retryAttempts: 0 })
    await expect(offline.getUsage('cus_1')).rejects.toMatchObject({
      code: 'network_error',
      statusCode: 0,
      message: expect.stringContaining('ECONNREFUSED'),
    })
    server = await startLoopbackServer()
  })

  it('a custom fetch is used for every request', async () => {
    const seen: string[] = []
    const custom = new StripeMeterClient({
      apiUrl: server.url,
      tenantId: 't',
      fetch: (request, init) => {
        seen.push(request.url)
        return fetch(request, init)
      },
    })
    server.script(() => ({ json: usage }))
    await custom.getUsage('cus_1')
    expect(seen).toEqual([`${server.url}/v1/usage/current?tenantId=t&customerRef=cus_1`])
  })
})

/** The same reads against the emulator as each profile answers them: shared shape, explicit differences. */
describe.each(['demo', 'stripemeter'] as const)(
  "reads against the emulator, profile '%s'",
  (profile) => {
    const NOW = new Date('2026-11-26T10:15:00.000Z')
    let running: RunningEmulator
    let reader: StripeMeterClient
    afterEach(() => running.close())

    async function startWithUsage() {
      running = await startEmulator({
        profile,
        seed: false,
        now: () => NOW,
        priceMappings: ['api_calls'],
        catalog: [
          {
            name: 'api_calls',
            label: 'API calls',
            aggregation: 'sum',
            unit: 'calls',
            limit: 100,
            price: { unitPrice: 0.5 },
          },
        ],
      })
      reader = new StripeMeterClient({
        apiUrl: running.url,
        tenantId: running.emulator.tenantId,
        apiKey: running.emulator.apiKey,
        retryAttempts: 0,
      })
      await reader.trackBatch([
        {
          metric: 'api_calls',
          customerRef: 'cus_1',
          quantity: 40,
          ts: new Date('2026-11-02T10:00:00Z'),
        },
        {
          metric: 'api_calls',
          customerRef: 'cus_1',
          quantity: 45,
          ts: new Date('2026-11-20T10:00:00Z'),
        },
      ])
      running.emulator.settle()
    }

    it('getUsage: the month total; limit, unit and alerts only in the demo', async () => {
      await startWithUsage()
      const usage = await reader.getUsage('cus_1')
      expect(usage.period).toEqual({ start: '2026-11-01', end: '2026-11-30' })
      expect(usage.metrics).toEqual([
        profile === 'demo'
          ? { name: 'api_calls', current: 85, limit: 100, unit: 'calls' }
          : { name: 'api_calls', current: 85, unit: 'unit' },
      ])
      expect(usage.alerts).toHaveLength(profile === 'demo' ? 1 : 0)
    })

    it('getProjection: the catalog price in the demo, 0 for a mapped metric on the real server', async () => {
      await startWithUsage()
      const projection = await reader.getProjection('cus_1')
      const unitPrice = profile === 'demo' ? 0.5 : 0
      expect(projection.lineItems).toEqual([
        { metric: 'api_calls', quantity: 85, unitPrice, total: 85 * unitPrice },
      ])
      expect(projection.total).toBe(85 * unitPrice)
    })

    it('getUsageHistory: day buckets with empty days absent', async () => {
      await startWithUsage()
      const history = await reader.getUsageHistory({
        customerRef: 'cus_1',
        metric: 'api_calls',
        periodStart: '2026-11-01',
        periodEnd: new Date('2026-11-30T23:59:59.999Z'),
        step: 'day',
      })
      expect(history.usage).toEqual([
        { ts: '2026-11-02T00:00:00.000Z', value: 40 },
        { ts: '2026-11-20T00:00:00.000Z', value: 45 },
      ])
    })

    it('an error from the emulator carries the status and message', async () => {
      await startWithUsage()
      const other = new StripeMeterClient({
        apiUrl: running.url,
        tenantId: '00000000-0000-4000-8000-000000000009',
        apiKey: running.emulator.apiKey,
        retryAttempts: 0,
      })
      await expect(other.getUsage('cus_1')).rejects.toMatchObject({
        statusCode: 403,
        message: expect.stringContaining('Mismatched tenantId in events'),
      })
    })
  },
)

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isStripeMeterError, StripeMeterClient } from '../../src/index.js'
import { type RunningEmulator, startEmulator } from '../../src/testing/startEmulator.js'

// The README's quick start, step by step, against the emulator instead of api.stripemeter.io.
let running: RunningEmulator
beforeAll(async () => {
  running = await startEmulator({ port: 0 })
})
afterAll(() => running.close())

describe('the README quick start', () => {
  it('runs as written', async () => {
    const client = new StripeMeterClient({
      apiUrl: running.url,
      apiKey: running.emulator.apiKey,
      tenantId: running.emulator.tenantId,
    })
    const result = await client.track({
      metric: 'api_calls',
      customerRef: 'cus_ABC123',
      quantity: 100,
      meta: { endpoint: '/v1/search', region: 'us-east-1' },
    })
    expect(result.accepted).toBe(1)
    expect(result.requestIds).toHaveLength(1)
    await expect(
      client.trackBatch([
        { metric: 'api_calls', customerRef: 'cus_ABC123', quantity: 50 },
        { metric: 'storage_gb', customerRef: 'cus_ABC123', quantity: 2.5 },
      ]),
    ).resolves.toMatchObject({ accepted: 2 })
    client.buffer({ metric: 'api_calls', customerRef: 'cus_ABC123', quantity: 10 })
    await client.flush()
    expect(running.emulator.stats().eventsCounted).toBe(4)

    const usage = await client.getUsage('cus_ABC123')
    expect(usage.metrics.find((metric) => metric.name === 'api_calls')?.current).toBe(160)
    const projection = await client.getProjection('cus_ABC123')
    expect(projection.total).toBeGreaterThan(0)
    expect(projection.currency).toMatch(/^[A-Z]{3}$/)
    const history = await client.getUsageHistory({
      customerRef: 'cus_ABC123',
      metric: 'api_calls',
      periodStart: usage.period.start,
      periodEnd: new Date(),
      step: 'day',
    })
    expect(history.usage.reduce((sum, point) => sum + point.value, 0)).toBe(160)
    await client.close()

    const caught = await client
      .track({ metric: 'api_calls', customerRef: 'cus_ABC123', quantity: 100 })
      .catch((error: unknown) => error)
    expect(isStripeMeterError(caught) && caught.code).toBe('client_closed')
  })
})

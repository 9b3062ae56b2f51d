import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { StripeMeterClient } from '../../src/core/StripeMeterClient.js'
import type { StripeMeterError } from '../../src/core/StripeMeterError.js'
import type { IngestEvent } from '../../src/core/types.js'
import { type RunningEmulator, startEmulator } from '../../src/testing/startEmulator.js'

let running: RunningEmulator
let client: StripeMeterClient

beforeEach(async () => {
  running = await startEmulator({ port: 0, seed: false })
  client = new StripeMeterClient({
    apiUrl: running.url,
    tenantId: running.emulator.tenantId,
    apiKey: running.emulator.apiKey,
    flushInterval: 0,
    batchSize: 5_000,
  })
})
afterEach(async () => {
  await client.close().catch(() => undefined)
  await running.close()
})

describe('against the StripeMeter emulator', () => {
  it('same-millisecond twins are both counted (the server-derived key would merge them)', async () => {
    const ts = new Date(Date.now() - 1_000)
    client.buffer({ metric: 'api_calls', customerRef: 'cus_twins', quantity: 1, ts })
    client.buffer({ metric: 'api_calls', customerRef: 'cus_twins', quantity: 1, ts })
    await client.flush()
    expect(running.emulator.stats()).toMatchObject({ eventsCounted: 2, duplicates: 0 })
    const usage = await client.getUsage('cus_twins')
    expect(usage.metrics.find((metric) => metric.name === 'api_calls')?.current).toBe(2)
  })

  it('commit then 503: the retry is a duplicate and every event is counted once', async () => {
    running.emulator.faults.next('ingest', { kind: 'commitThenFail', status: 503 })
    for (let index = 0; index < 50; index++) {
      client.buffer({ metric: 'api_calls', customerRef: 'cus_commit', quantity: 1 })
    }
    await client.flush()
    expect(running.emulator.stats()).toMatchObject({
      eventsReceived: 100,
      eventsCounted: 50,
      duplicates: 50,
    })
  })

  it('an event over 1 h ahead by the server clock is refused per event and reported', async () => {
    const onError = vi.fn()
    await client.close()
    // The server's clock runs 2 h behind ours, so our "now" is over an hour in its future.
    await running.close()
    running = await startEmulator({
      port: 0,
      seed: false,
      now: () => new Date(Date.now() - 2 * 3_600_000),
    })
    client = new StripeMeterClient({
      apiUrl: running.url,
      tenantId: running.emulator.tenantId,
      apiKey: running.emulator.apiKey,
      flushInterval: 0,
      onError,
    })
    client.buffer({ metric: 'api_calls', customerRef: 'cus_future', quantity: 1 })
    client.buffer({
      metric: 'api_calls',
      customerRef: 'cus_future',
      quantity: 1,
      ts: new Date(Date.now() - 3 * 3_600_000),
    })
    await client.flush()
    expect(onError).toHaveBeenCalledTimes(1)
    const [error, events] = onError.mock.calls[0] as [StripeMeterError, IngestEvent[]]
    expect(error.code).toBe('rejected')
    expect(events).toHaveLength(1)
    expect(running.emulator.stats().eventsCounted).toBe(1)
    expect(client.getState()).toMatchObject({ pending: 0 })
  })

  it('a wrong key: unauthorized, events kept for the next flush', async () => {
    const wrong = new StripeMeterClient({
      apiUrl: running.url,
      tenantId: running.emulator.tenantId,
      apiKey: 'sk_wrong.key',
      flushInterval: 0,
    })
    wrong.buffer({ metric: 'api_calls', customerRef: 'cus_x', quantity: 1 })
    await expect(wrong.flush()).rejects.toMatchObject({ code: 'unauthorized', statusCode: 401 })
    expect(wrong.getState()).toMatchObject({
      pending: 1,
      lastError: expect.objectContaining({ code: 'unauthorized' }),
    })
  })
})

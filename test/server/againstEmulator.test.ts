import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { UsageHistoryResponse, UsageResponse } from '../../src/core/types.js'
import { createStripeMeterHandler, type StripeMeterHandler } from '../../src/server/index.js'
import { type RunningEmulator, startEmulator } from '../../src/testing/index.js'
import { callAsBrowser, seenByBrowser } from './handlerHarness.js'

/** The isolation guarantees against the StripeMeter emulator, which enforces tenancy like the real server. */
let running: RunningEmulator
let handler: StripeMeterHandler
const customerBySession: Record<string, string> = {
  'sess-steady': 'cus_steady',
  'sess-over': 'cus_over_limit',
}

beforeAll(async () => {
  running = await startEmulator()
  handler = createStripeMeterHandler({
    apiUrl: running.url,
    apiKey: running.emulator.apiKey,
    tenantId: running.emulator.tenantId,
    identify: (request) => {
      const session = /session=([^;]+)/.exec(request.headers.get('cookie') ?? '')?.[1] ?? ''
      return customerBySession[session] ?? null
    },
  })
})
afterAll(() => running.close())
beforeEach(() => running.emulator.faults.clear())

/** Asks the emulator directly, with the key, as only the server may. */
async function readDirectly(path: string): Promise<unknown> {
  const response = await fetch(`${running.url}${path}`, {
    headers: { authorization: `Bearer ${running.emulator.apiKey}` },
  })
  return response.json()
}

const foreignTenant = '11111111-2222-4333-8444-555555555555'
const now = new Date()
/** The demo data covers the current month up to now. */
const month = new URLSearchParams({
  periodStart: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString(),
  periodEnd: now.toISOString(),
}).toString()

describe('against the emulator', () => {
  it('serves the signed-in customer’s usage, never the one the browser names', async () => {
    const { tenantId } = running.emulator
    const own = (await readDirectly(
      `/v1/usage/current?tenantId=${tenantId}&customerRef=cus_steady`,
    )) as UsageResponse
    const other = (await readDirectly(
      `/v1/usage/current?tenantId=${tenantId}&customerRef=cus_over_limit`,
    )) as UsageResponse
    expect(own.metrics).not.toEqual(other.metrics)

    const response = await callAsBrowser(
      handler,
      `/v1/usage/current?tenantId=${foreignTenant}&customerRef=cus_over_limit`,
      { session: 'sess-steady' },
    )
    expect(response.status).toBe(200)
    expect(response.json()).toEqual(own)
  })

  it('scopes history and projection the same way', async () => {
    const { tenantId } = running.emulator
    const query = `metric=api_calls&${month}&step=day`
    const own = (await readDirectly(
      `/v1/usage/history?${query}&tenantId=${tenantId}&customerRef=cus_over_limit`,
    )) as UsageHistoryResponse
    expect(own.usage.length).toBeGreaterThan(0)

    const history = await callAsBrowser(
      handler,
      `/v1/usage/history?${query}&customerRef=cus_steady`,
      {
        session: 'sess-over',
      },
    )
    expect(history.json()).toEqual(own)

    const projection = await callAsBrowser(handler, '/v1/usage/projection', {
      method: 'POST',
      session: 'sess-over',
      body: { tenantId: foreignTenant, customerRef: 'cus_steady' },
    })
    expect(projection.status).toBe(200)
    expect(projection.json()).toMatchObject({ customerRef: 'cus_over_limit' })
  })

  it('counts events for the signed-in customer under the app’s tenant, and refuses foreign ones', async () => {
    const before = running.emulator.stats().eventsReceived
    const event = {
      tenantId: foreignTenant,
      metric: 'api_calls',
      customerRef: 'cus_steady',
      quantity: 3,
      ts: new Date().toISOString(),
      idempotencyKey: `evt_${crypto.randomUUID()}`,
    }

    const foreign = await callAsBrowser(handler, '/v1/events/ingest', {
      method: 'POST',
      session: 'sess-over',
      body: { events: [event] },
    })
    expect(foreign.status).toBe(400)
    expect(foreign.json()).toMatchObject({ errors: [{ index: 0 }] })
    expect(running.emulator.stats().eventsReceived).toBe(before)

    const own = await callAsBrowser(handler, '/v1/events/ingest', {
      method: 'POST',
      session: 'sess-steady',
      body: { events: [event] },
    })
    expect(own.status).toBe(200)
    expect(own.json()).toMatchObject({
      accepted: 1,
      results: [{ idempotencyKey: event.idempotencyKey, status: 'accepted' }],
    })
    const counted = running.emulator
      .countedEvents()
      .find((counted) => counted.idempotencyKey === event.idempotencyKey)
    expect(counted).toMatchObject({
      tenantId: running.emulator.tenantId,
      customerRef: 'cus_steady',
      quantity: 3,
    })
  })

  it('passes the API’s rate limit answer through, and turns a dropped connection into a 502', async () => {
    running.emulator.faults.next(
      'usage',
      {
        kind: 'status',
        status: 429,
        headers: { 'retry-after': '60', 'x-ratelimit-limit': '100', 'x-ratelimit-remaining': '0' },
        body: {
          error: 'Too Many Requests',
          message: 'Rate limit exceeded. Please try again later.',
        },
      },
      { kind: 'reset' },
    )
    const limited = await callAsBrowser(handler, '/v1/usage/current', { session: 'sess-steady' })
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('60')
    expect(limited.headers.get('x-ratelimit-limit')).toBe('100')
    expect(limited.headers.get('x-request-id')).toBeTruthy()

    const reset = await callAsBrowser(handler, '/v1/usage/current', { session: 'sess-steady' })
    expect(reset.status).toBe(502)
    expect(reset.json()).toMatchObject({ error: 'Bad Gateway' })
  })

  it('never showed the browser the key', () => {
    const secret = running.emulator.apiKey.split('.')[1] ?? running.emulator.apiKey
    expect(seenByBrowser.length).toBeGreaterThan(8)
    for (const text of seenByBrowser) {
      expect(text).not.toContain(running.emulator.apiKey)
      expect(text).not.toContain(secret)
    }
  })
})

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { callAsBrowser, createTestHandler, eventsFor } from './handlerHarness.js'
import { answerJson, type RecordingApi, startRecordingApi } from './recordingApi.js'

let api: RecordingApi
beforeAll(async () => {
  api = await startRecordingApi()
})
afterAll(() => api.close())
beforeEach(() => {
  api.received.length = 0
  api.respondWith((request, response) => {
    const { events } = request.body as { events: unknown[] }
    answerJson(response, 200, { accepted: events.length, duplicates: 0 })
  })
})

const ingest = { method: 'POST' } as const

describe('allowMetrics', () => {
  it('forwards batches of listed metrics only, and names the metric it refuses', async () => {
    const handler = createTestHandler(api.url, { allowMetrics: ['api_calls', 'storage_gb'] })

    const allowed = await callAsBrowser(handler, '/v1/events/ingest', {
      ...ingest,
      body: eventsFor('cus_alice', ['api_calls', 'storage_gb']),
    })
    expect(allowed.status).toBe(200)

    const refused = await callAsBrowser(handler, '/v1/events/ingest', {
      ...ingest,
      body: eventsFor('cus_alice', ['api_calls', 'seats', 'storage_gb', 'credits_granted']),
    })
    expect(refused.status).toBe(400)
    expect(refused.json()).toMatchObject({
      accepted: 0,
      duplicates: 0,
      errors: [
        {
          index: 1,
          error:
            'Event 1 has metric "seats", which may not be tracked from the browser (allowed: api_calls, storage_gb)',
        },
        { index: 3, error: expect.stringContaining('"credits_granted"') },
      ],
    })
    expect(api.received).toHaveLength(1)
  })

  it('does not filter reads: a customer may see all of its own metrics', async () => {
    api.respondWith((_request, response) => answerJson(response, 200, { usage: [] }))
    const handler = createTestHandler(api.url, { allowMetrics: ['api_calls'] })
    const response = await callAsBrowser(
      handler,
      '/v1/usage/history?metric=seats&periodStart=2026-11-01T00:00:00Z&periodEnd=2026-11-30T00:00:00Z&step=day',
    )
    expect(response.status).toBe(200)
    expect(api.received[0]?.query.get('metric')).toBe('seats')
  })
})

describe('limits.eventsPerRequest', () => {
  it('refuses a larger batch whole, in the server’s own “Batch too large” words', async () => {
    const handler = createTestHandler(api.url, { limits: { eventsPerRequest: 3 } })
    const metrics = (count: number) => Array.from({ length: count }, () => 'api_calls')

    expect(
      (
        await callAsBrowser(handler, '/v1/events/ingest', {
          ...ingest,
          body: eventsFor('cus_alice', metrics(3)),
        })
      ).status,
    ).toBe(200)
    const refused = await callAsBrowser(handler, '/v1/events/ingest', {
      ...ingest,
      body: eventsFor('cus_alice', metrics(4)),
    })
    expect(refused.status).toBe(400)
    expect(refused.json()).toMatchObject({
      accepted: 0,
      duplicates: 0,
      errors: [{ index: -1, error: 'Batch too large: 4 > 3' }],
    })
    expect(api.received).toHaveLength(1)
  })

  it('applies the server’s 1000-event maximum without a configured limit', async () => {
    const handler = createTestHandler(api.url)
    const body = eventsFor(
      'cus_alice',
      Array.from({ length: 1001 }, () => 'api_calls'),
    )
    const refused = await callAsBrowser(handler, '/v1/events/ingest', { ...ingest, body })
    expect(refused.json()).toMatchObject({
      errors: [{ index: -1, error: 'Batch too large: 1001 > 1000' }],
    })
    expect(api.received).toHaveLength(0)
  })
})

describe('limits.eventsPerMinute', () => {
  it('answers 429 with retry-after once a customer spent its minute, and spares other customers', async () => {
    const handler = createTestHandler(api.url, { limits: { eventsPerMinute: 5 } })
    const send = (session: string, count: number) =>
      callAsBrowser(handler, '/v1/events/ingest', {
        ...ingest,
        session,
        body: eventsFor(
          session === 'sess-alice' ? 'cus_alice' : 'cus_bob',
          Array(count).fill('api_calls'),
        ),
      })

    expect((await send('sess-alice', 3)).status).toBe(200)
    expect((await send('sess-alice', 2)).status).toBe(200)
    const limited = await send('sess-alice', 1)

    expect(limited.status).toBe(429)
    // One event comes back every 60 / 5 = 12 s.
    const retryAfterSeconds = Number(limited.headers.get('retry-after'))
    expect(retryAfterSeconds).toBeGreaterThanOrEqual(1)
    expect(retryAfterSeconds).toBeLessThanOrEqual(12)
    expect(limited.headers.get('x-ratelimit-limit')).toBe('5')
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0')
    expect(limited.json()).toEqual({
      error: 'Too Many Requests',
      message: expect.stringContaining('this customer may send 5 per minute'),
    })

    expect((await send('sess-bob', 5)).status).toBe(200)
    expect(api.received).toHaveLength(3)
  })

  it('refuses a batch larger than the whole minute’s allowance as too large, so the client splits it', async () => {
    const handler = createTestHandler(api.url, { limits: { eventsPerMinute: 2 } })
    const response = await callAsBrowser(handler, '/v1/events/ingest', {
      ...ingest,
      body: eventsFor('cus_alice', ['a', 'b', 'c']),
    })
    expect(response.status).toBe(400)
    expect(response.json()).toMatchObject({
      errors: [{ index: -1, error: 'Batch too large: 3 > 2' }],
    })
  })

  it('gives the events back when the API failed to count them, so the retry is not limited', async () => {
    const handler = createTestHandler(api.url, { limits: { eventsPerMinute: 4 } })
    const body = eventsFor('cus_alice', ['a', 'b', 'c', 'd'])
    api.respondWith((_request, response) =>
      answerJson(response, 503, { error: 'Service Unavailable', message: 'Database is down' }),
    )
    expect((await callAsBrowser(handler, '/v1/events/ingest', { ...ingest, body })).status).toBe(
      503,
    )

    api.respondWith((_request, response) =>
      answerJson(response, 200, { accepted: 4, duplicates: 0 }),
    )
    expect((await callAsBrowser(handler, '/v1/events/ingest', { ...ingest, body })).status).toBe(
      200,
    )
    expect((await callAsBrowser(handler, '/v1/events/ingest', { ...ingest, body })).status).toBe(
      429,
    )
  })
})

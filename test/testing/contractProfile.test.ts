import { afterEach, describe, expect, test } from 'vitest'
import { createEmulator, type EmulatorOptions } from '../../src/testing/index.js'
import { apiClient, emulatorTargets, type RunningTarget } from './emulatorTargets.js'

const NOW = new Date('2026-11-26T10:15:00.000Z')
const INGEST = '/v1/events/ingest'
const CURRENT = '/v1/usage/current'
const PROJECTION = '/v1/usage/projection'
const HISTORY = '/v1/usage/history'

/**
 * Every way the 'stripemeter' profile answers unlike 'demo', each checked against the table
 * "Seen on the real server (second run)" of the API notes, with the demo's answer beside it.
 */
describe.each(emulatorTargets)("profile: 'stripemeter' through the $name", (target) => {
  let running: RunningTarget | undefined
  let clockMs = NOW.getTime()
  afterEach(async () => {
    await running?.close()
    running = undefined
  })
  async function start(options: EmulatorOptions = {}) {
    clockMs = NOW.getTime()
    running = await target.start({
      profile: 'stripemeter',
      seed: false,
      now: () => new Date(clockMs),
      clock: () => clockMs,
      ...options,
    })
    const { emulator } = running
    const api = apiClient(running)
    const event = (overrides: Record<string, unknown> = {}) => ({
      tenantId: emulator.tenantId,
      metric: 'api_calls',
      customerRef: 'cus_1',
      quantity: 1,
      ts: '2026-11-26T10:00:00.000Z',
      ...overrides,
    })
    let sequence = 0
    const track = async (...events: Record<string, unknown>[]) => {
      const response = await api.post(INGEST, {
        events: events.map((overrides) =>
          event({ idempotencyKey: `evt_${sequence++}`, ...overrides }),
        ),
      })
      expect(response.status).toBe(200)
      return response
    }
    const current = () => api.get(CURRENT, { tenantId: emulator.tenantId, customerRef: 'cus_1' })
    return { emulator, api, event, track, current }
  }

  test('sends no x-request-id; an incoming one only becomes the ingest body’s requestId', async () => {
    const { api, event } = await start()
    const health = await api.get('/health', {}, { 'x-request-id': 'trace-1' })
    expect(health.headers.get('x-request-id')).toBeNull()
    const echoed = await api.post(
      INGEST,
      { events: [event({ idempotencyKey: 'a' })] },
      { 'x-request-id': 'trace-2' },
    )
    expect(echoed.headers.get('x-request-id')).toBeNull()
    expect(echoed.body.requestId).toBe('trace-2')
    const anonymous = await api.post(INGEST, { events: [event({ idempotencyKey: 'b' })] })
    expect(anonymous.body).not.toHaveProperty('requestId')
    const refused = await api.post(INGEST, { events: [event({ quantity: 0 })] })
    expect(refused.body).toEqual({
      accepted: 0,
      duplicates: 0,
      errors: [{ index: 0, error: 'Number must be greater than 0' }],
    })
  })

  test('CORS is off: a preflight without a key is a 401 with no allow-origin; corsOrigins turns it on', async () => {
    const { api } = await start()
    const preflight = {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    }
    const refused = await api.send(INGEST, preflight)
    expect(refused.status).toBe(401)
    expect(refused.body).toEqual({ error: 'Missing API key' })
    expect(refused.headers.get('access-control-allow-origin')).toBeNull()
    const health = await api.get('/health', {}, { origin: 'http://localhost:5173' })
    expect(health.headers.get('access-control-allow-origin')).toBeNull()

    await running?.close()
    const allowed = await start({ corsOrigins: ['http://localhost:5173'] })
    const answered = await allowed.api.send(INGEST, preflight)
    expect(answered.status).toBe(204)
    expect(answered.headers.get('access-control-allow-origin')).toBe('http://localhost:5173')
    const foreign = await allowed.api.send(INGEST, {
      ...preflight,
      headers: { ...preflight.headers, origin: 'https://evil.test' },
    })
    expect(foreign.status).toBe(401)
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull()
  })

  test('usage has no limit, unit "unit" and no alerts; projection prices 0 and only mapped metrics', async () => {
    const { api, emulator, track, current } = await start({ priceMappings: ['api_calls'] })
    await track({ metric: 'api_calls', quantity: 49_000 }, { metric: 'storage_gb', quantity: 120 })
    emulator.settle()
    expect((await current()).body).toEqual({
      customerRef: 'cus_1',
      period: { start: '2026-11-01', end: '2026-11-30' },
      metrics: [
        { name: 'api_calls', current: 49_000, unit: 'unit' },
        { name: 'storage_gb', current: 120, unit: 'unit' },
      ],
      alerts: [],
    })
    clockMs += 2_500
    const projection = await api.post(PROJECTION, {
      tenantId: emulator.tenantId,
      customerRef: 'cus_1',
    })
    expect(projection.body).toEqual({
      customerRef: 'cus_1',
      periodStart: '2026-11-01',
      periodEnd: '2026-11-30',
      lineItems: [{ metric: 'api_calls', quantity: 49_000, unitPrice: 0, total: 0 }],
      subtotal: 0,
      credits: 0,
      total: 0,
      currency: 'USD',
      // As if the worker ran 1 s after ingest: whole seconds, staleness 0.
      freshness: { lastUpdate: '2026-11-26T10:15:01.000Z', staleness: 0 },
    })
  })

  test('without price mappings a projection has no line items', async () => {
    const { api, emulator, track } = await start()
    await track({ metric: 'api_calls', quantity: 5 })
    emulator.settle()
    const projection = await api.post(PROJECTION, {
      tenantId: emulator.tenantId,
      customerRef: 'cus_1',
    })
    expect(projection.body).toMatchObject({ lineItems: [], subtotal: 0, total: 0 })
  })

  test('aggregates ~1 s after ingest and caches reads 30 s, on the injected clock', async () => {
    const { track, current } = await start()
    await track({ quantity: 131.5 })
    clockMs += 1_000
    expect((await current()).body.metrics).toEqual([
      { name: 'api_calls', current: 131.5, unit: 'unit' },
    ])
    await track({ quantity: 1000 })
    clockMs += 1_000
    // Aggregated by now, but the read above is cached for 30 s (seen: 131.5 served after 1131.5).
    expect((await current()).body.metrics[0].current).toBe(131.5)
    clockMs += 28_999
    expect((await current()).body.metrics[0].current).toBe(131.5)
    clockMs += 1
    expect((await current()).body.metrics[0].current).toBe(1131.5)
  })

  test('settle() shows everything accepted so far at once, through the cache', async () => {
    const { emulator, track, current } = await start()
    expect((await current()).body.metrics).toEqual([])
    await track({ quantity: 7 })
    expect((await current()).body.metrics).toEqual([])
    emulator.settle()
    expect((await current()).body.metrics[0].current).toBe(7)
  })

  test('cacheTtlMs and aggregationDelayMs override the profile’s timing', async () => {
    const { track, current } = await start({ cacheTtlMs: 0, aggregationDelayMs: 0 })
    await track({ quantity: 2 })
    expect((await current()).body.metrics[0].current).toBe(2)
    await track({ quantity: 3 })
    expect((await current()).body.metrics[0].current).toBe(5)
  })

  test.each([
    ['a quantity of 1e14', { quantity: 1e14 }],
    ['U+0000 in metric', { metric: 'api\u0000calls' }],
    ['U+0000 in customerRef', { customerRef: 'cus\u00001' }],
    ['U+0000 in resourceId', { resourceId: 'r\u0000' }],
  ])('%s fails the whole batch with the database’s 500', async (_, overrides) => {
    const { api, event, emulator } = await start()
    const response = await api.post(INGEST, {
      events: [event({ idempotencyKey: 'fine' }), event({ idempotencyKey: 'bad', ...overrides })],
    })
    expect(response.status).toBe(500)
    expect(response.body).toEqual({
      error: 'PostgresError',
      message: 'An internal server error occurred.',
    })
    expect(emulator.countedEvents()).toEqual([])
  })

  test('stores 99999999999999 exactly and accepts U+0000 inside meta', async () => {
    const { emulator, track, current } = await start()
    await track({ quantity: 99_999_999_999_999, meta: { note: 'a\u0000b', 'k\u0000': 1 } })
    emulator.settle()
    expect((await current()).body.metrics[0].current).toBe(99_999_999_999_999)
  })

  test('past 1000 requests of a tenant in a clock minute: 429 without retry-after until the minute turns', async () => {
    const { api, emulator } = await start({ tenantRequestsPerMinute: 3 })
    const query = { tenantId: emulator.tenantId, customerRef: 'cus_1' }
    for (let request = 0; request < 3; request++)
      expect((await api.get(CURRENT, query)).status).toBe(200)
    const limited = await api.get(CURRENT, query)
    expect(limited.status).toBe(429)
    expect(limited.body).toEqual({ error: 'Rate limit exceeded' })
    expect(limited.headers.get('retry-after')).toBeNull()
    expect((await api.get('/health')).status).toBe(200)
    // NOW is 10:15:00; the window is the clock minute, not a minute from the first request.
    clockMs += 59_999
    expect((await api.get(CURRENT, query)).status).toBe(429)
    clockMs += 1
    expect((await api.get(CURRENT, query)).status).toBe(200)
  })

  test('/health answers {status: "ok", timestamp}', async () => {
    const { api } = await start()
    expect((await apiClient(running as RunningTarget, null).get('/health')).body).toEqual({
      status: 'ok',
      timestamp: NOW.toISOString(),
    })
    expect((await api.get('/health')).status).toBe(200)
  })

  test('1001 events: zod’s array limit at index 0', async () => {
    const { api, event } = await start()
    const events = Array.from({ length: 1001 }, (_, index) =>
      event({ idempotencyKey: `k${index}` }),
    )
    const response = await api.post(INGEST, { events })
    expect(response.status).toBe(400)
    expect(response.body).toEqual({
      accepted: 0,
      duplicates: 0,
      errors: [{ index: 0, error: 'Array must contain at most 1000 element(s)' }],
    })
  })

  test('Fastify’s own errors: 413 FastifyError, 400 SyntaxError, schema errors as {error,message}', async () => {
    const { api, event } = await start()
    const padding = 'x'.repeat(4000)
    const huge = Array.from({ length: 300 }, () => event({ meta: { padding } }))
    const tooLarge = await api.post(INGEST, { events: huge })
    expect(tooLarge.status).toBe(413)
    expect(tooLarge.body).toEqual({ error: 'FastifyError', message: 'Request body is too large' })

    const malformed = await api.post(INGEST, '{"events": [')
    expect(malformed.status).toBe(400)
    expect(malformed.body).toEqual({
      error: 'SyntaxError',
      message: 'Unexpected end of JSON input',
    })

    expect((await api.post(INGEST, {})).body).toEqual({
      error: 'Error',
      message: "body must have required property 'events'",
    })
    const notArray = await api.post(INGEST, { events: 'x' })
    expect(notArray.status).toBe(400)
    expect(notArray.body).toEqual({ error: 'Error', message: 'body/events must be array' })
    const badTs = await api.post(INGEST, { events: [event({ ts: 'yesterday' })] })
    expect(badTs.status).toBe(400)
    expect(badTs.body).toEqual({
      error: 'Error',
      message: 'body/events/0/ts must match format "date-time"',
    })
  })

  test('an event without tenantId is a 403, before the schema', async () => {
    const { api, event } = await start()
    const { tenantId: _omitted, ...withoutTenant } = event()
    const response = await api.post(INGEST, { events: [withoutTenant] })
    expect(response.status).toBe(403)
    expect(response.body).toEqual({ error: 'Mismatched tenantId in events' })
  })

  test('history without step answers month buckets; a repeated step is a 400', async () => {
    const { api, emulator, track } = await start()
    await track(
      { quantity: 4, ts: '2026-10-20T00:00:00Z' },
      { quantity: 6, ts: '2026-11-02T00:00:00Z' },
    )
    emulator.settle()
    const query = {
      tenantId: emulator.tenantId,
      customerRef: 'cus_1',
      metric: 'api_calls',
      periodStart: '2026-10-01T00:00:00.000Z',
      periodEnd: '2026-11-30T23:59:59.999Z',
    }
    const months = await api.get(HISTORY, query)
    expect(months.status).toBe(200)
    expect(months.body.usage).toEqual([
      { ts: '2026-10-01T00:00:00.000Z', value: 4 },
      { ts: '2026-11-01T00:00:00.000Z', value: 6 },
    ])
    const repeated = await api.send(`${HISTORY}?${new URLSearchParams(query)}&step=day&step=day`, {
      headers: { authorization: `Bearer ${emulator.apiKey}` },
    })
    expect(repeated.status).toBe(400)
    expect(repeated.body.usage).toEqual([])
  })

  test('a key twice in one batch: both results accepted, counted once; keys never expire', async () => {
    const { api, event, emulator } = await start()
    const twice = await api.post(INGEST, {
      events: [event({ idempotencyKey: 'evt_1' }), event({ idempotencyKey: 'evt_1' })],
    })
    expect(twice.body).toMatchObject({
      accepted: 2,
      duplicates: 0,
      results: [
        { idempotencyKey: 'evt_1', status: 'accepted' },
        { idempotencyKey: 'evt_1', status: 'accepted' },
      ],
    })
    expect(emulator.stats().eventsCounted).toBe(1)
    clockMs += 400 * 24 * 60 * 60 * 1000
    const later = await api.post(INGEST, {
      events: [event({ idempotencyKey: 'evt_1', ts: new Date(clockMs).toISOString() })],
    })
    expect(later.body).toMatchObject({ accepted: 0, duplicates: 1 })
  })

  test('per-event results list refusals first, then the accepted', async () => {
    const { api, event } = await start()
    const response = await api.post(INGEST, {
      events: [
        event({ idempotencyKey: 'ok_1' }),
        event({ idempotencyKey: 'future', ts: '2026-11-26T12:00:00.000Z' }),
        event({ idempotencyKey: 'ok_2' }),
      ],
    })
    expect(response.body.results).toEqual([
      { idempotencyKey: 'future', status: 'error', error: 'Event timestamp too far in the future' },
      { idempotencyKey: 'ok_1', status: 'accepted' },
      { idempotencyKey: 'ok_2', status: 'accepted' },
    ])
    expect(response.body.errors).toEqual([
      { index: 1, error: 'Event timestamp too far in the future' },
    ])
  })

  test('auth runs first: an unknown route without a key is a 401; a non-UUID tenant a PostgresError', async () => {
    await start()
    const anonymous = apiClient(running as RunningTarget, null)
    expect((await anonymous.get('/v1/nothing')).status).toBe(401)
    expect((await apiClient(running as RunningTarget).get('/v1/nothing')).status).toBe(404)
    await running?.close()
    const { event } = await start({ auth: false })
    const slug = await apiClient(running as RunningTarget, null).post(INGEST, {
      events: [event({ tenantId: 'acme' })],
    })
    expect(slug.status).toBe(500)
    expect(slug.body).toEqual({
      error: 'PostgresError',
      message: 'An internal server error occurred.',
    })
  })
})

describe('what the demo profile does instead', () => {
  test('accepts what the database would refuse, reports a repeated key as a duplicate, batch order', async () => {
    const emulator = createEmulator({ seed: false, now: () => NOW })
    const response = await emulator.handle(
      new Request('http://emulator.test/v1/events/ingest', {
        method: 'POST',
        headers: { authorization: `Bearer ${emulator.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          events: [
            { idempotencyKey: 'big', quantity: 1e14, metric: 'm\u0000', ts: NOW.toISOString() },
            { idempotencyKey: 'big', quantity: 1, metric: 'm', ts: NOW.toISOString() },
            { idempotencyKey: 'late', quantity: 1, metric: 'm', ts: '2026-11-26T12:00:00Z' },
          ].map((event) => ({ tenantId: emulator.tenantId, customerRef: 'c', ...event })),
        }),
      }),
    )
    expect(response.headers.get('x-request-id')).toMatch(/^req-/)
    expect(
      (await response.json()).results.map((result: { status: string }) => result.status),
    ).toEqual(['accepted', 'duplicate', 'error'])
  })

  test('the default per-tenant limit is 1000 requests a minute in the stripemeter profile and none in demo', async () => {
    let clockMs = NOW.getTime()
    const read = (emulator: ReturnType<typeof createEmulator>) =>
      emulator.handle(
        new Request(
          `http://emulator.test/v1/usage/current?tenantId=${emulator.tenantId}&customerRef=c`,
          {
            headers: { authorization: `Bearer ${emulator.apiKey}` },
          },
        ),
      )
    const real = createEmulator({ profile: 'stripemeter', seed: false, clock: () => clockMs })
    const demo = createEmulator({ seed: false, clock: () => clockMs })
    for (let request = 0; request < 1000; request++) {
      expect((await read(real)).status).toBe(200)
      expect((await read(demo)).status).toBe(200)
    }
    expect((await read(real)).status).toBe(429)
    expect((await read(demo)).status).toBe(200)
    clockMs += 60_000
    expect((await read(real)).status).toBe(200)
  })
})

describe.each(['demo', 'stripemeter'] as const)(
  "profile '%s': totals as numeric(20,6)",
  (profile) => {
    test('sums exactly to the millionth and stores quantities below 0.000001 as 0', async () => {
      const emulator = createEmulator({ profile, seed: false, now: () => NOW })
      const post = (events: Record<string, unknown>[]) =>
        emulator.handle(
          new Request('http://emulator.test/v1/events/ingest', {
            method: 'POST',
            headers: {
              authorization: `Bearer ${emulator.apiKey}`,
              'content-type': 'application/json',
            },
            body: JSON.stringify({
              events: events.map((event, index) => ({
                tenantId: emulator.tenantId,
                customerRef: 'cus_1',
                ts: NOW.toISOString(),
                idempotencyKey: `${String(event.metric)}_${index}`,
                ...event,
              })),
            }),
          }),
        )
      await post([
        { metric: 'big', quantity: 1_234_567_890_123 },
        { metric: 'big', quantity: 1 },
        { metric: 'tenths', quantity: 0.1 },
        { metric: 'tenths', quantity: 0.2 },
        { metric: 'tiny', quantity: 0.0000009 },
        { metric: 'tiny', quantity: 0.000001 },
      ])
      emulator.settle()
      const response = await emulator.handle(
        new Request(
          `http://emulator.test/v1/usage/current?tenantId=${emulator.tenantId}&customerRef=cus_1`,
          {
            headers: { authorization: `Bearer ${emulator.apiKey}` },
          },
        ),
      )
      const metrics = (await response.json()).metrics as { name: string; current: number }[]
      expect(Object.fromEntries(metrics.map((metric) => [metric.name, metric.current]))).toEqual({
        big: 1_234_567_890_124,
        tenths: 0.3,
        tiny: 0.000001,
      })
      expect(emulator.countedEvents().map((event) => event.quantity)).toContain(0)
    })
  },
)

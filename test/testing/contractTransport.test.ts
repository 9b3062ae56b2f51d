import { afterEach, describe, expect, test } from 'vitest'
import type { EmulatorOptions } from '../../src/testing/index.js'
import { apiClient, emulatorTargets, type RunningTarget } from './emulatorTargets.js'

const NOW = new Date('2026-11-26T10:15:00.000Z')
const INGEST = '/v1/events/ingest'
const CURRENT = '/v1/usage/current'

describe.each(emulatorTargets)(
  'transport, auth, rate limit and faults through the $name',
  (target) => {
    let running: RunningTarget | undefined
    afterEach(async () => {
      await running?.close()
      running = undefined
    })
    async function start(options: EmulatorOptions = {}) {
      running = await target.start({ now: () => NOW, ...options })
      const { emulator } = running
      const api = apiClient(running)
      const batch = (...keys: string[]) => ({
        events: keys.map((idempotencyKey) => ({
          tenantId: emulator.tenantId,
          metric: 'api_calls',
          customerRef: 'cus_1',
          quantity: 1,
          ts: '2026-11-26T10:00:00.000Z',
          idempotencyKey,
        })),
      })
      const current = () => api.get(CURRENT, { tenantId: emulator.tenantId, customerRef: 'cus_1' })
      return { emulator, api, batch, current }
    }

    test('GET /health answers without a key, with an x-request-id', async () => {
      const { api } = await start()
      const response = await apiClient(running as RunningTarget, null).get('/health')
      expect(response.status).toBe(200)
      expect(response.body.status).toBe('healthy')
      expect(response.headers.get('x-request-id')).toMatch(/^req-[0-9a-f]+$/)
      const echoed = await api.get('/health', {}, { 'x-request-id': 'trace-123' })
      expect(echoed.headers.get('x-request-id')).toBe('trace-123')
    })

    test('answers an unknown route with the Fastify 404 body', async () => {
      const { api } = await start()
      const response = await api.get('/v1/usage/forecast')
      expect(response.status).toBe(404)
      expect(response.body).toEqual({
        message: expect.stringMatching(/^Route GET:.*\/v1\/usage\/forecast not found$/),
        error: 'Not Found',
        statusCode: 404,
      })
      expect(response.headers.get('x-request-id')).toBeTruthy()
    })

    test('answers a CORS preflight for the headers the client sends and exposes its headers', async () => {
      const { api } = await start()
      const preflight = await api.send(INGEST, {
        method: 'OPTIONS',
        headers: {
          origin: 'http://localhost:6006',
          'access-control-request-method': 'POST',
          'access-control-request-headers':
            'authorization, content-type, idempotency-key, x-request-id',
        },
      })
      expect(preflight.status).toBe(204)
      expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:6006')
      const allowed = preflight.headers.get('access-control-allow-headers')?.split(/,\s*/) ?? []
      expect(allowed).toEqual(
        expect.arrayContaining([
          'authorization',
          'content-type',
          'idempotency-key',
          'x-request-id',
        ]),
      )
      expect(preflight.headers.get('access-control-allow-methods')).toContain('POST')

      const actual = await api.get('/health', {}, { origin: 'http://localhost:6006' })
      expect(actual.headers.get('access-control-allow-origin')).toBe('http://localhost:6006')
      expect(actual.headers.get('access-control-expose-headers')).toContain('x-request-id')
      expect(actual.headers.get('access-control-expose-headers')).toContain('retry-after')
    })

    test('answers the real 401 bodies and accepts x-api-key', async () => {
      const { emulator, current } = await start()
      const query = { tenantId: emulator.tenantId, customerRef: 'cus_1' }
      const anonymous = apiClient(running as RunningTarget, null)
      expect((await anonymous.get(CURRENT, query)).body).toEqual({ error: 'Missing API key' })
      const noDot = await apiClient(running as RunningTarget, 'secret').get(CURRENT, query)
      expect(noDot.status).toBe(401)
      expect(noDot.body).toEqual({ error: 'Invalid API key format' })
      const unknown = await apiClient(running as RunningTarget, 'smk_x.nope').get(CURRENT, query)
      expect(unknown.status).toBe(401)
      expect(unknown.body).toEqual({ error: 'Invalid API key' })
      const headerKey = await anonymous.get(CURRENT, query, { 'x-api-key': emulator.apiKey })
      expect(headerKey.status).toBe(200)
      expect((await current()).status).toBe(200)
    })

    test('answers 429 with retry-after and x-ratelimit-* past the rate limit', async () => {
      const { api } = await start({ rateLimit: { requests: 2, windowMs: 60_000 } })
      const first = await api.get('/health')
      expect(first.headers.get('x-ratelimit-limit')).toBe('2')
      expect(first.headers.get('x-ratelimit-remaining')).toBe('1')
      await api.get('/health')
      const limited = await api.get('/health')
      expect(limited.status).toBe(429)
      expect(limited.body).toEqual({
        error: 'Too Many Requests',
        message: 'Rate limit exceeded. Please try again later.',
      })
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(59)
      expect(limited.headers.get('x-ratelimit-remaining')).toBe('0')
      expect(Number(limited.headers.get('x-ratelimit-reset'))).toBeGreaterThan(0)
    })

    test('injects a status with headers and body, once per queued fault, on one route only', async () => {
      const { api, emulator, batch } = await start({ seed: false })
      emulator.faults.next(
        'ingest',
        {
          kind: 'status',
          status: 429,
          headers: { 'retry-after': '3' },
          body: { error: 'Rate limit exceeded' },
        },
        { kind: 'status', status: 502 },
      )
      const limited = await api.post(INGEST, batch('a'))
      expect(limited.status).toBe(429)
      expect(limited.headers.get('retry-after')).toBe('3')
      expect(limited.body).toEqual({ error: 'Rate limit exceeded' })
      expect((await api.get('/health')).status).toBe(200)
      const badGateway = await api.post(INGEST, batch('a'))
      expect(badGateway.body).toEqual({ error: 'Bad Gateway', message: 'Injected fault' })
      expect((await api.post(INGEST, batch('a'))).body.accepted).toBe(1)
      expect(emulator.stats()).toMatchObject({
        eventsCounted: 1,
        requests: { ingest: 3, health: 1 },
      })
    })

    test('resets the connection: fetch rejects and nothing is counted', async () => {
      const { api, emulator, batch } = await start({ seed: false })
      emulator.faults.next('ingest', { kind: 'reset' })
      await expect(api.post(INGEST, batch('a'))).rejects.toThrow(TypeError)
      expect(emulator.countedEvents()).toEqual([])
    })

    test('commits then fails: the events count, the client hears a 503, a retry finds duplicates', async () => {
      const { api, emulator, batch } = await start({ seed: false })
      emulator.faults.next('ingest', { kind: 'commitThenFail' })
      const failed = await api.post(INGEST, batch('a', 'b'))
      expect(failed.status).toBe(503)
      expect(failed.body).toEqual({
        error: 'Service Unavailable',
        message: 'Service temporarily unavailable',
      })
      expect(emulator.stats().eventsCounted).toBe(2)
      const retry = await api.post(INGEST, batch('a', 'b'))
      expect(retry.body).toMatchObject({ accepted: 0, duplicates: 2 })
    })

    test('commits then resets the connection', async () => {
      const { api, emulator, batch } = await start({ seed: false })
      emulator.faults.next('ingest', { kind: 'commitThenFail', reset: true })
      await expect(api.post(INGEST, batch('a'))).rejects.toThrow(TypeError)
      expect(emulator.stats().eventsCounted).toBe(1)
    })

    test('answers normally after injected latency, and a standing fault holds until cleared', async () => {
      const { api, emulator, current } = await start()
      emulator.faults.next('usage', { kind: 'latency', delayMs: 20 })
      expect((await current()).status).toBe(200)
      emulator.faults.always('*', { kind: 'status', status: 500 })
      expect((await current()).status).toBe(500)
      expect((await api.get('/health')).status).toBe(500)
      emulator.faults.clear()
      expect((await current()).status).toBe(200)
    })

    test('reset() returns to the seeded state', async () => {
      const { api, emulator, batch, current } = await start()
      const seeded = (
        await api.get(CURRENT, { tenantId: emulator.tenantId, customerRef: 'cus_steady' })
      ).body
      await api.post(INGEST, batch('a'))
      await api.post(INGEST, {
        events: [{ ...batch('b').events[0], customerRef: 'cus_steady' }],
      })
      emulator.faults.always('usage', { kind: 'status', status: 500 })
      emulator.reset()
      expect(emulator.stats()).toEqual({
        eventsReceived: 0,
        eventsCounted: 0,
        duplicates: 0,
        requests: {},
      })
      expect(emulator.countedEvents()).toEqual([])
      expect((await current()).body.metrics).toEqual([])
      expect(
        (await api.get(CURRENT, { tenantId: emulator.tenantId, customerRef: 'cus_steady' })).body,
      ).toEqual(seeded)
      expect((await api.post(INGEST, batch('a'))).body.accepted).toBe(1)
    })
  },
)

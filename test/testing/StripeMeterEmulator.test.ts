import { http } from 'msw'
import { setupServer } from 'msw/node'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { isStripeMeterError } from '../../src/core/StripeMeterError.js'
import {
  createEmulator,
  EmulatorNetworkError,
  isEmulatorNetworkError,
} from '../../src/testing/index.js'
import { stripeMeterHandlers } from '../../src/testing/msw.js'

const NOW = new Date('2026-11-26T10:15:00.000Z')

function ingestRequest(emulator: ReturnType<typeof createEmulator>, keys: string[]) {
  return new Request('http://emulator.test/v1/events/ingest', {
    method: 'POST',
    headers: { authorization: `Bearer ${emulator.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      events: keys.map((idempotencyKey) => ({
        tenantId: emulator.tenantId,
        metric: 'api_calls',
        customerRef: 'cus_1',
        quantity: 1,
        ts: '2026-11-26T10:00:00.000Z',
        idempotencyKey,
      })),
    }),
  })
}

describe('createEmulator options', () => {
  test.each([
    [{ seed: '' }, 'seed', '"" (0 chars)'],
    [{ aggregationDelayMs: -1 }, 'aggregationDelayMs', '-1'],
    [{ cacheTtlMs: Number.NaN }, 'cacheTtlMs', 'NaN'],
    [{ rateLimit: { requests: 0, windowMs: 1000 } }, 'rateLimit.requests', '0'],
    [{ rateLimit: { requests: 5, windowMs: 0 } }, 'rateLimit.windowMs', '0'],
    [{ currency: 'euro' }, 'currency', '"euro" (4 chars)'],
    [{ profile: 'prod' as 'demo' }, 'profile', '"prod" (4 chars)'],
    [{ tenantRequestsPerMinute: 0 }, 'tenantRequestsPerMinute', '0'],
    [{ corsOrigins: ['localhost:5173'] }, 'corsOrigins[0]', '"localhost:5173" (14 chars)'],
    [{ priceMappings: [''] }, 'priceMappings[0]', '"" (0 chars)'],
    [{ clock: 5 as unknown as () => number }, 'clock', '5'],
    [
      { catalog: [{ name: 'x', label: 'X', aggregation: 'avg' as 'sum', unit: 'u' }] },
      'catalog[0].aggregation',
      '"avg" (3 chars)',
    ],
    [
      {
        catalog: [
          {
            name: 'x',
            label: 'X',
            aggregation: 'sum' as const,
            unit: 'u',
            price: {
              tiers: [
                { upTo: null, unitPrice: 1 },
                { upTo: 10, unitPrice: 2 },
              ],
            },
          },
        ],
      },
      'catalog[0].price.tiers[0].upTo',
      'null',
    ],
  ])('refuses %o with a validation_error naming %s and the value', (options, field, value) => {
    try {
      createEmulator(options)
      expect.unreachable()
    } catch (error) {
      expect(isStripeMeterError(error) && error.code).toBe('validation_error')
      expect((error as Error).message).toContain(`createEmulator({ ${field} }) must be`)
      expect((error as Error).message).toMatch(
        new RegExp(`, got ${value.replace(/[()[\]]/g, '\\$&')}$`),
      )
    }
  })
})

describe('emulator.faults', () => {
  const emulator = createEmulator({ seed: false })

  test.each([
    [
      () => emulator.faults.randomly('ingest', 1.5, { kind: 'reset' }),
      'faults.randomly(probability) must be from 0 to 1, got 1.5',
    ],
    [
      () => emulator.faults.next('ingest', { kind: 'status', status: 99 }),
      'faults.next(…)[0].status must be an HTTP status from 200 to 599, got 99',
    ],
    [
      () => emulator.faults.always('usage', { kind: 'latency', delayMs: -5 }),
      'faults.always(…).delayMs must be a number of milliseconds ≥ 0, got -5',
    ],
    [
      () => emulator.faults.next('ingest', { kind: 'explode' } as never),
      'faults.next(…)[0].kind must be one of latency, status, reset, commitThenFail, got "explode" (7 chars)',
    ],
  ])('refuses a fault that cannot be served: %#', (script, message) => {
    expect(script).toThrow(message)
    try {
      script()
    } catch (error) {
      expect(isStripeMeterError(error) && error.code).toBe('validation_error')
    }
  })
})

describe('emulator.handle()', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  test('holds the answer for the injected latency', async () => {
    vi.useFakeTimers()
    const emulator = createEmulator({ seed: false, now: () => NOW })
    emulator.faults.next('ingest', { kind: 'latency', delayMs: 5000 })
    let settled = false
    const answer = emulator.handle(ingestRequest(emulator, ['a'])).then((response) => {
      settled = true
      return response
    })
    await vi.advanceTimersByTimeAsync(4999)
    expect(settled).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    expect((await answer).status).toBe(200)
  })

  test('rejects with a TypeError-like EmulatorNetworkError on a reset, telling whether it committed', async () => {
    const emulator = createEmulator({ seed: false, now: () => NOW })
    emulator.faults.next('ingest', { kind: 'reset' }, { kind: 'commitThenFail', reset: true })
    const before = await emulator.handle(ingestRequest(emulator, ['a'])).catch((error) => error)
    expect(before).toBeInstanceOf(TypeError)
    expect(before).toBeInstanceOf(EmulatorNetworkError)
    expect(isEmulatorNetworkError(before) && before.committed).toBe(false)
    const after = await emulator.handle(ingestRequest(emulator, ['a'])).catch((error) => error)
    expect(isEmulatorNetworkError(after) && after.committed).toBe(true)
    expect(emulator.stats().eventsCounted).toBe(1)
  })

  // Through `handle()`: msw costs tens of milliseconds a request here, and the dice are the
  // emulator's, the same behind every adapter.
  test('fails a seeded share of requests, the same ones for the same seed', async () => {
    const outcomes: number[][] = []
    for (let run = 0; run < 2; run++) {
      const emulator = createEmulator({ seed: 'flaky', now: () => NOW })
      emulator.faults.randomly('health', 0.3, { kind: 'status', status: 503 })
      const statuses: number[] = []
      for (let request = 0; request < 40; request++) {
        statuses.push((await emulator.handle(new Request('http://emulator.test/health'))).status)
      }
      outcomes.push(statuses)
    }
    expect(outcomes[0]).toEqual(outcomes[1])
    const failures = outcomes[0]?.filter((status) => status === 503).length ?? 0
    expect(failures).toBeGreaterThan(4)
    expect(failures).toBeLessThan(24)
  })

  test('counts requests per route, unknown ones as notFound', async () => {
    const emulator = createEmulator({ seed: false, now: () => NOW })
    await emulator.handle(ingestRequest(emulator, ['a']))
    await emulator.handle(new Request('http://emulator.test/health'))
    await emulator.handle(new Request('http://emulator.test/v2/nothing'))
    expect(emulator.stats().requests).toEqual({ ingest: 1, health: 1, notFound: 1 })
  })

  test('countedEvents() hands out copies', async () => {
    const emulator = createEmulator({ seed: false, now: () => NOW })
    await emulator.handle(ingestRequest(emulator, ['a']))
    const [event] = emulator.countedEvents()
    if (event) event.quantity = 99
    expect(emulator.countedEvents()[0]?.quantity).toBe(1)
  })
})

describe('stripeMeterHandlers', () => {
  const server = setupServer()
  afterEach(() => {
    server.resetHandlers()
    server.close()
  })

  test('serves an origin without a path and leaves other hosts to other handlers', async () => {
    const emulator = createEmulator({ seed: false, now: () => NOW })
    server.use(
      ...stripeMeterHandlers(emulator, { baseUrl: 'http://localhost:3000/' }),
      http.get('http://elsewhere.test/ping', () => Response.json({ pong: true })),
    )
    server.listen({ onUnhandledFrame: 'error' })
    const health = await fetch('http://localhost:3000/health')
    expect(await health.json()).toMatchObject({ status: 'healthy' })
    const other = await fetch('http://elsewhere.test/ping')
    expect(await other.json()).toEqual({ pong: true })
    expect(emulator.stats().requests).toEqual({ health: 1 })
  })

  test('turns a scripted reset into a network error for fetch', async () => {
    const emulator = createEmulator({ seed: false, now: () => NOW })
    server.use(...stripeMeterHandlers(emulator, { baseUrl: 'https://api.stripemeter.test' }))
    server.listen({ onUnhandledFrame: 'error' })
    emulator.faults.next('health', { kind: 'reset' })
    await expect(fetch('https://api.stripemeter.test/health')).rejects.toThrow(TypeError)
  })
})

import { afterEach, describe, expect, it, vi } from 'vitest'
import { MemoryStorage } from '../../src/core/persistence/MemoryStorage.js'
import { StripeMeterClient } from '../../src/core/StripeMeterClient.js'
import type { StripeMeterClientOptions } from '../../src/core/StripeMeterClientOptions.js'
import type { StripeMeterError } from '../../src/core/StripeMeterError.js'
import type { IngestEvent } from '../../src/core/types.js'
import {
  type RunningEmulator,
  type StartEmulatorOptions,
  startEmulator,
} from '../../src/testing/startEmulator.js'

/** Waits in real time for `condition`, whether or not timers are faked. */
async function until(condition: () => boolean, what: string, timeoutMs = 4_000): Promise<void> {
  const deadlineMs = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadlineMs)
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((resolve) => setImmediate(resolve))
  }
}

/**
 * Sends events marked `meta.poison` with a quantity of 1e14, which the client refuses to send
 * but a stored event of an older client, or a database limit the client does not know, would
 * bring to the server: it stands in for any event the server's database cannot store.
 */
const poisoningFetch = async (request: Request, init?: RequestInit): Promise<Response> => {
  if (!new URL(request.url).pathname.endsWith('/v1/events/ingest')) return fetch(request, init)
  const body = (await request.clone().json()) as { events: IngestEvent[] }
  for (const event of body.events) if (event.meta?.poison === true) event.quantity = 1e14
  return fetch(new Request(request, { body: JSON.stringify(body) }), init)
}

/** Delivery against the emulator's Node server, as each profile answers: what must hold on both. */
describe.each(['demo', 'stripemeter'] as const)(
  "delivery against the emulator, profile '%s'",
  (profile) => {
    let running: RunningEmulator
    let client: StripeMeterClient

    async function start(
      emulatorOptions: Omit<StartEmulatorOptions, 'profile' | 'port' | 'seed'> = {},
      clientOptions: Partial<StripeMeterClientOptions> = {},
    ): Promise<StripeMeterClient> {
      running = await startEmulator({ profile, port: 0, seed: false, ...emulatorOptions })
      client = new StripeMeterClient({
        apiUrl: running.url,
        tenantId: running.emulator.tenantId,
        apiKey: running.emulator.apiKey,
        flushInterval: 0,
        batchSize: 5_000,
        storage: false,
        ...clientOptions,
      })
      return client
    }

    afterEach(async () => {
      vi.useRealTimers()
      await client?.close().catch(() => undefined)
      await running?.close()
    })

    const event = (customerRef: string, quantity = 1) => ({
      metric: 'api_calls',
      customerRef,
      quantity,
    })

    it('same-millisecond twins are both counted (the server-derived key would merge them)', async () => {
      await start()
      const ts = new Date(Date.now() - 1_000)
      client.buffer({ ...event('cus_twins'), ts })
      client.buffer({ ...event('cus_twins'), ts })
      await client.flush()
      expect(running.emulator.stats()).toMatchObject({ eventsCounted: 2, duplicates: 0 })
      running.emulator.settle()
      const usage = await client.getUsage('cus_twins')
      expect(usage.metrics.find((metric) => metric.name === 'api_calls')?.current).toBe(2)
    })

    it('commit then 503: the retry is a duplicate and every event is counted once', async () => {
      await start()
      running.emulator.faults.next('ingest', { kind: 'commitThenFail', status: 503 })
      for (let index = 0; index < 50; index++) client.buffer(event('cus_commit'))
      await client.flush()
      expect(running.emulator.stats()).toMatchObject({
        eventsReceived: 100,
        eventsCounted: 50,
        duplicates: 50,
      })
    })

    const keysOf = (events: readonly IngestEvent[]) => events.map((sent) => sent.idempotencyKey)

    it('503, 503, 200: every event counted once, in order, with the keys it was buffered with', async () => {
      await start()
      running.emulator.faults.next(
        'ingest',
        { kind: 'status', status: 503 },
        { kind: 'status', status: 503 },
      )
      const buffered = Array.from({ length: 5 }, (_, index) =>
        client.buffer(event('cus_503', index + 1)),
      )
      await client.flush()
      expect(running.emulator.stats().requests.ingest).toBe(3)
      expect(keysOf(running.emulator.countedEvents())).toEqual(keysOf(buffered))
      expect(client.getState()).toMatchObject({ pending: 0, inFlight: 0 })
    })

    it('commit then connection reset: the resend is a duplicate and the count is right', async () => {
      await start()
      running.emulator.faults.next('ingest', { kind: 'commitThenFail', reset: true })
      for (let index = 0; index < 4; index++) client.buffer(event('cus_reset'))
      await client.flush()
      expect(running.emulator.stats()).toMatchObject({ eventsCounted: 4, duplicates: 4 })
    })

    it('a backlog of 2500 goes in 3 full requests, in order, each counted once', async () => {
      await start()
      const buffered = Array.from({ length: 2_500 }, (_, index) =>
        client.buffer(event('cus_backlog', index + 1)),
      )
      await client.flush()
      expect(running.emulator.stats().requests.ingest).toBe(3)
      expect(keysOf(running.emulator.countedEvents())).toEqual(keysOf(buffered))
    })

    it('a failed flush rejects with a request id, keeps the events queued in order, and the next flush delivers them', async () => {
      await start({}, { retryAttempts: 0 })
      running.emulator.faults.next('ingest', { kind: 'status', status: 503 })
      const buffered = Array.from({ length: 7 }, (_, index) =>
        client.buffer(event('cus_again', index + 1)),
      )
      const failure = (await client.flush().catch((error: unknown) => error)) as StripeMeterError
      expect(failure).toMatchObject({ code: 'http_error', statusCode: 503 })
      // The client's own id: the demo echoes it in its header, the real server sends none.
      expect(failure.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f-]{27}$/)
      expect(client.getState()).toMatchObject({ pending: 7, inFlight: 0 })
      await client.flush()
      expect(keysOf(running.emulator.countedEvents())).toEqual(keysOf(buffered))
    })

    it('close() during an in-flight request waits for it; then buffer() throws client_closed', async () => {
      await start()
      running.emulator.faults.next('ingest', { kind: 'latency', delayMs: 50 })
      client.buffer(event('cus_close'))
      const flushing = client.flush()
      await until(() => client.getState().inFlight === 1, 'the request in flight')
      await client.close()
      await flushing
      expect(running.emulator.stats().eventsCounted).toBe(1)
      expect(() => client.buffer(event('cus_close'))).toThrow(
        expect.objectContaining({ code: 'client_closed' }),
      )
    })

    it('the flush interval delivers without a flush() call', async () => {
      await start({}, { flushInterval: 20 })
      client.buffer(event('cus_interval'))
      await until(() => running.emulator.stats().eventsCounted === 1, 'the timed delivery')
      expect(client.getState()).toMatchObject({ pending: 0 })
    })

    it('an event over 1 h ahead by the server clock is refused per event and reported', async () => {
      const onError = vi.fn()
      // The server's clock runs 2 h behind ours, so our "now" is over an hour in its future.
      await start({ now: () => new Date(Date.now() - 2 * 3_600_000) }, { onError })
      client.buffer(event('cus_future'))
      client.buffer({ ...event('cus_future'), ts: new Date(Date.now() - 3 * 3_600_000) })
      await client.flush()
      expect(onError).toHaveBeenCalledTimes(1)
      const [error, events] = onError.mock.calls[0] as [StripeMeterError, IngestEvent[]]
      expect(error.code).toBe('rejected')
      expect(events).toHaveLength(1)
      expect(running.emulator.stats().eventsCounted).toBe(1)
      expect(client.getState()).toMatchObject({ pending: 0 })
    })

    it('a wrong key: unauthorized, events kept for the next flush', async () => {
      await start({}, { apiKey: 'sk_wrong.key' })
      client.buffer(event('cus_x'))
      await expect(client.flush()).rejects.toMatchObject({ code: 'unauthorized', statusCode: 401 })
      expect(client.getState()).toMatchObject({
        pending: 1,
        lastError: expect.objectContaining({ code: 'unauthorized' }),
      })
    })

    it('an outage (every ingest 500): nothing set aside, everything delivered once it ends', async () => {
      const onError = vi.fn()
      await start({}, { onError, retryAttempts: 0 })
      running.emulator.faults.always('ingest', { kind: 'status', status: 500 })
      const buffered = Array.from({ length: 1000 }, (_, index) =>
        client.buffer(event('cus_outage', index + 1)),
      )
      await expect(client.flush()).rejects.toMatchObject({ code: 'http_error', statusCode: 500 })
      // The halving gives up after a bounded number of requests, not one per event.
      expect(running.emulator.stats().requests.ingest).toBeLessThanOrEqual(23)
      expect(client.getState()).toMatchObject({ pending: 1000, inFlight: 0 })
      running.emulator.faults.clear()
      await client.flush()
      expect(onError).not.toHaveBeenCalled()
      expect(running.emulator.stats()).toMatchObject({ eventsCounted: 1000, duplicates: 0 })
      running.emulator.settle()
      const usage = await client.getUsage('cus_outage')
      const total = buffered.reduce((sum, sent) => sum + sent.quantity, 0)
      expect(usage.metrics.find((metric) => metric.name === 'api_calls')?.current).toBe(total)
    })

    it(
      profile === 'stripemeter'
        ? 'an event the database cannot store (whole batch 500): set aside through onError, all others counted'
        : 'an event the real database could not store is simply counted (the demo has no such limit)',
      async () => {
        const onError = vi.fn()
        await start({}, { onError, retryAttempts: 0, fetch: poisoningFetch })
        const buffered = Array.from({ length: 100 }, (_, index) =>
          client.buffer({ ...event('cus_poison'), meta: { poison: index === 37 } }),
        )
        await client.flush()
        expect(client.getState()).toMatchObject({ pending: 0, inFlight: 0 })
        if (profile === 'demo') {
          expect(onError).not.toHaveBeenCalled()
          expect(running.emulator.stats().eventsCounted).toBe(100)
          return
        }
        expect(running.emulator.stats().eventsCounted).toBe(99)
        expect(onError).toHaveBeenCalledTimes(1)
        const [error, events] = onError.mock.calls[0] as [StripeMeterError, IngestEvent[]]
        expect(error).toMatchObject({ code: 'rejected', statusCode: 500 })
        expect(error.message).toContain('An internal server error occurred.')
        expect(events.map((sent) => sent.idempotencyKey)).toEqual([buffered[37]?.idempotencyKey])
        expect(client.getState().lastError?.code).toBe('rejected')
      },
    )

    it('a key buffered twice is queued, sent and counted once; buffered again after delivery it is a duplicate', async () => {
      await start()
      const first = client.buffer({ ...event('cus_key', 2), idempotencyKey: 'evt_twice' })
      const again = client.buffer({ ...event('cus_key', 2), idempotencyKey: 'evt_twice' })
      expect(again).toBe(first)
      expect(client.getState().pending).toBe(1)
      await client.flush()
      expect(running.emulator.stats()).toMatchObject({ eventsReceived: 1, eventsCounted: 1 })
      client.buffer({ ...event('cus_key', 2), idempotencyKey: 'evt_twice' })
      await client.flush()
      expect(running.emulator.stats()).toMatchObject({
        eventsReceived: 2,
        eventsCounted: 1,
        duplicates: 1,
      })
    })

    it.each([
      ['in memory', false],
      ['with storage', new MemoryStorage()],
    ] as const)(
      'an event buffer() returned, buffered again, is queued once (%s)',
      async (_, storage) => {
        await start({}, { storage })
        // Generated keys are indexed only from the first key a caller passes that could be one.
        const returned = [1, 2, 3].map((quantity) => client.buffer(event('cus_again', quantity)))
        client.buffer({ ...event('cus_again', 9), idempotencyKey: 'evt_own' })
        expect(client.buffer(returned[1] as IngestEvent)).toBe(returned[1])
        // From then on, each new generated key is found too.
        const later = client.buffer(event('cus_again', 4))
        expect(client.buffer({ ...later })).toBe(later)
        expect(client.buffer(returned[0] as IngestEvent)).toBe(returned[0])
        expect(client.getState().pending).toBe(5)
        await client.flush()
        expect(running.emulator.stats()).toMatchObject({
          eventsReceived: 5,
          eventsCounted: 5,
          duplicates: 0,
        })
        // Delivered and so no longer held: buffered again, it goes and the server counts it once.
        client.buffer(returned[2] as IngestEvent)
        await client.flush()
        expect(running.emulator.stats()).toMatchObject({ eventsCounted: 5, duplicates: 1 })
      },
    )

    it('a key repeated in one trackBatch() goes once and is counted once in the result', async () => {
      await start()
      const result = await client.trackBatch([
        { ...event('cus_repeat'), idempotencyKey: 'evt_a' },
        { ...event('cus_repeat'), idempotencyKey: 'evt_b' },
        { ...event('cus_repeat'), idempotencyKey: 'evt_a' },
      ])
      expect(result).toMatchObject({ accepted: 2, duplicates: 1, rejected: 0 })
      expect(result.results).toEqual([
        { idempotencyKey: 'evt_a', status: 'accepted' },
        { idempotencyKey: 'evt_b', status: 'accepted' },
        { idempotencyKey: 'evt_a', status: 'duplicate' },
      ])
      expect(running.emulator.stats()).toMatchObject({ eventsReceived: 2, eventsCounted: 2 })
    })

    it('the per-tenant 429 without retry-after: events stay queued and go once the minute turns', async () => {
      // The retry pauses are under test: the client's timers are fake, the server and sockets real.
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
      let serverClockMs = 0
      const onError = vi.fn()
      await start(
        { tenantRequestsPerMinute: 1, clock: () => serverClockMs },
        { onError, retryAttempts: 0, batchSize: 5 },
      )
      const failures: StripeMeterError[] = []
      client.onLifecycle((step) => {
        if (step.type === 'failed') failures.push(step.error)
      })
      for (let index = 0; index < 5; index++) client.buffer(event('cus_limited', index + 1))
      await until(() => running.emulator.stats().eventsCounted === 5, 'the first batch')
      for (let index = 0; index < 5; index++) client.buffer(event('cus_limited', index + 6))
      await until(() => failures.length === 1, 'the first 429')
      expect(failures[0]).toMatchObject({
        code: 'rate_limited',
        statusCode: 429,
        retryAfterMs: undefined,
      })
      expect(client.getState()).toMatchObject({ pending: 5, inFlight: 0 })
      // The pause after the nth failure is at most 2^(n-1) s; the minute has not turned yet.
      await vi.advanceTimersByTimeAsync(1_000)
      await until(() => failures.length === 2, 'the second 429')
      serverClockMs = 60_000
      await vi.advanceTimersByTimeAsync(2_000)
      await until(() => client.getState().pending === 0, 'delivery once the minute turned')
      expect(running.emulator.stats()).toMatchObject({ eventsCounted: 10, duplicates: 0 })
      expect(running.emulator.stats().requests.ingest).toBe(4)
      expect(onError).not.toHaveBeenCalled()
    })

    it('track() past the per-tenant limit rejects with rate_limited after its retries', async () => {
      await start({ tenantRequestsPerMinute: 1, clock: () => 0 }, { retryAttempts: 0 })
      await client.track(event('cus_track'))
      await expect(client.track(event('cus_track'))).rejects.toMatchObject({
        code: 'rate_limited',
        statusCode: 429,
        message: expect.stringContaining('Rate limit exceeded'),
      })
      expect(running.emulator.stats().eventsCounted).toBe(1)
    })
  },
)

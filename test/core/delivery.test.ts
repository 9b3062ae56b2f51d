import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { StripeMeterClient } from '../../src/core/StripeMeterClient.js'
import type { StripeMeterClientOptions } from '../../src/core/StripeMeterClientOptions.js'
import type { StripeMeterError } from '../../src/core/StripeMeterError.js'
import type { IngestEvent } from '../../src/core/types.js'
import { failWith, type LoopbackServer, startLoopbackServer } from './loopbackServer.js'

let server: LoopbackServer
let client: StripeMeterClient | undefined

beforeEach(async () => {
  server = await startLoopbackServer()
})

afterEach(async () => {
  vi.useRealTimers()
  await client?.close().catch(() => undefined)
  client = undefined
  await server.close()
})

function makeClient(
  options: { [K in keyof StripeMeterClientOptions]?: StripeMeterClientOptions[K] | undefined } = {},
): StripeMeterClient {
  client = new StripeMeterClient({
    apiUrl: server.url,
    tenantId: 'tenant_test',
    apiKey: 'sk_test.secret',
    flushInterval: 0,
    batchSize: 5_000,
    ...options,
  } as StripeMeterClientOptions)
  return client
}

function bufferMany(
  target: StripeMeterClient,
  count: number,
  meta?: (index: number) => Record<string, unknown>,
) {
  return Array.from({ length: count }, (_, index) =>
    target.buffer({
      metric: 'api_calls',
      customerRef: 'cus_ABC123',
      quantity: index + 1,
      ...(meta === undefined ? {} : { meta: meta(index) }),
    }),
  )
}

const keysOf = (events: readonly IngestEvent[]) => events.map((event) => event.idempotencyKey)

/** `vi.waitFor`'s 1 s default is short for a loopback request on a loaded machine. */
const EVENTUALLY = { timeout: 4_000 }

/** Lets sockets and the server run a few turns (fake timers leave setImmediate alone). */
async function settleIo(turns = 20): Promise<void> {
  for (let turn = 0; turn < turns; turn++) await new Promise((resolve) => setImmediate(resolve))
}

/** Waits in real time for `condition`, whether or not timers are faked. */
async function until(condition: () => boolean, what: string, timeoutMs = 4_000): Promise<void> {
  const deadlineMs = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadlineMs)
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((resolve) => setImmediate(resolve))
  }
}

describe('delivery', () => {
  it('503, 503, 200: every event counted once in 3 requests with the same keys', async () => {
    const target = makeClient()
    server.script(failWith(503), failWith(503))
    const buffered = bufferMany(target, 5)
    await target.flush()
    const ingests = server.ingestRequests()
    expect(ingests).toHaveLength(3)
    for (const request of ingests) expect(keysOf(request.events)).toEqual(keysOf(buffered))
    expect(server.counted.size).toBe(5)
    expect(target.getState()).toMatchObject({ pending: 0, inFlight: 0 })
  })

  it('commit then connection reset: the retry comes back duplicate and the count is right', async () => {
    const target = makeClient()
    const delivered: string[] = []
    target.onLifecycle((step) => {
      if (step.type === 'sent') delivered.push(`sent ${step.events.length}`)
      if (step.type === 'settled') delivered.push(...step.events.map(() => step.status))
    })
    server.script((request) => {
      server.commit(request)
      return { reset: true }
    })
    bufferMany(target, 4)
    await target.flush()
    expect(server.ingestRequests()).toHaveLength(2)
    expect(server.counted.size).toBe(4)
    // Sent once, although two requests carried the events.
    expect(delivered).toEqual(['sent 4', 'duplicate', 'duplicate', 'duplicate', 'duplicate'])
  })

  it('429 with Retry-After: 2 sends nothing before 2 s have passed', async () => {
    const target = makeClient()
    server.script(failWith(429, { 'retry-after': '2' }))
    bufferMany(target, 3)
    await target.flush()
    const [refused, retried] = server.ingestRequests()
    expect(retried).toBeDefined()
    expect((retried?.receivedAtMs ?? 0) - (refused?.receivedAtMs ?? 0)).toBeGreaterThanOrEqual(2000)
    expect(server.counted.size).toBe(3)
  }, 10_000) // Waits the 2 s for real: that wait is the behaviour under test.

  it('413 on 1000 events: split and all counted', async () => {
    const target = makeClient()
    server.setDefault((request) =>
      request.events.length > 500 ? failWith(413)(request) : server.commit(request),
    )
    bufferMany(target, 1000)
    await target.flush()
    expect(server.ingestRequests().map((request) => request.events.length)).toEqual([
      1000, 500, 500,
    ])
    expect(server.counted.size).toBe(1000)
  })

  it('one poison event in a whole-batch 400: all others counted, it alone reported', async () => {
    const onError = vi.fn()
    const target = makeClient({ onError })
    server.setDefault((request) =>
      request.events.some((event) => event.meta?.poison === true)
        ? {
            status: 400,
            json: {
              accepted: 0,
              duplicates: 0,
              errors: [{ index: 0, error: 'Number must be greater than 0' }],
            },
          }
        : server.commit(request),
    )
    const buffered = bufferMany(target, 100, (index) => ({ poison: index === 37 }))
    await target.flush()
    expect(server.counted.size).toBe(99)
    expect(server.counted.has(buffered[37]?.idempotencyKey as string)).toBe(false)
    expect(onError).toHaveBeenCalledTimes(1)
    const [error, events] = onError.mock.calls[0] as [StripeMeterError, IngestEvent[]]
    expect(error.code).toBe('rejected')
    expect(error.message).toContain('Number must be greater than 0')
    expect(keysOf(events)).toEqual([buffered[37]?.idempotencyKey])
    expect(target.getState().lastError?.code).toBe('rejected')
  })

  /** The real server's answer to a batch holding an event its database cannot store. */
  const databaseFailure = {
    status: 500,
    json: { error: 'PostgresError', message: 'An internal server error occurred.' },
  }
  const failsOnPoison = (request: Parameters<typeof server.commit>[0]) =>
    request.events.some((event) => event.meta?.poison === true)
      ? databaseFailure
      : server.commit(request)

  it.each([
    ['in the middle', [37]],
    ['first', [0]],
    ['last', [99]],
    ['side by side, twice', [0, 1]],
    ['far apart', [3, 90]],
  ] as const)(
    'a poison event behind a whole-batch 500 (%s): set aside as rejected/500, all others counted',
    async (_where, poisonIndexes) => {
      const onError = vi.fn()
      const target = makeClient({ onError, retryAttempts: 0 })
      server.setDefault(failsOnPoison)
      const buffered = bufferMany(target, 100, (index) => ({
        poison: (poisonIndexes as readonly number[]).includes(index),
      }))
      await target.flush()
      expect(server.counted.size).toBe(100 - poisonIndexes.length)
      const calls = onError.mock.calls as [StripeMeterError, IngestEvent[]][]
      const reported = calls.map(([error, events]) => {
        expect(error).toMatchObject({ code: 'rejected', statusCode: 500 })
        expect(error.message).toContain('An internal server error occurred.')
        return keysOf(events)
      })
      expect(reported.flat()).toEqual(poisonIndexes.map((index) => buffered[index]?.idempotencyKey))
      expect(target.getState()).toMatchObject({ pending: 0, inFlight: 0 })
    },
  )

  it('an outage that ends while a batch is being halved sets nothing aside', async () => {
    const onError = vi.fn()
    const target = makeClient({ onError, retryAttempts: 0 })
    // 8 events: 8, 4, 2 and the first alone fail; from then on the server is back.
    server.script(failWith(500), failWith(500), failWith(500), failWith(500))
    const buffered = bufferMany(target, 8)
    await target.flush()
    expect(onError).not.toHaveBeenCalled()
    expect(new Set(server.counted.keys())).toEqual(new Set(keysOf(buffered)))
    // The event that failed alone before anything succeeded was tried alone once more.
    expect(server.ingestRequests().map((request) => request.events.length)).toEqual([
      8, 4, 2, 1, 1, 2, 4, 1,
    ])
  })

  it('an outage (every request 500): the flush rejects after a bounded number of requests, nothing set aside', async () => {
    const onError = vi.fn()
    const target = makeClient({ onError, retryAttempts: 0 })
    server.setDefault(failWith(500))
    const buffered = bufferMany(target, 1000)
    await expect(target.flush()).rejects.toMatchObject({ code: 'http_error', statusCode: 500 })
    // 2 × ⌈log2 1000⌉ + 2 failures in a row are taken for an outage.
    expect(server.ingestRequests()).toHaveLength(23)
    expect(target.getState()).toMatchObject({ pending: 1000, inFlight: 0 })
    server.setDefault((request) => server.commit(request))
    await target.flush()
    expect(onError).not.toHaveBeenCalled()
    expect([...server.counted.keys()]).toEqual(keysOf(buffered))
  })

  it('502, 503 and 504 are not halved: the server never got to the events', async () => {
    const target = makeClient({ retryAttempts: 0 })
    for (const status of [502, 503, 504]) {
      server.script(failWith(status))
      bufferMany(target, 10)
      await expect(target.flush()).rejects.toMatchObject({ statusCode: status })
    }
    expect(server.ingestRequests().map((request) => request.events.length)).toEqual([10, 20, 30])
  })

  it('trackBatch() sets a poison event behind a 500 aside in its result', async () => {
    const target = makeClient({ retryAttempts: 0 })
    server.setDefault(failsOnPoison)
    const result = await target.trackBatch(
      Array.from({ length: 10 }, (_, index) => ({
        metric: 'api_calls',
        customerRef: 'cus_ABC123',
        quantity: 1,
        meta: { poison: index === 4 },
      })),
    )
    expect(result).toMatchObject({ accepted: 9, duplicates: 0, rejected: 1 })
    expect(result.results[4]).toMatchObject({
      status: 'error',
      error: expect.stringContaining('An internal server error occurred.'),
    })
  })

  it('a 200 with two error results: those two reported, nothing resent', async () => {
    const onError = vi.fn()
    const target = makeClient({ onError })
    server.setDefault((request) => {
      const good = request.events.filter((event) => event.meta?.bad !== true)
      const reply = server.commit({ ...request, events: good })
      const body = reply.json as { results: object[] }
      for (const event of request.events.filter((candidate) => candidate.meta?.bad === true)) {
        body.results.push({
          idempotencyKey: event.idempotencyKey,
          status: 'error',
          error: 'Event timestamp too far in the future',
        })
      }
      return reply
    })
    const buffered = bufferMany(target, 10, (index) => ({ bad: index === 2 || index === 7 }))
    await target.flush()
    expect(server.ingestRequests()).toHaveLength(1)
    expect(server.counted.size).toBe(8)
    expect(onError).toHaveBeenCalledTimes(1)
    const [error, events] = onError.mock.calls[0] as [StripeMeterError, IngestEvent[]]
    expect(error.code).toBe('rejected')
    expect(keysOf(events)).toEqual([buffered[2]?.idempotencyKey, buffered[7]?.idempotencyKey])
  })

  it('events missing from the results are sent again', async () => {
    const target = makeClient()
    server.script((request) => server.commit({ ...request, events: request.events.slice(0, 3) }))
    const buffered = bufferMany(target, 5)
    await target.flush()
    const ingests = server.ingestRequests()
    expect(ingests.map((request) => keysOf(request.events))).toEqual([
      keysOf(buffered),
      keysOf(buffered.slice(3)),
    ])
    expect(server.counted.size).toBe(5)
  })

  it('results in another order than the events are matched by key', async () => {
    const target = makeClient()
    const delivered: string[] = []
    target.onLifecycle((step) => {
      if (step.type === 'settled') {
        delivered.push(...step.events.map((event) => event.idempotencyKey as string))
      }
    })
    server.script((request) => {
      const reply = server.commit(request)
      ;(reply.json as { results: object[] }).results.reverse()
      return reply
    })
    const buffered = bufferMany(target, 6)
    await target.flush()
    expect(server.ingestRequests()).toHaveLength(1)
    expect(delivered.sort()).toEqual(keysOf(buffered).sort())
  })

  it('a backlog goes in full requests, in order, each under the body limit', async () => {
    const target = makeClient({ maxQueueSize: 20_000 })
    const buffered = bufferMany(target, 2500)
    // 3000 events with 900-byte meta: the 1 MiB body cap, not the 1000-event cap, decides.
    buffered.push(...bufferMany(target, 3000, () => ({ note: 'x'.repeat(900) })))
    await target.flush()
    const ingests = server.ingestRequests()
    const sizes = ingests.map((request) => request.events.length)
    expect(sizes.slice(0, 3)).toEqual([1000, 1000, 1000])
    for (const request of ingests) expect(Buffer.byteLength(request.body)).toBeLessThan(1_000_000)
    // The meta-heavy requests are cut by bytes: fewer than 1000 events, yet close to the cap.
    const byteBound = ingests.slice(3, -1)
    expect(byteBound.length).toBeGreaterThan(0)
    for (const request of byteBound) {
      expect(request.events.length).toBeLessThan(1000)
      expect(Buffer.byteLength(request.body)).toBeGreaterThan(990_000)
    }
    expect(ingests).toHaveLength(6)
    expect(ingests.flatMap((request) => keysOf(request.events))).toEqual(keysOf(buffered))
    // 5,500 events and about 5 MB of JSON, built, sent and parsed on this thread: CPU-bound, so
    // past the default 5 s when the browser projects load both cores (it timed out once so).
  }, 20_000)

  it('concurrent flushes share one delivery at a time: no event sent twice', async () => {
    const target = makeClient()
    let active = 0
    let maxActive = 0
    server.setDefault(async (request) => {
      active++
      maxActive = Math.max(maxActive, active)
      await new Promise((resolve) => setTimeout(resolve, 30))
      active--
      return server.commit(request)
    })
    bufferMany(target, 300)
    const first = [target.flush(), target.flush()]
    bufferMany(target, 200)
    await Promise.all([...first, target.flush(), target.flush()])
    const sentKeys = server.ingestRequests().flatMap((request) => keysOf(request.events))
    expect(sentKeys).toHaveLength(500)
    expect(new Set(sentKeys).size).toBe(500)
    expect(maxActive).toBe(1)
  })

  it('full queue: queue_full, nothing evicted, the rest delivered', async () => {
    const target = makeClient({ maxQueueSize: 10, batchSize: 10 })
    const buffered = bufferMany(target, 10)
    expect(() =>
      target.buffer({ metric: 'api_calls', customerRef: 'cus_ABC123', quantity: 11 }),
    ).toThrow(expect.objectContaining({ code: 'queue_full' }))
    await target.flush()
    expect([...server.counted.keys()]).toEqual(keysOf(buffered))
  })

  it('outage then recovery: automatic retries after growing pauses, nothing lost or reordered', async () => {
    // The pauses are what is under test, so the client's timers are fake (setTimeout only);
    // the server, the sockets and setImmediate stay real.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const target = makeClient({ retryAttempts: 0, batchSize: 20 })
    server.script(failWith(503), () => ({ reset: true }), failWith(502))
    const failures: StripeMeterError[] = []
    target.subscribe(({ lastError }) => {
      if (lastError !== undefined && lastError !== failures.at(-1)) failures.push(lastError)
    })
    const buffered = bufferMany(target, 20) // batchSize: the first attempt starts at once
    // After the nth failure the pause is 2^(n-1) s, jittered to between half and all of it.
    // (A failure is published in the same turn as its retry timer is armed.)
    for (const [attempt, backoffMs] of [
      [1, 1_000],
      [2, 2_000],
      [3, 4_000],
    ] as const) {
      await until(() => failures.length === attempt, `failed attempt ${attempt}`)
      await vi.advanceTimersByTimeAsync(backoffMs / 2 - 1)
      await settleIo()
      expect(server.ingestRequests()).toHaveLength(attempt)
      await vi.advanceTimersByTimeAsync(backoffMs / 2 + 1)
      await until(() => server.ingestRequests().length === attempt + 1, `attempt ${attempt + 1}`)
    }
    await until(() => target.getState().lastFlushAt !== undefined, 'the recovery')
    expect(server.ingestRequests()).toHaveLength(4)
    expect([...server.counted.keys()]).toEqual(keysOf(buffered))
    expect(failures.map((error) => error.code)).toEqual([
      'http_error',
      'network_error',
      'http_error',
    ])
    expect(target.getState()).toMatchObject({ pending: 0, inFlight: 0 })
    expect(target.getState().lastError).toBeUndefined()
  })

  it('a failed flush rejects, keeps every event queued in order, and the next flush delivers them', async () => {
    const target = makeClient({ retryAttempts: 0 })
    server.script(failWith(503))
    const buffered = bufferMany(target, 7)
    await expect(target.flush()).rejects.toMatchObject({
      code: 'http_error',
      statusCode: 503,
      requestId: 'req-1',
    })
    expect(target.getState()).toMatchObject({ pending: 7, inFlight: 0 })
    await target.flush()
    expect([...server.counted.keys()]).toEqual(keysOf(buffered))
  })

  it('401: unauthorized, events stay, the next flush uses fresh headers and succeeds', async () => {
    let token = 0
    const target = makeClient({
      apiKey: undefined,
      retryAttempts: 0,
      headers: async () => ({ authorization: `Bearer token-${++token}` }),
    })
    server.script(() => ({ status: 401, json: { error: 'Invalid API key' } }))
    bufferMany(target, 3)
    await expect(target.flush()).rejects.toMatchObject({ code: 'unauthorized', statusCode: 401 })
    expect(target.getState().pending).toBe(3)
    await target.flush()
    expect(server.ingestRequests().map((request) => request.headers.authorization)).toEqual([
      'Bearer token-1',
      'Bearer token-2',
    ])
    expect(server.counted.size).toBe(3)
  })

  it('a timeout is retried with the same keys', async () => {
    const target = makeClient({ timeout: 200 })
    server.script(() => ({ delayMs: 1_000, json: {} }))
    const buffered = bufferMany(target, 2)
    await target.flush()
    const ingests = server.ingestRequests()
    expect(ingests).toHaveLength(2)
    expect(keysOf(ingests[1]?.events ?? [])).toEqual(keysOf(buffered))
  })

  it('a failing automatic flush produces no unhandled rejection', async () => {
    const unhandled: unknown[] = []
    const onUnhandled = (reason: unknown) => unhandled.push(reason)
    process.on('unhandledRejection', onUnhandled)
    try {
      const target = makeClient({ retryAttempts: 0, batchSize: 5 })
      server.setDefault(failWith(503))
      bufferMany(target, 5)
      await vi.waitFor(
        () => expect(target.getState().lastError?.code).toBe('http_error'),
        EVENTUALLY,
      )
      await new Promise((resolve) => setImmediate(resolve))
      await new Promise((resolve) => setImmediate(resolve))
      expect(unhandled).toEqual([])
      expect(target.getState().pending).toBe(5)
      server.setDefault((request) => server.commit(request))
    } finally {
      process.off('unhandledRejection', onUnhandled)
    }
  })

  it('close() during an in-flight request waits for it; then buffer() throws client_closed', async () => {
    const target = makeClient({ batchSize: 5 })
    let answer = () => {}
    let answered = false
    server.setDefault(async (request) => {
      await new Promise<void>((resolve) => {
        answer = resolve
      })
      answered = true
      return server.commit(request)
    })
    bufferMany(target, 5)
    await vi.waitFor(() => expect(server.requests).toHaveLength(1), EVENTUALLY)
    expect(target.getState().inFlight).toBe(5)
    let closed = false
    const closing = target.close().then(() => {
      closed = true
    })
    await settleIo()
    expect(closed).toBe(false)
    answer()
    await closing
    expect(answered).toBe(true)
    expect(server.counted.size).toBe(5)
    expect(target.getState()).toMatchObject({ closed: true, pending: 0, inFlight: 0 })
    expect(() => bufferMany(target, 1)).toThrow(expect.objectContaining({ code: 'client_closed' }))
    await expect(
      target.track({ metric: 'a', customerRef: 'b', quantity: 1 }),
    ).rejects.toMatchObject({
      code: 'client_closed',
    })
    await expect(target.close()).resolves.toBeUndefined()
  })

  it('every request carries its own x-request-id, the same on its retries', async () => {
    const target = makeClient()
    server.script(failWith(503))
    bufferMany(target, 2)
    await target.flush()
    await target.track({ metric: 'api_calls', customerRef: 'cus_ABC123', quantity: 1 })
    const ids = server.ingestRequests().map((request) => request.headers['x-request-id'])
    expect(ids).toHaveLength(3)
    expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/)
    expect(ids[1]).toBe(ids[0]) // the retry of the same flush
    expect(ids[2]).not.toBe(ids[0]) // another logical request
  })

  it('an error names a request id even when the server sends none; the server id wins where it sends one', async () => {
    const target = makeClient({ retryAttempts: 0 })
    server.script(() => ({ ...failWith(500)(undefined as never), withoutRequestId: true }))
    bufferMany(target, 1)
    const failure = (await target.flush().catch((error: unknown) => error)) as StripeMeterError
    expect(failure.requestId).toBe(server.ingestRequests()[0]?.headers['x-request-id'])
    server.script(() => ({ reset: true }))
    const lost = (await target.flush().catch((error: unknown) => error)) as StripeMeterError
    expect(lost.code).toBe('network_error')
    expect(lost.requestId).toBe(server.ingestRequests()[1]?.headers['x-request-id'])
    // The real server: no header, the ingest body's requestId.
    server.script((request) => {
      const reply = server.commit(request)
      ;(reply.json as { requestId: string }).requestId = 'body-id'
      return { ...reply, withoutRequestId: true }
    })
    const result = await target.track({
      metric: 'api_calls',
      customerRef: 'cus_ABC123',
      quantity: 1,
    })
    expect(result.requestIds).toEqual(['body-id'])
    // The server's header wins over the client's own id.
    server.script(failWith(500))
    await expect(target.flush()).rejects.toMatchObject({ requestId: 'req-4' })
  })

  it('a 429 after the retries carries the Retry-After wait as retryAfterMs', async () => {
    const target = makeClient({ retryAttempts: 0 })
    server.script(failWith(429, { 'retry-after': '120' }))
    await expect(
      target.track({ metric: 'api_calls', customerRef: 'cus_ABC123', quantity: 1 }),
    ).rejects.toMatchObject({
      code: 'rate_limited',
      statusCode: 429,
      retryAfterMs: 120_000,
    })
  })

  it('identical events in the same millisecond are both counted', async () => {
    const target = makeClient()
    const ts = new Date()
    const twins = [0, 1].map(() =>
      target.buffer({ metric: 'api_calls', customerRef: 'cus_ABC123', quantity: 1, ts }),
    )
    await target.flush()
    expect(twins[0]?.idempotencyKey).not.toBe(twins[1]?.idempotencyKey)
    expect(server.counted.size).toBe(2)
  })

  it('the flush interval delivers what is buffered without a flush() call', async () => {
    const target = makeClient({ flushInterval: 20 })
    bufferMany(target, 3)
    // The server counts before it answers: wait for the client to have heard the answer too.
    await vi.waitFor(() => expect(target.getState().lastFlushAt).toBeInstanceOf(Date), EVENTUALLY)
    expect(server.counted.size).toBe(3)
  })

  it('batchSize buffered events start a delivery at once', async () => {
    const target = makeClient({ batchSize: 4 })
    bufferMany(target, 3)
    await new Promise((resolve) => setTimeout(resolve, 30))
    expect(server.requests).toHaveLength(0)
    bufferMany(target, 1)
    await vi.waitFor(() => expect(server.counted.size).toBe(4), EVENTUALLY)
  })
})

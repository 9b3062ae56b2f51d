import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ClientState } from '../../src/core/ClientState.js'
import type { EventLifecycle } from '../../src/core/EventLifecycle.js'
import { StripeMeterClient } from '../../src/core/StripeMeterClient.js'
import type { StripeMeterClientOptions } from '../../src/core/StripeMeterClientOptions.js'
import type { IngestEvent, UsageEvent } from '../../src/core/types.js'
import { type LoopbackServer, startLoopbackServer } from './loopbackServer.js'

let server: LoopbackServer
beforeEach(async () => {
  server = await startLoopbackServer()
})
afterEach(() => server.close())

const event: UsageEvent = { metric: 'api_calls', customerRef: 'cus_ABC123', quantity: 2 }
const makeClient = (options: Partial<StripeMeterClientOptions> = {}) =>
  new StripeMeterClient({
    apiUrl: server.url,
    tenantId: 'tenant_test',
    flushInterval: 0,
    ...options,
  })

describe('getState() and subscribe()', () => {
  it('returns the same object until something changes', async () => {
    const client = makeClient()
    const initial = client.getState()
    expect(client.getState()).toBe(initial)
    expect(initial).toEqual({ pending: 0, inFlight: 0, closed: false })
    client.buffer(event)
    const afterBuffer = client.getState()
    expect(afterBuffer).not.toBe(initial)
    expect(afterBuffer).toMatchObject({ pending: 1, inFlight: 0 })
    expect(client.getState()).toBe(afterBuffer)
    await client.flush()
    expect(client.getState()).toMatchObject({
      pending: 0,
      inFlight: 0,
      lastFlushAt: expect.any(Date),
    })
  })

  it('tells subscribers of every change, through a delivery, until they unsubscribe', async () => {
    const client = makeClient()
    const seen: ClientState[] = []
    const unsubscribe = client.subscribe((state) => seen.push(state))
    client.buffer(event)
    client.buffer(event)
    await client.flush()
    expect(seen.map(({ pending, inFlight }) => [pending, inFlight])).toEqual([
      [1, 0],
      [2, 0],
      [0, 2], // the batch is taken
      [0, 0], // the server counted it
      [0, 0], // the delivery completed (lastFlushAt)
    ])
    expect(seen.at(-1)).toBe(client.getState())
    unsubscribe()
    client.buffer(event)
    expect(seen).toHaveLength(5)
  })

  it('a throwing listener does not break buffer() or delivery', async () => {
    const client = makeClient()
    client.subscribe(() => {
      throw new Error('listener bug')
    })
    const original = console.error
    console.error = () => undefined
    try {
      client.buffer(event)
      await client.flush()
    } finally {
      console.error = original
    }
    expect(server.counted.size).toBe(1)
  })
})

describe('onLifecycle()', () => {
  /** Each step as `type status count` (or the error code). */
  const describeStep = (step: EventLifecycle): string => {
    if (step.type === 'buffered') return 'buffered'
    if (step.type === 'failed') return `failed ${step.error.code}`
    if (step.type === 'sent') return `sent ${step.events.length}`
    return `settled ${step.status} ${step.events.length}`
  }

  it('buffered → sent → settled, each before subscribers see the state that reflects it', async () => {
    const client = makeClient()
    const calls: string[] = []
    client.subscribe(({ pending, inFlight }) => calls.push(`state ${pending}/${inFlight}`))
    client.onLifecycle((step) => {
      const { pending, inFlight } = client.getState()
      calls.push(`${describeStep(step)} (state then ${pending}/${inFlight})`)
    })
    const returned = client.buffer(event)
    client.buffer(event)
    await client.flush()
    expect(calls).toEqual([
      'buffered (state then 1/0)',
      'state 1/0',
      'buffered (state then 2/0)',
      'state 2/0',
      'sent 2 (state then 0/2)', // the queue changed already; subscribers hear of it next
      'state 0/2',
      'settled accepted 2 (state then 0/0)',
      'state 0/0',
      'state 0/0', // the delivery completed (lastFlushAt)
    ])
    const steps: EventLifecycle[] = []
    client.onLifecycle((step) => steps.push(step))
    await client.track({ ...event, idempotencyKey: returned.idempotencyKey as string })
    expect(steps.map(describeStep)).toEqual(['sent 1', 'settled duplicate 1'])
    expect(steps[1]).toMatchObject({ events: [{ idempotencyKey: returned.idempotencyKey }] })
  })

  it('reports a refusal with its error, and a failed delivery whose events stay queued', async () => {
    const client = makeClient({ retryAttempts: 0 })
    const steps: EventLifecycle[] = []
    client.onLifecycle((step) => steps.push(step))
    server.script(
      () => ({ status: 503, json: { error: 'Unavailable' } }),
      (request) => ({
        json: {
          accepted: 0,
          duplicates: 0,
          results: request.events.map((wire) => ({
            idempotencyKey: wire.idempotencyKey,
            status: 'error',
            error: 'quantity too large',
          })),
        },
      }),
    )
    const wire = client.buffer(event)
    await expect(client.flush()).rejects.toMatchObject({ statusCode: 503 })
    expect(client.getState()).toMatchObject({ pending: 1, lastError: { statusCode: 503 } })
    await client.flush()
    expect(steps.map(describeStep)).toEqual([
      'buffered',
      'sent 1',
      'failed http_error',
      'settled rejected 1', // the resend is not reported as sent again
    ])
    const refusal = steps.at(-1)
    expect(refusal).toMatchObject({ events: [wire], error: { code: 'rejected' } })
    expect(client.getState().lastError).toBe(
      refusal?.type === 'settled' && refusal.status === 'rejected' ? refusal.error : undefined,
    )
  })

  it('a throwing lifecycle listener does not break buffer() or delivery', async () => {
    const client = makeClient()
    client.onLifecycle(() => {
      throw new Error('listener bug')
    })
    const original = console.error
    console.error = () => undefined
    try {
      client.buffer(event)
      await client.flush()
    } finally {
      console.error = original
    }
    expect(server.counted.size).toBe(1)
  })
})

describe('track() and trackBatch()', () => {
  it('track() sends at once and resolves with the combined result', async () => {
    const client = makeClient()
    const result = await client.track(event)
    expect(result).toMatchObject({ accepted: 1, duplicates: 0, rejected: 0, requestIds: ['req-1'] })
    expect(result.results[0]).toMatchObject({
      status: 'accepted',
      idempotencyKey: expect.any(String),
    })
    expect(server.ingestRequests()[0]?.events[0]).toMatchObject({
      tenantId: 'tenant_test',
      ...event,
    })
  })

  it('track() rejects with rejected when the server refuses the event', async () => {
    const client = makeClient()
    server.script((request) => ({
      json: {
        accepted: 0,
        duplicates: 0,
        results: [
          {
            idempotencyKey: request.events[0]?.idempotencyKey,
            status: 'error',
            error: 'Event timestamp too far in the future',
          },
        ],
      },
    }))
    await expect(client.track(event)).rejects.toMatchObject({
      code: 'rejected',
      message: expect.stringContaining('too far in the future'),
    })
  })

  it('trackBatch() of 2500 events: 3 requests, one result per event in order', async () => {
    const client = makeClient()
    const events = Array.from({ length: 2500 }, (_, index) => ({ ...event, quantity: index + 1 }))
    events[1234] = { ...events[1234], idempotencyKey: 'already-there' } as UsageEvent
    server.counted.set('already-there', {} as IngestEvent)
    const result = await client.trackBatch(events)
    expect(server.ingestRequests().map((request) => request.events.length)).toEqual([
      1000, 1000, 500,
    ])
    expect(result).toMatchObject({ accepted: 2499, duplicates: 1, rejected: 0 })
    expect(result.results).toHaveLength(2500)
    expect(result.results[1234]).toEqual({ idempotencyKey: 'already-there', status: 'duplicate' })
    expect(result.requestIds).toEqual(['req-1', 'req-2', 'req-3'])
    const sentQuantities = server
      .ingestRequests()
      .flatMap((request) => request.events.map((sent) => sent.quantity))
    expect(sentQuantities).toEqual(events.map((sent) => sent.quantity))
  })

  it('trackBatch() isolates a poison event in a whole-batch 400 and reports it in the result', async () => {
    const client = makeClient()
    server.setDefault((request) =>
      request.events.some((sent) => sent.quantity === 13)
        ? {
            status: 400,
            json: { accepted: 0, duplicates: 0, errors: [{ index: 0, error: 'Invalid input' }] },
          }
        : server.commit(request),
    )
    const events = Array.from({ length: 20 }, (_, index) => ({ ...event, quantity: index + 1 }))
    const result = await client.trackBatch(events)
    expect(result).toMatchObject({ accepted: 19, rejected: 1 })
    expect(result.results[12]).toMatchObject({
      status: 'error',
      error: expect.stringContaining('Invalid input'),
    })
    expect(server.counted.size).toBe(19)
  })
})

describe('timers', () => {
  it('the flush timer does not keep a Node process alive', () => {
    const client = makeClient({ flushInterval: 60_000 })
    const keepingAlive = () =>
      process.getActiveResourcesInfo().filter((type) => type === 'Timeout').length
    const before = keepingAlive()
    client.buffer(event)
    expect(client.getState().pending).toBe(1)
    expect(keepingAlive()).toBe(before)
  })
})

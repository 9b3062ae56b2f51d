import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClient, type StripeMeterError, type UsageEvent } from '../../src/index.js'
import {
  createStripeMeterHandler,
  type StripeMeterHandlerOptions,
  toNodeHandler,
} from '../../src/server/index.js'
import { type RunningEmulator, startEmulator } from '../../src/testing/index.js'
import { serveOnLoopback } from './loopback.js'

/**
 * The whole recommended setup with real parts: the library's client, holding no key, talks to
 * the app's route (the handler behind Node http), which talks to the emulator.
 */
let running: RunningEmulator
const clients: { close(): Promise<void> }[] = []
const servers: (() => Promise<void>)[] = []
beforeAll(async () => {
  running = await startEmulator({ seed: false })
})
afterAll(async () => {
  // Clients first: closing one flushes it, which needs the app route still listening.
  for (const client of clients.splice(0)) await client.close()
  for (const close of servers.splice(0)) await close()
  await running.close()
})

async function startAppRoute(options: Partial<StripeMeterHandlerOptions> = {}): Promise<string> {
  const handler = createStripeMeterHandler({
    apiUrl: running.url,
    apiKey: running.emulator.apiKey,
    tenantId: running.emulator.tenantId,
    identify: (request) =>
      request.headers.get('cookie') === 'session=sess-steady' ? 'cus_steady' : null,
    ...options,
  })
  const app = await serveOnLoopback(toNodeHandler(handler))
  servers.push(app.close)
  return `${app.url}/api/stripemeter`
}

function browserLikeClient(apiUrl: string, refused: { error: StripeMeterError; metric: string }[]) {
  const client = createClient({
    apiUrl,
    tenantId: running.emulator.tenantId,
    headers: { cookie: 'session=sess-steady' },
    flushInterval: 0,
    retryAttempts: 0,
    onError: (error, events) => {
      for (const event of events) refused.push({ error, metric: event.metric })
    },
  })
  clients.push(client)
  return client
}

const event = (metric: string, customerRef = 'cus_steady'): UsageEvent => ({
  metric,
  customerRef,
  quantity: 2,
})

describe('the client through the handler', () => {
  it('counts the customer’s events and reports the one naming another customer, without blocking the rest', async () => {
    const refused: { error: StripeMeterError; metric: string }[] = []
    const client = browserLikeClient(await startAppRoute(), refused)

    const sent = [
      client.buffer(event('api_calls')),
      client.buffer(event('bandwidth_gb', 'cus_over_limit')),
      client.buffer(event('storage_gb')),
    ]
    await client.flush()

    const counted = running.emulator
      .countedEvents()
      .filter(({ idempotencyKey }) => sent.some((event) => event.idempotencyKey === idempotencyKey))
    expect(counted.map(({ metric, customerRef }) => [metric, customerRef])).toEqual([
      ['api_calls', 'cus_steady'],
      ['storage_gb', 'cus_steady'],
    ])
    expect(refused).toHaveLength(1)
    expect(refused[0]?.metric).toBe('bandwidth_gb')
    expect(refused[0]?.error.code).toBe('rejected')
    expect(refused[0]?.error.message).toContain('"cus_over_limit"')
    expect(client.getState().pending).toBe(0)
  })

  it('reports the events of a metric the browser may not track, and counts the rest', async () => {
    const refused: { error: StripeMeterError; metric: string }[] = []
    const client = browserLikeClient(await startAppRoute({ allowMetrics: ['api_calls'] }), refused)
    const before = running.emulator.stats().eventsCounted

    for (const metric of ['api_calls', 'seats', 'api_calls', 'api_calls'])
      client.buffer(event(metric))
    await client.flush()

    expect(running.emulator.stats().eventsCounted - before).toBe(3)
    expect(refused.map(({ metric, error }) => [metric, error.code])).toEqual([
      ['seats', 'rejected'],
    ])
    expect(refused[0]?.error.message).toContain('may not be tracked from the browser')
  })

  it('delivers everything when the handler’s batch cap is below the client’s batch size', async () => {
    const refused: { error: StripeMeterError; metric: string }[] = []
    const client = browserLikeClient(
      await startAppRoute({ limits: { eventsPerRequest: 2 } }),
      refused,
    )
    const before = running.emulator.stats().eventsCounted

    for (let index = 0; index < 7; index++) client.buffer(event('api_calls'))
    await client.flush()

    expect(running.emulator.stats().eventsCounted - before).toBe(7)
    expect(refused).toEqual([])
  })

  it('keeps events queued while nobody is signed in', async () => {
    const apiUrl = await startAppRoute({ identify: () => null })
    const refused: { error: StripeMeterError; metric: string }[] = []
    const client = browserLikeClient(apiUrl, refused)
    const before = running.emulator.stats().eventsReceived

    client.buffer(event('api_calls'))
    const failure = await client.flush().catch((error: StripeMeterError) => error)

    expect(failure).toMatchObject({ code: 'unauthorized', statusCode: 401 })
    expect(client.getState().pending).toBe(1)
    expect(running.emulator.stats().eventsReceived).toBe(before)
    expect(refused).toEqual([])

    // Closing does not drop them either: it fails like the flush did.
    clients.splice(clients.indexOf(client), 1)
    await expect(client.close()).rejects.toMatchObject({ code: 'unauthorized' })
    expect(client.getState().pending).toBe(1)
  })
})

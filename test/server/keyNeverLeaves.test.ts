import { afterAll, beforeAll, expect, it, vi } from 'vitest'
import { createStripeMeterHandler, toNodeHandler } from '../../src/server/index.js'
import {
  apiKey,
  callAsBrowser,
  createTestHandler,
  eventsFor,
  secretPart,
  seenByBrowser,
  tenantId,
} from './handlerHarness.js'
import { serveOnLoopback } from './loopback.js'
import { answerJson, type RecordingApi, startRecordingApi } from './recordingApi.js'

const consoleOutput: string[] = []
let api: RecordingApi
beforeAll(async () => {
  api = await startRecordingApi()
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      consoleOutput.push(
        args.map((arg) => (arg instanceof Error ? arg.stack : String(arg))).join(' '),
      )
    })
  }
})
afterAll(async () => {
  vi.restoreAllMocks()
  await api.close()
})

/** A gateway in front of the API that dumps the request it got, headers included, on error. */
function echoEverything() {
  api.respondWith((request, response) =>
    answerJson(
      response,
      500,
      { error: 'Internal Server Error', message: `Bad request ${JSON.stringify(request.headers)}` },
      { 'x-request-id': String(request.headers.authorization), 'retry-after': secretPart },
    ),
  )
}

it('never lets the key reach the browser or a log line, whatever the handler answers', async () => {
  const handler = createTestHandler(api.url, {
    allowMetrics: ['api_calls'],
    limits: { eventsPerRequest: 10, eventsPerMinute: 20 },
  })
  const ingest = (body: unknown, session = 'sess-alice') =>
    callAsBrowser(handler, '/v1/events/ingest', { method: 'POST', body, session })
  const statuses = new Set<number>()
  const note = async (response: Promise<{ status: number }>) =>
    statuses.add((await response).status)

  api.respondWith((request, response) => answerJson(response, 200, { echoed: request.url }))
  await note(callAsBrowser(handler, '/v1/usage/current'))
  await note(callAsBrowser(handler, '/v1/usage/current', { method: 'HEAD' }))
  await note(callAsBrowser(handler, '/v1/usage/current', { method: 'OPTIONS' }))
  await note(callAsBrowser(handler, '/v1/usage/current', { session: null }))
  await note(callAsBrowser(handler, '/v1/keys'))
  await note(ingest('{not json'))
  await note(ingest(eventsFor('cus_alice', ['seats'])))
  await note(ingest(eventsFor('cus_bob', ['api_calls'])))
  await note(ingest(`{"events":["${'x'.repeat(1_100_000)}"]}`))
  for (let batch = 0; batch < 3; batch++)
    await note(ingest(eventsFor('cus_alice', Array(10).fill('api_calls'))))

  for (const [status, error] of [
    [401, 'Invalid API key'],
    [403, 'Mismatched tenantId in events'],
  ] as const) {
    api.respondWith((_request, response) => answerJson(response, status, { error }))
    await note(callAsBrowser(handler, '/v1/usage/current'))
  }

  echoEverything()
  const echoed = await callAsBrowser(handler, '/v1/usage/current')
  statuses.add(echoed.status)
  expect(echoed.text).toContain('[redacted]')
  expect(echoed.headers.get('x-request-id')).toBe('Bearer [redacted]')

  const down = await startRecordingApi()
  await down.close()
  await note(callAsBrowser(createTestHandler(down.url), '/v1/usage/current'))
  api.respondWith(() => new Promise<void>(() => {}))
  await note(callAsBrowser(createTestHandler(api.url, { timeout: 20 }), '/v1/usage/current'))

  // Every kind of answer was exercised, so the scan below covers them all.
  expect([...statuses].sort()).toEqual([200, 204, 400, 401, 403, 404, 413, 429, 500, 502, 504])
  expectNoKey([...seenByBrowser, ...consoleOutput])
})

it('keeps the key out of the Node adapter’s answers and logs when the handler fails', async () => {
  echoEverything()
  const handler = createStripeMeterHandler({
    apiUrl: api.url,
    apiKey,
    tenantId,
    identify: (request) => {
      if (request.headers.has('x-crash')) throw new Error('session store unavailable')
      return 'cus_alice'
    },
  })
  const app = await serveOnLoopback(toNodeHandler(handler))
  try {
    for (const headers of [{}, { 'x-crash': '1' }]) {
      const response = await fetch(`${app.url}/api/stripemeter/v1/usage/current`, { headers })
      seenByBrowser.push(await response.text(), JSON.stringify([...response.headers]))
    }
  } finally {
    await app.close()
  }
  expect(consoleOutput.join('\n')).toContain('session store unavailable')
  expectNoKey([...seenByBrowser, ...consoleOutput])
})

it('keeps the key out of configuration errors', () => {
  const attempts = [
    { tenantId: 'acme' },
    { apiUrl: 'ftp://api.example.com' },
    { allowMetrics: [''] },
    { limits: { eventsPerRequest: 5000 } },
    { identify: 'cus_alice' },
    { timeout: -1 },
  ]
  const messages = attempts.map((override) => {
    try {
      createStripeMeterHandler({
        apiUrl: api.url,
        apiKey,
        tenantId,
        identify: () => null,
        ...(override as object),
      })
    } catch (error) {
      return (error as Error).message
    }
    throw new Error(`expected ${JSON.stringify(Object.keys(override))} to be refused`)
  })
  expect(messages).toHaveLength(attempts.length)
  expectNoKey(messages)
})

function expectNoKey(texts: string[]): void {
  expect(texts.length).toBeGreaterThan(0)
  for (const text of texts) {
    expect(text).not.toContain(apiKey)
    expect(text).not.toContain(secretPart)
  }
}

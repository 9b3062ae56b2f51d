import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { apiKey, callAsBrowser, createTestHandler, eventsFor, tenantId } from './handlerHarness.js'
import { answerJson, type RecordingApi, startRecordingApi } from './recordingApi.js'

let api: RecordingApi
beforeAll(async () => {
  api = await startRecordingApi()
})
afterAll(() => api.close())
beforeEach(() => {
  api.received.length = 0
  api.respondWith((request, response) =>
    answerJson(response, 200, { forwarded: request.url }, { 'x-request-id': 'req-upstream' }),
  )
})

describe('reads are scoped to the signed-in customer', () => {
  it('forces tenantId and customerRef on usage/current, whatever the browser asked for', async () => {
    const handler = createTestHandler(api.url)
    const response = await callAsBrowser(
      handler,
      '/v1/usage/current?tenantId=00000000-0000-4000-8000-000000000000&customerRef=cus_bob&customerRef=cus_carol',
    )

    expect(response.status).toBe(200)
    expect(api.received).toHaveLength(1)
    const [received] = api.received
    expect(received?.method).toBe('GET')
    expect(received?.url.startsWith('/v1/usage/current?')).toBe(true)
    expect(received?.query.getAll('customerRef')).toEqual(['cus_alice'])
    expect(received?.query.getAll('tenantId')).toEqual([tenantId])
    expect(received?.headers.authorization).toBe(`Bearer ${apiKey}`)
  })

  it('passes the history query through and scopes it', async () => {
    const handler = createTestHandler(api.url)
    const query =
      'metric=api_calls&periodStart=2026-11-01T00%3A00%3A00.000Z&periodEnd=2026-11-30T23%3A59%3A59.999Z&step=day&customerRef=cus_bob'
    await callAsBrowser(handler, `/v1/usage/history?${query}`, { session: 'sess-alice' })

    const received = api.received[0]
    expect(received?.url.startsWith('/v1/usage/history?')).toBe(true)
    expect(Object.fromEntries(received?.query ?? [])).toEqual({
      metric: 'api_calls',
      periodStart: '2026-11-01T00:00:00.000Z',
      periodEnd: '2026-11-30T23:59:59.999Z',
      step: 'day',
      customerRef: 'cus_alice',
      tenantId,
    })
  })

  it('forces the identity in the projection body and keeps the period', async () => {
    const handler = createTestHandler(api.url)
    const response = await callAsBrowser(handler, '/v1/usage/projection', {
      method: 'POST',
      session: 'sess-bob',
      body: { tenantId: 'someone-else', customerRef: 'cus_alice', periodStart: '2026-11-01' },
    })

    expect(response.status).toBe(200)
    expect(api.received[0]?.body).toEqual({
      tenantId,
      customerRef: 'cus_bob',
      periodStart: '2026-11-01',
    })
    expect(api.received[0]?.headers['content-type']).toBe('application/json')
  })

  it('answers 401 without calling the API when nobody is signed in', async () => {
    const handler = createTestHandler(api.url)
    for (const session of [null, 'sess-forged']) {
      const response = await callAsBrowser(handler, '/v1/usage/current', { session })
      expect(response.status).toBe(401)
      expect(response.json()).toEqual({
        error: 'Unauthorized',
        message: expect.stringContaining('No signed-in customer'),
      })
    }
    expect(api.received).toHaveLength(0)
  })

  it('never forwards the browser’s own credentials or cookies', async () => {
    const handler = createTestHandler(api.url)
    await callAsBrowser(handler, '/v1/usage/current', {
      headers: { authorization: 'Bearer browser-session-token', 'x-api-key': 'smk_other.key' },
    })
    const headers = api.received[0]?.headers ?? {}
    expect(headers.authorization).toBe(`Bearer ${apiKey}`)
    expect(headers['x-api-key']).toBeUndefined()
    expect(headers.cookie).toBeUndefined()
  })
})

describe('events are scoped to the signed-in customer', () => {
  it('overrides tenantId silently and fills a missing customerRef', async () => {
    const handler = createTestHandler(api.url)
    const body = eventsFor('cus_alice', ['api_calls', 'storage_gb'])
    body.events[0] = {
      ...body.events[0],
      tenantId: '00000000-0000-4000-8000-000000000000',
    } as never
    delete (body.events[1] as { customerRef?: string }).customerRef

    const response = await callAsBrowser(handler, '/v1/events/ingest', { method: 'POST', body })

    expect(response.status).toBe(200)
    const forwarded = api.received[0]?.body as { events: Record<string, unknown>[] }
    expect(forwarded.events).toEqual([
      { ...eventsFor('cus_alice', ['api_calls']).events[0], tenantId },
      { ...eventsFor('cus_alice', ['api_calls', 'storage_gb']).events[1], tenantId },
    ])
  })

  it('refuses a batch naming another customer, naming the event, and sends nothing', async () => {
    const handler = createTestHandler(api.url)
    const body = eventsFor('cus_alice', ['api_calls', 'api_calls', 'api_calls'])
    body.events[2] = { ...body.events[2], customerRef: 'cus_bob' } as never

    const response = await callAsBrowser(handler, '/v1/events/ingest', { method: 'POST', body })

    expect(response.status).toBe(400)
    expect(response.json()).toEqual({
      accepted: 0,
      duplicates: 0,
      requestId: response.headers.get('x-request-id'),
      errors: [
        {
          index: 2,
          error:
            'Event 2 is for customerRef "cus_bob", but this session may only record usage for its own customer',
        },
      ],
    })
    expect(api.received).toHaveLength(0)
  })

  it('refuses malformed bodies in the server’s shapes', async () => {
    const handler = createTestHandler(api.url)
    const post = (body: unknown) =>
      callAsBrowser(handler, '/v1/events/ingest', { method: 'POST', body })

    const badJson = await post('{"events": [')
    expect(badJson.status).toBe(400)
    expect(badJson.json()).toEqual({
      error: 'Bad Request',
      message: expect.stringContaining('not valid JSON'),
    })

    const notABatch = await post({ event: {} })
    expect(notABatch.status).toBe(400)
    expect(notABatch.json()).toMatchObject({ accepted: 0, duplicates: 0, errors: [{ index: -1 }] })

    const empty = await post({ events: [] })
    expect(empty.json()).toMatchObject({
      errors: [{ index: -1, error: expect.stringContaining('empty') }],
    })

    const notAnEvent = await post({ events: [eventsFor('cus_alice', ['a']).events[0], 'oops'] })
    expect(notAnEvent.status).toBe(400)
    expect(notAnEvent.json()).toMatchObject({
      errors: [{ index: 1, error: 'Event 1 must be a JSON object, got string "oops"' }],
    })

    const projection = await callAsBrowser(handler, '/v1/usage/projection', {
      method: 'POST',
      body: [1],
    })
    expect(projection.status).toBe(400)
    expect(projection.json()).toEqual({
      error: 'Bad Request',
      message: 'Projection body must be a JSON object, got an array',
    })
    expect(api.received).toHaveLength(0)
  })

  it('reads only JSON bodies, so another site cannot post usage with the visitor’s cookies', async () => {
    const handler = createTestHandler(api.url)
    const body = JSON.stringify(eventsFor('cus_alice', ['api_calls']))
    // What a cross-site <form> or no-preflight fetch can send: the cookie rides along.
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', null]) {
      const headers = new Headers({ cookie: 'session=sess-alice' })
      if (contentType !== null) headers.set('content-type', contentType)
      const request = new Request('http://app.test/api/stripemeter/v1/events/ingest', {
        method: 'POST',
        headers,
        body,
      })
      if (contentType === null) request.headers.delete('content-type')
      const response = await handler(request)
      expect(response.status).toBe(415)
      const got = contentType === null ? 'none' : JSON.stringify(contentType)
      expect(await response.json()).toEqual({
        error: 'Unsupported Media Type',
        message: `Send JSON with content-type: application/json (got ${got})`,
      })
    }
    expect(api.received).toHaveLength(0)

    const withCharset = await callAsBrowser(handler, '/v1/usage/projection', {
      method: 'POST',
      body: {},
      headers: { 'content-type': 'application/json; charset=utf-8' },
    })
    expect(withCharset.status).toBe(200)
  })

  it('refuses a body over the server’s 1 MiB limit with 413', async () => {
    const handler = createTestHandler(api.url)
    const response = await callAsBrowser(handler, '/v1/events/ingest', {
      method: 'POST',
      body: `{"events":[{"meta":"${'x'.repeat(1024 * 1024)}"}]}`,
    })
    expect(response.status).toBe(413)
    expect(response.json()).toEqual({
      error: 'Payload Too Large',
      message: 'Request body is larger than the 1048576-byte limit',
    })
  })
})

describe('routing', () => {
  it('matches on the path’s tail, under any prefix, and keeps the API’s own path prefix', async () => {
    const handler = createTestHandler(`${api.url}/stripemeter/`)
    for (const path of [
      '/v1/usage/current',
      '/api/stripemeter/v1/usage/current',
      '/v1/usage/current',
    ]) {
      const request = new Request(`http://app.test${path}`, {
        headers: { cookie: 'session=sess-alice' },
      })
      expect((await handler(request)).status).toBe(200)
    }
    expect(api.received.map((received) => new URL(received.url, 'http://x').pathname)).toEqual([
      '/stripemeter/v1/usage/current',
      '/stripemeter/v1/usage/current',
      '/stripemeter/v1/usage/current',
    ])
  })

  it('answers anything else with the server’s 404 and forwards nothing', async () => {
    const handler = createTestHandler(api.url)
    const cases = [
      ['GET', '/health'],
      ['GET', '/v1/events'],
      ['DELETE', '/v1/events/ingest'],
      ['POST', '/v1/usage/current'],
      ['GET', '/v1/usage/projection'],
    ] as const
    for (const [method, path] of cases) {
      const response = await callAsBrowser(handler, path, { method })
      expect(response.status).toBe(404)
      expect(response.json()).toEqual({
        message: `Route ${method}:/api/stripemeter${path} not found`,
        error: 'Not Found',
        statusCode: 404,
      })
    }
    expect(api.received).toHaveLength(0)
  })

  it('answers OPTIONS with the allowed methods and HEAD with headers only', async () => {
    const handler = createTestHandler(api.url)
    const options = await callAsBrowser(handler, '/v1/events/ingest', {
      method: 'OPTIONS',
      session: null,
    })
    expect(options.status).toBe(204)
    expect(options.headers.get('allow')).toBe('POST, OPTIONS')

    const head = await callAsBrowser(handler, '/v1/usage/current', { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(head.headers.get('content-type')).toContain('application/json')
    expect(head.text).toBe('')
    expect(api.received.map((received) => received.method)).toEqual(['GET'])
  })
})

describe('pass-through', () => {
  it('passes status, body, retry-after, x-request-id and x-ratelimit-* back, and nothing else', async () => {
    const body = {
      error: 'Too Many Requests',
      message: 'Rate limit exceeded. Please try again later.',
    }
    api.respondWith((_request, response) =>
      answerJson(response, 429, body, {
        'retry-after': '60',
        'x-request-id': 'req-7f3',
        'x-ratelimit-limit': '100',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': '42',
        'set-cookie': 'upstream=1',
        server: 'fastify',
        'access-control-allow-origin': '*',
      }),
    )
    const handler = createTestHandler(api.url)
    const response = await callAsBrowser(handler, '/v1/usage/current')

    expect(response.status).toBe(429)
    expect(response.json()).toEqual(body)
    expect(Object.fromEntries(response.headers)).toEqual({
      'cache-control': 'private, no-store',
      'content-type': 'application/json; charset=utf-8',
      'retry-after': '60',
      'x-request-id': 'req-7f3',
      'x-ratelimit-limit': '100',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': '42',
    })
  })

  it('sends the browser’s x-request-id upstream, and a fresh one when it has none', async () => {
    api.respondWith((request, response) =>
      answerJson(response, 200, {}, { 'x-request-id': String(request.headers['x-request-id']) }),
    )
    const handler = createTestHandler(api.url)
    const echoed = await callAsBrowser(handler, '/v1/usage/current', {
      headers: { 'x-request-id': 'browser-req-1' },
    })
    expect(api.received[0]?.headers['x-request-id']).toBe('browser-req-1')
    expect(echoed.headers.get('x-request-id')).toBe('browser-req-1')

    const fresh = await callAsBrowser(handler, '/v1/usage/current', {
      headers: { 'x-request-id': 'not an id\twith tabs' },
    })
    const sent = api.received[1]?.headers['x-request-id']
    expect(sent).toMatch(/^[0-9a-f-]{36}$/)
    expect(fresh.headers.get('x-request-id')).toBe(sent)
  })

  it('passes the ingest answer through as is, per-event results included', async () => {
    const answer = {
      accepted: 1,
      duplicates: 1,
      requestId: 'req-1f',
      results: [
        { idempotencyKey: 'evt_cus_alice_api_calls_0', status: 'accepted' },
        { idempotencyKey: 'evt_cus_alice_api_calls_1', status: 'duplicate' },
      ],
    }
    api.respondWith((_request, response) => answerJson(response, 200, answer))
    const handler = createTestHandler(api.url)
    const response = await callAsBrowser(handler, '/v1/events/ingest', {
      method: 'POST',
      body: eventsFor('cus_alice', ['api_calls', 'api_calls']),
    })
    expect(response.status).toBe(200)
    expect(response.json()).toEqual(answer)
  })
})

describe('upstream failures', () => {
  it('answers 502 with a clear message when the API cannot be reached', async () => {
    const down = await startRecordingApi()
    await down.close()
    const handler = createTestHandler(down.url)
    const response = await callAsBrowser(handler, '/v1/usage/current')
    expect(response.status).toBe(502)
    expect(response.json()).toEqual({
      error: 'Bad Gateway',
      message: 'The StripeMeter API could not be reached (connection refused)',
    })
    expect(response.text).not.toContain('127.0.0.1')
  })

  it('answers 502 when the API drops the connection mid-request', async () => {
    api.respondWith((_request, response) => {
      response.socket?.destroy()
    })
    const handler = createTestHandler(api.url)
    const response = await callAsBrowser(handler, '/v1/events/ingest', {
      method: 'POST',
      body: eventsFor('cus_alice', ['api_calls']),
    })
    expect(response.status).toBe(502)
    expect(response.json()).toMatchObject({ error: 'Bad Gateway' })
  })

  it('answers 504 when the API does not answer within the timeout', async () => {
    api.respondWith(() => new Promise<void>(() => {}))
    const handler = createTestHandler(api.url, { timeout: 50 })
    const response = await callAsBrowser(handler, '/v1/usage/current')
    expect(response.status).toBe(504)
    expect(response.json()).toEqual({
      error: 'Gateway Timeout',
      message: 'The StripeMeter API did not answer within 50 ms',
    })
  })
})

import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { getNodeRequest, type NodeRequestListener, toNodeHandler } from '../../src/server/index.js'
import { apiKey, createTestHandler, eventsFor, tenantId } from './handlerHarness.js'
import { type LoopbackServer, serveOnLoopback } from './loopback.js'
import { answerJson, type RecordingApi, startRecordingApi } from './recordingApi.js'

let api: RecordingApi
const servers: LoopbackServer[] = []
beforeAll(async () => {
  api = await startRecordingApi()
})
afterAll(() => api.close())
beforeEach(() => {
  api.received.length = 0
  api.respondWith((request, response) =>
    answerJson(
      response,
      200,
      { forwarded: request.body ?? request.url },
      { 'x-request-id': 'req-up' },
    ),
  )
})
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close()
})

/** Serves a Node request listener on loopback, as an app would with `http.createServer`. */
async function serve(listener: RequestListener): Promise<string> {
  const server = await serveOnLoopback(listener)
  servers.push(server)
  return server.url
}

/** What Express does when middleware is mounted with `app.use('/api/stripemeter', …)`. */
function mountLikeExpress(
  prefix: string,
  listener: NodeRequestListener,
  options: { parseJson?: boolean; next?: (error: unknown, response: ServerResponse) => void } = {},
): RequestListener {
  return async (request: IncomingMessage & { originalUrl?: string; body?: unknown }, response) => {
    request.originalUrl = request.url ?? '/'
    request.url = request.originalUrl.slice(prefix.length) || '/'
    if (options.parseJson && request.headers['content-type'] === 'application/json') {
      // `express.json()`: reads the whole stream and leaves the parsed value on `req.body`.
      const chunks: Buffer[] = []
      for await (const chunk of request) chunks.push(chunk as Buffer)
      request.body = JSON.parse(Buffer.concat(chunks).toString('utf8'))
    }
    const { next } = options
    listener(request, response, next && ((error) => next(error, response)))
  }
}

const alice = { cookie: 'session=sess-alice' }

describe('toNodeHandler', () => {
  it('serves reads end to end over Node http', async () => {
    const base = await serve(toNodeHandler(createTestHandler(api.url)))
    const response = await fetch(`${base}/api/stripemeter/v1/usage/current?customerRef=cus_bob`, {
      headers: alice,
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('x-request-id')).toBe('req-up')
    expect(response.headers.get('cache-control')).toBe('private, no-store')
    expect(await response.json()).toEqual({
      forwarded: `/v1/usage/current?customerRef=cus_alice&tenantId=${tenantId}`,
    })
    expect(api.received[0]?.headers.authorization).toBe(`Bearer ${apiKey}`)
  })

  it('streams a chunked request body through to the handler', async () => {
    const base = await serve(toNodeHandler(createTestHandler(api.url)))
    const body = eventsFor('cus_alice', Array(500).fill('api_calls'))
    const text = JSON.stringify(body)
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        const bytes = new TextEncoder().encode(text)
        for (let offset = 0; offset < bytes.length; offset += 4096) {
          controller.enqueue(bytes.slice(offset, offset + 4096))
        }
        controller.close()
      },
    })
    const response = await fetch(`${base}/api/stripemeter/v1/events/ingest`, {
      method: 'POST',
      headers: { ...alice, 'content-type': 'application/json' },
      body: chunks,
      duplex: 'half',
    } as RequestInit)
    expect(response.status).toBe(200)
    expect(api.received[0]?.body).toEqual(body)
  })

  it('works mounted under an Express prefix, after express.json() has read the body', async () => {
    const listener = toNodeHandler(createTestHandler(api.url))
    const base = await serve(mountLikeExpress('/api/stripemeter', listener, { parseJson: true }))
    const body = eventsFor('cus_alice', ['api_calls'])
    const response = await fetch(`${base}/api/stripemeter/v1/events/ingest`, {
      method: 'POST',
      headers: { ...alice, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    expect(response.status).toBe(200)
    expect(api.received[0]?.body).toEqual(body)

    const missing = await fetch(`${base}/api/stripemeter/v1/nope`, { headers: alice })
    expect(await missing.json()).toMatchObject({
      message: 'Route GET:/api/stripemeter/v1/nope not found',
    })
  })

  it('lets identify read what Express middleware put on the Node request', async () => {
    type SessionRequest = IncomingMessage & { session?: { customerRef?: string } }
    const handler = createTestHandler(api.url, {
      identify: (request) =>
        (getNodeRequest(request) as SessionRequest | undefined)?.session?.customerRef,
    })
    const listener = toNodeHandler(handler)
    // Stands in for `express-session`, which loads the session onto `req` before routes run.
    const base = await serve((request: SessionRequest, response) => {
      if (request.headers.cookie === 'sid=1') request.session = { customerRef: 'cus_from_session' }
      listener(request, response)
    })

    const signedIn = await fetch(`${base}/v1/usage/current`, { headers: { cookie: 'sid=1' } })
    expect(signedIn.status).toBe(200)
    expect(api.received[0]?.query.get('customerRef')).toBe('cus_from_session')
    expect((await fetch(`${base}/v1/usage/current`)).status).toBe(401)
    expect(getNodeRequest(new Request('http://app.test/'))).toBeUndefined()
  })

  it('answers HEAD with headers only and OPTIONS with the allowed methods', async () => {
    const base = await serve(toNodeHandler(createTestHandler(api.url)))
    const head = await fetch(`${base}/api/stripemeter/v1/usage/current`, {
      method: 'HEAD',
      headers: alice,
    })
    expect(head.status).toBe(200)
    expect(head.headers.get('x-request-id')).toBe('req-up')
    expect(await head.text()).toBe('')

    const options = await fetch(`${base}/api/stripemeter/v1/usage/history`, { method: 'OPTIONS' })
    expect(options.status).toBe(204)
    expect(options.headers.get('allow')).toBe('GET, HEAD, OPTIONS')
  })

  it('keeps every set-cookie of a Fetch handler', async () => {
    const base = await serve(
      toNodeHandler(async () => {
        const headers = new Headers([
          ['set-cookie', 'a=1; Path=/'],
          ['set-cookie', 'b=2; Path=/'],
        ])
        return new Response('ok', { status: 201, headers })
      }),
    )
    const response = await fetch(base)
    expect(response.status).toBe(201)
    expect(response.statusText).toBe('Created')
    expect(response.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/'])
    expect(await response.text()).toBe('ok')
  })

  it('streams a 10 MiB response body through intact, waiting for the socket to drain', async () => {
    const chunkBytes = 64 * 1024
    const chunkCount = 160
    const base = await serve(
      toNodeHandler(async () => {
        let sent = 0
        const body = new ReadableStream<Uint8Array>({
          pull(controller) {
            if (sent === chunkCount) return controller.close()
            controller.enqueue(new Uint8Array(chunkBytes).fill(sent % 251))
            sent++
          },
        })
        return new Response(body, { headers: { 'content-type': 'application/octet-stream' } })
      }),
    )
    const warnings: string[] = []
    const onWarning = (warning: Error) => warnings.push(warning.name)
    process.on('warning', onWarning)
    const bytes = new Uint8Array(await (await fetch(base)).arrayBuffer())
    process.off('warning', onWarning)
    // Waiting for `drain` again and again must not pile up listeners on the response.
    expect(warnings).not.toContain('MaxListenersExceededWarning')
    expect(bytes.byteLength).toBe(chunkBytes * chunkCount)
    expect(bytes[chunkBytes * 100]).toBe(100)
    expect(bytes.at(-1)).toBe((chunkCount - 1) % 251)
  })

  it('answers 500 and logs when the handler throws, or hands the error to Express’s next', async () => {
    const crash = toNodeHandler(async () => {
      throw new Error('session store unavailable')
    })
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    try {
      const response = await fetch(await serve(crash))
      expect(response.status).toBe(500)
      expect(await response.json()).toEqual({
        error: 'Internal Server Error',
        message: 'The request failed on the server',
      })
      expect(String(logged.mock.calls[0]?.[0])).toContain('[stripemeter]')
    } finally {
      logged.mockRestore()
    }

    const passedOn: unknown[] = []
    const base = await serve(
      mountLikeExpress('', crash, {
        next: (error, response) => {
          passedOn.push(error)
          // Express's error handler answers in the app's own way.
          response.writeHead(503).end()
        },
      }),
    )
    expect((await fetch(base)).status).toBe(503)
    expect((passedOn[0] as Error).message).toBe('session store unavailable')
  })

  it('aborts the call to the API when the browser goes away', async () => {
    const upstreamClosed = new Promise<void>((resolve) => {
      api.respondWith((_request, response) => {
        response.on('close', () => resolve())
      })
    })
    const base = await serve(toNodeHandler(createTestHandler(api.url, { timeout: 60_000 })))
    const browser = new AbortController()
    const pending = fetch(`${base}/api/stripemeter/v1/usage/current`, {
      headers: alice,
      signal: browser.signal,
    }).catch((error: unknown) => error)
    while (api.received.length === 0) await new Promise((resolve) => setTimeout(resolve, 5))
    browser.abort()

    await upstreamClosed
    expect(await pending).toBeInstanceOf(DOMException)
  })
})

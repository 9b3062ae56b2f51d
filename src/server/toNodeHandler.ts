import type { IncomingMessage, ServerResponse } from 'node:http'

/** A Node `http` request listener that is also Express middleware (`next` receives failures). */
export type NodeRequestListener = (
  request: IncomingMessage,
  response: ServerResponse,
  next?: (error?: unknown) => void,
) => void

/** What Express and its body parsers add to a Node request. */
interface FrameworkRequest extends IncomingMessage {
  originalUrl?: string
  body?: unknown
}

/** The Node request each Fetch request was made from, for `getNodeRequest`. */
const nodeRequests = new WeakMap<Request, IncomingMessage>()

/**
 * The Node request behind a Fetch request that `toNodeHandler` made, so `identify` can read
 * what Express middleware attached to it (`req.session`, `req.user`, …). `undefined` for any
 * other request.
 */
export function getNodeRequest(request: Request): IncomingMessage | undefined {
  return nodeRequests.get(request)
}

/**
 * Serves a Fetch handler (such as `createStripeMeterHandler`'s) from Node `http`, Express,
 * Connect or Fastify's raw hooks. Bodies stream both ways; a closed connection aborts the
 * handler's upstream call through `request.signal`. A HEAD answer carries the headers only.
 */
export function toNodeHandler(
  handler: (request: Request) => Promise<Response>,
): NodeRequestListener {
  return (request, response, next) => {
    const method = request.method?.toUpperCase() ?? 'GET'
    if (fetchForbiddenMethods.has(method)) {
      // A Fetch `Request` cannot carry these; answering here keeps them out of the error path
      // (and out of the logs: anyone could send them in a loop).
      answerJson(response, 405, {
        error: 'Method Not Allowed',
        message: `${method} is not supported`,
      })
      return
    }
    const disconnected = new AbortController()
    response.once('close', () => {
      if (!response.writableFinished) disconnected.abort()
    })
    serve(handler, request as FrameworkRequest, response, disconnected.signal).catch(
      (error: unknown) => {
        // The browser went away mid-answer: there is no one left to tell.
        if (disconnected.signal.aborted) return
        if (next !== undefined) return next(error)
        if (response.headersSent) return response.destroy()
        answerJson(response, 500, {
          error: 'Internal Server Error',
          message: 'The request failed on the server',
        })
        console.error('[stripemeter] The request handler failed:', error)
      },
    )
  }
}

/** Methods the Fetch standard refuses to put in a `Request`. */
const fetchForbiddenMethods = new Set(['CONNECT', 'TRACE', 'TRACK'])

function answerJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' })
  response.end(JSON.stringify(body))
}

async function serve(
  handler: (request: Request) => Promise<Response>,
  request: FrameworkRequest,
  response: ServerResponse,
  signal: AbortSignal,
): Promise<void> {
  const answer = await handler(toFetchRequest(request, signal))
  const headers: Record<string, string | string[]> = {}
  answer.headers.forEach((value, name) => {
    headers[name] = value
  })
  const cookies = answer.headers.getSetCookie()
  if (cookies.length > 0) headers['set-cookie'] = cookies
  if (answer.statusText === '') response.writeHead(answer.status, headers)
  else response.writeHead(answer.status, answer.statusText, headers)

  if (answer.body === null || request.method === 'HEAD') {
    await answer.body?.cancel()
    response.end()
    return
  }
  await writeBody(answer.body, response)
}

/**
 * Streams a Fetch body into a Node response, waiting for `drain` when the socket is full.
 * Written out rather than with `node:stream` helpers so this entry imports no Node module
 * and bundles for edge runtimes too.
 */
async function writeBody(
  body: ReadableStream<Uint8Array>,
  response: ServerResponse,
): Promise<void> {
  const reader = body.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    if (response.write(value)) continue
    await new Promise<void>((resolve) => {
      // Both listeners go once either fires: a long body must not pile up `close` listeners.
      const resume = () => {
        response.off('drain', resume)
        response.off('close', resume)
        resolve()
      }
      response.on('drain', resume)
      response.on('close', resume)
    })
    if (response.destroyed) {
      await reader.cancel()
      return
    }
  }
  response.end()
}

/** The request body as a Fetch stream, read from the socket only as fast as it is consumed. */
function bodyStreamOf(request: IncomingMessage): ReadableStream<Uint8Array> {
  // Attached on the first read only: a body the handler never reads (a 413 by its declared
  // length) is then left to Node, which discards it and keeps the connection usable.
  let chunks: AsyncIterator<unknown> | undefined
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        chunks ??= request[Symbol.asyncIterator]()
        const { done, value } = await chunks.next()
        if (done) controller.close()
        else controller.enqueue(value as Uint8Array)
      },
      async cancel() {
        await chunks?.return?.()
      },
      // No read ahead: `pull` runs only when the handler reads.
    },
    { highWaterMark: 0 },
  )
}

function toFetchRequest(request: FrameworkRequest, signal: AbortSignal): Request {
  const encrypted = (request.socket as { encrypted?: boolean }).encrypted === true
  // Express strips its mount path from `url`; `originalUrl` keeps the path the browser asked for.
  const url = requestUrl(
    `${encrypted ? 'https' : 'http'}:`,
    request.headers.host,
    request.originalUrl ?? request.url ?? '/',
  )

  const headers = new Headers()
  for (const [name, value] of Object.entries(request.headers)) {
    // HTTP/2 pseudo-headers (`:path`, …) are not headers a Fetch Request can hold.
    if (value === undefined || name.startsWith(':')) continue
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item)
  }

  const method = request.method ?? 'GET'
  const init: RequestInit & { duplex?: 'half' } = { method, headers, signal }
  if (method !== 'GET' && method !== 'HEAD') {
    if (request.readableEnded) {
      // A body parser (`express.json()`) mounted before us has already read the stream; the
      // body is rebuilt from what it parsed, so the original length no longer applies.
      init.body = parsedBody(request.body)
      headers.delete('content-length')
      headers.delete('transfer-encoding')
    } else {
      init.body = bodyStreamOf(request)
      init.duplex = 'half'
    }
  }
  const fetchRequest = new Request(url, init)
  nodeRequests.set(fetchRequest, request)
  return fetchRequest
}

/**
 * The URL a request names. Its target is usually a path, but HTTP/1.1 also allows the
 * absolute form (`GET http://host/path`, what proxies send), which is served as its path; a
 * `Host` header that is not a host falls back to `localhost` rather than failing the request.
 */
function requestUrl(protocol: string, host: string | undefined, target: string): URL {
  const path = target.startsWith('/') ? target : absoluteTargetPath(target)
  try {
    return new URL(`${protocol}//${host ?? 'localhost'}${path}`)
  } catch {
    return new URL(`${protocol}//localhost${path}`)
  }
}

function absoluteTargetPath(target: string): string {
  try {
    const url = new URL(target)
    return `${url.pathname}${url.search}`
  } catch {
    // `*` (OPTIONS *) or garbage: nothing to route by.
    return '/'
  }
}

function parsedBody(body: unknown): string | Uint8Array<ArrayBuffer> | null {
  if (body === undefined || body === null) return null
  if (typeof body === 'string') return body
  // `express.raw()` leaves a Buffer, whose memory may be a pooled, shared ArrayBuffer.
  if (body instanceof Uint8Array) return new Uint8Array(body)
  return JSON.stringify(body)
}

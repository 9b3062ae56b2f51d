import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { IngestEvent, IngestEventResult } from '../../src/core/types.js'

/** One request as the server saw it. */
export interface RecordedRequest {
  method: string
  /** Path and query, e.g. `/v1/usage/current?tenantId=…`. */
  url: string
  headers: IncomingMessage['headers']
  body: string
  /** The events of an ingest request, `[]` for anything else. */
  events: IngestEvent[]
  /** `Date.now()` when the request's body had arrived. */
  receivedAtMs: number
}

/** What to do with one request. */
export interface ScriptedReply {
  status?: number
  headers?: Record<string, string>
  json?: unknown
  /** Drop the connection instead of answering (the client sees a network error). */
  reset?: boolean
  /** Wait this long before answering. */
  delayMs?: number
  /** Answer without an `x-request-id` header, as the real server does. */
  withoutRequestId?: boolean
}

export type Responder = (request: RecordedRequest) => ScriptedReply | Promise<ScriptedReply>

/**
 * A real HTTP server on 127.0.0.1 that records every request and answers each from a script;
 * when the script runs out it behaves like a healthy StripeMeter ingest (dedup by key).
 */
export interface LoopbackServer {
  url: string
  requests: RecordedRequest[]
  /** Unique events counted, by idempotency key. */
  counted: Map<string, IngestEvent>
  /** Queues responders for the next requests, in order. */
  script(...responders: Responder[]): void
  /** Replaces the responder used once the script is empty. */
  setDefault(responder: Responder): void
  /** Counts the request's events like the real server and returns its 200 body. */
  commit(request: RecordedRequest): ScriptedReply
  /** Ingest requests received so far. */
  ingestRequests(): RecordedRequest[]
  close(): Promise<void>
}

export async function startLoopbackServer(): Promise<LoopbackServer> {
  const requests: RecordedRequest[] = []
  const counted = new Map<string, IngestEvent>()
  const scripted: Responder[] = []
  let requestNumber = 0

  const commit = (request: RecordedRequest): ScriptedReply => {
    const results: IngestEventResult[] = request.events.map((event) => {
      const key = event.idempotencyKey as string
      if (counted.has(key)) return { idempotencyKey: key, status: 'duplicate' }
      counted.set(key, event)
      return { idempotencyKey: key, status: 'accepted' }
    })
    return {
      json: {
        accepted: results.filter((result) => result.status === 'accepted').length,
        duplicates: results.filter((result) => result.status === 'duplicate').length,
        requestId: `req-${requestNumber}`,
        results,
        errors: [],
      },
    }
  }
  let fallback: Responder = (request) =>
    request.url.startsWith('/v1/events/ingest')
      ? commit(request)
      : { status: 404, json: { error: 'Not Found' } }

  const server = createServer(async (incoming: IncomingMessage, outgoing: ServerResponse) => {
    const chunks: Buffer[] = []
    for await (const chunk of incoming) chunks.push(chunk as Buffer)
    const body = Buffer.concat(chunks).toString('utf8')
    let events: IngestEvent[] = []
    if (incoming.url?.startsWith('/v1/events/ingest')) {
      events = (JSON.parse(body) as { events: IngestEvent[] }).events
    }
    const request: RecordedRequest = {
      method: incoming.method ?? 'GET',
      url: incoming.url ?? '/',
      headers: incoming.headers,
      body,
      events,
      receivedAtMs: Date.now(),
    }
    requests.push(request)
    requestNumber++
    const reply = await (scripted.shift() ?? fallback)(request)
    if (reply.delayMs !== undefined)
      await new Promise((resolve) => setTimeout(resolve, reply.delayMs))
    if (reply.reset) {
      incoming.socket.destroy()
      return
    }
    outgoing.writeHead(reply.status ?? 200, {
      'content-type': 'application/json',
      ...(reply.withoutRequestId ? {} : { 'x-request-id': `req-${requestNumber}` }),
      ...reply.headers,
    })
    outgoing.end(JSON.stringify(reply.json ?? {}))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    counted,
    script: (...responders) => {
      scripted.push(...responders)
    },
    setDefault: (responder) => {
      fallback = responder
    },
    commit,
    ingestRequests: () => requests.filter((request) => request.url.startsWith('/v1/events/ingest')),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** A reply with the given status and the real server's `{ error, message }` body. */
export function failWith(status: number, headers: Record<string, string> = {}): Responder {
  return () => ({
    status,
    headers,
    json: { error: `Status ${status}`, message: `scripted ${status}` },
  })
}

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** One request as the upstream API received it. */
export interface ReceivedRequest {
  method: string
  /** Path and query, e.g. `/v1/usage/current?tenantId=…`. */
  url: string
  query: URLSearchParams
  headers: IncomingMessage['headers']
  /** The parsed JSON body, `undefined` when there was none. */
  body: unknown
}

export type ApiResponder = (
  received: ReceivedRequest,
  response: ServerResponse,
) => void | Promise<void>

/** Answers like the StripeMeter API: JSON, echoing `x-request-id`. */
export function answerJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
  response.end(JSON.stringify(body))
}

/**
 * A real HTTP server on loopback standing in for the StripeMeter API: it records every request
 * the handler forwards, so the tests can see exactly what left the app's backend.
 */
export async function startRecordingApi(responder?: ApiResponder) {
  const received: ReceivedRequest[] = []
  let respond: ApiResponder =
    responder ??
    ((request, response) =>
      answerJson(
        response,
        200,
        { ok: true, url: request.url, body: request.body },
        {
          'x-request-id': String(request.headers['x-request-id'] ?? 'req-upstream'),
        },
      ))
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = []
    for await (const chunk of request) chunks.push(chunk as Buffer)
    const text = Buffer.concat(chunks).toString('utf8')
    const url = request.url ?? '/'
    const record: ReceivedRequest = {
      method: request.method ?? 'GET',
      url,
      query: new URL(url, 'http://upstream').searchParams,
      headers: request.headers,
      body: text === '' ? undefined : JSON.parse(text),
    }
    received.push(record)
    await respond(record, response)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    /** Replaces how the API answers from now on. */
    respondWith(next: ApiResponder) {
      respond = next
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

export type RecordingApi = Awaited<ReturnType<typeof startRecordingApi>>

import type { IngestIssue, IngestResponse } from '../core/types.js'

/** Reason phrases for the statuses the handler answers by itself. */
const statusNames: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  499: 'Client Closed Request',
  502: 'Bad Gateway',
  504: 'Gateway Timeout',
}

/** A JSON response carrying the request id, like every answer of the real server. */
export function jsonResponse(
  status: number,
  body: unknown,
  requestId: string,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      'cache-control': 'no-store',
      'content-type': 'application/json; charset=utf-8',
      'x-request-id': requestId,
      ...headers,
    },
  })
}

/**
 * An error in the server's general shape `{"error":"<Name>","message":"…"}`, so the browser
 * client reads the handler's refusals exactly like the server's own.
 */
export function errorResponse(
  status: number,
  message: string,
  requestId: string,
  options: { error?: string; headers?: Record<string, string> } = {},
): Response {
  const error = options.error ?? statusNames[status] ?? 'Error'
  return jsonResponse(status, { error, message }, requestId, options.headers)
}

/** The server's (Fastify's) 404 shape for a route it does not serve. */
export function notFoundResponse(method: string, pathname: string, requestId: string): Response {
  return jsonResponse(
    404,
    { message: `Route ${method}:${pathname} not found`, error: 'Not Found', statusCode: 404 },
    requestId,
  )
}

/**
 * A whole batch refused in the shape of the ingest route's own 400, so the client treats it
 * as the server's refusal. Unlike the server, `index` here is the index of the event.
 */
export function ingestRefusal(issues: IngestIssue[], requestId: string): Response {
  const body: IngestResponse = { accepted: 0, duplicates: 0, requestId, errors: issues }
  return jsonResponse(400, body, requestId)
}

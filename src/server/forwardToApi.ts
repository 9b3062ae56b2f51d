import { errorResponse } from './errorResponse.js'

/** Everything about the upstream API the browser must never see. */
export interface ApiConnection {
  apiUrl: URL
  apiKey: string
  fetch: typeof fetch
  timeoutMs: number
}

export interface ForwardedCall {
  /** The route's path on the API, e.g. `/v1/usage/current`. */
  path: string
  method: 'GET' | 'POST'
  query?: URLSearchParams
  body?: unknown
  /** Echoed by the API and passed back, so a browser's report can be matched to the API's logs. */
  requestId: string
  /** Aborts the upstream call when the browser goes away. */
  signal: AbortSignal
  /** Answer without a body (the browser asked with HEAD). */
  omitBody: boolean
}

/** The response headers a browser needs: the client's backoff reads them; nothing else leaves. */
const passedHeaders = [
  'content-type',
  'retry-after',
  'x-request-id',
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
]

/**
 * Calls the StripeMeter API with the secret key and answers with its status, body and the
 * headers above. A network failure becomes a 502 and a timeout a 504, each with a message that
 * says what happened without naming the API's address.
 */
export async function forwardToApi(api: ApiConnection, call: ForwardedCall): Promise<Response> {
  const url = new URL(api.apiUrl.pathname.replace(/\/+$/, '') + call.path, api.apiUrl)
  if (call.query !== undefined) url.search = call.query.toString()
  const headers: Record<string, string> = {
    accept: 'application/json',
    authorization: `Bearer ${api.apiKey}`,
    'x-request-id': call.requestId,
  }
  if (call.body !== undefined) headers['content-type'] = 'application/json'

  // Serialised before the call: a failure here is a bug to surface, not a network error.
  const body = call.body === undefined ? null : JSON.stringify(call.body)
  const timeout = AbortSignal.timeout(api.timeoutMs)
  let status: number
  let upstreamHeaders: Headers
  let text: string
  try {
    const upstream = await api.fetch(url, {
      method: call.method,
      headers,
      body,
      signal: AbortSignal.any([call.signal, timeout]),
      redirect: 'manual',
    })
    status = upstream.status
    upstreamHeaders = upstream.headers
    text = await upstream.text()
  } catch (error) {
    if (call.signal.aborted) {
      return errorResponse(499, 'The request was aborted by the client', call.requestId)
    }
    if (timeout.aborted) {
      const message = `The StripeMeter API did not answer within ${api.timeoutMs} ms`
      return errorResponse(504, message, call.requestId)
    }
    const message = `The StripeMeter API could not be reached (${describeNetworkError(error)})`
    return errorResponse(502, message, call.requestId)
  }

  const responseHeaders = new Headers({ 'cache-control': 'private, no-store' })
  for (const name of passedHeaders) {
    const value = upstreamHeaders.get(name)
    if (value !== null) responseHeaders.set(name, redactKey(value, api.apiKey))
  }
  if (!responseHeaders.has('x-request-id')) responseHeaders.set('x-request-id', call.requestId)
  const answer =
    call.omitBody || status === 204 || status === 304 ? null : redactKey(text, api.apiKey)
  return new Response(answer, { status, headers: responseHeaders })
}

/**
 * Removes the key from anything the API sends back. The API never echoes it, but a gateway in
 * between might (an error page that dumps the request), and the browser must not learn it.
 */
export function redactKey(text: string, apiKey: string): string {
  let redacted = text.replaceAll(apiKey, '[redacted]')
  const secret = apiKey.slice(apiKey.indexOf('.') + 1)
  if (secret !== apiKey && secret.length >= 8) redacted = redacted.replaceAll(secret, '[redacted]')
  return redacted
}

const networkErrorReasons: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'DNS lookup failed',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  UND_ERR_SOCKET: 'connection closed before the response',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
}

/** A short reason from the error's `code` (undici nests it in `cause`), without addresses or ports. */
function describeNetworkError(error: unknown): string {
  for (let current = error; typeof current === 'object' && current !== null; ) {
    const { code, cause } = current as { code?: unknown; cause?: unknown }
    if (typeof code === 'string') return networkErrorReasons[code] ?? code
    current = cause
  }
  return 'network error'
}

import ky, { type BeforeRequestHook, type BeforeRetryHook, isHTTPError, type KyInstance } from 'ky'
import { randomKey } from './randomKey.js'
import { retryAfterMs } from './retryAfterMs.js'
import type { ResolvedClientOptions } from './StripeMeterClientOptions.js'
import { StripeMeterError } from './StripeMeterError.js'
import { requestIdOf, toStripeMeterError } from './toStripeMeterError.js'

/** A parsed JSON answer and the request's id (the server's where it sent one, else the client's). */
export interface TransportResponse<T> {
  data: T
  requestId: string
}

export interface TransportRequest {
  searchParams?: Record<string, string>
  /** A JSON text (ingest bodies are assembled from cached event JSON) or a value to serialise. */
  body?: string | object
  /** Let the request outlive the page (`fetch(…, { keepalive: true })`, body ≤ 64 KiB). */
  keepalive?: boolean
}

/** HTTP to the StripeMeter API: auth, headers, timeouts and retries; every failure a `StripeMeterError`. */
export interface Transport {
  request<T>(
    method: 'get' | 'post',
    path: string,
    init?: TransportRequest,
  ): Promise<TransportResponse<T>>
}

/** The statuses worth the same request again: timeouts, rate limits and passing server trouble. */
const RETRIED_STATUS_CODES = [408, 429, 500, 502, 503, 504]
/** Where StripeMeter (and proxies in front of it) send `Retry-After`. */
const RETRY_AFTER_STATUS_CODES = [429, 503]
/** Exponential backoff between attempts is capped here. */
const MAX_BACKOFF_MS = 30_000
/**
 * A `Retry-After` longer than this is not waited out inside one request: the request fails
 * and the client schedules the next delivery for when the server allows it.
 */
export const MAX_IN_REQUEST_WAIT_MS = 60_000

export function createTransport(options: ResolvedClientOptions): Transport {
  const { apiKey, headers, timeoutMs, retryAttempts, baseUrl } = options

  /**
   * A JSON text (an ingest body, up to 1 MB) joins the request only as it is fetched. ky clones
   * the request before every attempt so it can retry, and cloning a request with a body tees
   * the body's stream and copies it: per attempt, the whole body once more. Attached here, each
   * attempt sends the same text and nothing is copied in between.
   */
  const jsonTextBody = (body: string, requestId: string) => ({
    headers: { 'content-type': 'application/json', 'x-request-id': requestId },
    fetch: ((request: Request, requestInit?: RequestInit) =>
      options.fetch === undefined
        ? // Looked up per request, so a fetch patched after the client was made is used.
          globalThis.fetch(request, { ...requestInit, body })
        : // A custom fetch may read only its Request: hand it a complete one.
          options.fetch(new Request(request, { body }), requestInit)) as typeof fetch,
  })

  const api: KyInstance = ky.create({
    timeout: timeoutMs,
    headers: {
      ...(apiKey === undefined ? {} : { authorization: `Bearer ${apiKey}` }),
      ...(typeof headers === 'object' ? Object.fromEntries(new Headers(headers)) : {}),
    },
    retry: {
      limit: retryAttempts,
      methods: ['post', 'get'],
      statusCodes: RETRIED_STATUS_CODES,
      afterStatusCodes: RETRY_AFTER_STATUS_CODES,
      backoffLimit: MAX_BACKOFF_MS,
      // Half fixed, half random: spreads clients apart while the pause still grows.
      jitter: (delayMs) => delayMs * (0.5 + Math.random() * 0.5),
      retryOnTimeout: true,
      shouldRetry: ({ error }) => {
        if (!isHTTPError(error)) return undefined
        const waitMs = retryAfterMs(error.response.headers)
        return waitMs !== undefined && waitMs > MAX_IN_REQUEST_WAIT_MS ? false : undefined
      },
    },
    // Only when there is work for them: ky awaits every hook, even one with nothing to do.
    ...(typeof headers === 'function' ? { hooks: dynamicHeaderHooks(headers) } : {}),
    ...(options.fetch === undefined ? {} : { fetch: options.fetch as typeof fetch }),
  })

  return {
    async request<T>(method: 'get' | 'post', path: string, init: TransportRequest = {}) {
      const what = `${method.toUpperCase()} ${path}`
      // One id per logical request, the same on its retries (ky resends the same headers), so
      // the server's logs and the error the app sees name the same request.
      const sentRequestId = randomKey()
      try {
        const responsePromise = api(`${baseUrl}${path}`, {
          method,
          ...(init.searchParams === undefined ? {} : { searchParams: init.searchParams }),
          ...(init.keepalive === true ? { keepalive: true } : {}),
          ...(typeof init.body === 'string'
            ? jsonTextBody(init.body, sentRequestId)
            : {
                headers: { 'x-request-id': sentRequestId },
                ...(init.body === undefined ? {} : { json: init.body }),
              }),
        })
        const text = await responsePromise.text()
        const response = await responsePromise
        const serverRequestId = response.headers.get('x-request-id') ?? undefined
        let data: T
        try {
          data = JSON.parse(text) as T
        } catch (error) {
          throw new StripeMeterError(
            `${what} answered ${response.status} with a body that is not JSON`,
            {
              code: 'http_error',
              statusCode: response.status,
              requestId: serverRequestId ?? sentRequestId,
              cause: error,
            },
          )
        }
        return { data, requestId: serverRequestId ?? requestIdOf(data) ?? sentRequestId }
      } catch (error) {
        throw toStripeMeterError(error, what, timeoutMs, sentRequestId)
      }
    },
  }
}

/** Sets the headers of a `headers` function on every attempt (a short-lived token stays fresh). */
function dynamicHeaderHooks(getHeaders: () => HeadersInit | Promise<HeadersInit>): {
  beforeRequest: BeforeRequestHook[]
  beforeRetry: BeforeRetryHook[]
} {
  const applyHeaders = async ({ request }: { request: Request }): Promise<void> => {
    let extra: HeadersInit
    try {
      extra = await getHeaders()
    } catch (error) {
      // Without its credentials the request cannot be made; the events stay queued.
      throw new StripeMeterError(`headers() failed: ${String(error)}`, {
        code: 'unauthorized',
        cause: error,
      })
    }
    for (const [name, value] of new Headers(extra)) request.headers.set(name, value)
  }
  return { beforeRequest: [applyHeaders], beforeRetry: [applyHeaders] }
}

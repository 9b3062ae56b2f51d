import { isHTTPError, isNetworkError, isTimeoutError } from 'ky'
import { retryAfterMs } from './retryAfterMs.js'
import {
  isStripeMeterError,
  StripeMeterError,
  type StripeMeterErrorCode,
} from './StripeMeterError.js'

/**
 * Any failure of a request as a `StripeMeterError`. `what` names the request
 * (`POST /v1/events/ingest`) so the message says what failed; the server's message is taken
 * from `message`, else `error`, else the status text — where the real server puts it.
 * `sentRequestId` (the `x-request-id` the client sent) is the id unless the server sent its own.
 */
export function toStripeMeterError(
  error: unknown,
  what: string,
  timeoutMs: number,
  sentRequestId?: string,
): StripeMeterError {
  if (isStripeMeterError(error)) return error
  if (isHTTPError(error)) {
    const { status, statusText, headers } = error.response
    const data = error.data
    const serverMessage = messageOf(data) ?? statusText
    return new StripeMeterError(`${what} failed with ${status}: ${serverMessage || 'no message'}`, {
      code: codeForStatus(status),
      statusCode: status,
      requestId: headers.get('x-request-id') ?? requestIdOf(data) ?? sentRequestId,
      retryAfterMs: retryAfterMs(headers),
      cause: error,
    })
  }
  if (isTimeoutError(error)) {
    return new StripeMeterError(`${what} got no response within ${timeoutMs} ms`, {
      code: 'timeout',
      requestId: sentRequestId,
      cause: error,
    })
  }
  const reason = isNetworkError(error) ? describeCause(error.cause ?? error) : describeCause(error)
  return new StripeMeterError(`${what} failed without a response: ${reason}`, {
    code: 'network_error',
    requestId: sentRequestId,
    cause: error,
  })
}

export function codeForStatus(status: number): StripeMeterErrorCode {
  if (status === 401 || status === 403) return 'unauthorized'
  if (status === 429) return 'rate_limited'
  return 'http_error'
}

function messageOf(data: unknown): string | undefined {
  if (typeof data === 'string') return data.slice(0, 500) || undefined
  if (typeof data !== 'object' || data === null) return undefined
  const { message, error, errors } = data as Record<string, unknown>
  if (typeof message === 'string' && message) return message
  if (typeof error === 'string' && error) return error
  // A whole-batch 400 from ingest carries its reasons in `errors: [{ index, error }]`.
  if (Array.isArray(errors)) {
    const reasons = errors.map((issue) => (issue as { error?: unknown }).error).filter(Boolean)
    if (reasons.length > 0) return reasons.join('; ')
  }
  return undefined
}

/** The ingest answer's `requestId` (the real server puts the id there, not in a header). */
export function requestIdOf(data: unknown): string | undefined {
  const requestId = (data as { requestId?: unknown } | undefined)?.requestId
  return typeof requestId === 'string' ? requestId : undefined
}

/** Node's fetch hides the real reason (ECONNRESET, ECONNREFUSED) one or two causes deep. */
function describeCause(error: unknown): string {
  const parts: string[] = []
  let current: unknown = error
  for (let depth = 0; depth < 3 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code
    parts.push(typeof code === 'string' ? `${current.message} (${code})` : current.message)
    current = current.cause
  }
  return parts.join(': ') || String(error)
}

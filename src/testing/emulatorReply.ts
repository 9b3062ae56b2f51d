import type { EmulatorProfile } from './EmulatorProfile.js'

/** What a route decides: status, JSON body and extra headers. The dispatcher adds the common headers. */
export interface EmulatorReply {
  status: number
  body: unknown
  headers?: Record<string, string>
}

export function jsonReply(status: number, body: unknown, headers?: Record<string, string>) {
  const reply: EmulatorReply = { status, body }
  if (headers) reply.headers = headers
  return reply
}

const statusNames: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
}

export function statusName(status: number): string {
  return statusNames[status] ?? (status >= 500 ? 'Internal Server Error' : 'Error')
}

/** The real server's generic error body for 413, 429 and 5xx: `{"error":"<Name>","message":"<text>"}`. */
export function namedError(status: number, message: string, headers?: Record<string, string>) {
  return jsonReply(status, { error: statusName(status), message }, headers)
}

/** The real server's 400 for a malformed request (missing field, bad date, bad JSON). */
export function requestShapeError(message: string) {
  return jsonReply(400, { error: 'Error', message })
}

/** Fastify's 404 body, word for word. */
export function notFoundReply(method: string, pathname: string) {
  return jsonReply(404, {
    message: `Route ${method}:${pathname} not found`,
    error: 'Not Found',
    statusCode: 404,
  })
}

/** The body the real server sends for `403 Mismatched tenantId`, on writes and reads alike. */
export const mismatchedTenantReply = () =>
  jsonReply(403, { error: 'Mismatched tenantId in events' })

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * A 500 from the database. The real server answers its production body, naming only the
 * error class; the 'demo' profile says what failed.
 */
export function databaseError(profile: Pick<EmulatorProfile, 'rawErrorNames'>, detail: string) {
  return profile.rawErrorNames
    ? jsonReply(500, { error: 'PostgresError', message: 'An internal server error occurred.' })
    : namedError(500, detail)
}

/**
 * The real server stores tenants as PostgreSQL UUIDs: a tenant that is not one fails in the
 * database with a 500, and the emulator says so instead of quietly accepting it.
 */
export function checkTenantId(
  tenantId: string,
  keyTenantId: string | undefined,
  profile: Pick<EmulatorProfile, 'rawErrorNames'>,
) {
  if (keyTenantId !== undefined && tenantId !== keyTenantId) return mismatchedTenantReply()
  if (!uuidPattern.test(tenantId)) {
    return databaseError(profile, `invalid input syntax for type uuid: "${tenantId}"`)
  }
  return undefined
}

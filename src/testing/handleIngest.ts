import type { IngestEvent, IngestEventResult, IngestIssue } from '../core/types.js'
import type { EmulatorContext, RouteRequest } from './EmulatorContext.js'
import {
  checkTenantId,
  databaseError,
  jsonReply,
  mismatchedTenantReply,
  requestShapeError,
} from './emulatorReply.js'
import { fromMicroUnits, toMicroUnits } from './microUnits.js'
import { HOUR_MS, parseIsoDateTime } from './utcCalendar.js'
import { type ParsedIngestEvent, validateIngestBody } from './validateIngestBody.js'
import { isPlainObject } from './zodMessages.js'

/** The real server's per-event limits: refused one by one, inside a 200. */
export const MAX_FUTURE_SKEW_MS = HOUR_MS
export const MAX_META_BYTES = 4096

/** `numeric(20,6)`: 14 digits before the point. 99999999999999 is stored exactly, 1e14 fails. */
export const MAX_STORED_QUANTITY_EXCLUSIVE = 1e14

const utf8 = new TextEncoder()

/** `POST /v1/events/ingest` */
export function handleIngest(request: RouteRequest, context: EmulatorContext) {
  const { profile } = context
  if (profile.checksFastifySchema) {
    const refusal = fastifySchemaRefusal(request.body, request.keyTenantId)
    if (refusal) return refusal
  }
  const validation = validateIngestBody(request.body, profile.batchTooLarge)
  if (!validation.ok) return refusedBatch(request.requestId, validation.issues)
  for (const event of validation.events) {
    const refusal = checkTenantId(event.tenantId, request.keyTenantId, profile)
    if (refusal) return refusal
  }

  // The header key applies to every keyless event, so two of them in one batch count once.
  const headerKey = request.headers.get('idempotency-key') ?? undefined
  const nowMs = context.now().getTime()
  const keyed = validation.events.map((event) => ({
    event,
    idempotencyKey: event.idempotencyKey ?? headerKey ?? derivedKey(event),
    refusal: perEventRefusal(event, nowMs),
  }))
  // PostgreSQL refuses the insert as a whole: nothing of the batch is stored.
  if (
    profile.enforcesDatabaseLimits &&
    keyed.some((item) => !item.refusal && !storable(item.event))
  ) {
    return databaseError(profile, 'value out of range for numeric(20,6), or U+0000 in text')
  }

  const results: IngestEventResult[] = []
  const errors: IngestIssue[] = []
  const keysOfThisBatch = new Set<string>()
  let accepted = 0
  let duplicates = 0
  keyed.forEach(({ event, idempotencyKey, refusal }, index) => {
    if (refusal !== undefined) {
      results.push({ idempotencyKey, status: 'error', error: refusal })
      errors.push({ index, error: refusal })
      return
    }
    const tsMs = Math.floor(event.tsMs / 1000) * 1000
    let status = context.store.ingest(toWireEvent(event, idempotencyKey, tsMs), tsMs)
    // The real server reports a key repeated inside one batch as accepted twice (counted once).
    if (keysOfThisBatch.has(idempotencyKey) && profile.repeatedKeyInBatch === 'accepted') {
      status = 'accepted'
    }
    keysOfThisBatch.add(idempotencyKey)
    if (status === 'accepted') accepted += 1
    else duplicates += 1
    results.push({ idempotencyKey, status })
  })
  const body: Record<string, unknown> = { accepted, duplicates }
  if (request.requestId !== undefined) body.requestId = request.requestId
  body.results =
    profile.resultOrder === 'refusalsFirst'
      ? [
          ...results.filter((result) => result.status === 'error'),
          ...results.filter((result) => result.status !== 'error'),
        ]
      : results
  if (errors.length > 0) body.errors = errors
  return jsonReply(200, body)
}

function refusedBatch(requestId: string | undefined, errors: IngestIssue[]) {
  const body: Record<string, unknown> = { accepted: 0, duplicates: 0 }
  if (requestId !== undefined) body.requestId = requestId
  body.errors = errors
  return jsonReply(400, body)
}

/**
 * What the real server's Fastify JSON schema refuses before zod sees the body, in Fastify's
 * `{error,message}` shape, and its tenant check, which runs before zod too (so an event
 * without `tenantId` is a 403, not a 400).
 */
function fastifySchemaRefusal(body: unknown, keyTenantId: string | undefined) {
  if (!isPlainObject(body)) return requestShapeError('body must be object')
  if (body.events === undefined) {
    return requestShapeError("body must have required property 'events'")
  }
  if (!Array.isArray(body.events)) return requestShapeError('body/events must be array')
  for (const [index, event] of body.events.entries()) {
    if (!isPlainObject(event)) return requestShapeError(`body/events/${index} must be object`)
    if (typeof event.ts === 'string' && parseIsoDateTime(event.ts) === undefined) {
      return requestShapeError(`body/events/${index}/ts must match format "date-time"`)
    }
  }
  if (keyTenantId !== undefined) {
    for (const event of body.events as Record<string, unknown>[]) {
      if (event.tenantId !== keyTenantId) return mismatchedTenantReply()
    }
  }
  return undefined
}

/** What the database can store: `numeric(20,6)` quantities and text without U+0000. */
function storable(event: ParsedIngestEvent): boolean {
  if (event.quantity >= MAX_STORED_QUANTITY_EXCLUSIVE) return false
  // U+0000 inside `meta` is fine: meta is stored as escaped JSON text.
  return ![event.metric, event.customerRef, event.resourceId ?? ''].some((text) =>
    text.includes('\u0000'),
  )
}

function perEventRefusal(event: ParsedIngestEvent, nowMs: number): string | undefined {
  if (event.tsMs > nowMs + MAX_FUTURE_SKEW_MS) return 'Event timestamp too far in the future'
  if (event.meta !== undefined) {
    const metaBytes = utf8.encode(JSON.stringify(event.meta)).byteLength
    if (metaBytes > MAX_META_BYTES) {
      return `Event metadata too large: ${metaBytes} bytes > ${MAX_META_BYTES}`
    }
  }
  return undefined
}

/**
 * The server's own key when neither the event nor the request has one. It ignores `quantity`
 * and keeps `ts` to the second, so two genuine events in the same second collapse into one.
 */
function derivedKey(event: ParsedIngestEvent): string {
  const secondIso = new Date(Math.floor(event.tsMs / 1000) * 1000).toISOString()
  return [event.tenantId, event.metric, event.customerRef, event.resourceId ?? '', secondIso]
    .map(encodeURIComponent)
    .join(':')
}

function toWireEvent(
  event: ParsedIngestEvent,
  idempotencyKey: string,
  tsMs: number,
): IngestEvent & { idempotencyKey: string } {
  const wire: IngestEvent & { idempotencyKey: string } = {
    tenantId: event.tenantId,
    metric: event.metric,
    customerRef: event.customerRef,
    // As stored: six decimals, like the server's numeric(20,6).
    quantity: fromMicroUnits(toMicroUnits(event.quantity)),
    ts: new Date(tsMs).toISOString(),
    idempotencyKey,
  }
  if (event.resourceId !== undefined) wire.resourceId = event.resourceId
  if (event.meta !== undefined) wire.meta = event.meta
  if (event.source !== undefined) wire.source = event.source
  return wire
}

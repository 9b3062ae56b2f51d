import type { IngestEvent, IngestEventResult, IngestIssue } from '../core/types.js'
import type { EmulatorContext, RouteRequest } from './EmulatorContext.js'
import { checkTenantId, jsonReply } from './emulatorReply.js'
import { HOUR_MS } from './utcCalendar.js'
import { type ParsedIngestEvent, validateIngestBody } from './validateIngestBody.js'

/** The real server's per-event limits: refused one by one, inside a 200. */
export const MAX_FUTURE_SKEW_MS = HOUR_MS
export const MAX_META_BYTES = 4096

const utf8 = new TextEncoder()

/** `POST /v1/events/ingest` */
export function handleIngest(request: RouteRequest, context: EmulatorContext) {
  const validation = validateIngestBody(request.body)
  if (!validation.ok) return refusedBatch(request.requestId, validation.issues)
  for (const event of validation.events) {
    const refusal = checkTenantId(event.tenantId, request.keyTenantId)
    if (refusal) return refusal
  }

  // The header key applies to every keyless event, so two of them in one batch count once.
  const headerKey = request.headers.get('idempotency-key') ?? undefined
  const nowMs = context.now().getTime()
  const results: IngestEventResult[] = []
  const errors: IngestIssue[] = []
  let accepted = 0
  let duplicates = 0
  validation.events.forEach((event, index) => {
    const idempotencyKey = event.idempotencyKey ?? headerKey ?? derivedKey(event)
    const refusal = perEventRefusal(event, nowMs)
    if (refusal !== undefined) {
      results.push({ idempotencyKey, status: 'error', error: refusal })
      errors.push({ index, error: refusal })
      return
    }
    const tsMs = Math.floor(event.tsMs / 1000) * 1000
    const status = context.store.ingest(toWireEvent(event, idempotencyKey, tsMs), tsMs)
    if (status === 'accepted') accepted += 1
    else duplicates += 1
    results.push({ idempotencyKey, status })
  })
  const body: Record<string, unknown> = {
    accepted,
    duplicates,
    requestId: request.requestId,
    results,
  }
  if (errors.length > 0) body.errors = errors
  return jsonReply(200, body)
}

function refusedBatch(requestId: string, errors: IngestIssue[]) {
  return jsonReply(400, { accepted: 0, duplicates: 0, requestId, errors })
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
    quantity: event.quantity,
    ts: new Date(tsMs).toISOString(),
    idempotencyKey,
  }
  if (event.resourceId !== undefined) wire.resourceId = event.resourceId
  if (event.meta !== undefined) wire.meta = event.meta
  if (event.source !== undefined) wire.source = event.source
  return wire
}

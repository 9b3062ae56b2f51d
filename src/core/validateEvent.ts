import { isoTimestamp } from './isoTimestamp.js'
import { randomKey } from './randomKey.js'
import { StripeMeterError } from './StripeMeterError.js'
import type { EventSource, IngestEvent, UsageEvent } from './types.js'
import { utf8ByteLength } from './utf8ByteLength.js'
import { validationError } from './validationError.js'

/** The server's rules for one event (`POST /v1/events/ingest`), enforced before anything is queued. */
export const EVENT_RULES = {
  maxMetricChars: 100,
  maxCustomerRefChars: 255,
  maxResourceIdChars: 255,
  maxIdempotencyKeyChars: 255,
  maxMetaBytes: 4096,
  /** The server refuses a `ts` more than an hour ahead of its clock. */
  maxFutureMs: 60 * 60 * 1000,
} as const

const SOURCES: ReadonlySet<string> = new Set<EventSource>([
  'sdk',
  'http',
  'etl',
  'import',
  'system',
])

/**
 * An ISO-8601 date-time with a zone. A zone-less time would be read in the local zone of
 * whichever machine parses it, so it is refused rather than guessed.
 */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i

/**
 * Checks a caller's event against the server's rules and returns it as it goes over the wire:
 * `tenantId` set, `ts` normalised to UTC ISO (now when absent), a random idempotency key when
 * absent. Throws `validation_error` naming the field and value; `path` prefixes field names
 * (`events[3].`) in batches.
 */
export function validateEvent(
  input: UsageEvent,
  tenantId: string,
  nowMs: number,
  path = '',
): IngestEvent {
  if (typeof input !== 'object' || input === null) {
    throw validationError(path ? path.slice(0, -1) : 'event', 'must be an object', input)
  }
  const { metric, customerRef, quantity, ts, meta, resourceId, idempotencyKey, source } = input
  checkString(metric, `${path}metric`, 1, EVENT_RULES.maxMetricChars)
  checkString(customerRef, `${path}customerRef`, 1, EVENT_RULES.maxCustomerRefChars)
  if (typeof quantity !== 'number' || !(quantity > 0) || quantity === Number.POSITIVE_INFINITY) {
    throw validationError(`${path}quantity`, 'must be a finite number greater than 0', quantity)
  }
  if (idempotencyKey !== undefined) {
    checkString(idempotencyKey, `${path}idempotencyKey`, 1, EVENT_RULES.maxIdempotencyKeyChars)
  }
  const event: IngestEvent = {
    tenantId,
    metric,
    customerRef,
    quantity,
    ts: ts === undefined ? isoTimestamp(nowMs) : normaliseTs(ts, nowMs, `${path}ts`),
    idempotencyKey: idempotencyKey ?? randomKey(),
  }
  if (resourceId !== undefined) {
    checkString(resourceId, `${path}resourceId`, 0, EVENT_RULES.maxResourceIdChars)
    event.resourceId = resourceId
  }
  if (meta !== undefined) event.meta = snapshotMeta(meta, `${path}meta`)
  if (source !== undefined) {
    if (!SOURCES.has(source)) {
      throw validationError(`${path}source`, `must be one of ${[...SOURCES].join(', ')}`, source)
    }
    event.source = source
  }
  return event
}

function checkString(value: unknown, field: string, minChars: number, maxChars: number): void {
  if (typeof value !== 'string' || value.length < minChars || value.length > maxChars) {
    const range = minChars === 0 ? `at most ${maxChars}` : `${minChars}–${maxChars}`
    throw validationError(field, `must be a string of ${range} characters`, value)
  }
}

function normaliseTs(ts: unknown, nowMs: number, field: string): string {
  let ms: number
  if (ts instanceof Date) ms = ts.getTime()
  else if (typeof ts === 'string' && ISO_DATE_TIME.test(ts)) ms = Date.parse(ts)
  else ms = Number.NaN
  if (Number.isNaN(ms)) {
    throw validationError(field, 'must be a Date or an ISO-8601 date-time with a time zone', ts)
  }
  if (ms - nowMs > EVENT_RULES.maxFutureMs) {
    throw validationError(field, 'must not be more than 1 hour in the future', ts)
  }
  return new Date(ms).toISOString()
}

/**
 * The JSON round trip both measures the server's 4096-byte limit and takes a snapshot, so a
 * caller mutating its object after `buffer()` cannot change (or oversize) what is sent.
 */
function snapshotMeta(meta: unknown, field: string): Record<string, unknown> {
  if (typeof meta !== 'object' || meta === null || Array.isArray(meta)) {
    throw validationError(field, 'must be a JSON object', meta)
  }
  let json: string
  try {
    json = JSON.stringify(meta)
  } catch (error) {
    throw validationError(field, `must be JSON-serialisable (${String(error)})`, meta)
  }
  const bytes = utf8ByteLength(json)
  if (bytes > EVENT_RULES.maxMetaBytes) {
    throw new StripeMeterError(
      `${field} must be at most ${EVENT_RULES.maxMetaBytes} bytes as JSON, got ${bytes} bytes`,
      { code: 'validation_error' },
    )
  }
  return JSON.parse(json) as Record<string, unknown>
}

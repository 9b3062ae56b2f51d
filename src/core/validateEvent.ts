import {
  ISO_DATE_TIME_PATTERN,
  MAX_CUSTOMER_REF_CHARS,
  MAX_FUTURE_MS,
  MAX_IDEMPOTENCY_KEY_CHARS,
  MAX_META_BYTES,
  MAX_METRIC_CHARS,
  MAX_RESOURCE_ID_CHARS,
  MIN_QUANTITY,
  QUANTITY_LIMIT,
} from './apiLimits.js'
import { isoTimestamp } from './isoTimestamp.js'
import { randomKey } from './randomKey.js'
import { StripeMeterError } from './StripeMeterError.js'
import type { EventSource, KeyedIngestEvent, UsageEvent } from './types.js'
import { utf8ByteLength } from './utf8ByteLength.js'
import { validationError } from './validationError.js'

const SOURCES: ReadonlySet<string> = new Set<EventSource>([
  'sdk',
  'http',
  'etl',
  'import',
  'system',
])

/**
 * U+0000: the server's database cannot store it in a text column, and one such string fails
 * the whole batch with a 500.
 */
const NUL = '\u0000'

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
): KeyedIngestEvent {
  if (typeof input !== 'object' || input === null) {
    throw validationError(path ? path.slice(0, -1) : 'event', 'must be an object', input)
  }
  const { metric, customerRef, quantity, ts, meta, resourceId, idempotencyKey, source } = input
  checkString(metric, `${path}metric`, 1, MAX_METRIC_CHARS)
  checkString(customerRef, `${path}customerRef`, 1, MAX_CUSTOMER_REF_CHARS)
  checkQuantity(quantity, `${path}quantity`)
  if (idempotencyKey !== undefined) {
    checkString(idempotencyKey, `${path}idempotencyKey`, 1, MAX_IDEMPOTENCY_KEY_CHARS)
  }
  const event: KeyedIngestEvent = {
    tenantId,
    metric,
    customerRef,
    quantity,
    ts: ts === undefined ? isoTimestamp(nowMs) : normaliseTs(ts, nowMs, `${path}ts`),
    idempotencyKey: idempotencyKey ?? randomKey(),
  }
  if (resourceId !== undefined) {
    checkString(resourceId, `${path}resourceId`, 0, MAX_RESOURCE_ID_CHARS)
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
  if (value.includes(NUL)) throw validationError(field, 'must not contain U+0000', value)
}

/** Finite, above 0, and within what the server's numeric(20,6) column stores as given. */
function checkQuantity(quantity: unknown, field: string): void {
  if (typeof quantity !== 'number' || !(quantity > 0) || quantity === Number.POSITIVE_INFINITY) {
    throw validationError(field, 'must be a finite number greater than 0', quantity)
  }
  if (quantity >= QUANTITY_LIMIT) {
    throw validationError(field, `must be less than ${QUANTITY_LIMIT} (1e14)`, quantity)
  }
  if (quantity < MIN_QUANTITY) {
    throw validationError(
      field,
      `must be at least ${MIN_QUANTITY} (the server stores smaller quantities as 0)`,
      quantity,
    )
  }
}

function normaliseTs(ts: unknown, nowMs: number, field: string): string {
  let ms: number
  if (ts instanceof Date) ms = ts.getTime()
  else if (typeof ts === 'string' && ISO_DATE_TIME_PATTERN.test(ts)) ms = Date.parse(ts)
  else ms = Number.NaN
  if (Number.isNaN(ms)) {
    throw validationError(field, 'must be a Date or an ISO-8601 date-time with a time zone', ts)
  }
  if (ms - nowMs > MAX_FUTURE_MS) {
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
  if (bytes > MAX_META_BYTES) {
    throw new StripeMeterError(
      `${field} must be at most ${MAX_META_BYTES} bytes as JSON, got ${bytes} bytes`,
      { code: 'validation_error' },
    )
  }
  const snapshot = JSON.parse(json) as Record<string, unknown>
  // JSON.stringify writes every U+0000 as the escape below, so its absence proves there is none;
  // its presence may also be an escaped backslash followed by "u0000", hence the walk.
  if (json.includes('\\u0000')) checkNoNul(snapshot, field)
  return snapshot
}

/** Throws naming the first key or string (at any depth) that holds U+0000. */
function checkNoNul(value: unknown, field: string): void {
  if (typeof value === 'string') {
    if (value.includes(NUL)) throw validationError(field, 'must not contain U+0000', value)
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => {
      checkNoNul(item, `${field}[${index}]`)
    })
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes(NUL)) {
        throw validationError(`${field} key`, 'must not contain U+0000', key)
      }
      checkNoNul(item, `${field}.${key}`)
    }
  }
}

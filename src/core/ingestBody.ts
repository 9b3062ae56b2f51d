import { MAX_EVENTS_PER_REQUEST } from './apiLimits.js'
import type { QueuedEvent } from './EventQueue.js'
import { utf8ByteLength } from './utf8ByteLength.js'

/**
 * The server refuses bodies over 1 MiB (`MAX_BODY_BYTES`, 413). Batches stay under 1,000,000
 * bytes, leaving headroom for proxies that count a "megabyte" in decimal.
 */
export const MAX_BATCH_BODY_BYTES = 1_000_000

const BODY_PREFIX = '{"events":['
const BODY_SUFFIX = ']}'

/** The event's JSON, made once and kept on the queued event for retries and splits. */
export function eventJson(item: QueuedEvent): string {
  item.json ??= JSON.stringify(item.event)
  return item.json
}

/** UTF-8 takes at most 3 bytes per UTF-16 unit (a 4-byte character is 2 units). */
const MAX_UTF8_BYTES_PER_UNIT = 3

/**
 * A `fits` test for `EventQueue.take` that keeps a request body under `MAX_BATCH_BODY_BYTES`.
 * One budget per batch: it counts what it has already let in.
 *
 * Bytes are counted only once they could matter: while 3 bytes per UTF-16 unit still fit, an
 * event is let in on its length alone (1000 ordinary events are far below 1 MB).
 */
export function createBodyBudget(
  maxBodyBytes = MAX_BATCH_BODY_BYTES,
): (item: QueuedEvent) => boolean {
  /** Exact bytes of the envelope and of the events counted so far. */
  let countedBytes = BODY_PREFIX.length + BODY_SUFFIX.length
  /** JSON of the events let in on their length alone, each with its separating comma. */
  let uncounted: string[] = []
  let uncountedUnits = 0
  return (item) => {
    const json = eventJson(item)
    const units = json.length + 1
    if (countedBytes + (uncountedUnits + units) * MAX_UTF8_BYTES_PER_UNIT <= maxBodyBytes) {
      uncounted.push(json)
      uncountedUnits += units
      return true
    }
    // Near the limit: count exactly, the events let in so far included (each is counted once).
    for (const earlier of uncounted) countedBytes += utf8ByteLength(earlier) + 1
    uncounted = []
    uncountedUnits = 0
    const eventBytes = utf8ByteLength(json) + 1
    if (countedBytes + eventBytes > maxBodyBytes) return false
    countedBytes += eventBytes
    return true
  }
}

/** `{"events":[…]}` from the cached event JSON, without serialising anything twice. */
export function ingestBody(items: readonly QueuedEvent[]): string {
  let body = BODY_PREFIX
  for (let index = 0; index < items.length; index++) {
    if (index > 0) body += ','
    body += eventJson(items[index] as QueuedEvent)
  }
  return body + BODY_SUFFIX
}

/**
 * Cuts events into request-sized batches (≤ 1000 events, body < 1 MiB), in order: how
 * `trackBatch` sends a list of any length.
 */
export function splitIntoBatches(items: readonly QueuedEvent[]): QueuedEvent[][] {
  const batches: QueuedEvent[][] = []
  let batch: QueuedEvent[] = []
  let fits = createBodyBudget()
  for (const item of items) {
    if (batch.length === MAX_EVENTS_PER_REQUEST || (!fits(item) && batch.length > 0)) {
      batches.push(batch)
      batch = []
      fits = createBodyBudget()
      fits(item)
    }
    batch.push(item)
  }
  if (batch.length > 0) batches.push(batch)
  return batches
}

import type { QueuedEvent } from './EventQueue.js'
import { utf8ByteLength } from './utf8ByteLength.js'

/** The server refuses more than 1000 events in one request (400 "Batch too large"). */
export const MAX_EVENTS_PER_REQUEST = 1000
/**
 * The server refuses bodies over 1 MiB (413). Batches stay under 1,000,000 bytes, leaving
 * headroom for proxies that count a "megabyte" in decimal.
 */
export const MAX_BODY_BYTES = 1_000_000

const BODY_PREFIX = '{"events":['
const BODY_SUFFIX = ']}'

/** The event's JSON, made once and kept on the queued event for retries and splits. */
export function eventJson(item: QueuedEvent): string {
  item.json ??= JSON.stringify(item.event)
  return item.json
}

/**
 * A `fits` test for `EventQueue.take` that keeps a request body under `MAX_BODY_BYTES`.
 * One budget per batch: it counts what it has already let in.
 */
export function createBodyBudget(maxBodyBytes = MAX_BODY_BYTES): (item: QueuedEvent) => boolean {
  let bodyBytes = BODY_PREFIX.length + BODY_SUFFIX.length
  return (item) => {
    const eventBytes = utf8ByteLength(eventJson(item)) + 1 // + the separating comma
    if (bodyBytes + eventBytes > maxBodyBytes) return false
    bodyBytes += eventBytes
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

/**
 * The StripeMeter API's rules in one place (`shared/stripemeter-api.md`), as the real server
 * enforces them. The client, `stripemeter/server` and the charts read them from here; the
 * emulator keeps its own copy on purpose, as an independent check of the client.
 */

/** `metric`: 1–100 characters. */
export const MAX_METRIC_CHARS = 100
/** `customerRef`: 1–255 characters (events and reads). */
export const MAX_CUSTOMER_REF_CHARS = 255
/** `resourceId`: at most 255 characters. */
export const MAX_RESOURCE_ID_CHARS = 255
/** `idempotencyKey`: 1–255 characters. */
export const MAX_IDEMPOTENCY_KEY_CHARS = 255
/** `meta`: its JSON text at most 4096 bytes (refused per event beyond it). */
export const MAX_META_BYTES = 4096
/** `ts`: more than an hour ahead of the server's clock is refused per event. */
export const MAX_FUTURE_MS = 60 * 60 * 1000
/**
 * `quantity` must stay below this: the database column is numeric(20,6), and 1e14 or more
 * fails the whole batch with a 500 (99999999999999 is stored exactly).
 */
export const QUANTITY_LIMIT = 1e14
/** The smallest quantity stored as itself: anything above 0 but below it is stored as 0. */
export const MIN_QUANTITY = 0.000001
/** Events in one ingest request (400 "Batch too large" beyond it). */
export const MAX_EVENTS_PER_REQUEST = 1000
/** Request body limit, 1 MiB (413 beyond it). */
export const MAX_BODY_BYTES = 1024 * 1024

/** A UUID (tenant ids on the real server; `crypto.randomUUID()`'s keys), any case. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
/**
 * An ISO-8601 date-time with a zone. A zone-less time would be read in the local zone of
 * whichever machine parses it, so it is refused rather than guessed.
 */
export const ISO_DATE_TIME_PATTERN =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i
/** A calendar date, `YYYY-MM-DD`: how periods are written. */
export const DATE_ONLY_PATTERN = /^\d{4}-\d{2}-\d{2}$/

import type { IngestEventResult, KeyedIngestEvent } from './types.js'

/** What `track()` and `trackBatch()` resolve with: the combined answer of every request they made. */
export interface IngestResult {
  /** Events counted by this call. */
  accepted: number
  /** Events the server had counted already (a retry of a delivered event): a success too. */
  duplicates: number
  /** Events the server refused for good; their `results` entries say why. */
  rejected: number
  /** One entry per event, in the order given: its idempotency key, status and, for `error`, the reason. */
  results: IngestEventResult[]
  /** The server's `x-request-id` of each request made, to quote to support. */
  requestIds: string[]
}

/**
 * An event the server counted, as `onDelivered` listeners receive it: the wire event (tenant,
 * `ts` and key filled in) and whether this delivery counted it or it had been counted before.
 */
export type DeliveredEvent = KeyedIngestEvent & { status: 'accepted' | 'duplicate' }

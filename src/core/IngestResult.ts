import type { IngestEventResult } from './types.js'

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

import type { QueuedEvent } from './EventQueue.js'
import type { StripeMeterError } from './StripeMeterError.js'

/** How the server settled some events of a batch; reported after every request. */
export interface BatchOutcome {
  /** Counted by this request. */
  accepted: QueuedEvent[]
  /** Counted before (a retry of a delivered event): a success too. */
  duplicates: QueuedEvent[]
  /** Refused for good, grouped by reason. */
  rejected: { items: readonly QueuedEvent[]; error: StripeMeterError }[]
  requestId: string | undefined
}

import type { Transport } from './createTransport.js'
import { type BatchOutcome, deliverBatch } from './deliverBatch.js'
import type { QueuedEvent } from './EventQueue.js'
import { foldRepeatedKeys } from './foldRepeatedKeys.js'
import type { IngestResult } from './IngestResult.js'
import { splitIntoBatches } from './ingestBody.js'
import type { IngestEventResult, KeyedIngestEvent } from './types.js'

/**
 * Sends validated events now, bypassing the buffer (`track`, `trackBatch`): in order, in as few
 * requests as the server's caps allow, with the same splitting and resending as buffered
 * delivery. `onOutcome` hears of each response's settlements. Resolves with one combined result,
 * one entry per event given: a key given again is sent once, and its repeats are `duplicate`.
 */
export async function sendEvents(
  transport: Transport,
  events: readonly KeyedIngestEvent[],
  onOutcome: (outcome: BatchOutcome) => void,
): Promise<IngestResult> {
  const items: QueuedEvent[] = events.map((event) => ({ event, seq: -1, json: undefined }))
  const resultOf = new Map<QueuedEvent, IngestEventResult>()
  const requestIds: string[] = []
  const recordOutcome = (outcome: BatchOutcome) => {
    if (outcome.requestId !== undefined) requestIds.push(outcome.requestId)
    for (const item of outcome.accepted) resultOf.set(item, resultFor(item, 'accepted'))
    for (const item of outcome.duplicates) resultOf.set(item, resultFor(item, 'duplicate'))
    for (const { items: rejected, error } of outcome.rejected) {
      for (const item of rejected) {
        resultOf.set(item, { ...resultFor(item, 'error'), error: error.message })
      }
    }
    onOutcome(outcome)
  }
  // A key given twice goes once, even when its repeat would fall into another request.
  const { unique, onOutcome: recordWithRepeats } = foldRepeatedKeys(items, recordOutcome)
  for (const batch of splitIntoBatches(unique)) {
    await deliverBatch(transport, batch, recordWithRepeats)
  }
  const result: IngestResult = { accepted: 0, duplicates: 0, rejected: 0, results: [], requestIds }
  for (const item of items) {
    const outcome = resultOf.get(item) as IngestEventResult
    result.results.push(outcome)
    if (outcome.status === 'accepted') result.accepted++
    else if (outcome.status === 'duplicate') result.duplicates++
    else result.rejected++
  }
  return result
}

function resultFor(item: QueuedEvent, status: IngestEventResult['status']): IngestEventResult {
  return { idempotencyKey: item.event.idempotencyKey, status }
}

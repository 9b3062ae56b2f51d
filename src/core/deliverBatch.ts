import type { Transport } from './createTransport.js'
import type { QueuedEvent } from './EventQueue.js'
import { ingestBody } from './ingestBody.js'
import { isStripeMeterError, StripeMeterError } from './StripeMeterError.js'
import type { IngestEventResult, IngestResponse } from './types.js'

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

const INGEST_PATH = '/v1/events/ingest'

/**
 * Delivers one batch until every event in it is settled (counted or refused for good), or
 * throws the failure that stopped it. `onOutcome` hears of each settlement as it happens, so
 * progress made before a failure is never lost.
 *
 * - A 413, or a 400 refusing the whole batch, cannot say which event was bad (the server's
 *   `index` is that of the validation issue): the batch is halved until the culprits are alone.
 * - Events missing from a 200's `results` are sent again; their keys make that safe.
 */
export async function deliverBatch(
  transport: Transport,
  items: readonly QueuedEvent[],
  onOutcome: (outcome: BatchOutcome) => void,
): Promise<void> {
  let unsettled: readonly QueuedEvent[] = items
  while (unsettled.length > 0) {
    let answer: { data: IngestResponse; requestId: string | undefined }
    try {
      answer = await transport.request<IngestResponse>('post', INGEST_PATH, {
        body: ingestBody(unsettled),
      })
    } catch (error) {
      if (!refusesWholeBatch(error)) throw error
      if (unsettled.length === 1) {
        onOutcome({
          accepted: [],
          duplicates: [],
          rejected: [{ items: unsettled, error: asRejection(error) }],
          requestId: error.requestId,
        })
        return
      }
      const half = Math.ceil(unsettled.length / 2)
      await deliverBatch(transport, unsettled.slice(0, half), onOutcome)
      await deliverBatch(transport, unsettled.slice(half), onOutcome)
      return
    }
    const missing = settleFromResults(unsettled, answer, onOutcome)
    if (missing.length === unsettled.length) {
      throw new StripeMeterError(
        `POST ${INGEST_PATH} answered without a result for any of its ${missing.length} events`,
        { code: 'http_error', statusCode: 200, requestId: answer.requestId },
      )
    }
    unsettled = missing
  }
}

function refusesWholeBatch(error: unknown): error is StripeMeterError {
  return isStripeMeterError(error) && (error.statusCode === 413 || error.statusCode === 400)
}

function asRejection(error: StripeMeterError): StripeMeterError {
  return new StripeMeterError(`The server refused this event: ${error.message}`, {
    code: 'rejected',
    statusCode: error.statusCode,
    requestId: error.requestId,
    cause: error,
  })
}

/** Reports what the `results` settle; returns the events they do not mention. */
function settleFromResults(
  items: readonly QueuedEvent[],
  { data, requestId }: { data: IngestResponse; requestId: string | undefined },
  onOutcome: (outcome: BatchOutcome) => void,
): QueuedEvent[] {
  const results = data.results ?? []
  // The server answers in the order it was sent; the map is only built if it did not.
  let resultsByKey: Map<string, IngestEventResult> | undefined
  const resultFor = (item: QueuedEvent, index: number): IngestEventResult | undefined => {
    const key = item.event.idempotencyKey
    const positional = results[index]
    if (resultsByKey === undefined && positional?.idempotencyKey === key) return positional
    resultsByKey ??= new Map(results.map((result) => [result.idempotencyKey, result]))
    return resultsByKey.get(key)
  }
  const outcome: BatchOutcome = {
    accepted: [],
    duplicates: [],
    rejected: [],
    requestId: requestId ?? data.requestId,
  }
  const rejectedByReason = new Map<string, QueuedEvent[]>()
  const missing: QueuedEvent[] = []
  for (let index = 0; index < items.length; index++) {
    const item = items[index] as QueuedEvent
    const result = resultFor(item, index)
    if (result === undefined) missing.push(item)
    else if (result.status === 'accepted') outcome.accepted.push(item)
    else if (result.status === 'duplicate') outcome.duplicates.push(item)
    else {
      const reason = result.error ?? 'refused without a reason'
      const group = rejectedByReason.get(reason)
      if (group === undefined) rejectedByReason.set(reason, [item])
      else group.push(item)
    }
  }
  for (const [reason, rejectedItems] of rejectedByReason) {
    const error = new StripeMeterError(
      `The server refused ${rejectedItems.length === 1 ? 'this event' : `these ${rejectedItems.length} events`}: ${reason}`,
      {
        code: 'rejected',
        statusCode: 200,
        requestId: outcome.requestId,
      },
    )
    outcome.rejected.push({ items: rejectedItems, error })
  }
  if (missing.length < items.length) onOutcome(outcome)
  return missing
}

import type { BatchOutcome } from './BatchOutcome.js'
import type { Transport } from './createTransport.js'
import type { QueuedEvent } from './EventQueue.js'
import { foldRepeatedKeys } from './foldRepeatedKeys.js'
import { ingestBody } from './ingestBody.js'
import { isStripeMeterError, StripeMeterError } from './StripeMeterError.js'
import type { IngestEventResult, IngestResponse } from './types.js'

export type { BatchOutcome }

const INGEST_PATH = '/v1/events/ingest'

/**
 * Delivers one batch until every event in it is settled (counted or refused for good), or
 * throws the failure that stopped it. `onOutcome` hears of each settlement as it happens, so
 * progress made before a failure is never lost. A key repeated in the batch is sent once.
 *
 * - A 413, or a 400 refusing the whole batch, cannot say which event was bad (the server's
 *   `index` is that of the validation issue): the batch is halved until the culprits are alone.
 * - A 500 (after the transport's retries) is halved the same way, because the real server
 *   answers 500 for a whole batch holding one event its database cannot store. An event is set
 *   aside only when it fails alone while the server is up — "up" meaning another request of
 *   this delivery succeeded before it. In an outage nothing succeeds: nothing is set aside, and
 *   the failure is thrown after a bounded number of requests, everything unsettled kept.
 * - Events missing from a 200's `results` are sent again; their keys make that safe.
 */
export async function deliverBatch(
  transport: Transport,
  items: readonly QueuedEvent[],
  onOutcome: (outcome: BatchOutcome) => void,
): Promise<void> {
  const folded = foldRepeatedKeys(items, onOutcome)
  await new BatchDelivery(transport, folded.unique.length, folded.onOutcome).deliver(folded.unique)
}

/** One delivery of a batch: what it has learnt about the server while splitting it. */
class BatchDelivery {
  readonly #transport: Transport
  readonly #onOutcome: (outcome: BatchOutcome) => void
  /** A request of this delivery succeeded: a 500 since then is about the events sent. */
  #serverUp = false
  /** Requests failed with a 500 in a row, since the start or the last success. */
  #serverErrorsInARow = 0
  /**
   * Past this many 500s in a row the server is taken to be down. Isolating one bad event fails
   * once per halving (about log2 of the batch) before anything succeeds; twice that, plus two,
   * leaves room for a few bad events side by side and bounds an outage to 23 requests (each
   * with the transport's retries) per delivery of 1000 events.
   */
  readonly #maxServerErrorsInARow: number
  /** Events that failed alone before the server was seen up: tried alone again once it is. */
  #suspects: QueuedEvent[] = []
  #lastServerError: StripeMeterError | undefined

  constructor(
    transport: Transport,
    batchLength: number,
    onOutcome: (outcome: BatchOutcome) => void,
  ) {
    this.#transport = transport
    this.#onOutcome = onOutcome
    this.#maxServerErrorsInARow = 2 * Math.ceil(Math.log2(Math.max(batchLength, 2))) + 2
  }

  async deliver(items: readonly QueuedEvent[]): Promise<void> {
    await this.#deliverPart(items)
    if (this.#suspects.length === 0) return
    // Nothing succeeded: an outage as far as anyone can tell. They stay queued.
    if (!this.#serverUp) throw this.#lastServerError
    const suspects = this.#suspects
    this.#suspects = []
    for (const suspect of suspects) await this.#deliverPart([suspect])
  }

  async #deliverPart(items: readonly QueuedEvent[]): Promise<void> {
    let unsettled: readonly QueuedEvent[] = items
    while (unsettled.length > 0) {
      let answer: { data: IngestResponse; requestId: string | undefined }
      try {
        answer = await this.#transport.request<IngestResponse>('post', INGEST_PATH, {
          body: ingestBody(unsettled),
        })
      } catch (error) {
        if (!isStripeMeterError(error)) throw error
        const splitting = this.#shouldSplit(error)
        if (splitting === undefined) throw error
        if (unsettled.length > 1) {
          const half = Math.ceil(unsettled.length / 2)
          await this.#deliverPart(unsettled.slice(0, half))
          await this.#deliverPart(unsettled.slice(half))
        } else if (splitting === 'refused' || this.#serverUp) {
          this.#onOutcome({
            accepted: [],
            duplicates: [],
            rejected: [{ items: unsettled, error: asRejection(splitting, error) }],
            requestId: error.requestId,
          })
        } else {
          this.#suspects.push(...unsettled)
        }
        return
      }
      this.#serverUp = true
      this.#serverErrorsInARow = 0
      const missing = settleFromResults(unsettled, answer, this.#onOutcome)
      if (missing.length === unsettled.length) {
        throw new StripeMeterError(
          `POST ${INGEST_PATH} answered without a result for any of its ${missing.length} events`,
          { code: 'http_error', statusCode: 200, requestId: answer.requestId },
        )
      }
      unsettled = missing
    }
  }

  /**
   * Whether a failed request's events are halved: `refused` (413, a 400 refusing the whole
   * batch), `serverError` (a 500), or `undefined` — thrown as it is. Throws the 500 itself
   * once too many came in a row: the server is down, not the events bad.
   */
  #shouldSplit(error: StripeMeterError): 'refused' | 'serverError' | undefined {
    if (error.statusCode === undefined) return undefined
    if (error.statusCode === 413 || error.statusCode === 400) return 'refused'
    // Only the server's own failure: 502, 503 and 504 come from a gateway or say "unavailable"
    // — the server never got to the events, and halving them would only multiply the requests.
    if (error.statusCode !== 500) return undefined
    this.#lastServerError = error
    if (++this.#serverErrorsInARow > this.#maxServerErrorsInARow) throw error
    return 'serverError'
  }
}

function asRejection(why: 'refused' | 'serverError', error: StripeMeterError): StripeMeterError {
  const message =
    why === 'refused'
      ? `The server refused this event: ${error.message}`
      : `The server fails on this event alone while it counts others (${error.message}): an event its database cannot store`
  return new StripeMeterError(message, {
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

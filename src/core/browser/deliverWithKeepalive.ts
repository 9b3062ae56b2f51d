import type { Transport } from '../createTransport.js'
import { type BatchOutcome, deliverBatch } from '../deliverBatch.js'
import type { QueuedEvent } from '../EventQueue.js'
import { createBodyBudget, ingestBody } from '../ingestBody.js'
import { utf8ByteLength } from '../utf8ByteLength.js'
import {
  KEEPALIVE_CHUNK_BYTES,
  keepaliveBytesReleased,
  keepaliveRoomBytes,
  releaseKeepaliveBytes,
  reserveKeepaliveBytes,
} from './keepaliveBudget.js'

/** A `fits` test for `EventQueue.take` that keeps a batch within the page's free keepalive budget. */
export function keepaliveBatchBudget(): (item: QueuedEvent) => boolean {
  return createBodyBudget(keepaliveRoomBytes())
}

/**
 * Sends a batch while the page may be going away: `fetch(…, { keepalive: true })` outlives the
 * page and, unlike `sendBeacon`, carries the auth headers. The batch goes as concurrent chunks of
 * at most 16 KiB, each started only while the page's keepalive bodies in flight stay under 64 KiB,
 * all dispatched in the same task so they leave before the page is torn down. Chunks that find no
 * room stay unsettled (the caller releases them back to the queue; storage still holds them).
 * Rejects with the first chunk's failure once every started chunk is done.
 */
export async function deliverWithKeepalive(
  transport: Transport,
  batch: readonly QueuedEvent[],
  onOutcome: (outcome: BatchOutcome) => void,
): Promise<void> {
  const keepaliveTransport: Transport = {
    request: (method, path, init) => transport.request(method, path, { ...init, keepalive: true }),
  }
  const started: Promise<void>[] = []
  for (const chunk of chunksOf(batch)) {
    if (!reserveKeepaliveBytes(chunk.bodyBytes)) break
    started.push(
      deliverBatch(keepaliveTransport, chunk.items, onOutcome).finally(() =>
        releaseKeepaliveBytes(chunk.bodyBytes),
      ),
    )
  }
  // Another client on the page holds the whole budget: wait for it rather than fail.
  if (started.length === 0 && batch.length > 0) return keepaliveBytesReleased()
  const results = await Promise.allSettled(started)
  const failure = results.find((result) => result.status === 'rejected')
  if (failure !== undefined) throw failure.reason
}

/** Cuts a batch into keepalive-sized chunks, in order, each with its exact body size. */
function chunksOf(batch: readonly QueuedEvent[]): { items: QueuedEvent[]; bodyBytes: number }[] {
  const chunks: QueuedEvent[][] = []
  let chunk: QueuedEvent[] = []
  let fits = createBodyBudget(KEEPALIVE_CHUNK_BYTES)
  for (const item of batch) {
    if (!fits(item) && chunk.length > 0) {
      chunks.push(chunk)
      chunk = []
      fits = createBodyBudget(KEEPALIVE_CHUNK_BYTES)
      fits(item)
    }
    chunk.push(item)
  }
  if (chunk.length > 0) chunks.push(chunk)
  return chunks.map((items) => ({ items, bodyBytes: utf8ByteLength(ingestBody(items)) }))
}

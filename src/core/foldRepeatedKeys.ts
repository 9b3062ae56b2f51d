import type { BatchOutcome } from './BatchOutcome.js'
import type { QueuedEvent } from './EventQueue.js'

/**
 * Events that share an idempotency key, sent as one: the real server answers a key repeated
 * inside one batch `accepted` twice although it counts it once, so a result that trusted it
 * would report the event counted twice. Each key goes once; the repeats settle with it — as
 * `duplicate` when it was counted (now or before), refused with it when it was refused.
 */
export function foldRepeatedKeys(
  items: readonly QueuedEvent[],
  onOutcome: (outcome: BatchOutcome) => void,
): { unique: readonly QueuedEvent[]; onOutcome: (outcome: BatchOutcome) => void } {
  let repeatsByFirst: Map<QueuedEvent, QueuedEvent[]> | undefined
  const firstByKey = new Map<string, QueuedEvent>()
  const unique: QueuedEvent[] = []
  for (const item of items) {
    const first = firstByKey.get(item.event.idempotencyKey)
    if (first === undefined) {
      firstByKey.set(item.event.idempotencyKey, item)
      unique.push(item)
      continue
    }
    repeatsByFirst ??= new Map()
    const repeats = repeatsByFirst.get(first)
    if (repeats === undefined) repeatsByFirst.set(first, [item])
    else repeats.push(item)
  }
  if (repeatsByFirst === undefined) return { unique: items, onOutcome }
  const repeatsOf = (settled: readonly QueuedEvent[]) =>
    settled.flatMap((item) => repeatsByFirst.get(item) ?? [])
  return {
    unique,
    onOutcome: (outcome) =>
      onOutcome({
        ...outcome,
        duplicates: [
          ...outcome.duplicates,
          ...repeatsOf(outcome.accepted),
          ...repeatsOf(outcome.duplicates),
        ],
        rejected: outcome.rejected.map(({ items: refused, error }) => ({
          items: [...refused, ...repeatsOf(refused)],
          error,
        })),
      }),
  }
}

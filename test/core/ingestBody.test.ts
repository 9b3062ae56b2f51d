import { describe, expect, it } from 'vitest'
import type { QueuedEvent } from '../../src/core/EventQueue.js'
import { createBodyBudget, ingestBody } from '../../src/core/ingestBody.js'

const item = (customerRef: string, seq: number): QueuedEvent => ({
  event: {
    tenantId: 't',
    metric: 'm',
    customerRef,
    quantity: 1,
    ts: '2026-11-26T10:00:00.000Z',
    idempotencyKey: `key-${seq}`,
  },
  seq,
  json: undefined,
})

/** Lets events in while the budget allows; returns how many it took. */
function fill(maxBodyBytes: number, items: QueuedEvent[]): QueuedEvent[] {
  const fits = createBodyBudget(maxBodyBytes)
  const taken: QueuedEvent[] = []
  for (const candidate of items) {
    if (!fits(candidate)) break
    taken.push(candidate)
  }
  return taken
}

describe('createBodyBudget', () => {
  // Multi-byte text: a length-only estimate would be wrong; the budget must count bytes exactly.
  for (const [name, text] of [
    ['ASCII', 'cus_plain'],
    ['2-byte characters', 'clé-été'],
    ['3-byte characters', '顧客番号'],
    ['4-byte characters', '🧾🧾🧾'],
  ] as const) {
    it(`${name}: the body it lets in is as large as fits under the cap, never larger`, () => {
      const items = Array.from({ length: 200 }, (_, seq) => item(text.repeat(1 + (seq % 5)), seq))
      for (const maxBodyBytes of [700, 2_000, 9_999]) {
        const taken = fill(maxBodyBytes, items)
        const bodyBytes = Buffer.byteLength(ingestBody(taken))
        expect(bodyBytes).toBeLessThanOrEqual(maxBodyBytes)
        const withNext = Buffer.byteLength(ingestBody(items.slice(0, taken.length + 1)))
        expect(withNext).toBeGreaterThan(maxBodyBytes)
      }
    })
  }
})

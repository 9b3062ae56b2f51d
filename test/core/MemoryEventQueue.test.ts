import { describe, expect, it } from 'vitest'
import type { QueuedEvent } from '../../src/core/EventQueue.js'
import { MemoryEventQueue } from '../../src/core/MemoryEventQueue.js'
import { utf8ByteLength } from '../../src/core/utf8ByteLength.js'

const item = (seq: number): QueuedEvent => ({
  event: {
    tenantId: 't',
    metric: 'm',
    customerRef: 'c',
    quantity: 1,
    ts: '',
    idempotencyKey: `k${seq}`,
  },
  seq,
  json: undefined,
})
const seqs = (items: readonly QueuedEvent[]) => items.map((queued) => queued.seq)

describe('MemoryEventQueue', () => {
  it('takes from the head, settles out of order, and releases the rest in order', () => {
    const queue = new MemoryEventQueue()
    for (let seq = 0; seq < 10; seq++) queue.add(item(seq))
    const batch = queue.take(4, () => true)
    expect(seqs(batch)).toEqual([0, 1, 2, 3])
    expect([queue.size, queue.inFlight]).toEqual([10, 4])
    expect(seqs(queue.peekWaiting(3))).toEqual([4, 5, 6])
    queue.settle([batch[1] as QueuedEvent, batch[3] as QueuedEvent])
    expect([queue.size, queue.inFlight, queue.oldestSeq]).toEqual([8, 2, 0])
    queue.release()
    expect(seqs(queue.take(100, () => true))).toEqual([0, 2, 4, 5, 6, 7, 8, 9])
  })

  it('one batch at a time; the first event always fits', () => {
    const queue = new MemoryEventQueue()
    queue.add(item(0))
    queue.add(item(1))
    expect(seqs(queue.take(10, () => false))).toEqual([0])
    expect(() => queue.take(10, () => true)).toThrow(/already in flight/)
  })

  it('stays ordered across compaction of a long line', () => {
    const queue = new MemoryEventQueue()
    for (let seq = 0; seq < 20_000; seq++) queue.add(item(seq))
    const taken: number[] = []
    while (queue.size > 0) {
      const batch = queue.take(1000, () => true)
      taken.push(...seqs(batch))
      queue.settle(batch)
      queue.release()
    }
    expect(taken).toEqual(Array.from({ length: 20_000 }, (_, seq) => seq))
    expect(queue.oldestSeq).toBeUndefined()
  })
})

describe('utf8ByteLength', () => {
  it.each([
    ['ascii', 'api_calls', 9],
    ['two-byte', 'é', 2],
    ['three-byte', '€', 3],
    ['surrogate pair', '😀', 4],
    ['control characters', '\n\t', 2],
    ['mixed', 'a€😀é', 1 + 3 + 4 + 2],
  ])('%s', (_, text, bytes) => {
    expect(utf8ByteLength(text)).toBe(bytes)
    expect(utf8ByteLength(text)).toBe(new TextEncoder().encode(text).length)
  })
})

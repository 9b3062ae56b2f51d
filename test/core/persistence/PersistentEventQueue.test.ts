import { describe, expect, it } from 'vitest'
import type { QueuedEvent } from '../../../src/core/EventQueue.js'
import { MemoryEventQueue } from '../../../src/core/MemoryEventQueue.js'
import { EventPersistence } from '../../../src/core/persistence/EventPersistence.js'
import { MemoryStorage } from '../../../src/core/persistence/MemoryStorage.js'
import { PersistentEventQueue } from '../../../src/core/persistence/PersistentEventQueue.js'

function queued(key: string, seq: number): QueuedEvent {
  const event = {
    tenantId: 't',
    metric: 'api_calls',
    customerRef: 'cus_1',
    quantity: 1,
    ts: '2026-11-26T12:00:00.000Z',
    idempotencyKey: key,
  }
  return { event, seq, json: undefined }
}

function persistentQueue() {
  const storage = new MemoryStorage()
  const persistence = new EventPersistence({ storage, onError: () => {}, onAdopted: () => {} })
  return {
    storage,
    persistence,
    queue: new PersistentEventQueue(new MemoryEventQueue(), persistence),
  }
}

describe('PersistentEventQueue', () => {
  it('stores what is added and deletes what is settled, keeping the rest for a retry', async () => {
    const { storage, persistence, queue } = persistentQueue()
    const items = ['a', 'b', 'c'].map((key, seq) => queued(key, seq))
    for (const item of items) queue.add(item)
    await persistence.settled()
    expect(storage.size).toBe(3)

    const batch = queue.take(10, () => true)
    queue.settle(batch.slice(0, 2))
    queue.release()
    await persistence.settled()
    expect(storage.size).toBe(1)
    expect(queue.size).toBe(1)
    expect(queue.peekWaiting(10).map((item) => item.event.idempotencyKey)).toEqual(['c'])
    await persistence.close()
  })

  it('does not write restored events again: storage already holds them', async () => {
    const { storage, persistence, queue } = persistentQueue()
    const writes: number[] = []
    const put = storage.put.bind(storage)
    storage.put = async (records) => {
      writes.push(records.length)
      await put(records)
    }
    queue.restore(queued('restored', 0))
    queue.add(queued('fresh', 1))
    await persistence.settled()
    expect(writes).toEqual([1])
    expect(queue.size).toBe(2)
    await persistence.close()
  })
})

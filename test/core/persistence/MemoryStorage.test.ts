import { describe, expect, it } from 'vitest'
import type { StoredEvent } from '../../../src/core/persistence/EventStorage.js'
import { MemoryStorage } from '../../../src/core/persistence/MemoryStorage.js'

function stored(key: string, owner: string, order: number): StoredEvent {
  const event = {
    tenantId: 't',
    metric: 'api_calls',
    customerRef: 'cus_1',
    quantity: 1,
    ts: '2026-11-26T12:00:00.000Z',
    idempotencyKey: key,
  }
  return { key, event, owner, order }
}

describe('MemoryStorage', () => {
  it('keeps one record per key and deletes by key', async () => {
    const storage = new MemoryStorage()
    await storage.put([stored('a', 'o1', 1), stored('b', 'o1', 2)])
    await storage.put([stored('a', 'o1', 3)])
    expect(storage.size).toBe(2)
    await storage.delete(['a', 'unknown'])
    expect(storage.size).toBe(1)
    expect(await storage.owners()).toEqual(['o1'])
  })

  it('claims only the named owners, oldest first, and hands them to the claimer', async () => {
    const storage = new MemoryStorage()
    await storage.put([
      stored('late', 'gone', 3),
      stored('early', 'gone', 1),
      stored('live', 'alive', 2),
    ])
    const claimed = await storage.claim('me', new Set(['gone']))
    expect(claimed.map((record) => record.key)).toEqual(['early', 'late'])
    expect(claimed.every((record) => record.owner === 'me')).toBe(true)
    expect((await storage.owners()).sort()).toEqual(['alive', 'me'])
    expect(await storage.claim('other', new Set(['gone']))).toEqual([])
  })

  it('returns copies, so a caller cannot change what is stored', async () => {
    const storage = new MemoryStorage()
    const record = stored('a', 'o1', 1)
    await storage.put([record])
    record.owner = 'changed'
    const [claimed] = await storage.claim('me', new Set(['o1']))
    expect(claimed?.owner).toBe('me')
  })
})

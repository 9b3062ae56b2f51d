import { describe, expect, it } from 'vitest'
import { EventPersistence } from '../../../src/core/persistence/EventPersistence.js'
import type { EventStorage, StoredEvent } from '../../../src/core/persistence/EventStorage.js'
import { MemoryStorage } from '../../../src/core/persistence/MemoryStorage.js'
import { isStripeMeterError, type StripeMeterError } from '../../../src/core/StripeMeterError.js'
import type { KeyedIngestEvent } from '../../../src/core/types.js'

function event(key: string, quantity = 1): KeyedIngestEvent {
  return {
    tenantId: '7d2f4a8e-0c1b-4f7e-9a35-6b1d2c3e4f50',
    metric: 'api_calls',
    customerRef: 'cus_1',
    quantity,
    ts: '2026-11-26T12:00:00.000Z',
    idempotencyKey: key,
  }
}

function keysOf(events: readonly KeyedIngestEvent[]): (string | undefined)[] {
  return events.map((each) => each.idempotencyKey)
}

const ignoreErrors = () => {}

/** An `EventPersistence` on `storage` and the events it adopted, as the client would queue them. */
function persistenceOn(storage: EventStorage) {
  const adopted: KeyedIngestEvent[] = []
  const persistence = new EventPersistence({
    storage,
    onError: ignoreErrors,
    onAdopted: (events) => adopted.push(...events),
  })
  return { persistence, adopted }
}

describe('EventPersistence', () => {
  it('stores buffered events and deletes them once delivered', async () => {
    const storage = new MemoryStorage()
    const persistence = persistenceOn(storage).persistence
    persistence.record(event('a'))
    persistence.record(event('b'))
    await persistence.settled()
    expect(storage.size).toBe(2)
    persistence.forget(['a'])
    await persistence.settled()
    expect(storage.size).toBe(1)
    await persistence.close()
  })

  it('never writes an event delivered within the same task', async () => {
    const writes: number[] = []
    const storage = new MemoryStorage()
    const put = storage.put.bind(storage)
    storage.put = async (records) => {
      writes.push(records.length)
      await put(records)
    }
    const persistence = persistenceOn(storage).persistence
    persistence.record(event('a'))
    persistence.record(event('b'))
    persistence.forget(['a'])
    await persistence.settled()
    expect(writes).toEqual([1])
    expect(storage.size).toBe(1)
    await persistence.close()
  })

  it('hands a closed client’s events to the next client, in buffered order, with their keys', async () => {
    const storage = new MemoryStorage()
    const first = persistenceOn(storage).persistence
    for (const key of ['a', 'b', 'c']) first.record(event(key))
    first.forget(['b'])
    await first.close()

    const next = persistenceOn(storage)
    await next.persistence.adoptOrphans()
    expect(keysOf(next.adopted)).toEqual(['a', 'c'])
    expect(next.adopted[0]).toEqual(event('a'))
    expect(await storage.owners()).toEqual([next.persistence.ownerId])
    await next.persistence.close()
  })

  it('leaves a live client’s events alone, and claims them the moment it goes', async () => {
    const storage = new MemoryStorage()
    const live = persistenceOn(storage).persistence
    live.record(event('a'))
    await live.settled()
    const other = persistenceOn(storage)
    await other.persistence.adoptOrphans()
    expect(other.adopted).toEqual([])
    // No second adoptOrphans(): the watch on the live owner's Web Lock fires when it closes.
    await live.close()
    await expect.poll(() => keysOf(other.adopted)).toEqual(['a'])
    await other.persistence.close()
  })

  it('gives each orphaned event to exactly one of several clients adopting at once', async () => {
    const storage = new MemoryStorage()
    const gone = persistenceOn(storage).persistence
    const keys = Array.from({ length: 50 }, (_, index) => `k${index}`)
    for (const key of keys) gone.record(event(key))
    await gone.close()

    const adopters = Array.from({ length: 4 }, () => persistenceOn(storage))
    await Promise.all(adopters.map(({ persistence }) => persistence.adoptOrphans()))
    const all = adopters.flatMap(({ adopted }) => keysOf(adopted))
    expect(all.sort()).toEqual([...keys].sort())
    await Promise.all(adopters.map(({ persistence }) => persistence.close()))
  })

  it('spills what is not yet confirmed written when the page is left, and nothing after', async () => {
    const storage = new MemoryStorage()
    const spilled: string[][] = []
    const withSpill: EventStorage = Object.assign(storage, {
      putNow: (records: readonly StoredEvent[]) => spilled.push(records.map(({ key }) => key)),
    })
    const persistence = persistenceOn(withSpill).persistence
    persistence.record(event('a'))
    persistence.record(event('b'))
    persistence.forget(['b'])
    persistence.spillUnconfirmed()
    expect(spilled).toEqual([['a']])
    await persistence.settled()
    persistence.spillUnconfirmed()
    expect(spilled).toHaveLength(1)
    await persistence.close()
  })

  it('reports a quota error once as storage_error, and writes what it missed once storage has room again', async () => {
    const storage = new MemoryStorage()
    const put = storage.put.bind(storage)
    let full = true
    storage.put = async (records: readonly StoredEvent[]) => {
      if (full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
      await put(records)
    }
    const errors: StripeMeterError[] = []
    const persistence = new EventPersistence({
      storage,
      onError: (error) => errors.push(error),
      onAdopted: () => {},
    })
    persistence.record(event('a'))
    await persistence.settled()
    persistence.record(event('b'))
    await persistence.settled()
    expect(errors).toHaveLength(1)
    expect(isStripeMeterError(errors[0])).toBe(true)
    expect(errors[0]?.code).toBe('storage_error')
    expect(errors[0]?.message).toContain('QuotaExceededError')
    expect(errors[0]?.message).toMatch(/^\[stripemeter\] could not store 1 buffered events/)

    full = false
    persistence.record(event('c'))
    await persistence.settled()
    // The first write that succeeds brings along a and b, buffered while storage was full.
    await persistence.settled()
    expect(storage.size).toBe(3)
    persistence.forget(['a', 'b', 'c'])
    await persistence.settled()
    full = true
    persistence.record(event('d'))
    await persistence.settled()
    expect(errors).toHaveLength(2)
    await persistence.close()
  })

  it('gathers what is buffered while a write is on its way into the next write', async () => {
    const storage = new MemoryStorage()
    const put = storage.put.bind(storage)
    const writes: string[][] = []
    let finishFirstWrite: () => void = () => {}
    const firstWriteHeld = new Promise<void>((resolve) => {
      finishFirstWrite = resolve
    })
    storage.put = async (records) => {
      writes.push(records.map((record) => record.key))
      if (writes.length === 1) await firstWriteHeld
      await put(records)
    }
    const persistence = persistenceOn(storage).persistence
    persistence.record(event('a'))
    await Promise.resolve()
    await Promise.resolve()
    // Each in a task of its own, as requests to a server would buffer them.
    for (const key of ['b', 'c', 'd']) {
      await new Promise((resolve) => setTimeout(resolve, 0))
      persistence.record(event(key))
    }
    finishFirstWrite()
    await persistence.settled()
    expect(writes).toEqual([['a'], ['b', 'c', 'd']])
    expect(storage.size).toBe(4)
    await persistence.close()
  })

  it('deletes again what it could not delete once deleting works again', async () => {
    const storage = new MemoryStorage()
    const deleteRecords = storage.delete.bind(storage)
    let failing = true
    storage.delete = async (keys) => {
      if (failing) throw new Error('connection lost')
      await deleteRecords(keys)
    }
    const errors: StripeMeterError[] = []
    const persistence = new EventPersistence({
      storage,
      onError: (error) => errors.push(error),
      onAdopted: () => {},
    })
    persistence.record(event('a'))
    persistence.record(event('b'))
    await persistence.settled()
    persistence.forget(['a'])
    await persistence.settled()
    persistence.forget(['b'])
    await persistence.settled()
    expect(errors.map((error) => error.code)).toEqual(['storage_error'])
    expect(storage.size).toBe(2)
    failing = false
    persistence.record(event('c'))
    persistence.forget(['c'])
    persistence.record(event('d'))
    await persistence.settled()
    persistence.forget(['d'])
    await persistence.settled()
    await persistence.settled()
    expect(storage.size).toBe(0)
    await persistence.close()
  })

  it('reports a failing delete without stopping later writes', async () => {
    const failing: EventStorage = new MemoryStorage()
    failing.delete = async () => {
      throw new Error('disk gone')
    }
    const errors: StripeMeterError[] = []
    const persistence = new EventPersistence({
      storage: failing,
      onError: (error) => errors.push(error),
      onAdopted: () => {},
    })
    persistence.record(event('a'))
    await persistence.settled()
    persistence.forget(['a'])
    persistence.record(event('b'))
    await persistence.settled()
    expect(errors.map((error) => error.code)).toEqual(['storage_error'])
    expect(await failing.owners()).toEqual([persistence.ownerId])
    await persistence.close()
  })
})

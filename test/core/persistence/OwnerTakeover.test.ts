import { afterEach, describe, expect, it, vi } from 'vitest'
import { EventPersistence } from '../../../src/core/persistence/EventPersistence.js'
import { LeaseLiveness, type LeaseStore } from '../../../src/core/persistence/LeaseLiveness.js'
import { MemoryStorage } from '../../../src/core/persistence/MemoryStorage.js'
import type { OwnerLiveness } from '../../../src/core/persistence/OwnerLiveness.js'
import { WebLocksLiveness } from '../../../src/core/persistence/WebLocksLiveness.js'
import type { KeyedIngestEvent } from '../../../src/core/types.js'

function event(key: string): KeyedIngestEvent {
  return {
    tenantId: 't',
    metric: 'api_calls',
    customerRef: 'cus_1',
    quantity: 1,
    ts: '2026-11-26T12:00:00.000Z',
    idempotencyKey: key,
  }
}

/** An owner on `storage`: what it claimed from others, and a way to die without cleaning up. */
function ownerOn(storage: MemoryStorage, liveness: OwnerLiveness) {
  const claimed: string[] = []
  const persistence = new EventPersistence({
    storage,
    liveness,
    onError: (error) => {
      throw error
    },
    onAdopted: (events) => claimed.push(...events.map((each) => each.idempotencyKey as string)),
  })
  return {
    persistence,
    claimed,
    async store(prefix: string, count: number) {
      for (let index = 0; index < count; index++) persistence.record(event(`${prefix}-${index}`))
      await persistence.settled()
    },
  }
}

/**
 * Every order in which two owners A (which stores, then dies) and B (which lives) can start and
 * A can store: B learns of A whenever A appeared, and claims all of A's events once it is gone.
 * Node ≥ 22 has Web Locks and BroadcastChannel, as browsers do (one process, one "origin").
 */
describe('OwnerTakeover with Web Locks', () => {
  const orders = {
    'B starts, A starts, A stores': ['B', 'A', 'store'],
    'A starts, B starts, A stores': ['A', 'B', 'store'],
    'A starts, A stores, B starts': ['A', 'store', 'B'],
  } as const
  for (const [name, steps] of Object.entries(orders)) {
    it(`${name}, A dies: B claims every event of A, once`, async () => {
      const storage = new MemoryStorage()
      const livenessA = new WebLocksLiveness()
      let a: ReturnType<typeof ownerOn> | undefined
      let b: ReturnType<typeof ownerOn> | undefined
      for (const step of steps) {
        if (step === 'A') a = ownerOn(storage, livenessA)
        else if (step === 'B') b = ownerOn(storage, new WebLocksLiveness())
        else await a?.store('a', 5)
        // Each owner is visibly alive before the next step, as tabs opened one after the other.
        await (step === 'A' ? a : step === 'B' ? b : undefined)?.persistence.settled()
      }
      // A closed tab: its lock is released, nothing else runs.
      livenessA.stop()
      await vi.waitFor(() => expect(b?.claimed).toHaveLength(5))
      expect(b?.claimed).toEqual(['a-0', 'a-1', 'a-2', 'a-3', 'a-4'])
      expect(await storage.owners()).toEqual([b?.persistence.ownerId])
      await b?.persistence.close()
    })
  }

  it('three owners: a dead one’s events go to exactly one of the two live ones', async () => {
    const storage = new MemoryStorage()
    const [b, c] = [
      ownerOn(storage, new WebLocksLiveness()),
      ownerOn(storage, new WebLocksLiveness()),
    ]
    const livenessA = new WebLocksLiveness()
    const a = ownerOn(storage, livenessA)
    await Promise.all([a, b, c].map((owner) => owner.persistence.settled()))
    await a.store('a', 50)
    livenessA.stop()
    await vi.waitFor(() => expect(b.claimed.length + c.claimed.length).toBe(50))
    expect(new Set([...b.claimed, ...c.claimed]).size).toBe(50)
    await Promise.all([b.persistence.close(), c.persistence.close()])
  })
})

/** Leases in memory on the (faked) clock; an owner's renewals stop when it "crashes". */
class MemoryLeases implements LeaseStore {
  readonly expiries = new Map<string, number>()
  readonly crashed = new Set<string>()
  async renew(owner: string, leaseMs: number) {
    if (!this.crashed.has(owner)) this.expiries.set(owner, Date.now() + leaseMs)
  }
  async lapsed(owners: readonly string[]) {
    return new Set(owners.filter((owner) => !((this.expiries.get(owner) ?? 0) > Date.now())))
  }
  async release(owner: string) {
    this.expiries.delete(owner)
  }
}

describe('OwnerTakeover with leases', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('claims a crashed owner’s events once its lease lapsed, and a live owner’s never', async () => {
    vi.useFakeTimers()
    const storage = new MemoryStorage()
    const leases = new MemoryLeases()
    const lease = () => new LeaseLiveness({ leases, leaseMs: 30_000 })
    const live = ownerOn(storage, lease())
    const survivor = ownerOn(storage, lease())
    const crashing = ownerOn(storage, lease())
    await live.store('live', 2)
    await crashing.store('crashed', 3)
    await survivor.persistence.settled()
    leases.crashed.add(crashing.persistence.ownerId)

    // 20 s: the crashed owner's lease (renewed last at 0 s) still runs.
    await vi.advanceTimersByTimeAsync(20_000)
    expect(survivor.claimed).toEqual([])
    // Past 30 s, the next look (every 10 s) finds it lapsed; the live owner renewed meanwhile.
    await vi.advanceTimersByTimeAsync(20_000)
    expect([...survivor.claimed, ...live.claimed].sort()).toEqual([
      'crashed-0',
      'crashed-1',
      'crashed-2',
    ])
    const owners = await storage.owners()
    expect(owners).toContain(live.persistence.ownerId)
    expect(owners).not.toContain(crashing.persistence.ownerId)
  })

  it('a closed owner releases its lease: the next look claims what it left', async () => {
    vi.useFakeTimers()
    const storage = new MemoryStorage()
    const leases = new MemoryLeases()
    const survivor = ownerOn(storage, new LeaseLiveness({ leases, leaseMs: 30_000 }))
    const leaving = ownerOn(storage, new LeaseLiveness({ leases, leaseMs: 30_000 }))
    await leaving.store('left', 2)
    await leaving.persistence.close()
    await vi.advanceTimersByTimeAsync(10_000)
    expect(survivor.claimed).toEqual(['left-0', 'left-1'])
  })
})

import { createClient, type RedisClientType } from 'redis'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { StoredEvent } from '../../src/core/persistence/EventStorage.js'
import { isStripeMeterError } from '../../src/core/StripeMeterError.js'
import { RedisStorage } from '../../src/redis/index.js'
import { type RedisServer, startRedisServer } from './redisServer.js'

const apiUrl = 'https://api.stripemeter.test'
const tenantId = '7d2f4a8e-0c1b-4f7e-9a35-6b1d2c3e4f50'

function record(key: string, owner: string, order: number): StoredEvent {
  return {
    key,
    owner,
    order,
    event: {
      tenantId,
      metric: 'api_calls',
      customerRef: 'cus_1',
      quantity: order,
      ts: '2026-11-26T12:00:00.000Z',
      idempotencyKey: key,
    },
  }
}

let server: RedisServer
const clients: RedisClientType[] = []

/** A node-redis client as an app would make one; closed after each test. */
async function connect(): Promise<RedisClientType> {
  const client = createClient({ url: server.url }) as RedisClientType
  client.on('error', () => {}) // Reconnection noise while a test stops Redis.
  await client.connect()
  clients.push(client)
  return client
}

async function storageFor(options: { tenant?: string; leaseMs?: number } = {}) {
  const client = await connect()
  return new RedisStorage({
    client,
    apiUrl,
    tenantId: options.tenant ?? tenantId,
    ...(options.leaseMs === undefined ? {} : { leaseMs: options.leaseMs }),
  })
}

beforeAll(async () => {
  server = await startRedisServer()
}, 30_000)

afterEach(async () => {
  const client = clients[0]
  if (client?.isReady) await client.flushAll()
  await Promise.all(clients.splice(0).map((client) => client.close().catch(() => {})))
})

afterAll(async () => {
  await server?.close()
})

describe('RedisStorage', () => {
  it('writes, lists owners, deletes, and drops an owner once it holds nothing', async () => {
    const storage = await storageFor()
    await storage.put([record('a', 'owner-1', 1), record('b', 'owner-1', 2)])
    await storage.put([record('c', 'owner-2', 3)])
    expect((await storage.owners()).sort()).toEqual(['owner-1', 'owner-2'])
    await storage.delete(['a', 'b', 'unknown'])
    expect(await storage.owners()).toEqual(['owner-2'])
  })

  it('hands a gone owner’s events to the claimer, oldest first, with their keys and events', async () => {
    const storage = await storageFor()
    await storage.put([record('late', 'gone', 2), record('early', 'gone', 1)])
    const claimed = await storage.claim('me', new Set(['gone']))
    expect(claimed).toEqual([record('early', 'me', 1), record('late', 'me', 2)])
    expect(await storage.owners()).toEqual(['me'])
    expect(await storage.claim('other', new Set(['gone']))).toEqual([])
  })

  it('never claims from an owner whose lease is alive, whatever the caller believes', async () => {
    const storage = await storageFor()
    const liveness = storage.createLiveness()
    await liveness.start('alive')
    await storage.put([record('a', 'alive', 1)])
    expect(await storage.claim('me', new Set(['alive']))).toEqual([])
    expect(await liveness.goneAmong(['alive', 'never-seen'])).toEqual(new Set(['never-seen']))
    liveness.stop()
    await expect.poll(() => liveness.goneAmong(['alive'])).toEqual(new Set(['alive']))
    expect(await storage.claim('me', new Set(['alive']))).toHaveLength(1)
  })

  it('gives each event of a dead owner to exactly one of several instances claiming at once', async () => {
    const writer = await storageFor()
    const events = Array.from({ length: 500 }, (_, index) => record(`k${index}`, 'dead', index))
    await writer.put(events)
    const claimers = await Promise.all([storageFor(), storageFor(), storageFor()])
    const claims = await Promise.all(
      claimers.map((storage, index) => storage.claim(`live-${index}`, new Set(['dead']))),
    )
    const keys = claims.flat().map((claimed) => claimed.key)
    expect(keys).toHaveLength(500)
    expect(new Set(keys).size).toBe(500)
    expect(claims.filter((claimed) => claimed.length > 0)).toHaveLength(1)
  })

  it('keeps namespaces apart: another tenant or API URL never sees these events', async () => {
    const mine = await storageFor()
    const otherTenant = await storageFor({ tenant: 'another-tenant' })
    const otherApi = new RedisStorage({
      client: await connect(),
      apiUrl: 'https://eu.stripemeter.test',
      tenantId,
    })
    await mine.put([record('a', 'gone', 1)])
    expect(await otherTenant.owners()).toEqual([])
    expect(await otherApi.owners()).toEqual([])
    expect(await otherTenant.claim('x', new Set(['gone']))).toEqual([])
    expect(await mine.owners()).toEqual(['gone'])
  })

  it('renews a lease that lapses by itself: a lease key with a TTL, never the events', async () => {
    const client = await connect()
    const storage = new RedisStorage({ client, apiUrl, tenantId, leaseMs: 9_000 })
    const liveness = storage.createLiveness()
    await liveness.start('owner-1')
    await storage.put([record('a', 'owner-1', 1)])
    const keys = await client.keys('stripemeter:*')
    const ttls = Object.fromEntries(
      await Promise.all(keys.map(async (key) => [key, await client.pTTL(key)])),
    )
    const leaseKey = keys.find((key) => key.includes(':lease:')) as string
    expect(await client.pTTL(leaseKey)).toBeGreaterThan(8_000)
    expect(await client.pTTL(leaseKey)).toBeLessThanOrEqual(9_000)
    // Every key but the lease lives until the events are deleted: -1 is "no expiry".
    expect(Object.values(ttls).filter((ttl) => ttl !== -1)).toHaveLength(1)
    expect(
      keys.every((key) => key.startsWith('stripemeter:{no-origin|https://api.stripemeter.test|')),
    ).toBe(true)
    liveness.stop()
  })

  it('batches writes made in quick succession into a few round trips', async () => {
    const storage = await storageFor()
    const writes: Promise<void>[] = []
    for (let index = 0; index < 200; index++) {
      writes.push(storage.put([record(`k${index}`, 'owner-1', index)]))
      if (index % 20 === 0) await new Promise((resolve) => setTimeout(resolve, 0))
    }
    const before = storage.roundTrips
    await Promise.all(writes)
    expect(storage.roundTrips).toBeLessThanOrEqual(before + 12)
    expect((await storage.claim('me', new Set(['owner-1']))).length).toBe(200)
  })

  it('fails fast while Redis is away, and works again once it is back', async () => {
    const client = await connect()
    const storage = new RedisStorage({ client, apiUrl, tenantId })
    await storage.put([record('a', 'owner-1', 1)])
    await server.stop()
    await expect.poll(() => client.isReady).toBe(false)
    await expect(storage.put([record('b', 'owner-1', 2)])).rejects.toThrow(/not connected/)
    await server.restart()
    await expect.poll(() => client.isReady, { timeout: 10_000 }).toBe(true)
    await storage.put([record('b', 'owner-1', 2)])
    // Written before the restart and kept by Redis's append-only file.
    expect((await storage.claim('me', new Set(['owner-1']))).map((each) => each.key)).toEqual([
      'a',
      'b',
    ])
  })

  it('refuses bad options with a validation_error that names the option and value', async () => {
    const client = await connect()
    const attempts: unknown[] = [
      () => new RedisStorage({ client: {} as never, apiUrl, tenantId }),
      () => new RedisStorage({ client, apiUrl: 'not a url', tenantId }),
      () => new RedisStorage({ client, apiUrl, tenantId: '' }),
      () => new RedisStorage({ client, apiUrl, tenantId, leaseMs: 0 }),
      () => new RedisStorage({ client, apiUrl, tenantId, writeIntervalMs: -1 }),
    ]
    for (const attempt of attempts) {
      let thrown: unknown
      try {
        ;(attempt as () => unknown)()
      } catch (error) {
        thrown = error
      }
      expect(isStripeMeterError(thrown) && thrown.code).toBe('validation_error')
    }
    expect(() => new RedisStorage({ client, apiUrl, tenantId, leaseMs: 0 })).toThrow(/leaseMs.*0/)
  })
})

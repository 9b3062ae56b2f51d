import { createClient as createRedisClient, type RedisClientType } from 'redis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClient } from '../../src/index.js'
import { RedisStorage } from '../../src/redis/index.js'
import { type RunningEmulator, startEmulator } from '../../src/testing/startEmulator.js'
import { type RedisServer, startRedisServer } from './redisServer.js'

let server: RedisServer
let emulator: RunningEmulator
let redis: RedisClientType

beforeAll(async () => {
  ;[server, emulator] = await Promise.all([startRedisServer(), startEmulator({ seed: false })])
  redis = createRedisClient({
    url: server.url,
    socket: { reconnectStrategy: () => 20 },
  }) as RedisClientType
  redis.on('error', () => {}) // Reconnection noise while Redis is down.
  await redis.connect()
}, 30_000)

afterAll(async () => {
  await redis?.close()
  await Promise.all([server?.close(), emulator?.close()])
})

/** How many events Redis holds for this namespace. */
async function storedInRedis(): Promise<number> {
  const [eventsKey] = await redis.keys('stripemeter:*:events')
  return eventsKey === undefined ? 0 : redis.hLen(eventsKey)
}

describe('RedisStorage while Redis restarts', () => {
  it('keeps buffering in memory, reports storage_error, and writes through once Redis is back', async () => {
    const client = createClient({
      apiUrl: emulator.url,
      tenantId: emulator.emulator.tenantId,
      apiKey: emulator.emulator.apiKey,
      flushInterval: 0,
      batchSize: 1_000,
      storage: new RedisStorage({
        client: redis,
        apiUrl: emulator.url,
        tenantId: emulator.emulator.tenantId,
      }),
    })
    const buffer = (count: number) => {
      for (let index = 0; index < count; index++) {
        client.buffer({ metric: 'api_calls', customerRef: 'cus_restart', quantity: 1 })
      }
    }
    buffer(50)
    await expect.poll(storedInRedis).toBe(50)

    await server.stop()
    await expect.poll(() => redis.isReady).toBe(false)
    buffer(50)
    await expect.poll(() => client.getState().lastError?.code).toBe('storage_error')
    expect(client.getState().lastError?.message).toMatch(/could not store 50 buffered events/)
    expect(client.getState().pending).toBe(100)

    await server.restart()
    await expect.poll(() => redis.isReady, { timeout: 10_000 }).toBe(true)
    buffer(50)
    // The 50 from before the restart survived in Redis's append-only file; the 50 buffered
    // while it was down are written with the first write that succeeds.
    await expect.poll(storedInRedis, { timeout: 10_000 }).toBe(150)

    await client.flush()
    expect(emulator.emulator.stats().eventsCounted).toBe(150)
    await expect.poll(storedInRedis).toBe(0)
    await client.close()
  })
})

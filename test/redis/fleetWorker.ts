// One instance of a fleet, run as its own process by fleet.test.ts: it buffers events into a
// StripeMeter client backed by RedisStorage, as an API server would while serving requests,
// and tells the parent (over IPC) which events it buffered and which Redis confirmed stored.
import { createClient as createRedisClient, type RedisClientType } from 'redis'
import type { StoredEvent } from '../../src/core/persistence/EventStorage.js'
import { createClient } from '../../src/index.js'
import { RedisStorage } from '../../src/redis/index.js'

export interface FleetWorkerConfig {
  instance: string
  redisUrl: string
  apiUrl: string
  tenantId: string
  apiKey: string
  /** Events to buffer, then the worker closes its client and exits (unless killed first). */
  events: number
  /** Events buffered per 10 ms tick. */
  perTick: number
  leaseMs: number
}

export type FleetWorkerMessage =
  | { type: 'buffered'; keys: string[] }
  | { type: 'stored'; keys: string[] }
  | { type: 'claimed'; keys: string[] }
  | { type: 'closed' }

const config = JSON.parse(process.env.FLEET_WORKER ?? '{}') as FleetWorkerConfig
const tell = (message: FleetWorkerMessage) => process.send?.(message)

/** Reports what Redis confirmed: only those events are promised to survive a SIGKILL. */
class ReportingStorage extends RedisStorage {
  override async put(records: readonly StoredEvent[]): Promise<void> {
    await super.put(records)
    tell({ type: 'stored', keys: records.map((record) => record.key) })
  }

  override async claim(owner: string, fromOwners: ReadonlySet<string>): Promise<StoredEvent[]> {
    const claimed = await super.claim(owner, fromOwners)
    if (claimed.length > 0) tell({ type: 'claimed', keys: claimed.map((record) => record.key) })
    return claimed
  }
}

const redis = createRedisClient({
  url: config.redisUrl,
  socket: { reconnectStrategy: () => 50 },
}) as RedisClientType
redis.on('error', () => {})
await redis.connect()

const client = createClient({
  apiUrl: config.apiUrl,
  tenantId: config.tenantId,
  apiKey: config.apiKey,
  batchSize: 50,
  flushInterval: 20,
  headers: { 'x-fleet-instance': config.instance },
  storage: new ReportingStorage({
    client: redis,
    apiUrl: config.apiUrl,
    tenantId: config.tenantId,
    leaseMs: config.leaseMs,
  }),
})

let buffered = 0
await new Promise<void>((resolve) => {
  const timer = setInterval(() => {
    const keys: string[] = []
    for (let index = 0; index < config.perTick && buffered < config.events; index++, buffered++) {
      const event = client.buffer({
        metric: 'api_calls',
        customerRef: `cus_${config.instance}`,
        quantity: 1,
      })
      keys.push(event.idempotencyKey as string)
    }
    tell({ type: 'buffered', keys })
    if (buffered >= config.events) {
      clearInterval(timer)
      resolve()
    }
  }, 10)
})

// Stays up (delivering, and taking over what a dead instance left) until the parent says stop.
process.on('message', async (message) => {
  if (message !== 'close') return
  await client.close()
  await redis.close()
  tell({ type: 'closed' })
  process.disconnect()
})

// One instance of fleet.bench.mjs: buffers EVENTS_PER_SECOND events/s into a client backed by
// RedisStorage for SECONDS, times every buffer() call, closes the client (delivering the rest)
// and reports over IPC. Imports the built package, like the other benches.
import { createClient as createRedisClient } from 'redis'
import { StripeMeterClient } from '../dist/index.js'
import { RedisStorage } from '../dist/redis/index.js'

const config = JSON.parse(process.env.FLEET_BENCH ?? '{}')
const redis = createRedisClient({ url: config.redisUrl })
redis.on('error', () => {})
await redis.connect()
const storage = new RedisStorage({
  client: redis,
  apiUrl: config.apiUrl,
  tenantId: config.tenantId,
})
const client = new StripeMeterClient({
  apiUrl: config.apiUrl,
  tenantId: config.tenantId,
  apiKey: config.apiKey,
  // A server at this rate sends full batches (the server's cap is 1,000 events per request).
  batchSize: 1_000,
  // The emulator may fall behind 20,000 events/s on a small machine: hold every event.
  maxQueueSize: config.eventsPerSecond * config.seconds,
  storage,
})
let storageErrors = 0
let lastError
client.subscribe((state) => {
  if (state.lastError !== lastError && state.lastError?.code === 'storage_error') {
    storageErrors++
    if (process.env.FLEET_DEBUG) console.error(state.lastError.message)
  }
  lastError = state.lastError
})

if (process.env.FLEET_DEBUG) {
  setInterval(() => {
    const state = client.getState()
    console.error(
      `pending ${state.pending} inFlight ${state.inFlight} roundTrips ${storage.roundTrips} t ${Math.round(performance.now())}`,
    )
  }, 500).unref()
}
const TICK_MS = 10
const perTick = (config.eventsPerSecond * TICK_MS) / 1000
const latenciesUs = []
let buffered = 0
const startedAt = performance.now()
await new Promise((resolve) => {
  const timer = setInterval(() => {
    // Catch up after a late tick, so the rate holds on a busy machine.
    const due = Math.min(
      config.eventsPerSecond * config.seconds,
      Math.round(((performance.now() - startedAt) / 1000) * config.eventsPerSecond),
    )
    for (let count = 0; buffered < due && count < perTick * 4; count++, buffered++) {
      const before = performance.now()
      client.buffer({ metric: 'api_calls', customerRef: `cus_${config.instance}`, quantity: 1 })
      latenciesUs.push((performance.now() - before) * 1000)
    }
    if (buffered >= config.eventsPerSecond * config.seconds) {
      clearInterval(timer)
      resolve()
    }
  }, TICK_MS)
})
const bufferingMs = performance.now() - startedAt
await client.close()
await redis.close()
latenciesUs.sort((a, b) => a - b)
process.send({
  buffered,
  bufferingMs,
  closedAt: performance.now() - startedAt,
  p50Us: latenciesUs[Math.floor(latenciesUs.length * 0.5)],
  p99Us: latenciesUs[Math.floor(latenciesUs.length * 0.99)],
  roundTrips: storage.roundTrips,
  storageErrors,
})
process.disconnect()

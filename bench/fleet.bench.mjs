// Fleet figures (issue 14): 4 processes × 5,000 events/s each for 30 s into one emulator, each
// client keeping its buffer in one shared Redis through RedisStorage. Prints events/s delivered,
// p99 buffer() latency, Redis round trips per event (target ≤ 0.05) and events lost (target 0).
// Needs redis-server on the PATH (Debian package); starts its own on a free loopback port.
import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { createClient as createRedisClient } from 'redis'
import { startEmulator } from '../dist/testing/index.js'
import { startRedisServer } from '../test/redis/redisServer.ts'

const PROCESSES = Number(process.env.FLEET_PROCESSES ?? 4)
const EVENTS_PER_SECOND = 5_000
const SECONDS = Number(process.env.FLEET_SECONDS ?? 30)

const redis = await startRedisServer({ appendfsync: 'everysec' })
const redisUrl = redis.url
const server = await startEmulator({ seed: false })
const { emulator } = server

const commandsProcessed = async () => {
  const probe = createRedisClient({ url: redisUrl })
  await probe.connect()
  const info = await probe.info('stats')
  await probe.close()
  return Number(/total_commands_processed:(\d+)/.exec(info)?.[1])
}
const commandsBefore = await commandsProcessed()

const startedAt = performance.now()
const reports = await Promise.all(
  Array.from({ length: PROCESSES }, (_, index) => {
    const child = fork(fileURLToPath(new URL('fleetWorker.mjs', import.meta.url)), [], {
      env: {
        ...process.env,
        FLEET_BENCH: JSON.stringify({
          instance: index,
          redisUrl,
          apiUrl: server.url,
          tenantId: emulator.tenantId,
          apiKey: emulator.apiKey,
          eventsPerSecond: EVENTS_PER_SECOND,
          seconds: SECONDS,
        }),
      },
    })
    return new Promise((resolve, reject) => {
      child.once('message', resolve)
      child.once(
        'exit',
        (code) => code !== 0 && reject(new Error(`worker ${index} exited ${code}`)),
      )
    })
  }),
)
const elapsedS = (performance.now() - startedAt) / 1000
// Minus the INFO of this probe and of the first one.
const serverCommands = (await commandsProcessed()) - commandsBefore - 1

const buffered = reports.reduce((sum, report) => sum + report.buffered, 0)
const counted = emulator.stats().eventsCounted
const clientRoundTrips = reports.reduce((sum, report) => sum + report.roundTrips, 0)
const lastClose = Math.max(...reports.map((report) => report.closedAt)) / 1000
const p99 = Math.max(...reports.map((report) => report.p99Us))
const p50 = Math.max(...reports.map((report) => report.p50Us))

console.log(
  `fleet: ${PROCESSES} processes × ${EVENTS_PER_SECOND} events/s for ${SECONDS} s, RedisStorage, one emulator`,
)
console.log(`  events buffered               ${buffered}`)
console.log(
  `  events counted by the emulator ${counted} (lost: ${buffered - counted}, duplicates: ${emulator.stats().duplicates})`,
)
console.log(
  `  delivered                     ${Math.round(counted / lastClose)} events/s (all counted ${lastClose.toFixed(1)} s after the start; ${elapsedS.toFixed(1)} s with process start-up)`,
)
console.log(
  `  buffer() latency              p50 ${p50.toFixed(1)} µs, p99 ${p99.toFixed(1)} µs (worst process)`,
)
console.log(
  `  Redis round trips per event   ${(clientRoundTrips / buffered).toFixed(4)} (client commands ${clientRoundTrips}; server counted ${serverCommands})`,
)
console.log(
  `  storage_error state changes   ${reports.reduce((sum, report) => sum + report.storageErrors, 0)}`,
)

await server.close()
await redis.close()

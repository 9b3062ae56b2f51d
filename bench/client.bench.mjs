// The core client's figures (issue 2): buffer() cost, heap per queued event, and delivery
// throughput against a loopback sink compared with raw fetch of pre-serialised bodies.
// Run through `npm run bench` (it builds dist/ and passes --expose-gc).
import { performance } from 'node:perf_hooks'
import { Worker } from 'node:worker_threads'
import { StripeMeterClient } from '../dist/index.js'

const BUFFER_EVENTS = 1_000_000
const CHUNK_EVENTS = 1_000
const HEAP_EVENTS = 100_000
const DELIVERY_EVENTS = 200_000
const EVENTS_PER_BODY = 1_000

if (typeof globalThis.gc !== 'function') {
  console.error('client.bench: run with --expose-gc (npm run bench does)')
  process.exit(1)
}

const event = { metric: 'api_calls', customerRef: 'cus_ABC123', quantity: 1 }
/** A client that never sends: its batch size is above the events a test buffers. */
const idleClient = (events) =>
  new StripeMeterClient({
    apiUrl: 'http://127.0.0.1:9',
    tenantId: '9f0c2a51-3b8e-4d2a-9c71-5e0d6b8f4a21',
    flushInterval: 0,
    batchSize: events + 1,
    maxQueueSize: events + 1,
  })

/** Median ns per buffer() call, timed in chunks of 1000 calls. */
function bufferCost(withMeta) {
  const perOpNs = []
  const input = withMeta
    ? { ...event, meta: { endpoint: '/v1/search', region: 'us-east-1' } }
    : event
  let client = idleClient(BUFFER_EVENTS)
  for (let index = 0; index < 100_000; index++) client.buffer(input) // warm-up
  client = idleClient(BUFFER_EVENTS)
  for (let chunk = 0; chunk < BUFFER_EVENTS / CHUNK_EVENTS; chunk++) {
    const startedAt = performance.now()
    for (let index = 0; index < CHUNK_EVENTS; index++) client.buffer(input)
    perOpNs.push(((performance.now() - startedAt) * 1e6) / CHUNK_EVENTS)
  }
  perOpNs.sort((a, b) => a - b)
  return perOpNs[perOpNs.length >> 1]
}

function heapBytesPerEvent() {
  globalThis.gc()
  const client = idleClient(HEAP_EVENTS)
  globalThis.gc()
  const before = process.memoryUsage().heapUsed
  for (let index = 0; index < HEAP_EVENTS; index++) client.buffer({ ...event, quantity: index + 1 })
  globalThis.gc()
  const after = process.memoryUsage().heapUsed
  if (client.getState().pending !== HEAP_EVENTS) throw new Error('events were not all held')
  return (after - before) / HEAP_EVENTS
}

/** A StripeMeter-shaped ingest sink on its own thread: parses each body, answers every result. */
const sinkSource = `
const { createServer } = require('node:http')
const { parentPort } = require('node:worker_threads')
const server = createServer((request, response) => {
  const chunks = []
  request.on('data', (chunk) => chunks.push(chunk))
  request.on('end', () => {
    const { events } = JSON.parse(Buffer.concat(chunks).toString('utf8'))
    const results = events.map((event) => ({ idempotencyKey: event.idempotencyKey, status: 'accepted' }))
    response.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'bench' })
    response.end(JSON.stringify({ accepted: events.length, duplicates: 0, results, errors: [] }))
  })
})
server.keepAliveTimeout = 60_000
server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port))
`

async function deliveryThroughput(url) {
  const client = new StripeMeterClient({
    apiUrl: url,
    tenantId: '9f0c2a51-3b8e-4d2a-9c71-5e0d6b8f4a21',
    flushInterval: 0,
    batchSize: DELIVERY_EVENTS + 1,
    maxQueueSize: DELIVERY_EVENTS + 1,
  })
  for (let index = 0; index < DELIVERY_EVENTS; index++)
    client.buffer({ ...event, quantity: index + 1 })
  const cpuBefore = process.threadCpuUsage()
  const startedAt = performance.now()
  await client.flush()
  const seconds = (performance.now() - startedAt) / 1000
  const cpuMs = cpuMsSince(cpuBefore)
  await client.close()
  return {
    eventsPerSecond: DELIVERY_EVENTS / seconds,
    cpuMsPer1000: cpuMs / (DELIVERY_EVENTS / 1000),
  }
}

/** CPU time of this thread (the sink runs on its own) since `before`, in ms. */
function cpuMsSince(before) {
  const { user, system } = process.threadCpuUsage(before)
  return (user + system) / 1000
}

async function rawFetchLimit(url) {
  const bodies = []
  const ts = new Date().toISOString()
  for (let body = 0; body < DELIVERY_EVENTS / EVENTS_PER_BODY; body++) {
    const events = Array.from({ length: EVENTS_PER_BODY }, (_, index) => ({
      tenantId: '9f0c2a51-3b8e-4d2a-9c71-5e0d6b8f4a21',
      ...event,
      quantity: body * EVENTS_PER_BODY + index + 1,
      ts,
      idempotencyKey: crypto.randomUUID(),
    }))
    bodies.push(JSON.stringify({ events }))
  }
  const cpuBefore = process.threadCpuUsage()
  const startedAt = performance.now()
  for (const body of bodies) {
    const response = await fetch(`${url}/v1/events/ingest`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    })
    await response.text()
  }
  const seconds = (performance.now() - startedAt) / 1000
  const cpuMs = cpuMsSince(cpuBefore)
  return {
    eventsPerSecond: DELIVERY_EVENTS / seconds,
    cpuMsPer1000: cpuMs / (DELIVERY_EVENTS / 1000),
  }
}

const format = (value, digits = 0) =>
  value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })

const bufferNs = bufferCost(false)
const bufferMetaNs = bufferCost(true)
const heapBytes = heapBytesPerEvent()

const sink = new Worker(sinkSource, { eval: true })
const port = await new Promise((resolve) => sink.once('message', resolve))
const url = `http://127.0.0.1:${port}`
await rawFetchLimit(url) // warm both paths: JIT, sockets
await deliveryThroughput(url)
const limits = []
const clients = []
for (let round = 0; round < 3; round++) {
  limits.push(await rawFetchLimit(url))
  clients.push(await deliveryThroughput(url))
}
await sink.terminate()
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1]
const clientRate = median(clients.map((run) => run.eventsPerSecond))
const limitRate = median(limits.map((run) => run.eventsPerSecond))
const clientCpuMs = median(clients.map((run) => run.cpuMsPer1000))
const limitCpuMs = median(limits.map((run) => run.cpuMsPer1000))

console.log('core client (bench/client.bench.mjs)')
console.log(
  `  buffer():                median ${format(bufferNs)} ns/op over ${format(BUFFER_EVENTS)} events (target ≤ 1,000)`,
)
console.log(`  buffer() with 2-key meta: median ${format(bufferMetaNs)} ns/op`)
console.log(`  heap per queued event:   ${format(heapBytes)} B (target ≤ 400)`)
console.log(
  `  delivery, client:        ${format(clientRate)} events/s (${format(DELIVERY_EVENTS)} buffered events, median of 3)`,
)
console.log(
  `  delivery, raw fetch:     ${format(limitRate)} events/s (pre-serialised ${format(EVENTS_PER_BODY)}-event bodies)`,
)
console.log(`  ratio client/limit:      ${format(clientRate / limitRate, 2)} (target ≥ 0.8)`)
console.log(
  `  main-thread CPU per 1,000 events delivered: client ${format(clientCpuMs, 2)} ms, raw fetch ${format(limitCpuMs, 2)} ms`,
)

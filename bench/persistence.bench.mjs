// Persistence figures (issue 6): what storing buffered events costs `buffer()` in Node (a shared
// MemoryStorage) and in Chromium (IndexedDB, the browser default), and how fast IndexedDB
// takes a burst. Run through `npm run bench` (it builds dist/).
import { mkdtempSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { chromium } from 'playwright-core'
import { MemoryStorage, StripeMeterClient } from '../dist/index.js'
import { SqliteStorage } from '../dist/node/index.js'

const NODE_EVENTS = 200_000
const BROWSER_EVENTS = 10_000
const CHUNK_EVENTS = 1_000

const event = { metric: 'api_calls', customerRef: 'cus_ABC123', quantity: 1 }
const idleClientOptions = (events, storage) => ({
  apiUrl: 'http://127.0.0.1:9',
  tenantId: '9f0c2a51-3b8e-4d2a-9c71-5e0d6b8f4a21',
  flushInterval: 0,
  batchSize: events + 1,
  maxQueueSize: events + 1,
  storage,
})

/**
 * Median ns per buffer() over chunks of 1000 calls; each chunk's storage writes run between
 * chunks. `withWrites` also counts the time until the chunk's writes are done (SQLite commits
 * them synchronously, in the microtasks right after the chunk).
 */
async function nodeBufferCost(storage, { withWrites = false } = {}) {
  const client = new StripeMeterClient(idleClientOptions(NODE_EVENTS, storage))
  const perOpNs = []
  for (let chunk = 0; chunk < NODE_EVENTS / CHUNK_EVENTS; chunk++) {
    const startedAt = performance.now()
    for (let index = 0; index < CHUNK_EVENTS; index++) client.buffer(event)
    if (!withWrites) perOpNs.push(((performance.now() - startedAt) * 1e6) / CHUNK_EVENTS)
    await new Promise((resolve) => setImmediate(resolve))
    if (withWrites) perOpNs.push(((performance.now() - startedAt) * 1e6) / CHUNK_EVENTS)
  }
  perOpNs.sort((a, b) => a - b)
  return perOpNs[perOpNs.length >> 1]
}

const sqliteFile = () => join(mkdtempSync(join(tmpdir(), 'stripemeter-bench-')), 'events.db')

/** The same measurement in Chromium, plus the time until IndexedDB holds the whole burst. */
async function browserFigures() {
  const pageScript = await build({
    stdin: {
      contents: `
        import { StripeMeterClient, storageNamespace } from ${JSON.stringify(fileURLToPath(new URL('../dist/index.js', import.meta.url)))}
        const options = ${idleClientOptions.toString()}
        const event = ${JSON.stringify(event)}
        function storedCount(apiUrl, tenantId) {
          return new Promise((resolve) => {
            const open = indexedDB.open('stripemeter:' + storageNamespace(apiUrl, tenantId))
            open.onsuccess = () => {
              const count = open.result.transaction('events').objectStore('events').count()
              count.onsuccess = () => { open.result.close(); resolve(count.result) }
            }
          })
        }
        window.measure = async (events, storage) => {
          const settings = options(events, storage)
          const client = new StripeMeterClient(settings)
          const perOpNs = []
          const startedAt = performance.now()
          for (let chunk = 0; chunk < events / ${CHUNK_EVENTS}; chunk++) {
            const chunkStartedAt = performance.now()
            for (let index = 0; index < ${CHUNK_EVENTS}; index++) client.buffer(event)
            perOpNs.push(((performance.now() - chunkStartedAt) * 1e6) / ${CHUNK_EVENTS})
            await new Promise((resolve) => setTimeout(resolve, 0))
          }
          perOpNs.sort((a, b) => a - b)
          let storedAfterMs
          if (storage === 'auto') {
            while ((await storedCount(settings.apiUrl, settings.tenantId)) < events) {
              await new Promise((resolve) => setTimeout(resolve, 5))
            }
            storedAfterMs = performance.now() - startedAt
          }
          return { medianNs: perOpNs[perOpNs.length >> 1], storedAfterMs }
        }`,
      resolveDir: fileURLToPath(new URL('.', import.meta.url)),
    },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    logLevel: 'silent',
  })
  const server = createServer((request, response) => {
    const isScript = request.url === '/bench.js'
    response.writeHead(200, { 'content-type': isScript ? 'text/javascript' : 'text/html' })
    response.end(
      isScript
        ? pageScript.outputFiles[0].text
        : '<!doctype html><script type="module" src="/bench.js"></script>',
    )
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  })
  try {
    const page = await browser.newPage()
    await page.goto(`http://127.0.0.1:${server.address().port}/`)
    await page.waitForFunction(() => typeof window.measure === 'function')
    await page.evaluate((events) => window.measure(events, false), BROWSER_EVENTS) // warm-up
    const memoryOnly = await page.evaluate(
      (events) => window.measure(events, false),
      BROWSER_EVENTS,
    )
    const indexedDb = await page.evaluate(
      (events) => window.measure(events, 'auto'),
      BROWSER_EVENTS,
    )
    return { memoryOnly, indexedDb }
  } finally {
    await browser.close()
    server.close()
  }
}

await nodeBufferCost(false) // warm-up
const nodeMemoryOnly = await nodeBufferCost(false)
const nodeShared = await nodeBufferCost(new MemoryStorage())
const nodeSqlite = await nodeBufferCost(new SqliteStorage({ path: sqliteFile() }))
const nodeSqliteWritten = await nodeBufferCost(new SqliteStorage({ path: sqliteFile() }), {
  withWrites: true,
})
const browser = await browserFigures()

const ns = (value) => `${value.toFixed(0)} ns/op`
console.log('persistence.bench')
console.log(`  Node buffer(), storage: false              ${ns(nodeMemoryOnly)}`)
console.log(`  Node buffer(), shared MemoryStorage        ${ns(nodeShared)}`)
console.log(`  Node buffer(), SqliteStorage               ${ns(nodeSqlite)}`)
console.log(`  Node buffer() + its SQLite commit          ${ns(nodeSqliteWritten)}`)
console.log(`  Chromium buffer(), storage: false          ${ns(browser.memoryOnly.medianNs)}`)
console.log(`  Chromium buffer(), IndexedDB ('auto')      ${ns(browser.indexedDb.medianNs)}`)
const storedPerSecond = BROWSER_EVENTS / (browser.indexedDb.storedAfterMs / 1000)
console.log(
  `  Chromium: ${BROWSER_EVENTS} events in IndexedDB after ${browser.indexedDb.storedAfterMs.toFixed(0)} ms (${storedPerSecond.toFixed(0)} events/s)`,
)

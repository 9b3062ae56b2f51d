// UsageGate's switch latency (issue 12): a customer one call below the limit clicks the gated
// button; the click tracks the crossing event, and the fallback must paint on the next frame,
// not after the next server read. Measured in headless Chromium against the emulator on
// loopback: animation frames and milliseconds from the click handler to the fallback's paint
// (Element Timing), next to the same switch done by a plain `useState` flag in the handler
// (the floor for any React app). Rounds alternate the two, so background load hits both.
// Run through `npm run bench -- gate` (it builds dist/ first).
import { createServer } from 'node:http'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { chromium } from 'playwright-core'
import { createClient } from '../dist/index.js'
import { startEmulator } from '../dist/testing/index.js'
import { findChromium } from '../scripts/find-chromium.mjs'

const ROUNDS = 30
const LIMIT = 5
const metric = 'gated_calls'

const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1]
const format = (value, digits = 1) =>
  value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })

const bundled = await build({
  entryPoints: [fileURLToPath(new URL('pages/gatePage.jsx', import.meta.url))],
  bundle: true,
  write: false,
  format: 'esm',
  platform: 'browser',
  jsx: 'automatic',
  minify: true,
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'silent',
})
const script = bundled.outputFiles[0].text
const html = '<!doctype html><meta charset="utf-8"><script type="module" src="/page.js"></script>'
const pageServer = createServer((request, response) => {
  const isScript = request.url === '/page.js'
  response.writeHead(200, { 'content-type': isScript ? 'text/javascript' : 'text/html' })
  response.end(isScript ? script : html)
})
await new Promise((resolve) => pageServer.listen(0, '127.0.0.1', resolve))

const api = await startEmulator({
  auth: false,
  seed: false,
  catalog: [{ name: metric, label: 'Reports', aggregation: 'sum', unit: 'reports', limit: LIMIT }],
})
// Every round's customer starts one call below the limit, on the server.
const customers = Array.from({ length: ROUNDS }, (_, round) => `cus_gate_${round}`)
const seeder = createClient({ apiUrl: api.url, tenantId: api.emulator.tenantId, flushInterval: 0 })
for (const customerRef of customers) seeder.track({ metric, customerRef, quantity: LIMIT - 1 })
await seeder.flush()
await seeder.close()

const browser = await chromium.launch({
  executablePath: findChromium() ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
})
const page = await browser.newPage()
const query = new URLSearchParams({ api: api.url, tenant: api.emulator.tenantId, limit: LIMIT })
await page.goto(`http://127.0.0.1:${pageServer.address().port}/?${query}`)
await page.waitForFunction(() => window.gateBench !== undefined)

async function crossOnce(kind, customerRef) {
  await page.evaluate(
    ([kind, customerRef]) => window.gateBench.mount(kind, customerRef),
    [kind, customerRef],
  )
  await page.waitForSelector('#feature')
  // A few quiet frames, so the click does not land in the mount's own work.
  await page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
  )
  await page.click('#feature')
  await page.waitForSelector('#fallback')
  const handle = await page.waitForFunction(() => window.gateBench.result(), undefined, {
    timeout: 5_000,
  })
  return handle.jsonValue()
}

const samples = { gate: [], plain: [] }
await crossOnce('plain', 'warm-up')
for (const customerRef of customers) {
  samples.gate.push(await crossOnce('gate', customerRef))
  samples.plain.push(await crossOnce('plain', customerRef))
}
await browser.close()
await api.close()
pageServer.close()

const summary = (list) => ({
  frames: median(list.map((sample) => sample.frames)),
  worstFrames: Math.max(...list.map((sample) => sample.frames)),
  ms: median(list.map((sample) => sample.ms)),
})
const gate = summary(samples.gate)
const plain = summary(samples.plain)
const onNextFrame = (list) => list.filter((sample) => sample.frames <= 1).length
console.log(`UsageGate switch latency (headless Chromium, ${ROUNDS} interleaved rounds, medians)`)
console.log('  click that crosses the limit → fallback painted:')
console.log(
  `    <UsageGate> (live usage):   ${gate.frames} frame(s), worst ${gate.worstFrames}; ${format(gate.ms)} ms`,
)
console.log(
  `    plain useState flag:        ${plain.frames} frame(s), worst ${plain.worstFrames}; ${format(plain.ms)} ms`,
)
console.log(`    ratio gate/plain (ms):      ${format(gate.ms / plain.ms, 2)}`)
console.log(
  `    painted on the next frame:  gate ${onNextFrame(samples.gate)} of ${ROUNDS} (target: all), plain ${onNextFrame(samples.plain)} of ${ROUNDS}`,
)

// The React layer's figures (issue 4): renders caused by tracking, for a component that only
// tracks and for a live usage meter, and the cost of tracking through the hook against the
// client directly. React runs in its production build on jsdom; usage comes from the emulator
// on loopback. Run through `npm run bench` (it builds dist/ first).
import { performance } from 'node:perf_hooks'
import { JSDOM } from 'jsdom'

process.env.NODE_ENV = 'production'
const dom = new JSDOM('<!doctype html><html><body></body></html>', {
  pretendToBeVisual: true, // a real requestAnimationFrame at 60 Hz, which live usage coalesces on
  url: 'http://localhost/',
})
for (const key of Object.getOwnPropertyNames(dom.window)) {
  if (!(key in globalThis)) globalThis[key] = dom.window[key]
}

const { createElement: h, useEffect } = await import('react')
const { createRoot } = await import('react-dom/client')
const { flushSync } = await import('react-dom')
const { StripeMeterClient } = await import('../dist/index.js')
const { StripeMeterProvider, useTrack, useUsage } = await import('../dist/react/index.js')
const { startEmulator } = await import('../dist/testing/index.js')

const TRACKS_FOR_RENDERS = 1_000
const TRACKS_FOR_TIMING = 10_000
const TIMING_ROUNDS = 9
const customerRef = 'cus_steady'
const event = { metric: 'api_calls', customerRef, quantity: 1 }

const server = await startEmulator({ auth: false })
const clientOptions = {
  apiUrl: server.url,
  tenantId: server.emulator.tenantId,
  // Nothing is sent while measuring: the figures are about tracking, not delivery.
  flushInterval: 0,
  batchSize: 50_000,
  maxQueueSize: 50_000,
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))
const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve))
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1]
const format = (value, digits = 0) =>
  value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })

const renders = { trackOnly: 0, meter: 0 }
let trackFromHook
let meterCurrent

function TrackOnly() {
  renders.trackOnly++
  const track = useTrack()
  useEffect(() => {
    trackFromHook = track
  }, [track])
  return null
}

function Meter() {
  renders.meter++
  const usage = useUsage(customerRef)
  meterCurrent = usage.data?.metrics.find((metric) => metric.name === 'api_calls')?.current
  return null
}

function mount(...children) {
  const container = document.createElement('div')
  document.body.append(container)
  const root = createRoot(container)
  flushSync(() => root.render(h(StripeMeterProvider, clientOptions, ...children)))
  return root
}

/** Tracks one event per macrotask, spread over about a second, counting animation frames. */
async function trackSpreadOverFrames(track) {
  let frames = 0
  let counting = true
  const countFrames = () => {
    frames++
    if (counting) requestAnimationFrame(countFrames)
  }
  requestAnimationFrame(countFrames)
  for (let index = 0; index < TRACKS_FOR_RENDERS; index++) {
    track(event)
    await sleep(1)
  }
  await nextFrame()
  await nextFrame()
  counting = false
  return frames
}

// 1. Renders per 1,000 tracks.
const root = mount(h(Meter), h(TrackOnly))
while (meterCurrent === undefined) await sleep(5)
const meterBase = meterCurrent
await nextFrame()
renders.trackOnly = 0
renders.meter = 0
const frames = await trackSpreadOverFrames(trackFromHook)
const spreadRenders = { ...renders }
if (meterCurrent !== meterBase + TRACKS_FOR_RENDERS) throw new Error('the meter did not move')

renders.trackOnly = 0
renders.meter = 0
for (let index = 0; index < TRACKS_FOR_RENDERS; index++) trackFromHook(event)
await nextFrame()
await nextFrame()
const burstRenders = { ...renders }
root.unmount()

// 2. Time to track 10,000 events: through the hook (with the provider listening) vs the
// client directly. The machine may be shared, so the two paths alternate in chunks of 1,000
// and each figure is the median chunk: background load hits both alike.
const CHUNK = 1_000
/** Each round starts from a collected heap, so one round's garbage is not billed to the next. */
const collect = () => globalThis.gc?.()

function timeChunk(track) {
  const startedAt = performance.now()
  for (let index = 0; index < CHUNK; index++) track(event)
  return performance.now() - startedAt
}

async function timingRound(withMeter, samples) {
  const root = withMeter ? mount(h(Meter), h(TrackOnly)) : mount(h(TrackOnly))
  await nextFrame()
  const client = new StripeMeterClient(clientOptions)
  const buffer = (input) => client.buffer(input)
  collect()
  for (let chunk = 0; chunk < TRACKS_FOR_TIMING / CHUNK; chunk++) {
    samples.client.push(timeChunk(buffer))
    samples.hook.push(timeChunk(trackFromHook))
  }
  await nextFrame()
  root.unmount()
}

const warmUp = { client: [], hook: [] }
for (let round = 0; round < 3; round++) await timingRound(false, warmUp) // JIT
const plain = { client: [], hook: [] }
const withMeter = { client: [], hook: [] }
for (let round = 0; round < TIMING_ROUNDS; round++) {
  await timingRound(false, plain)
  await timingRound(true, withMeter)
}
await server.close()

const perRun = (chunks, pick = median) => pick(chunks) * (TRACKS_FOR_TIMING / CHUNK)
const fastest = (values) => Math.min(...values)
const client = perRun([...plain.client, ...withMeter.client])
const hook = perRun(plain.hook)
const hookWithMeter = perRun(withMeter.hook)
// The fastest chunk is the cost with the least interference from other processes and GC.
const fastestRatio =
  perRun(plain.hook, fastest) / perRun([...plain.client, ...withMeter.client], fastest)
console.log('react layer (bench/react.bench.mjs)')
console.log(
  `  renders per ${format(TRACKS_FOR_RENDERS)} track() calls, one per ms over ${frames} frames:`,
)
console.log(`    useTrack-only component:  ${spreadRenders.trackOnly} (target 0)`)
console.log(
  `    useUsage meter:           ${spreadRenders.meter} (${format(spreadRenders.meter / frames, 2)} per frame, target ≤ 1)`,
)
console.log(`  renders per ${format(TRACKS_FOR_RENDERS)} track() calls in one burst:`)
console.log(`    useTrack-only component:  ${burstRenders.trackOnly} (target 0)`)
console.log(`    useUsage meter:           ${burstRenders.meter}`)
console.log(
  `  time to track ${format(TRACKS_FOR_TIMING)} events (median 1,000-event chunk × 10, ${TIMING_ROUNDS} interleaved rounds):`,
)
console.log(`    client.buffer() directly: ${format(client, 2)} ms`)
console.log(`    useTrack():               ${format(hook, 2)} ms`)
console.log(`    useTrack() + live meter:  ${format(hookWithMeter, 2)} ms`)
console.log(`    ratio hook/client:        ${format(hook / client, 2)} (target ≤ 1.1)`)
console.log(`    ratio with a live meter:  ${format(hookWithMeter / client, 2)}`)
console.log(`    ratio, fastest chunks:    ${format(fastestRatio, 2)}`)
process.exit(0)

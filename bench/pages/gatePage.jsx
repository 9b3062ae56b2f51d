// The page of bench/gate.bench.mjs, bundled by esbuild from the built package: a gated button
// whose click tracks the event that crosses the limit, and the same button behind a plain
// `useState` flag (the fastest a React app can switch) for comparison. It records when the
// click ran, every animation frame after it, and when the browser painted the fallback
// (Element Timing's `renderTime`: a real paint timestamp, not a guess from frames).
import { useState } from 'react'
import { createRoot } from 'react-dom/client'
import { StripeMeterProvider, UsageGate, useTrack } from '../../dist/react/index.js'

const params = new URLSearchParams(location.search)
const options = {
  apiUrl: params.get('api') ?? '',
  tenantId: params.get('tenant') ?? '',
  flushInterval: 0, // nothing is sent while measuring: the gate must switch on the live figure
}
const metric = 'gated_calls'
const limit = Number(params.get('limit'))

/** Frame callbacks run since the last click, by `performance.now()` when each ran. */
let frameRunTimes = []
let clickedAt
let paintedAt
let root

;(function countFrames() {
  if (clickedAt !== undefined) frameRunTimes.push(performance.now())
  requestAnimationFrame(countFrames)
})()

new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (entry.identifier === 'fallback' && clickedAt !== undefined && paintedAt === undefined) {
      paintedAt = entry.renderTime || entry.loadTime
    }
  }
}).observe({ type: 'element', buffered: false })

const fallback = (
  <p id="fallback" elementtiming="fallback">
    Upgrade to run more reports
  </p>
)

function startClock() {
  frameRunTimes = []
  paintedAt = undefined
  clickedAt = performance.now()
}

function GatedButton({ customerRef }) {
  const track = useTrack()
  return (
    <UsageGate customerRef={customerRef} metric={metric} whileLoading="deny" fallback={fallback}>
      <button
        id="feature"
        type="button"
        onClick={() => {
          startClock()
          track({ metric, customerRef, quantity: 1 })
        }}
      >
        Run report
      </button>
    </UsageGate>
  )
}

function PlainButton() {
  const [used, setUsed] = useState(limit - 1)
  if (used + 1 > limit) return fallback
  return (
    <button
      id="feature"
      type="button"
      onClick={() => {
        startClock()
        setUsed(used + 1)
      }}
    >
      Run report
    </button>
  )
}

window.gateBench = {
  /** Mounts a fresh gate (or the plain button) for `customerRef`, at `limit - 1` used. */
  mount(kind, customerRef) {
    root?.unmount()
    document.body.replaceChildren()
    const container = document.createElement('div')
    document.body.append(container)
    root = createRoot(container)
    clickedAt = undefined
    root.render(
      kind === 'gate' ? (
        <StripeMeterProvider options={options}>
          <GatedButton customerRef={customerRef} />
        </StripeMeterProvider>
      ) : (
        <PlainButton />
      ),
    )
  },
  /** After a click: frames between it and the fallback's paint, and the milliseconds. */
  result() {
    if (paintedAt === undefined) return undefined
    const frames = frameRunTimes.filter((runAt) => runAt > clickedAt && runAt < paintedAt).length
    return { frames, ms: paintedAt - clickedAt }
  },
}

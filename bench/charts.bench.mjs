// The widgets' figures (issue 5): LTTB downsampling of 100,000 points to a plot's pixel width,
// the whole trend series (gap filling, cumulative, downsampling) for 100,000 points, and a
// tree-shaking check: a bundle importing only `UsageMeter` from `stripemeter/charts` must not
// contain recharts (it is an optional peer only the chart widgets need).
// Run after a build (`npm run bench` builds dist/); exits 1 if the tree-shaking check fails.

import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const POINTS = 100_000
const RUNS = 30
const root = fileURLToPath(new URL('..', import.meta.url))

// The two are internals of the widgets, not exports of the package: bundled here from the sources,
// minified as a consumer's build would.
const internals = await build({
  stdin: {
    contents:
      "export { downsampleLttb } from './src/charts/lttb.ts'\n" +
      "export { buildTrendSeries } from './src/charts/trendSeries.ts'",
    resolveDir: root,
    loader: 'ts',
  },
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'node',
  write: false,
})
const { buildTrendSeries, downsampleLttb } = await import(
  `data:text/javascript;base64,${Buffer.from(internals.outputFiles[0].contents).toString('base64')}`
)

function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[sorted.length >> 1]
}

function timeMs(run) {
  for (let warmUp = 0; warmUp < 5; warmUp++) run()
  const samples = []
  for (let index = 0; index < RUNS; index++) {
    const startedAt = performance.now()
    run()
    samples.push(performance.now() - startedAt)
  }
  return median(samples)
}

// A noisy series with a trend, a weekly rhythm and rare spikes: the shapes LTTB must keep.
const points = Array.from({ length: POINTS }, (_, x) => ({
  x,
  y: 1000 + x / 50 + 300 * Math.sin(x / 2000) + ((x * 7919) % 97) + (x % 9973 === 0 ? 5000 : 0),
}))
const monthStartMs = Date.UTC(2026, 10, 1)
const usage = points.map((point) => ({
  ts: new Date(monthStartMs + point.x * 25_000).toISOString(),
  value: point.y,
}))

console.log(`LTTB, ${POINTS.toLocaleString('en-US')} points (median of ${RUNS} runs)`)
for (const widthPx of [320, 800, 1920]) {
  const ms = timeMs(() => downsampleLttb(points, widthPx))
  console.log(`  → ${String(widthPx).padStart(4)} points: ${ms.toFixed(2)} ms`)
}
const spikes = points.filter((point) => point.y > 5000).length
const keptSpikes = downsampleLttb(points, 800).filter((point) => point.y > 5000).length
console.log(`  spikes kept at 800 px: ${keptSpikes} of ${spikes}`)

const trendMs = timeMs(() =>
  buildTrendSeries({
    usage,
    period: { start: '2026-11-01', end: '2026-11-30' },
    step: 'day',
    mode: 'cumulative',
    now: new Date(monthStartMs + POINTS * 25_000),
    maxPoints: 800,
  }),
)
console.log(
  `buildTrendSeries, ${POINTS.toLocaleString('en-US')} history points → 800 px: ${trendMs.toFixed(2)} ms`,
)

const rechartsNotInstalled = {
  name: 'recharts-not-installed',
  setup(builder) {
    builder.onResolve({ filter: /^recharts(\/|$)/ }, () => ({
      errors: [{ text: 'Could not resolve "recharts"' }],
    }))
  },
}

/** Bundles `source` as an app would (minified, tree-shaken) and lists which packages it pulled in. */
async function bundle(source, { withoutRecharts = false } = {}) {
  const result = await build({
    jsx: 'automatic',
    plugins: withoutRecharts ? [rechartsNotInstalled] : [],
    stdin: { contents: source, resolveDir: root, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    metafile: true,
    logLevel: 'silent',
    external: ['react', 'react-dom', 'react/jsx-runtime', 'ky'],
  })
  // Inputs esbuild read but shook out entirely have 0 bytes in the output: only count the rest.
  const [output] = Object.values(result.metafile.outputs)
  const inputs = Object.entries(output.inputs)
    .filter(([, { bytesInOutput }]) => bytesInOutput > 0)
    .map(([input]) => input)
  const has = (name) => inputs.some((input) => input.includes(`node_modules/${name}/`))
  return { bytes: result.outputFiles[0].contents.byteLength, has }
}

console.log('Tree-shaking (esbuild, minified; react and ky external)')
const checks = [
  ['UsageMeter', "import { UsageMeter } from 'stripemeter/charts'; console.log(UsageMeter)", false],
  [
    'UsageMeterView',
    "import { UsageMeterView } from 'stripemeter/charts'; console.log(UsageMeterView)",
    false,
  ],
  [
    'CostProjection',
    "import { CostProjection } from 'stripemeter/charts'; console.log(CostProjection)",
    false,
  ],
  [
    'UsageAlerts',
    "import { UsageAlerts } from 'stripemeter/charts'; console.log(UsageAlerts)",
    false,
  ],
  ['UsageChart', "import { UsageChart } from 'stripemeter/charts'; console.log(UsageChart)", true],
]
let failed = false
for (const [name, source, expectsRecharts] of checks) {
  const { bytes, has } = await bundle(source)
  const recharts = has('recharts')
  const ok = recharts === expectsRecharts
  failed ||= !ok
  console.log(
    `  ${name.padEnd(15)} ${(bytes / 1024).toFixed(1).padStart(7)} KiB  recharts: ${recharts ? 'yes' : 'no '}  react-query: ${has('@tanstack/react-query') ? 'yes' : 'no '}  ${ok ? 'ok' : 'UNEXPECTED'}`,
  )
}

// Bundlers resolve every import before they shake, so a recharts-free app must never reach
// an entry that imports it: `src/charts/lite.ts` (proposed subpath `stripemeter/charts/lite`).
console.log('Without recharts installed (its resolution fails)')
for (const [name, source, mustBuild] of [
  [
    'lite entry: UsageMeter, CostProjection, UsageAlerts',
    "import { UsageMeter, CostProjection, UsageAlerts } from './src/charts/lite.ts'; console.log(UsageMeter, CostProjection, UsageAlerts)",
    true,
  ],
  [
    'full entry: UsageMeter',
    "import { UsageMeter } from 'stripemeter/charts'; console.log(UsageMeter)",
    false,
  ],
]) {
  const outcome = await bundle(source, { withoutRecharts: true }).then(
    ({ bytes }) => `builds, ${(bytes / 1024).toFixed(1)} KiB`,
    (error) => `fails: ${error.errors?.[0]?.text ?? error.message}`,
  )
  const ok = outcome.startsWith('builds') === mustBuild
  failed ||= !ok
  console.log(`  ${name.padEnd(52)} ${outcome}${ok ? '' : '  UNEXPECTED'}`)
}
if (failed) process.exitCode = 1

// forecastUsage over a 31-day history (issue 12): µs per call, median of rounds, for the two
// paths a widget takes — with a limit the range's crossing dates are searched (three
// bisections), without one only the period-end figures are computed.
// Run after a build (`npm run bench -- forecast` builds dist/ first).

import { performance } from 'node:perf_hooks'
import { forecastUsage } from '../dist/index.js'

const CALLS = 20_000
const ROUNDS = 9
const period = { start: '2026-12-01', end: '2026-12-31' }
const now = new Date('2026-12-31T18:00:00Z')
// 31 daily buckets with a weekly rhythm, as `usage/history` returns them.
const history = Array.from({ length: 31 }, (_, day) => ({
  ts: new Date(Date.UTC(2026, 11, 1 + day)).toISOString(),
  value: 1000 + 400 * Math.sin((day * 2 * Math.PI) / 7) + ((day * 7919) % 97),
}))

function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[sorted.length >> 1]
}

function microsecondsPerCall(options) {
  let sink = 0
  for (let warmUp = 0; warmUp < 2_000; warmUp++) sink += forecastUsage(history, options).expected
  const rounds = []
  for (let round = 0; round < ROUNDS; round++) {
    const startedAt = performance.now()
    for (let call = 0; call < CALLS; call++) sink += forecastUsage(history, options).expected
    rounds.push(((performance.now() - startedAt) * 1000) / CALLS)
  }
  if (!Number.isFinite(sink)) throw new Error('forecast went non-finite')
  return median(rounds)
}

console.log(`forecastUsage, 31-day history (median of ${ROUNDS} rounds × ${CALLS} calls)`)
const limited = microsecondsPerCall({ period, now, limit: 32_000 })
console.log(`  with a limit (crossing dates): ${limited.toFixed(2)} µs/call`)
const unlimited = microsecondsPerCall({ period, now })
console.log(`  without a limit:               ${unlimited.toFixed(2)} µs/call`)

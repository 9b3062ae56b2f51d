import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningEmulator, startEmulator } from '../../src/testing/index.js'
import { bundleMeteringProcess, spawnMeteringProcess } from './spawnMeteringProcess.js'

let script: string
let api: RunningEmulator

beforeAll(async () => {
  ;[script, api] = await Promise.all([bundleMeteringProcess(), startEmulator({ seed: false })])
})
afterAll(async () => {
  await api?.close()
})

const TRIALS = 20

/** Keys of the ten events of each batch the lines name with `word` (`writing 3` → batch 3). */
function keysOfBatches(prefix: string, lines: readonly string[], word: string): string[] {
  return lines
    .filter((line) => line.startsWith(`${word} `))
    .flatMap((line) => {
      const batch = line.slice(word.length + 1)
      return Array.from({ length: 10 }, (_, index) => `${prefix}-${batch}-${index}`)
    })
}

describe('SqliteStorage: a process killed with SIGKILL loses nothing', () => {
  it(`${TRIALS} kills at random moments, mid-request and mid-write: after a restart every durable event is counted exactly once`, async () => {
    const dbPath = join(mkdtempSync(join(tmpdir(), 'stripemeter-sqlite-')), 'events.db')
    const orders = {
      dbPath,
      apiUrl: api.url,
      apiKey: api.emulator.apiKey,
      tenantId: api.emulator.tenantId,
    }
    // Half the requests are slow, so kills often land while one is on the wire.
    api.emulator.faults.randomly('ingest', 0.5, { kind: 'latency', delayMs: 40 })
    const durable: string[] = []
    const buffered = new Set<string>()
    const killedAfter: string[] = []
    for (let trial = 0; trial < TRIALS; trial++) {
      const prefix = `trial${trial}`
      const running = spawnMeteringProcess(script, {
        ...orders,
        mode: 'buffer',
        prefix,
        batches: 10_000,
      })
      // Even trials die right after a request went out, odd ones right after a batch was
      // buffered (its write under way); after a random number of them.
      const target = trial % 2 === 0 ? 'sending' : 'writing'
      const skip = 1 + Math.floor(Math.random() * 8)
      let seen = 0
      await running.line((line) => line.startsWith(target) && ++seen === skip)
      running.child.kill('SIGKILL')
      const { signal } = await running.exited
      expect(signal).toBe('SIGKILL')
      killedAfter.push(running.lines.at(-1) ?? '')
      durable.push(...keysOfBatches(prefix, running.lines, 'durable'))
      for (const key of keysOfBatches(prefix, running.lines, 'writing')) buffered.add(key)
    }
    api.emulator.faults.clear()
    // The restart: a new process claims what the dead ones left and delivers it.
    const restart = spawnMeteringProcess(script, {
      ...orders,
      mode: 'drain',
      prefix: 'drain',
      batches: 0,
    })
    await restart.line((line) => line === 'done')
    await restart.exited

    const counted = api.emulator.countedEvents().map((event) => event.idempotencyKey as string)
    const countedOnce = new Set(counted)
    expect(counted.length).toBe(countedOnce.size) // 0 doubled
    expect(durable.filter((key) => !countedOnce.has(key))).toEqual([]) // 0 lost
    // Nothing counted that was never buffered; what a kill cut before its commit may be missing.
    expect(counted.filter((key) => !buffered.has(key))).toEqual([])
    expect(api.emulator.stats().eventsCounted).toBe(countedOnce.size)
    expect(killedAfter.filter((line) => line === 'sending').length).toBeGreaterThan(0)
    expect(killedAfter.filter((line) => line.startsWith('writing')).length).toBeGreaterThan(0)
    expect(durable.length).toBeGreaterThan(TRIALS * 10)
    console.info(
      `[sqliteCrash] ${TRIALS} kills; last line before each: ${JSON.stringify(killedAfter)}; ${durable.length} durable events, ${countedOnce.size} counted, ${api.emulator.stats().duplicates} resent as duplicates`,
    )
  }, 120_000)
})

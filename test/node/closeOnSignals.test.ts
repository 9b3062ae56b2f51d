import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
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
beforeEach(() => {
  api.emulator.reset()
})

const countedKeys = () =>
  api.emulator
    .countedEvents()
    .map((event) => event.idempotencyKey as string)
    .sort()

function ordersFor(mode: string, prefix: string) {
  return {
    mode,
    prefix,
    batches: 5,
    dbPath: join(mkdtempSync(join(tmpdir(), 'stripemeter-shutdown-')), 'events.db'),
    apiUrl: api.url,
    apiKey: api.emulator.apiKey,
    tenantId: api.emulator.tenantId,
  }
}

const keysOf = (prefix: string) =>
  Array.from({ length: 5 }, (_, batch) =>
    Array.from({ length: 10 }, (_, index) => `${prefix}-${batch}-${index}`),
  ).flat()

describe('closeOnSignals in a real process', () => {
  it('SIGTERM: the client delivers what it buffered, then the signal ends the process', async () => {
    const orders = ordersFor('shutdown', 'term')
    const running = spawnMeteringProcess(script, orders)
    await running.line((line) => line === 'ready')
    expect(api.emulator.stats().eventsReceived).toBe(0)
    running.child.kill('SIGTERM')
    expect((await running.exited).signal).toBe('SIGTERM')
    expect(countedKeys()).toEqual(keysOf('term').sort())
  })

  it('SIGINT while the API is down: the process ends within the timeout, the next one delivers what it left', async () => {
    const orders = ordersFor('shutdown', 'int')
    api.emulator.faults.always('ingest', { kind: 'status', status: 503 })
    const running = spawnMeteringProcess(script, orders)
    await running.line((line) => line === 'ready')
    running.child.kill('SIGINT')
    expect((await running.exited).signal).toBe('SIGINT')
    expect(running.lines.some((line) => line.startsWith('close failed'))).toBe(true)
    expect(api.emulator.stats().eventsCounted).toBe(0)

    api.emulator.faults.clear()
    const next = spawnMeteringProcess(script, { ...orders, mode: 'drain' })
    await next.line((line) => line === 'done')
    expect(countedKeys()).toEqual(keysOf('int').sort())
  })
})

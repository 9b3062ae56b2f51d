import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createClient, isStripeMeterError, MemoryStorage } from '../../../src/index.js'
import { type RunningEmulator, startEmulator } from '../../../src/testing/index.js'

let api: RunningEmulator

beforeAll(async () => {
  api = await startEmulator({ seed: false })
})
afterAll(async () => {
  await api.close()
})
beforeEach(() => {
  api.emulator.reset()
})

function clientWith(storage: MemoryStorage | false | 'auto') {
  return createClient({
    apiUrl: api.url,
    tenantId: api.emulator.tenantId,
    apiKey: api.emulator.apiKey,
    flushInterval: 0,
    retryAttempts: 0,
    storage,
  })
}

function buffer(client: ReturnType<typeof clientWith>, count: number): string[] {
  return Array.from(
    { length: count },
    (_, index) =>
      client.buffer({ metric: 'api_calls', customerRef: 'cus_node', quantity: index + 1 })
        .idempotencyKey as string,
  )
}

const countedKeys = () =>
  api.emulator
    .countedEvents()
    .map((event) => event.idempotencyKey as string)
    .sort()

describe('the storage option in Node', () => {
  it('hands what a closed client could not deliver to the next client, sent with the same keys', async () => {
    const storage = new MemoryStorage()
    const first = clientWith(storage)
    const keys = buffer(first, 12)
    api.emulator.faults.always('ingest', { kind: 'reset' })
    await expect(first.close()).rejects.toMatchObject({ code: 'network_error' })
    expect(storage.size).toBe(12)
    api.emulator.faults.clear()

    const next = clientWith(storage)
    await expect.poll(() => api.emulator.stats().eventsCounted).toBe(12)
    await next.close()
    expect(countedKeys()).toEqual([...keys].sort())
    expect(storage.size).toBe(0)
  })

  it('does not touch the events of a client that is still running', async () => {
    const storage = new MemoryStorage()
    const running = clientWith(storage)
    buffer(running, 3)
    const other = clientWith(storage)
    await other.close()
    expect(api.emulator.stats().eventsReceived).toBe(0)
    expect(running.getState().pending).toBe(3)
    await running.close()
    expect(api.emulator.stats()).toMatchObject({ eventsCounted: 3, duplicates: 0 })
  })

  it("keeps nothing beyond the queue with 'auto' outside browsers", async () => {
    const client = clientWith('auto')
    buffer(client, 2)
    await client.close()
    expect(api.emulator.stats().eventsCounted).toBe(2)
  })

  it('reports a full storage in the state and still delivers', async () => {
    const storage = new MemoryStorage()
    storage.put = async () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
    }
    const client = clientWith(storage)
    buffer(client, 2)
    await expect.poll(() => client.getState().lastError?.code).toBe('storage_error')
    await client.close()
    expect(api.emulator.stats().eventsCounted).toBe(2)
  })

  it.each([
    ['a string', 'indexeddb'],
    ['true', true],
    ['an object without the methods', { put: () => {} }],
  ])('refuses %s as storage with validation_error', (_, storage) => {
    let thrown: unknown
    try {
      createClient({ apiUrl: api.url, tenantId: 't', storage: storage as never })
    } catch (error) {
      thrown = error
    }
    expect(isStripeMeterError(thrown)).toBe(true)
    expect(thrown).toMatchObject({ code: 'validation_error' })
    expect((thrown as Error).message).toMatch(/^storage must be 'auto', false or an EventStorage/)
  })
})

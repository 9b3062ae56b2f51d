import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest'
import { createClient } from '../../src/index.js'
import { createEmulator } from '../../src/testing/index.js'
import { stripeMeterHandlers } from '../../src/testing/msw.js'

/** The README's msw example, verbatim, with the real client. */
const apiUrl = 'https://api.stripemeter.test'
const emulator = createEmulator({ seed: false })
const server = setupServer(...stripeMeterHandlers(emulator, { baseUrl: apiUrl }))

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }))
afterEach(() => emulator.reset())
afterAll(() => server.close())

test('bills each API call once, even when the server fails after committing', async () => {
  const client = createClient({ apiUrl, apiKey: emulator.apiKey, tenantId: emulator.tenantId })
  emulator.faults.next('ingest', { kind: 'commitThenFail' })

  await client.track({ metric: 'api_calls', customerRef: 'cus_1', quantity: 1 })

  expect(emulator.stats()).toMatchObject({ eventsCounted: 1, duplicates: 1 })
  expect(emulator.countedEvents()[0]).toMatchObject({ metric: 'api_calls', quantity: 1 })
})

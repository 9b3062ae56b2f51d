import { afterEach, describe, expect, test, vi } from 'vitest'
import { type RunningEmulator, startEmulator } from '../../src/testing/index.js'
import { deeplyNestedJson, rawHttp, requestText } from '../server/rawHttp.js'

/** Bad input never earns a 5xx from the emulator's Node server (the profile's database 500s aside). */
describe.each(['demo', 'stripemeter'] as const)(
  "the emulator's Node server, profile '%s'",
  (profile) => {
    let running: RunningEmulator
    afterEach(async () => {
      vi.restoreAllMocks()
      await running.close()
    })

    test('JSON nested 5,000 levels deep → 400', async () => {
      running = await startEmulator({ profile, seed: false })
      const response = await fetch(`${running.url}/v1/events/ingest`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${running.emulator.apiKey}`,
          'content-type': 'application/json',
        },
        body: deeplyNestedJson(5000),
      })
      expect(response.status).toBe(400)
      expect((await response.json()).message).toBe('JSON is nested deeper than 64 levels')
    })

    test.each([
      ['TRACE', '/health'],
      ['CONNECT', 'api.stripemeter.test:443'],
    ])('%s → 405, and nothing logged', async (method, target) => {
      running = await startEmulator({ profile, seed: false })
      const errors = vi.spyOn(console, 'error')
      const response = await rawHttp(
        running.url,
        requestText(`${method} ${target} HTTP/1.1`, { host: 'x' }),
      )
      expect(response.status).toBe(405)
      expect(errors).not.toHaveBeenCalled()
    })

    test('an absolute-form target (GET http://host/path) is served as its path', async () => {
      running = await startEmulator({ profile, seed: false })
      const response = await rawHttp(
        running.url,
        requestText('GET http://api.stripemeter.test/health?probe=1 HTTP/1.1', { host: 'x' }),
      )
      expect(response.status).toBe(200)
      expect(JSON.parse(response.body)).toMatchObject({ timestamp: expect.any(String) })
    })
  },
)

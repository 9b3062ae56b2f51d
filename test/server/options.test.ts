import { describe, expect, it } from 'vitest'
import { isStripeMeterError } from '../../src/core/StripeMeterError.js'
import { createStripeMeterHandler, type StripeMeterHandlerOptions } from '../../src/server/index.js'
import { apiKey, callAsBrowser, createTestHandler, tenantId } from './handlerHarness.js'

const valid: StripeMeterHandlerOptions = {
  apiUrl: 'https://api.stripemeter.io',
  apiKey,
  tenantId,
  identify: () => null,
}

function refusal(overrides: Record<string, unknown>): string {
  try {
    createStripeMeterHandler({ ...valid, ...overrides } as StripeMeterHandlerOptions)
  } catch (error) {
    expect(isStripeMeterError(error) && error.code).toBe('validation_error')
    return (error as Error).message
  }
  throw new Error(`expected ${JSON.stringify(overrides)} to be refused`)
}

describe('createStripeMeterHandler options', () => {
  it('refuses a misconfiguration at start-up, naming the field and the value', () => {
    expect(refusal({ apiUrl: '/v1' })).toBe(
      'apiUrl must be an absolute http(s) URL, got "/v1" (3 chars)',
    )
    expect(refusal({ apiUrl: 'ftp://x' })).toContain('apiUrl must be an absolute http(s) URL')
    expect(refusal({ tenantId: 'acme' })).toBe(
      'tenantId must be the tenant\'s UUID, got "acme" (4 chars)',
    )
    expect(refusal({ identify: 'cus_1' })).toContain('identify must be a function')
    expect(refusal({ allowMetrics: 'api_calls' })).toContain('allowMetrics must be an array')
    expect(refusal({ allowMetrics: ['ok', ''] })).toBe(
      'allowMetrics[1] must be a metric name of 1–100 characters, got "" (0 chars)',
    )
    expect(refusal({ limits: { eventsPerRequest: 0 } })).toBe(
      'limits.eventsPerRequest must be an integer from 1 to 1000, got 0',
    )
    expect(refusal({ limits: { eventsPerMinute: 1.5 } })).toBe(
      'limits.eventsPerMinute must be a positive integer, got 1.5',
    )
    expect(refusal({ timeout: 0 })).toBe(
      'timeout must be a positive integer of milliseconds, got 0',
    )
    expect(refusal({ fetch: 'fetch' })).toContain('fetch must be a function')
  })

  it('says an unset key is unset, without quoting it', () => {
    expect(refusal({ apiKey: undefined })).toBe(
      "apiKey must be the tenant's secret API key, got undefined (is the environment variable set?)",
    )
    expect(refusal({ apiKey: '  ' })).toContain('got an empty string')
  })

  it('reports an identify() that returns something other than a customerRef as the app’s bug', async () => {
    for (const wrong of ['', 42, 'x'.repeat(256)]) {
      const handler = createTestHandler('http://127.0.0.1:9', { identify: () => wrong as string })
      const failure = await callAsBrowser(handler, '/v1/usage/current').catch(
        (error: unknown) => error,
      )
      expect(isStripeMeterError(failure) && failure.code).toBe('validation_error')
      expect((failure as Error).message).toMatch(
        /^identify\(\) result must be a customerRef of 1–255 characters/,
      )
    }
  })

  it('uses the fetch it is given', async () => {
    const calls: string[] = []
    const handler = createTestHandler('https://api.stripemeter.io', {
      fetch: async (input) => {
        calls.push(String(input))
        return Response.json({ usage: [] })
      },
      identify: () => 'cus_alice',
    })
    const response = await callAsBrowser(handler, '/v1/usage/history?metric=a')
    expect(response.json()).toEqual({ usage: [] })
    expect(calls).toEqual([
      `https://api.stripemeter.io/v1/usage/history?metric=a&tenantId=${tenantId}&customerRef=cus_alice`,
    ])
  })
})

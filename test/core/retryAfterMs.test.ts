import { describe, expect, it } from 'vitest'
import { retryAfterMs } from '../../src/core/retryAfterMs.js'

const headers = (value?: string) => new Headers(value === undefined ? {} : { 'retry-after': value })
const nowMs = Date.parse('2026-11-26T10:00:00.000Z')

describe('retryAfterMs', () => {
  it.each([
    ['delay-seconds', '2', 2000],
    ['zero', '0', 0],
    ['the real server’s 60', '60', 60_000],
    ['an HTTP date 90 s ahead', 'Thu, 26 Nov 2026 10:01:30 GMT', 90_000],
    ['an HTTP date in the past', 'Thu, 26 Nov 2026 09:00:00 GMT', 0],
  ])('%s', (_, value, expectedMs) => {
    expect(retryAfterMs(headers(value), nowMs)).toBe(expectedMs)
  })

  it.each([
    ['absent (the per-tenant 429)', undefined],
    ['unreadable', 'soon'],
    ['negative', '-5'],
  ])('%s → undefined', (_, value) => {
    expect(retryAfterMs(headers(value), nowMs)).toBeUndefined()
  })
})

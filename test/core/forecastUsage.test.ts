import { describe, expect, it } from 'vitest'
import { forecastCost } from '../../src/core/forecastCost.js'
import { forecastUsage } from '../../src/core/forecastUsage.js'
import { isStripeMeterError } from '../../src/core/StripeMeterError.js'
import type { UsageHistoryPoint } from '../../src/core/types.js'

/** November 2026: 30 days. `now` is Nov 11 00:00 UTC in most cases: 10 complete days. */
const period = { start: '2026-11-01', end: '2026-11-30' }
const nov11 = new Date('2026-11-11T00:00:00Z')
const DAY_MS = 86_400_000
const Z = 1.2816

function days(values: number[]): UsageHistoryPoint[] {
  return values.map((value, day) => ({
    ts: new Date(Date.UTC(2026, 10, 1 + day)).toISOString(),
    value,
  }))
}

function sampleSd(values: number[]) {
  const mean = values.reduce((a, b) => a + b, 0) / values.length
  return Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1))
}

/**
 * Days t from now at which used + rate·t ± Z·σ·√(t + t²/n) = limit, solved by hand: squaring
 * (d − rate·t)² = Z²σ²(t + t²/n) gives (rate² − Z²σ²/n)t² − (2·d·rate + Z²σ²)t + d² = 0.
 */
function crossingDays(d: number, rate: number, sd: number, n: number) {
  const k = Z ** 2 * sd ** 2
  const a = rate ** 2 - k / n
  const b = -(2 * d * rate + k)
  const root = Math.sqrt(b ** 2 - 4 * a * d ** 2)
  return { early: (-b - root) / (2 * a), late: (-b + root) / (2 * a) }
}

const at = (days: number) => new Date(nov11.getTime() + days * DAY_MS).getTime()
const ms = (iso: string | null | undefined) => (iso ? Date.parse(iso) : Number.NaN)

describe('forecastUsage', () => {
  it('steady: 100 a day for 10 days reaches 2,500 on Nov 26, range and dates collapse', () => {
    const forecast = forecastUsage(days(new Array(10).fill(100)), {
      period,
      limit: 2500,
      now: nov11,
    })
    expect(forecast).toMatchObject({ used: 1000, dailyRate: 100, basisDays: 10, confidence: 0.8 })
    expect(forecast.expected).toBeCloseTo(3000, 10)
    expect(forecast.low).toBeCloseTo(3000, 10)
    expect(forecast.high).toBeCloseTo(3000, 10)
    expect(forecast.periodEndsAt).toBe('2026-12-01T00:00:00.000Z')
    expect(forecast.reachesLimit).toEqual({
      likely: '2026-11-26T00:00:00.000Z',
      earliest: '2026-11-26T00:00:00.000Z',
      latest: '2026-11-26T00:00:00.000Z',
    })
  })

  it('has the same expectation and range as forecastCost for the same usage', () => {
    const history = days([0, 200, 0, 200, 0, 200, 0, 200, 0, 200])
    const usage = forecastUsage(history, { period, now: nov11 })
    const cost = forecastCost({
      projection: {
        customerRef: 'cus_1',
        periodStart: period.start,
        periodEnd: period.end,
        lineItems: [{ metric: 'api_calls', quantity: 1000, unitPrice: 1, total: 1000 }],
        subtotal: 1000,
        credits: 0,
        total: 1000,
        currency: 'USD',
        freshness: { lastUpdate: nov11.toISOString(), staleness: 0 },
      },
      history: { api_calls: history },
      now: nov11,
    })
    const item = cost.lineItems[0]
    expect(usage.expected).toBeCloseTo(item?.expectedQuantity ?? Number.NaN, 9)
    expect(usage.low).toBeCloseTo(item?.lowQuantity ?? Number.NaN, 9)
    expect(usage.high).toBeCloseTo(item?.highQuantity ?? Number.NaN, 9)
  })

  it('accelerating: 10, 20 … 100 a day is taken at its mean pace, 55 a day', () => {
    const values = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100]
    const forecast = forecastUsage(days(values), { period, limit: 1000, now: nov11 })
    // 550 so far, 55/day: 1000 is 450 away → 450/55 = 8.18 days → Nov 19, 04:21:49.
    expect(forecast.used).toBe(550)
    expect(forecast.expected).toBeCloseTo(550 + 55 * 20, 9)
    expect(ms(forecast.reachesLimit?.likely)).toBeCloseTo(at(450 / 55), -1)
    const { early, late } = crossingDays(450, 55, sampleSd(values), 10)
    expect(ms(forecast.reachesLimit?.earliest)).toBeCloseTo(at(early), -1)
    expect(ms(forecast.reachesLimit?.latest)).toBeCloseTo(at(late), -1)
    expect(early).toBeLessThan(450 / 55)
    expect(late).toBeGreaterThan(450 / 55)
  })

  it('spiky: one day of 1,000 in ten gives the steady pace a wide range of dates', () => {
    const values = [0, 0, 0, 0, 0, 0, 0, 0, 0, 1000]
    const forecast = forecastUsage(days(values), { period, limit: 2500, now: nov11 })
    expect(forecast.reachesLimit?.likely).toBe('2026-11-26T00:00:00.000Z')
    const { early } = crossingDays(1500, 100, sampleSd(values), 10)
    expect(ms(forecast.reachesLimit?.earliest)).toBeCloseTo(at(early), -1)
    // The low end of the range stays under 2,500 through Nov 30: it may not be reached at all.
    expect(forecast.reachesLimit?.latest).toBeNull()
    expect(forecast.low).toBeLessThan(2500)
  })

  it('won’t reach it this period when even the high end ends below the limit', () => {
    const forecast = forecastUsage(days([90, 110, 90, 110, 90, 110, 90, 110, 90, 110]), {
      period,
      limit: 50_000,
      now: nov11,
    })
    expect(forecast.high).toBeLessThan(50_000)
    expect(forecast.reachesLimit).toEqual({ likely: null, earliest: null, latest: null })
  })

  it('flat: zero usage forecasts zero and no date', () => {
    const forecast = forecastUsage(days(new Array(10).fill(0)), {
      period,
      limit: 100,
      now: nov11,
    })
    expect(forecast).toMatchObject({ used: 0, expected: 0, low: 0, high: 0, reachesLimit: null })
    expect(forecastUsage([], { period, limit: 100, now: nov11 }).reachesLimit).toBeNull()
  })

  it('period start: no date from less than two complete days, but a wide range', () => {
    const firstHours = forecastUsage(days([50]), {
      period,
      limit: 100,
      now: new Date('2026-11-01T10:00:00Z'),
    })
    // 50 in 10 hours is taken over a whole day (50/day, not 120/day) × 29 7/12 days left.
    expect(firstHours.dailyRate).toBe(50)
    expect(firstHours.expected).toBeCloseTo(50 + 50 * (30 - 10 / 24), 9)
    expect(firstHours.high).toBeGreaterThan(firstHours.expected)
    expect(firstHours.reachesLimit).toBeNull()
    const oneDay = forecastUsage(days([50, 5]), {
      period,
      limit: 100,
      now: new Date('2026-11-02T10:00:00Z'),
    })
    expect(oneDay.reachesLimit).toBeNull()
    const twoDays = forecastUsage(days([50, 50]), {
      period,
      limit: 200,
      now: new Date('2026-11-03T00:00:00Z'),
    })
    // 100 in two days, 50/day: 100 more by Nov 5.
    expect(twoDays.reachesLimit?.likely).toBe('2026-11-05T00:00:00.000Z')
  })

  it('once at the limit, dates the day the running total crossed it', () => {
    const forecast = forecastUsage(days([400, 400, 400, 400]), {
      period,
      limit: 1000,
      now: new Date('2026-11-05T00:00:00Z'),
    })
    const crossed = '2026-11-03T00:00:00.000Z'
    expect(forecast.reachesLimit).toEqual({ likely: crossed, earliest: crossed, latest: crossed })
  })

  it('takes a fresher live figure over the history’s sum', () => {
    const forecast = forecastUsage(days(new Array(10).fill(100)), {
      period,
      limit: 3000,
      now: nov11,
      used: 2000,
    })
    // 2,000 over 10 days is 200/day: 1,000 more in 5 days.
    expect(forecast.used).toBe(2000)
    expect(forecast.reachesLimit?.likely).toBe('2026-11-16T00:00:00.000Z')
  })

  it('ignores buckets outside the period when summing', () => {
    const history = [{ ts: '2026-10-31T00:00:00.000Z', value: 999 }, ...days([100, 100])]
    expect(forecastUsage(history, { period, now: nov11 }).used).toBe(200)
  })

  it('refuses a bad limit, period, date or history with a validation_error naming it', () => {
    const cases: [() => unknown, string][] = [
      [() => forecastUsage([], { period, limit: 0 }), 'limit'],
      [() => forecastUsage([], { period, limit: Number.NaN }), 'limit'],
      [() => forecastUsage([], { period, used: -1 }), 'used'],
      [() => forecastUsage([], { period: { start: 'soon', end: '2026-11-30' } }), 'period.start'],
      [() => forecastUsage([], { period, now: new Date('nope') }), 'now'],
      [() => forecastUsage('x' as never, { period }), 'history'],
    ]
    for (const [call, field] of cases) {
      let caught: unknown
      try {
        call()
      } catch (error) {
        caught = error
      }
      expect(isStripeMeterError(caught) && caught.code).toBe('validation_error')
      expect(String(caught)).toContain(field)
    }
  })
})

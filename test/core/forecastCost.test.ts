import { describe, expect, it } from 'vitest'
import { forecastCost } from '../../src/core/forecastCost.js'
import { isStripeMeterError } from '../../src/core/StripeMeterError.js'
import type { ProjectionResponse, UsageHistoryPoint } from '../../src/core/types.js'

/** November 2026: 30 days, so a day is 1/30 of the period. */
function projection(overrides: Partial<ProjectionResponse> = {}): ProjectionResponse {
  return {
    customerRef: 'cus_1',
    periodStart: '2026-11-01',
    periodEnd: '2026-11-30',
    lineItems: [{ metric: 'api_calls', quantity: 1000, unitPrice: 0.01, total: 10 }],
    subtotal: 10,
    credits: 0,
    total: 10,
    currency: 'USD',
    freshness: { lastUpdate: '2026-11-11T00:00:00.000Z', staleness: 0 },
    ...overrides,
  }
}

function days(values: number[]): UsageHistoryPoint[] {
  return values.map((value, day) => ({
    ts: new Date(Date.UTC(2026, 10, 1 + day)).toISOString(),
    value,
  }))
}

describe('forecastCost', () => {
  it('extrapolates the run-rate over the days left: 10 days for $10 → $30 for 30 days', () => {
    const forecast = forecastCost({
      projection: projection(),
      history: { api_calls: days(new Array(10).fill(100)) },
      now: new Date('2026-11-11T00:00:00Z'),
    })
    expect(forecast.elapsedDays).toBe(10)
    expect(forecast.remainingDays).toBe(20)
    expect(forecast.costSoFar).toBe(10)
    expect(forecast.expected).toBeCloseTo(30, 10)
    // Perfectly steady usage: no spread, so the range collapses onto the expectation.
    expect(forecast.low).toBeCloseTo(30, 10)
    expect(forecast.high).toBeCloseTo(30, 10)
    expect(forecast.lineItems[0]?.expectedQuantity).toBeCloseTo(3000, 10)
    expect(forecast.periodEndsAt).toBe('2026-12-01T00:00:00.000Z')
  })

  it('widens the range with day-to-day spread and keeps low ≥ cost so far', () => {
    const forecast = forecastCost({
      projection: projection(),
      history: { api_calls: days([0, 200, 0, 200, 0, 200, 0, 200, 0, 200]) },
      now: new Date('2026-11-11T00:00:00Z'),
    })
    expect(forecast.expected).toBeCloseTo(30, 10)
    expect(forecast.low).toBeLessThan(30)
    expect(forecast.high).toBeGreaterThan(30)
    expect(forecast.low).toBeGreaterThanOrEqual(forecast.costSoFar)
    expect(forecast.high - 30).toBeCloseTo(30 - forecast.low, 10)
  })

  it('fills missing days with 0 when measuring the spread', () => {
    const sparse = forecastCost({
      projection: projection(),
      history: { api_calls: [{ ts: '2026-11-05T00:00:00.000Z', value: 1000 }] },
      now: new Date('2026-11-11T00:00:00Z'),
    })
    expect(sparse.basisDays).toBe(10)
    expect(sparse.high).toBeGreaterThan(sparse.expected)
  })

  it('on the first day of the period takes the rate over at least a day, not an hour', () => {
    const forecast = forecastCost({
      projection: projection({
        lineItems: [{ metric: 'api_calls', quantity: 100, unitPrice: 0.01, total: 1 }],
        subtotal: 1,
        total: 1,
      }),
      history: { api_calls: days([100]) },
      now: new Date('2026-11-01T01:00:00Z'),
    })
    // 100 calls in the first hour → 100/day (not 2,400/day) × 30 days ≈ 3,000 calls → ≈ $30.
    expect(forecast.lineItems[0]?.dailyRate).toBe(100)
    expect(forecast.expected).toBeCloseTo(1 + (100 * (30 - 1 / 24) * 1) / 100, 6)
    expect(forecast.basisDays).toBe(0)
    // No complete day to measure a spread on: the range is wide, not a false point.
    expect(forecast.high).toBeGreaterThan(forecast.expected * 1.5)
    expect(forecast.low).toBeGreaterThanOrEqual(1)
  })

  it('at the very start of the period forecasts nothing beyond the cost so far', () => {
    const forecast = forecastCost({
      projection: projection({ lineItems: [], subtotal: 0, total: 0 }),
      now: new Date('2026-11-01T00:00:00Z'),
    })
    expect(forecast).toMatchObject({
      costSoFar: 0,
      expected: 0,
      low: 0,
      high: 0,
      remainingDays: 30,
    })
  })

  it('zero usage forecasts zero', () => {
    const forecast = forecastCost({
      projection: projection({
        lineItems: [{ metric: 'api_calls', quantity: 0, unitPrice: 0.01, total: 0 }],
        subtotal: 0,
        total: 0,
      }),
      history: { api_calls: [] },
      now: new Date('2026-11-15T00:00:00Z'),
    })
    expect(forecast).toMatchObject({ expected: 0, low: 0, high: 0 })
    expect(forecast.lineItems[0]?.effectiveUnitPrice).toBe(0.01)
  })

  it('without history for a metric assumes a wide spread around its run-rate', () => {
    const forecast = forecastCost({
      projection: projection(),
      now: new Date('2026-11-11T00:00:00Z'),
    })
    expect(forecast.expected).toBeCloseTo(30, 10)
    expect(forecast.low).toBeLessThan(30)
    expect(forecast.high).toBeGreaterThan(30)
  })

  it('subtracts credits from the forecast bill, never below 0', () => {
    const forecast = forecastCost({
      projection: projection({ credits: 25, total: 0 }),
      history: { api_calls: days(new Array(10).fill(100)) },
      now: new Date('2026-11-11T00:00:00Z'),
    })
    expect(forecast.costSoFar).toBe(0)
    expect(forecast.expected).toBeCloseTo(5, 10)
    const generous = forecastCost({
      projection: projection({ credits: 100, total: 0 }),
      history: { api_calls: days(new Array(10).fill(100)) },
      now: new Date('2026-11-11T00:00:00Z'),
    })
    expect(generous).toMatchObject({ expected: 0, low: 0, high: 0 })
  })

  it('after the period has ended the forecast is the cost so far', () => {
    const forecast = forecastCost({
      projection: projection(),
      now: new Date('2026-12-03T00:00:00Z'),
    })
    expect(forecast).toMatchObject({ expected: 10, low: 10, high: 10, remainingDays: 0 })
  })

  it('uses the effective price (total ÷ quantity) so tiers and rounding carry over', () => {
    const forecast = forecastCost({
      projection: projection({
        lineItems: [{ metric: 'api_calls', quantity: 1000, unitPrice: 0.02, total: 10 }],
      }),
      history: { api_calls: days(new Array(10).fill(100)) },
      now: new Date('2026-11-11T00:00:00Z'),
    })
    expect(forecast.lineItems[0]?.effectiveUnitPrice).toBe(0.01)
    expect(forecast.expected).toBeCloseTo(30, 10)
  })

  it('adds independent metrics’ spreads in quadrature', () => {
    const noisy = days([0, 200, 0, 200, 0, 200, 0, 200, 0, 200])
    const one = forecastCost({
      projection: projection(),
      history: { api_calls: noisy },
      now: new Date('2026-11-11T00:00:00Z'),
    })
    const two = forecastCost({
      projection: projection({
        lineItems: [
          { metric: 'api_calls', quantity: 1000, unitPrice: 0.01, total: 10 },
          { metric: 'storage_gb', quantity: 1000, unitPrice: 0.01, total: 10 },
        ],
        subtotal: 20,
        total: 20,
      }),
      history: { api_calls: noisy, storage_gb: noisy },
      now: new Date('2026-11-11T00:00:00Z'),
    })
    expect(two.high - two.expected).toBeCloseTo((one.high - one.expected) * Math.SQRT2, 8)
  })

  it('refuses a malformed period or date with a validation_error naming the value', () => {
    let caught: unknown
    try {
      forecastCost({ projection: projection({ periodStart: 'soon' }) })
    } catch (error) {
      caught = error
    }
    expect(isStripeMeterError(caught) && caught.code).toBe('validation_error')
    expect(String(caught)).toContain('projection.periodStart')
    expect(String(caught)).toContain('"soon"')
    expect(() => forecastCost({ projection: projection(), now: new Date('nope') })).toThrow(/now/)
  })
})

import { describe, expect, it } from 'vitest'
import { checkBudget } from '../../src/core/Budget.js'
import { budgetStatus } from '../../src/core/budgetStatus.js'
import type { CostForecast } from '../../src/core/forecastCost.js'

const budget = { amount: 200, currency: 'USD', thresholds: [50, 80, 100], mode: 'notify' as const }

function forecast(costSoFar: number, expected: number): CostForecast {
  return {
    currency: 'USD',
    costSoFar,
    expected,
    low: costSoFar,
    high: expected,
    confidence: 0.8,
    periodEndsAt: '2026-12-01T00:00:00.000Z',
    elapsedDays: 10,
    remainingDays: 20,
    basisDays: 10,
    lineItems: [],
  }
}

describe('budgetStatus', () => {
  it('is ok below the thresholds with a forecast under the amount', () => {
    expect(budgetStatus(budget, forecast(40, 120))).toEqual({
      spent: 40,
      forecast: 120,
      percent: 20,
      level: 'ok',
      thresholdReached: null,
      forecastOver: false,
    })
  })

  it('names the highest threshold reached; near from the highest one below 100 %', () => {
    expect(budgetStatus(budget, forecast(100, 190))).toMatchObject({
      level: 'ok',
      thresholdReached: 50,
    })
    expect(budgetStatus(budget, forecast(160, 199))).toMatchObject({
      level: 'near',
      thresholdReached: 80,
      percent: 80,
    })
  })

  it('is near when the pace ends above the amount: "At this pace you’ll spend $234"', () => {
    expect(budgetStatus(budget, forecast(60, 234))).toMatchObject({
      level: 'near',
      forecastOver: true,
      forecast: 234,
      thresholdReached: null,
    })
  })

  it('is over once the spend reaches the amount', () => {
    expect(budgetStatus(budget, forecast(200, 300))).toMatchObject({
      level: 'over',
      percent: 100,
      thresholdReached: 100,
    })
    const only100 = { ...budget, thresholds: [100] }
    expect(budgetStatus(only100, forecast(199, 199)).level).toBe('ok')
  })
})

describe('checkBudget', () => {
  it('fills defaults and upper-cases the currency', () => {
    expect(checkBudget({ amount: 5, currency: 'eur' }, 'EUR')).toEqual({
      ok: true,
      budget: { amount: 5, currency: 'EUR', thresholds: [50, 80, 100], mode: 'notify' },
    })
  })

  it('names the field, the reason and the value it refused', () => {
    expect(checkBudget({ amount: 5, currency: 'USD', thresholds: [50, 50] })).toEqual({
      ok: false,
      issue: {
        field: 'thresholds[1]',
        reason: 'threshold_not_ascending',
        value: 50,
        expected: 50,
        message: 'thresholds[1] must be above the one before (50): thresholds ascend, got 50',
      },
    })
    expect(checkBudget({ amount: Number.POSITIVE_INFINITY, currency: 'USD' })).toMatchObject({
      issue: { field: 'amount', reason: 'amount_not_positive', value: Number.POSITIVE_INFINITY },
    })
    expect(checkBudget({ amount: 5, currency: 'USD', thresholds: ['80'] })).toMatchObject({
      issue: { field: 'thresholds[0]', reason: 'threshold_out_of_range', value: '80' },
    })
  })

  it('gives every refusal a typed reason', () => {
    const reasons = (
      [
        ['200'],
        [{ amount: 0, currency: 'USD' }],
        [{ amount: 5, currency: 'dollars' }],
        [{ amount: 5, currency: 'EUR' }, 'usd'],
        [{ amount: 5, currency: 'USD', thresholds: [] }],
        [{ amount: 5, currency: 'USD', thresholds: [101] }],
        [{ amount: 5, currency: 'USD', thresholds: [80, 50] }],
        [{ amount: 5, currency: 'USD', mode: 'block' }],
      ] as const
    ).map(([input, currency]) => {
      const check = checkBudget(input, currency)
      return check.ok ? 'ok' : [check.issue.reason, check.issue.expected]
    })
    expect(reasons).toEqual([
      ['not_an_object', undefined],
      ['amount_not_positive', undefined],
      ['currency_not_iso', undefined],
      ['currency_not_the_bills', 'USD'],
      ['thresholds_empty', undefined],
      ['threshold_out_of_range', undefined],
      ['threshold_not_ascending', 80],
      ['mode_unknown', undefined],
    ])
  })
})

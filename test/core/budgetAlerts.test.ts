import { describe, expect, it } from 'vitest'
import { budgetAlerts } from '../../src/core/budgetAlerts.js'
import { budgetStatus } from '../../src/core/budgetStatus.js'
import type { CostForecast } from '../../src/core/forecastCost.js'

const budget = { amount: 200, currency: 'USD', thresholds: [50, 80, 100], mode: 'notify' as const }

function alertsFor(costSoFar: number, expected: number, thresholds = budget.thresholds) {
  const withThresholds = { ...budget, thresholds }
  const forecast: CostForecast = {
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
  return budgetAlerts(withThresholds, budgetStatus(withThresholds, forecast))
}

const money = { amount: 200, currency: 'USD' }

describe('budgetAlerts', () => {
  it('raises none below the first threshold on a pace that fits', () => {
    expect(alertsFor(40, 120)).toEqual([])
  })

  it('informs at a low threshold, warns at the highest one below 100 %', () => {
    expect(alertsFor(100, 190)).toEqual([
      { kind: 'threshold', severity: 'info', threshold: 50, spent: 100, ...money },
    ])
    expect(alertsFor(160, 199)).toEqual([
      { kind: 'threshold', severity: 'warning', threshold: 80, spent: 160, ...money },
    ])
  })

  it('warns that the pace ends over the amount, before the threshold reached', () => {
    expect(alertsFor(110, 234)).toEqual([
      { kind: 'forecast', severity: 'warning', forecast: 234, ...money },
      { kind: 'threshold', severity: 'info', threshold: 50, spent: 110, ...money },
    ])
    expect(alertsFor(60, 234)).toEqual([
      { kind: 'forecast', severity: 'warning', forecast: 234, ...money },
    ])
  })

  it('is critical once the spend reaches the amount, without a forecast alert', () => {
    expect(alertsFor(200, 260)).toEqual([
      { kind: 'threshold', severity: 'critical', threshold: 100, spent: 200, ...money },
    ])
    expect(alertsFor(230, 300)).toEqual([
      { kind: 'threshold', severity: 'critical', threshold: 100, spent: 230, ...money },
    ])
  })

  it('is critical over the amount even when the highest threshold is below 100 %', () => {
    expect(alertsFor(210, 300, [75])).toEqual([
      { kind: 'threshold', severity: 'critical', threshold: 75, spent: 210, ...money },
    ])
    expect(alertsFor(150, 180, [75])).toEqual([
      { kind: 'threshold', severity: 'warning', threshold: 75, spent: 150, ...money },
    ])
  })
})

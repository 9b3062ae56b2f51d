import type { Budget } from './Budget.js'
import type { CostForecast } from './forecastCost.js'

export type BudgetLevel = 'ok' | 'near' | 'over'

/** Where the spend stands against a budget. */
export interface BudgetStatus {
  /** The cost so far this period (the projection's `total`). */
  spent: number
  /** The expected bill at the period's end (`forecastCost`'s `expected`). */
  forecast: number
  /** `spent ÷ amount × 100`; above 100 once over. */
  percent: number
  /**
   * `over` once the spend reaches the amount; `near` once it reaches the highest threshold
   * below 100 %, or when the forecast ends above the amount; `ok` otherwise.
   */
  level: BudgetLevel
  /** The highest threshold the spend has reached (for "You've used 80 % …"), or `null`. */
  thresholdReached: number | null
  /** The forecast ends above the amount: "At this pace you'll spend $234". */
  forecastOver: boolean
}

/** Compares the cost so far and its forecast with a budget. Pure. */
export function budgetStatus(budget: Budget, forecast: CostForecast): BudgetStatus {
  const spent = forecast.costSoFar
  const percent = (spent / budget.amount) * 100
  const reached = budget.thresholds.filter((threshold) => percent >= threshold)
  const below100 = budget.thresholds.filter((threshold) => threshold < 100)
  const nearFrom = below100.length > 0 ? Math.max(...below100) : 100
  const forecastOver = forecast.expected > budget.amount
  const level =
    spent >= budget.amount ? 'over' : percent >= nearFrom || forecastOver ? 'near' : 'ok'
  return {
    spent,
    forecast: forecast.expected,
    percent,
    level,
    thresholdReached: reached.at(-1) ?? null,
    forecastOver,
  }
}

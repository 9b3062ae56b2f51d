import type { Budget } from './Budget.js'
import type { BudgetStatus } from './budgetStatus.js'
import type { AlertSeverity } from './types.js'

/**
 * One alert about the customer's own budget, as data: the widgets put it into words from
 * their message catalog ("You've used 80 % of your $200 budget").
 */
export type BudgetAlert =
  | {
      kind: 'threshold'
      severity: AlertSeverity
      /** The highest threshold the spend has reached, in % of the amount. */
      threshold: number
      spent: number
      amount: number
      currency: string
    }
  | {
      kind: 'forecast'
      severity: AlertSeverity
      /** The expected bill at the period's end, above the amount. */
      forecast: number
      amount: number
      currency: string
    }

/**
 * The alerts a budget raises, most severe first: the highest threshold reached (critical from
 * 100 %, a warning from the highest threshold below it, information under that), and a warning
 * when the pace ends above the amount while the spend is still under it. None below the first
 * threshold on a pace that fits. Pure.
 */
export function budgetAlerts(budget: Budget, status: BudgetStatus): BudgetAlert[] {
  const { amount, currency } = budget
  const alerts: BudgetAlert[] = []
  if (status.thresholdReached !== null) {
    // Not `status.level`: a pace over the amount makes the budget `near` before any threshold
    // does, and that is the forecast alert's warning, not this one's.
    const severity: AlertSeverity =
      status.level === 'over'
        ? 'critical'
        : reachedNearThreshold(budget, status)
          ? 'warning'
          : 'info'
    alerts.push({
      kind: 'threshold',
      severity,
      threshold: status.thresholdReached,
      spent: status.spent,
      amount,
      currency,
    })
  }
  if (status.forecastOver && status.level !== 'over') {
    alerts.push({
      kind: 'forecast',
      severity: 'warning',
      forecast: status.forecast,
      amount,
      currency,
    })
  }
  return alerts.sort((a, b) => severityRank[a.severity] - severityRank[b.severity])
}

const severityRank: Record<AlertSeverity, number> = { critical: 0, warning: 1, info: 2 }

/** Whether the spend reached the highest threshold below 100 % (what makes a budget `near`). */
function reachedNearThreshold(budget: Budget, status: BudgetStatus) {
  const below100 = budget.thresholds.filter((threshold) => threshold < 100)
  return below100.length > 0 && status.percent >= Math.max(...below100)
}

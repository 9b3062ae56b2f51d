import { budgetAlerts } from '../core/budgetAlerts.js'
import { useBudget } from '../react/useBudget.js'
import { useUsage } from '../react/useUsage.js'
import { type DataBoundProps, queryStateProps } from './queryStateProps.js'
import { UsageAlertsView, type UsageAlertsViewProps } from './UsageAlertsView.js'

export type UsageAlertsProps = DataBoundProps<UsageAlertsViewProps, 'budgetAlerts'> & {
  /**
   * Also list the customer's budget alerts ("You've used 80% of your $200.00 budget"), from
   * `useBudget`: needs the app's backend route with a `budgets` store as the provider's
   * `apiUrl`. Without a budget set, or while it loads, only the server's alerts show.
   * @default false
   */
  budget?: boolean
}

/** The server's alerts for a customer, and optionally its budget's, most severe first. */
export function UsageAlerts({
  customerRef,
  budget: withBudget = false,
  ...rest
}: UsageAlertsProps) {
  const usage = useUsage(customerRef)
  const { budget, status } = useBudget(customerRef, { enabled: withBudget })
  return (
    <UsageAlertsView
      data={usage.data?.alerts}
      budgetAlerts={withBudget && budget && status ? budgetAlerts(budget, status) : undefined}
      {...queryStateProps(usage)}
      {...rest}
    />
  )
}

import { useBudget } from '../react/useBudget.js'
import { useProjection } from '../react/useProjection.js'
import { BudgetSettingsView, type BudgetSettingsViewProps } from './BudgetSettingsView.js'
import { type DataBoundProps, queryStateProps } from './queryStateProps.js'

export type BudgetSettingsProps = DataBoundProps<BudgetSettingsViewProps, 'currency' | 'onSave'>

/**
 * The customer's own budget form, from `useBudget` (the app's backend with a `budgets` store);
 * the currency is the projection's.
 */
export function BudgetSettings({ customerRef, ...rest }: BudgetSettingsProps) {
  const { query, setBudget } = useBudget(customerRef)
  const projection = useProjection(customerRef)
  // A form, not figures from the server's meters: no "as of".
  const { asOf: _figuresAsOf, ...states } = queryStateProps(query, projection)
  return (
    <BudgetSettingsView
      data={query.data}
      currency={projection.data?.currency}
      onSave={(budget) => setBudget.mutateAsync(budget)}
      {...states}
      {...rest}
    />
  )
}

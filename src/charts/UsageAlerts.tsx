import { useUsage } from '../react/useUsage.js'
import { type DataBoundProps, queryStateProps } from './queryStateProps.js'
import { UsageAlertsView, type UsageAlertsViewProps } from './UsageAlertsView.js'

export type UsageAlertsProps = DataBoundProps<UsageAlertsViewProps>

/** The server's alerts for a customer, most severe first, from `useUsage`. */
export function UsageAlerts({ customerRef, ...rest }: UsageAlertsProps) {
  const usage = useUsage(customerRef)
  return <UsageAlertsView data={usage.data?.alerts} {...queryStateProps(usage)} {...rest} />
}

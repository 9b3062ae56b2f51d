import { useUsage } from '../react/useUsage.js'
import { queryStateProps } from './queryStateProps.js'
import { UsageAlertsView, type UsageAlertsViewProps } from './UsageAlertsView.js'
import type { WidgetStateProps } from './Widget.js'

export type UsageAlertsProps = Omit<
  UsageAlertsViewProps,
  'data' | keyof Pick<WidgetStateProps, 'loading' | 'error' | 'onRetry' | 'stale'>
> & {
  /** The customer whose alerts to show. */
  customerRef: string
}

/** The server's alerts for a customer, most severe first, from `useUsage`. */
export function UsageAlerts({ customerRef, ...rest }: UsageAlertsProps) {
  const usage = useUsage(customerRef)
  return <UsageAlertsView data={usage.data?.alerts} {...queryStateProps(usage)} {...rest} />
}

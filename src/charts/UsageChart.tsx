import { useUsage } from '../react/useUsage.js'
import { queryStateProps } from './queryStateProps.js'
import { UsageChartView, type UsageChartViewProps } from './UsageChartView.js'
import type { WidgetStateProps } from './Widget.js'

export type UsageChartProps = Omit<
  UsageChartViewProps,
  'data' | keyof Pick<WidgetStateProps, 'loading' | 'error' | 'onRetry' | 'stale'>
> & {
  /** The customer whose usage to show. */
  customerRef: string
}

/** Current usage beside each metric's limit as bars, live from `useUsage`. Needs `recharts`. */
export function UsageChart({ customerRef, ...rest }: UsageChartProps) {
  const usage = useUsage(customerRef)
  return <UsageChartView data={usage.data} {...queryStateProps(usage)} {...rest} />
}

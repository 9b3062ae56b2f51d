import { useUsage } from '../react/useUsage.js'
import { type DataBoundProps, queryStateProps } from './queryStateProps.js'
import { UsageChartView, type UsageChartViewProps } from './UsageChartView.js'

export type UsageChartProps = DataBoundProps<UsageChartViewProps>

/** Current usage beside each metric's limit as bars, live from `useUsage`. Needs `recharts`. */
export function UsageChart({ customerRef, ...rest }: UsageChartProps) {
  const usage = useUsage(customerRef)
  return <UsageChartView data={usage.data} {...queryStateProps(usage)} {...rest} />
}

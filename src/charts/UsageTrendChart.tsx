import { periodHistoryRange } from '../core/forecastCost.js'
import { useUsage } from '../react/useUsage.js'
import { useUsageHistory } from '../react/useUsageHistory.js'
import { metricLabel } from './metricLabel.js'
import { queryStateProps } from './queryStateProps.js'
import { UsageTrendChartView, type UsageTrendChartViewProps } from './UsageTrendChartView.js'
import type { WidgetStateProps } from './Widget.js'

export type UsageTrendChartProps = Omit<
  UsageTrendChartViewProps,
  | 'data'
  | 'period'
  | 'limit'
  | 'unit'
  | keyof Pick<WidgetStateProps, 'loading' | 'error' | 'onRetry' | 'stale'>
> & {
  /** The customer whose usage to show. */
  customerRef: string
}

/**
 * One metric over the current period from `useUsageHistory`, with its period, limit and unit
 * from `useUsage`. Needs `recharts`.
 */
export function UsageTrendChart({
  customerRef,
  metric,
  step = 'day',
  title,
  ...rest
}: UsageTrendChartProps) {
  const usage = useUsage(customerRef)
  const period = usage.data?.period
  const metricUsage = usage.data?.metrics.find((candidate) => candidate.name === metric)
  const history = useUsageHistory(
    {
      customerRef,
      metric,
      ...periodHistoryRange(period?.start ?? '', period?.end ?? ''),
      step,
    },
    // The period comes from the usage answer, so the history waits for it.
    { enabled: period !== undefined && metric !== '' },
  )
  return (
    <UsageTrendChartView
      data={history.data}
      metric={metric}
      period={period}
      limit={metricUsage?.limit}
      unit={metricUsage?.unit}
      step={step}
      title={
        title ?? (metric ? `${metricLabel(metric)} over this period` : 'Usage over this period')
      }
      {...(metric === '' ? queryStateProps(usage) : queryStateProps(usage, history))}
      {...rest}
    />
  )
}

import { skipToken } from '@tanstack/react-query'
import { periodHistoryRange } from '../core/utcPeriod.js'
import { useUsage } from '../react/useUsage.js'
import { useUsageHistory } from '../react/useUsageHistory.js'
import { type DataBoundProps, queryStateProps } from './queryStateProps.js'
import { UsageTrendChartView, type UsageTrendChartViewProps } from './UsageTrendChartView.js'

export type UsageTrendChartProps = DataBoundProps<
  UsageTrendChartViewProps,
  'period' | 'limit' | 'unit'
>

/**
 * One metric over the current period from `useUsageHistory`, with its period, limit and unit
 * from `useUsage`. Needs `recharts`.
 */
export function UsageTrendChart({
  customerRef,
  metric,
  step = 'day',
  ...rest
}: UsageTrendChartProps) {
  const usage = useUsage(customerRef)
  const period = usage.data?.period
  const metricUsage = usage.data?.metrics.find((candidate) => candidate.name === metric)
  // The period comes from the usage answer, so the history waits for it.
  const history = useUsageHistory(metric === '' ? skipToken : customerRef, {
    metric,
    step,
    period: period && periodHistoryRange(period.start, period.end),
  })
  return (
    <UsageTrendChartView
      data={history.data}
      metric={metric}
      period={period}
      limit={metricUsage?.limit}
      unit={metricUsage?.unit}
      step={step}
      {...(metric === '' ? queryStateProps(usage) : queryStateProps(usage, history))}
      {...rest}
    />
  )
}

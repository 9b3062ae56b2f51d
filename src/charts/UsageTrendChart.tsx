import { skipToken } from '@tanstack/react-query'
import { useMemo } from 'react'
import { forecastUsage } from '../core/forecastUsage.js'
import { periodHistoryRange } from '../core/utcPeriod.js'
import { useUsage } from '../react/useUsage.js'
import { useUsageHistory } from '../react/useUsageHistory.js'
import { csvFileName } from './downloadCsv.js'
import { type DataBoundProps, queryStateProps } from './queryStateProps.js'
import { UsageTrendChartView, type UsageTrendChartViewProps } from './UsageTrendChartView.js'

export type UsageTrendChartProps = DataBoundProps<
  UsageTrendChartViewProps,
  'period' | 'limit' | 'unit' | 'reachesLimit'
>

/**
 * One metric over the current period from `useUsageHistory`, with its period, limit and unit
 * from `useUsage`, and a marker where this pace reaches the limit (`forecastUsage` over the
 * daily history with the live total, as `useQuota` computes it). Needs `recharts`.
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
  const points = history.data?.usage
  const limit = metricUsage?.limit
  const used = metricUsage?.current
  const nowMs = usage.dataUpdatedAt
  const reachesLimit = useMemo(() => {
    if (step !== 'day' || !points || !period || limit === undefined || !(limit > 0)) return null
    const now = new Date(nowMs)
    return forecastUsage(points, { period, limit, now, ...(used === undefined ? {} : { used }) })
      .reachesLimit
  }, [step, points, period, limit, used, nowMs])
  return (
    <UsageTrendChartView
      data={history.data}
      metric={metric}
      period={period}
      limit={limit}
      unit={metricUsage?.unit}
      reachesLimit={reachesLimit}
      csvFileName={csvFileName([
        'usage',
        metric,
        customerRef,
        period?.start ?? '',
        period?.end ?? '',
      ])}
      step={step}
      {...(metric === '' ? queryStateProps(usage) : queryStateProps(usage, history))}
      {...rest}
    />
  )
}

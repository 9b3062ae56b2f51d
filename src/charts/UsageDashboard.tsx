import type { ComponentProps } from 'react'
import { useUsage } from '../react/useUsage.js'
import { CostBreakdownChart } from './CostBreakdownChart.js'
import { CostProjection } from './CostProjection.js'
import { UsageAlerts } from './UsageAlerts.js'
import { UsageChart } from './UsageChart.js'
import { UsageMeters } from './UsageMeters.js'
import { UsageTrendChart } from './UsageTrendChart.js'
import type { WidgetTheme } from './Widget.js'

export interface UsageDashboardProps extends ComponentProps<'div'> {
  /** The customer whose usage and costs to show. */
  customerRef: string
  /** The metric of the trend chart. @default the metric with the highest share of its limit, else the first */
  trendMetric?: string
  /** BCP 47 locale for every widget. @default the provider's `locale`, else the browser's */
  locale?: string
  /** Forces the light or dark palette on every widget. @default undefined (follows `prefers-color-scheme`) */
  theme?: WidgetTheme
  /** Heading level of the widgets' titles. @default 3 */
  headingLevel?: 2 | 3 | 4 | 5 | 6
}

/**
 * Every widget for one customer, laid out by the space it gets (container queries, not the
 * viewport): one column from 320 px, two from 40rem, three from 64rem.
 */
export function UsageDashboard({
  customerRef,
  trendMetric,
  locale,
  theme,
  headingLevel,
  className,
  ...rest
}: UsageDashboardProps) {
  const usage = useUsage(customerRef)
  const metric = trendMetric ?? busiestMetric(usage.data?.metrics ?? [])
  const shared = {
    customerRef,
    ...(locale ? { locale } : {}),
    ...(headingLevel ? { headingLevel } : {}),
  }
  return (
    <div
      data-sm-theme={theme}
      className={['sm-dashboard', className].filter(Boolean).join(' ')}
      {...rest}
    >
      <div className="sm-dashboard-grid">
        <UsageMeters {...shared} className="sm-area-meters" />
        <CostProjection {...shared} className="sm-area-cost" />
        <UsageAlerts {...shared} className="sm-area-alerts" />
        <UsageTrendChart {...shared} metric={metric} className="sm-area-trend" />
        <UsageChart {...shared} className="sm-area-chart" />
        <CostBreakdownChart {...shared} className="sm-area-breakdown" />
      </div>
    </div>
  )
}

/** The metric nearest (or furthest over) its limit: the one whose trend matters most. */
function busiestMetric(metrics: readonly { name: string; current: number; limit?: number }[]) {
  let chosen = metrics[0]?.name ?? ''
  let highestRatio = -1
  for (const metric of metrics) {
    const ratio = metric.limit ? metric.current / metric.limit : -1
    if (ratio > highestRatio) {
      highestRatio = ratio
      chosen = metric.name
    }
  }
  return chosen
}

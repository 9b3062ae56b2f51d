import { type ComponentProps, useMemo, useState } from 'react'
import { useUsage } from '../react/useUsage.js'
import { CostBreakdownChart } from './CostBreakdownChart.js'
import { CostProjection } from './CostProjection.js'
import type { CostHero } from './CostProjectionView.js'
import { StaleNoticeContext, type StaleNoticeReporter } from './StaleNoticeContext.js'
import { UsageAlerts } from './UsageAlerts.js'
import { UsageChart } from './UsageChart.js'
import { UsageMeters } from './UsageMeters.js'
import { UsageTrendChart } from './UsageTrendChart.js'
import type { WidgetTextProps } from './useWidgetText.js'
import { StaleNotice, type WidgetTheme } from './Widget.js'

export interface UsageDashboardProps extends ComponentProps<'div'>, WidgetTextProps {
  /** The customer whose usage and costs to show. */
  customerRef: string
  /** The metric of the trend chart. @default the metric with the highest share of its limit, else the first */
  trendMetric?: string
  /** Forces the light or dark palette on every widget. @default undefined (follows `prefers-color-scheme`) */
  theme?: WidgetTheme
  /** Heading level of the widgets' titles. @default 3 */
  headingLevel?: 2 | 3 | 4 | 5 | 6
  /** The cost widget's large figure. @default 'so-far' */
  costHero?: CostHero
  /** Called with each error a widget shows — the full `StripeMeterError`. @default undefined */
  onError?: (error: unknown) => void
}

/**
 * Every widget for one customer, laid out by the space it gets (container queries, not the
 * viewport): one column from 320 px, two from 40rem, three from 64rem. Cards take the height
 * of their content; a stale dashboard shows one notice above them, not one per card.
 */
export function UsageDashboard({
  customerRef,
  trendMetric,
  locale,
  messages,
  metricLabels,
  units,
  theme,
  headingLevel,
  costHero,
  onError,
  className,
  ...rest
}: UsageDashboardProps) {
  const usage = useUsage(customerRef)
  const metric = trendMetric ?? busiestMetric(usage.data?.metrics ?? [])
  const [notices, setNotices] = useState<ReadonlyMap<string, string>>(new Map())
  const reporter = useMemo<StaleNoticeReporter>(
    () => ({
      report: (widgetId, notice) =>
        setNotices((current) => {
          if (current.get(widgetId) === notice) return current
          const next = new Map(current)
          if (notice === undefined) next.delete(widgetId)
          else next.set(widgetId, notice)
          return next
        }),
    }),
    [],
  )
  const shared = {
    customerRef,
    ...(locale ? { locale } : {}),
    ...(messages ? { messages } : {}),
    ...(metricLabels ? { metricLabels } : {}),
    ...(units ? { units } : {}),
    ...(headingLevel ? { headingLevel } : {}),
    ...(onError ? { onError } : {}),
  }
  const notice = notices.values().next().value
  return (
    <div
      data-sm-theme={theme}
      className={['sm-dashboard', className].filter(Boolean).join(' ')}
      {...rest}
    >
      {notice !== undefined && (
        <div className="sm-widget sm-dashboard-notice">
          <StaleNotice>{notice}</StaleNotice>
        </div>
      )}
      <StaleNoticeContext.Provider value={reporter}>
        <div className="sm-dashboard-grid">
          <UsageMeters {...shared} className="sm-area-meters" />
          <CostProjection
            {...shared}
            {...(costHero ? { hero: costHero } : {})}
            className="sm-area-cost"
          />
          <UsageAlerts {...shared} className="sm-area-alerts" />
          <UsageTrendChart {...shared} metric={metric} className="sm-area-trend" />
          <UsageChart {...shared} className="sm-area-chart" />
          <CostBreakdownChart {...shared} className="sm-area-breakdown" />
        </div>
      </StaleNoticeContext.Provider>
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

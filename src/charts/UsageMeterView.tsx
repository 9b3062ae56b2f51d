import { useId } from 'react'
import type { LimitForecast } from '../core/forecastUsage.js'
import type { MetricUsage } from '../core/types.js'
import type { LiveMetricUsage } from '../react/liveUsage.js'
import { hasPendingUsage } from './AsOf.js'
import { limitDateText } from './limitDateText.js'
import { UsageMeterBar } from './UsageMeterBar.js'
import { useWidgetText } from './useWidgetText.js'
import { Widget, type WidgetProps } from './Widget.js'

export interface UsageMeterViewProps extends WidgetProps {
  /**
   * The metric, as in `UsageResponse.metrics`, or `useUsage`'s live one (its `pending` part,
   * tracked here and not yet counted, is named under "As of"). Undefined (and not loading) shows
   * the empty state.
   */
  data: MetricUsage | LiveMetricUsage | undefined
  /** The heading. @default the metric's label (`metricLabels`, else `api_calls` → `API calls`) */
  title?: string
  /**
   * When this period's pace reaches the limit (`forecastUsage(…).reachesLimit`, or `useQuota`'s),
   * shown under the bar: "At this pace you'll reach 50,000 calls around Nov 28."
   * @default undefined (not shown)
   */
  reachesLimit?: LimitForecast | null | undefined
}

/** One metric's usage against its limit, from data you pass in. */
export function UsageMeterView({
  data,
  title,
  reachesLimit,
  locale,
  messages,
  metricLabels,
  units,
  ...rest
}: UsageMeterViewProps) {
  const text = useWidgetText({ locale, messages, metricLabels, units })
  const headingId = useId()
  const heading = title ?? (data ? text.label(data.name) : text.messages.usageFallbackTitle)
  const limitDate =
    data &&
    limitDateText(reachesLimit, data.current, data.limit, text.unit(data.name, data.unit), text)
  return (
    <Widget
      kind="meter"
      title={heading}
      text={text}
      empty={!data || data.current === 0}
      asOfSyncing={hasPendingUsage(data ? [data] : undefined)}
      skeletonRows={2}
      {...rest}
    >
      {/* The heading names the metric; the bar is labelled by it rather than repeating it. */}
      <span id={headingId} hidden>
        {heading}
      </span>
      {data && <UsageMeterBar metric={data} text={text} labelledBy={headingId} />}
      {limitDate && <p className="sm-limit-date">{limitDate}</p>}
    </Widget>
  )
}

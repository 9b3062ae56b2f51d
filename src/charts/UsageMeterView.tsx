import { useId } from 'react'
import type { MetricUsage } from '../core/types.js'
import { UsageMeterBar } from './UsageMeterBar.js'
import { useWidgetText } from './useWidgetText.js'
import { Widget, type WidgetProps } from './Widget.js'

export interface UsageMeterViewProps extends WidgetProps {
  /** The metric, as in `UsageResponse.metrics`. Undefined (and not loading) shows the empty state. */
  data: MetricUsage | undefined
  /** The heading. @default the metric's label (`metricLabels`, else `api_calls` → `API calls`) */
  title?: string
}

/** One metric's usage against its limit, from data you pass in. */
export function UsageMeterView({
  data,
  title,
  locale,
  messages,
  metricLabels,
  units,
  ...rest
}: UsageMeterViewProps) {
  const text = useWidgetText({ locale, messages, metricLabels, units })
  const headingId = useId()
  const heading = title ?? (data ? text.label(data.name) : text.messages.usageFallbackTitle)
  return (
    <Widget
      kind="meter"
      title={heading}
      text={text}
      empty={!data || data.current === 0}
      skeletonRows={2}
      {...rest}
    >
      {/* The heading names the metric; the bar is labelled by it rather than repeating it. */}
      <span id={headingId} hidden>
        {heading}
      </span>
      {data && <UsageMeterBar metric={data} text={text} labelledBy={headingId} />}
    </Widget>
  )
}

import type { MetricUsage } from '../core/types.js'
import { metricLabel } from './metricLabel.js'
import { UsageMeterBar } from './UsageMeterBar.js'
import { useFormatters } from './useFormatters.js'
import { Widget, type WidgetProps } from './Widget.js'

export interface UsageMeterViewProps extends WidgetProps {
  /** The metric, as in `UsageResponse.metrics`. Undefined (and not loading) shows the empty state. */
  data: MetricUsage | undefined
  /** The heading. @default the metric's name in words (`api_calls` → `API calls`) */
  title?: string
}

/** One metric's usage against its limit, from data you pass in. */
export function UsageMeterView({ data, title, locale, ...rest }: UsageMeterViewProps) {
  const format = useFormatters(locale)
  const label = title ?? (data ? metricLabel(data.name) : 'Usage')
  return (
    <Widget
      kind="meter"
      title={label}
      empty={!data || data.current === 0}
      skeletonRows={2}
      {...rest}
    >
      {data && <UsageMeterBar metric={data} label={label} formatters={format} />}
    </Widget>
  )
}

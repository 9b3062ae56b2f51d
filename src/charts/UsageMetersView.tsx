import type { UsageResponse } from '../core/types.js'
import { metricLabel } from './metricLabel.js'
import { UsageMeterBar } from './UsageMeterBar.js'
import { useFormatters } from './useFormatters.js'
import { Widget, type WidgetProps } from './Widget.js'

export interface UsageMetersViewProps extends WidgetProps {
  /** `GET /v1/usage/current`'s answer. Undefined (and not loading) shows the empty state. */
  data: UsageResponse | undefined
  /** @default 'Usage this period' */
  title?: string
  /** Only these metrics, in this order. @default every metric, in the server's order */
  metrics?: readonly string[]
}

/** Every metric of a customer against its limit, from data you pass in. */
export function UsageMetersView({
  data,
  title = 'Usage this period',
  metrics,
  locale,
  ...rest
}: UsageMetersViewProps) {
  const format = useFormatters(locale)
  const shown = metrics
    ? metrics.flatMap((name) => data?.metrics.find((metric) => metric.name === name) ?? [])
    : (data?.metrics ?? [])
  return (
    <Widget
      kind="meters"
      title={title}
      empty={shown.every((metric) => metric.current === 0)}
      subtitle={data ? format.period(data.period.start, data.period.end) : undefined}
      skeletonRows={4}
      {...rest}
    >
      <ul className="sm-meter-list">
        {shown.map((metric) => (
          <li key={metric.name}>
            <UsageMeterBar metric={metric} label={metricLabel(metric.name)} formatters={format} />
          </li>
        ))}
      </ul>
    </Widget>
  )
}

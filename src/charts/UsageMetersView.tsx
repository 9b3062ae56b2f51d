import type { UsageResponse } from '../core/types.js'
import { hasPendingUsage } from './AsOf.js'
import { UsageMeterBar } from './UsageMeterBar.js'
import { useWidgetText } from './useWidgetText.js'
import { Widget, type WidgetProps } from './Widget.js'

export interface UsageMetersViewProps extends WidgetProps {
  /** `GET /v1/usage/current`'s answer. Undefined (and not loading) shows the empty state. */
  data: UsageResponse | undefined
  /** @default the catalog's `usageTitle` ('Usage this period') */
  title?: string
  /** Only these metrics, in this order. @default every metric, in the server's order */
  metrics?: readonly string[]
}

/** Every metric of a customer against its limit, from data you pass in. */
export function UsageMetersView({
  data,
  title,
  metrics,
  locale,
  messages,
  metricLabels,
  units,
  ...rest
}: UsageMetersViewProps) {
  const text = useWidgetText({ locale, messages, metricLabels, units })
  const shown = metrics
    ? metrics.flatMap((name) => data?.metrics.find((metric) => metric.name === name) ?? [])
    : (data?.metrics ?? [])
  return (
    <Widget
      kind="meters"
      title={title ?? text.messages.usageTitle}
      text={text}
      empty={shown.every((metric) => metric.current === 0)}
      subtitle={data ? text.format.period(data.period.start, data.period.end) : undefined}
      asOfSyncing={hasPendingUsage(data?.metrics)}
      skeletonRows={4}
      {...rest}
    >
      <ul className="sm-meter-list">
        {shown.map((metric) => (
          <li key={metric.name}>
            <UsageMeterBar metric={metric} text={text} label={text.label(metric.name)} />
          </li>
        ))}
      </ul>
    </Widget>
  )
}

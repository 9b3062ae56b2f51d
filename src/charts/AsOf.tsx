import type { MetricUsage, ProjectionResponse } from '../core/types.js'
import { StrokeIcon } from './StrokeIcon.js'
import type { WidgetText } from './useWidgetText.js'

const infoIcon = 'M8 1.5a6.5 6.5 0 1 0 0 13a6.5 6.5 0 1 0 0-13z M8 7.5v4 M8 4.75v.01'

interface AsOfProps {
  /** When the server's figures were read (or, for costs, last aggregated). */
  at: Date | number
  /** Why the figures lag: the server's aggregation delay, and its read cache where it has one. */
  hint: string
  /** Usage tracked on this page is shown on top of the server's figures. */
  syncing: boolean
  text: WidgetText
}

/**
 * "As of 10:42" under a widget: when the server's figures are from, in the customer's clock and
 * the widget's locale (with the date when not today). It always describes the server's figures,
 * never the live part laid over them, which it names instead. The hint on the server's delay is
 * a disclosure: reachable by keyboard and read by screen readers, not a hover-only tooltip.
 */
export function AsOf({ at, hint, syncing, text: { format, messages } }: AsOfProps) {
  const date = new Date(at)
  if (Number.isNaN(date.getTime())) return null
  const time = format.asOfTime(date, new Date())
  return (
    <details className="sm-as-of">
      <summary title={hint}>
        <time dateTime={date.toISOString()}>
          {syncing ? messages.asOfSyncing(time) : messages.asOf(time)}
        </time>
        <StrokeIcon path={infoIcon} sizePx={12} />
      </summary>
      <p className="sm-as-of-hint">{hint}</p>
      {syncing && <p className="sm-as-of-hint">{messages.asOfHintSyncing}</p>}
    </details>
  )
}

/**
 * The server's own time for a projection (`freshness.lastUpdate`, epoch ms): preferred over the
 * answer's arrival, since the projection says how fresh it is.
 */
export function projectionAsOf(data: Pick<ProjectionResponse, 'freshness'> | undefined) {
  const lastUpdateMs = Date.parse(data?.freshness.lastUpdate ?? '')
  return Number.isNaN(lastUpdateMs) ? undefined : lastUpdateMs
}

/** Whether live usage (`useUsage`'s `pending`) is laid over any of these server figures. */
export function hasPendingUsage(metrics: readonly MetricUsage[] | undefined): boolean {
  return (metrics ?? []).some((metric) => 'pending' in metric && Number(metric.pending) > 0)
}

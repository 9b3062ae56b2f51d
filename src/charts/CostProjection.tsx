import { useCostForecast } from '../react/useCostForecast.js'
import { useProjection } from '../react/useProjection.js'
import { useUsage } from '../react/useUsage.js'
import { projectionAsOf } from './AsOf.js'
import { CostProjectionView, type CostProjectionViewProps } from './CostProjectionView.js'
import { type DataBoundProps, queryStateProps } from './queryStateProps.js'

export type CostProjectionProps = DataBoundProps<CostProjectionViewProps, 'forecast' | 'usage'> & {
  /** Show the forecast for the period's end (reads each priced metric's daily history). @default true */
  forecast?: boolean
}

/**
 * The cost of this period's usage so far, line items, credits and freshness from
 * `useProjection`, with the period-end forecast of `useCostForecast`.
 */
export function CostProjection({
  customerRef,
  forecast = true,
  now,
  ...rest
}: CostProjectionProps) {
  const projection = useProjection(customerRef)
  // A failed forecast only hides the forecast: the cost so far is the widget's state.
  const costForecast = useCostForecast(customerRef, { enabled: forecast, ...(now ? { now } : {}) })
  // Metrics used but without a price mapping are listed as not billed.
  const usage = useUsage(customerRef)
  const states = queryStateProps(projection)
  return (
    <CostProjectionView
      data={projection.data}
      forecast={forecast ? costForecast.data : undefined}
      usage={usage.data}
      {...(now ? { now } : {})}
      {...states}
      // The projection's own time where it gives one, else when its answer arrived.
      asOf={projectionAsOf(projection.data) ?? states.asOf}
      onRetry={() => {
        void projection.refetch()
        if (forecast) void costForecast.refetch()
      }}
      {...rest}
    />
  )
}

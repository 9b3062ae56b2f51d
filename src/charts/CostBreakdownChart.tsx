import { useProjection } from '../react/useProjection.js'
import { projectionAsOf } from './AsOf.js'
import {
  CostBreakdownChartView,
  type CostBreakdownChartViewProps,
} from './CostBreakdownChartView.js'
import { type DataBoundProps, queryStateProps } from './queryStateProps.js'

export type CostBreakdownChartProps = DataBoundProps<CostBreakdownChartViewProps>

/** The cost so far split by metric, from `useProjection`. Needs `recharts`. */
export function CostBreakdownChart({ customerRef, ...rest }: CostBreakdownChartProps) {
  const projection = useProjection(customerRef)
  const states = queryStateProps(projection)
  return (
    <CostBreakdownChartView
      data={projection.data}
      {...states}
      // The projection's own time where it gives one, else when its answer arrived.
      asOf={projectionAsOf(projection.data) ?? states.asOf}
      {...rest}
    />
  )
}

import { useProjection } from '../react/useProjection.js'
import {
  CostBreakdownChartView,
  type CostBreakdownChartViewProps,
} from './CostBreakdownChartView.js'
import { type DataBoundProps, queryStateProps } from './queryStateProps.js'

export type CostBreakdownChartProps = DataBoundProps<CostBreakdownChartViewProps>

/** The cost so far split by metric, from `useProjection`. Needs `recharts`. */
export function CostBreakdownChart({ customerRef, ...rest }: CostBreakdownChartProps) {
  const projection = useProjection(customerRef)
  return (
    <CostBreakdownChartView data={projection.data} {...queryStateProps(projection)} {...rest} />
  )
}

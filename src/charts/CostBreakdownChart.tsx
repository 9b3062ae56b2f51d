import { useProjection } from '../react/useProjection.js'
import {
  CostBreakdownChartView,
  type CostBreakdownChartViewProps,
} from './CostBreakdownChartView.js'
import { queryStateProps } from './queryStateProps.js'
import type { WidgetStateProps } from './Widget.js'

export type CostBreakdownChartProps = Omit<
  CostBreakdownChartViewProps,
  'data' | keyof Pick<WidgetStateProps, 'loading' | 'error' | 'onRetry' | 'stale'>
> & {
  /** The customer whose costs to show. */
  customerRef: string
}

/** The cost so far split by metric, from `useProjection`. Needs `recharts`. */
export function CostBreakdownChart({ customerRef, ...rest }: CostBreakdownChartProps) {
  const projection = useProjection(customerRef)
  return (
    <CostBreakdownChartView data={projection.data} {...queryStateProps(projection)} {...rest} />
  )
}

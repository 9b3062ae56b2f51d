import { useUsage } from '../react/useUsage.js'
import { type DataBoundProps, queryStateProps } from './queryStateProps.js'
import { UsageMeterView, type UsageMeterViewProps } from './UsageMeterView.js'

export type UsageMeterProps = DataBoundProps<UsageMeterViewProps> & {
  /** The metric to show (`api_calls`). */
  metric: string
}

/** One metric's usage against its limit, live from `useUsage` (inside `<StripeMeterProvider>`). */
export function UsageMeter({ customerRef, metric, ...rest }: UsageMeterProps) {
  const usage = useUsage(customerRef)
  return (
    <UsageMeterView
      data={usage.data?.metrics.find((candidate) => candidate.name === metric)}
      {...queryStateProps(usage)}
      {...rest}
    />
  )
}

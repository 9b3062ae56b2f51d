import { useUsage } from '../react/useUsage.js'
import { metricLabel } from './metricLabel.js'
import { queryStateProps } from './queryStateProps.js'
import { UsageMeterView, type UsageMeterViewProps } from './UsageMeterView.js'
import type { WidgetStateProps } from './Widget.js'

export type UsageMeterProps = Omit<UsageMeterViewProps, 'data' | keyof DataStateProps> & {
  /** The customer whose usage to show. */
  customerRef: string
  /** The metric to show (`api_calls`). */
  metric: string
}

type DataStateProps = Pick<WidgetStateProps, 'loading' | 'error' | 'onRetry' | 'stale'>

/** One metric's usage against its limit, live from `useUsage` (inside `<StripeMeterProvider>`). */
export function UsageMeter({ customerRef, metric, title, ...rest }: UsageMeterProps) {
  const usage = useUsage(customerRef)
  return (
    <UsageMeterView
      data={usage.data?.metrics.find((candidate) => candidate.name === metric)}
      title={title ?? metricLabel(metric)}
      {...queryStateProps(usage)}
      {...rest}
    />
  )
}

import { useQuota } from '../react/useQuota.js'
import { useUsage } from '../react/useUsage.js'
import { type DataBoundProps, queryStateProps } from './queryStateProps.js'
import { UsageMeterView, type UsageMeterViewProps } from './UsageMeterView.js'

export type UsageMeterProps = DataBoundProps<UsageMeterViewProps, 'reachesLimit'> & {
  /** The metric to show (`api_calls`). */
  metric: string
  /**
   * Say when this period's pace reaches the limit, from the daily history (`useQuota`'s
   * `reachesLimit`: one more request, only for a metric with a limit).
   * @default true
   */
  limitDate?: boolean
}

/** One metric's usage against its limit, live from `useUsage` (inside `<StripeMeterProvider>`). */
export function UsageMeter({ customerRef, metric, limitDate = true, ...rest }: UsageMeterProps) {
  const usage = useUsage(customerRef)
  const quota = useQuota(customerRef, metric, { forecast: limitDate })
  return (
    <UsageMeterView
      data={usage.data?.metrics.find((candidate) => candidate.name === metric)}
      reachesLimit={limitDate ? quota.reachesLimit : undefined}
      {...queryStateProps(usage)}
      {...rest}
    />
  )
}

import { type UseQueryResult, useQueries } from '@tanstack/react-query'
import { useMemo } from 'react'
import { type CostForecast, forecastCost } from '../core/forecastCost.js'
import type { StripeMeterError } from '../core/StripeMeterError.js'
import type { ProjectionPeriod, ProjectionResponse, UsageHistoryPoint } from '../core/types.js'
import { periodHistoryRange } from '../core/utcPeriod.js'
import { useProviderRuntime } from './StripeMeterContext.js'
import { stripeMeterKeys } from './stripeMeterKeys.js'
import { useProjection } from './useProjection.js'

export interface UseCostForecastOptions extends ProjectionPeriod {
  /** The moment to forecast from. @default when the projection was fetched */
  now?: Date
  /** Set `false` to fetch nothing. @default true */
  enabled?: boolean
}

export interface UseCostForecastResult {
  /** The forecast, once the projection (and whatever history could be read) is in. */
  data: CostForecast | undefined
  /** The underlying projection query: the cost so far, line items, freshness. */
  projection: UseQueryResult<ProjectionResponse, StripeMeterError>
  /** True until the projection and the daily histories have answered. */
  isPending: boolean
  /** The projection failed; a failed history only widens the range and is not an error. */
  isError: boolean
  error: StripeMeterError | null
  /** Refetches the projection and every history. */
  refetch: () => Promise<void>
}

/**
 * The bill at the period's end, forecast from this period's run-rate: the projection (cost so
 * far) plus each priced metric's daily history, through the pure `forecastCost`. Histories share
 * their cache with `useUsageHistory` (same keys).
 */
export function useCostForecast(
  customerRef: string,
  options: UseCostForecastOptions = {},
): UseCostForecastResult {
  const { now, enabled = true, periodStart, periodEnd } = options
  const runtime = useProviderRuntime('useCostForecast')
  const period: ProjectionPeriod = {}
  if (periodStart !== undefined) period.periodStart = periodStart
  if (periodEnd !== undefined) period.periodEnd = periodEnd
  const projection = useProjection(customerRef, period, { enabled })
  const data = projection.data
  const histories = useQueries(
    {
      queries: (data?.lineItems ?? []).map((item) => {
        const query = {
          customerRef,
          metric: item.metric,
          ...periodHistoryRange(data?.periodStart ?? '', data?.periodEnd ?? ''),
          step: 'day' as const,
        }
        return {
          queryKey: stripeMeterKeys.history(query),
          queryFn: () => runtime.client.getUsageHistory(query),
          retry: false,
          enabled,
        }
      }),
    },
    runtime.queryClient,
  )
  const historiesPending = histories.some((history) => history.isPending)
  const historyVersion = histories.map((history) => history.dataUpdatedAt).join()
  const nowMs = now?.getTime() ?? projection.dataUpdatedAt

  // biome-ignore lint/correctness/useExhaustiveDependencies: historyVersion stands for the histories' data
  const forecast = useMemo(() => {
    if (!data || historiesPending) return undefined
    const history: Record<string, UsageHistoryPoint[]> = {}
    data.lineItems.forEach((item, index) => {
      const usage = histories[index]?.data?.usage
      if (usage) history[item.metric] = usage
    })
    return forecastCost({ projection: data, history, now: new Date(nowMs) })
  }, [data, historiesPending, historyVersion, nowMs])

  return {
    data: forecast,
    projection,
    isPending: projection.isPending || historiesPending,
    isError: projection.isError,
    error: projection.error,
    refetch: async () => {
      await Promise.all([projection.refetch(), ...histories.map((history) => history.refetch())])
    },
  }
}

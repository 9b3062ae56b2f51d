import {
  type QueryClient,
  type UseQueryOptions,
  type UseQueryResult,
  useQuery,
} from '@tanstack/react-query'
import { useCallback } from 'react'
import { type CostForecast, forecastCost } from '../core/forecastCost.js'
import type { StripeMeterError } from '../core/StripeMeterError.js'
import type {
  ProjectionPeriod,
  ProjectionResponse,
  UsageHistoryPoint,
  UsageHistoryResponse,
} from '../core/types.js'
import { periodHistoryRange } from '../core/utcPeriod.js'
import { applyLiveCost, type LiveCostInput } from './liveCost.js'
import { useProviderRuntime } from './StripeMeterContext.js'
import { type ForecastQueryKey, stripeMeterKeys } from './stripeMeterKeys.js'
import {
  type CustomerRefOrSkip,
  type ForecastQueryInput,
  stripeMeterQueries,
} from './stripeMeterQueries.js'
import { useLiveCostInput } from './useLiveCostInput.js'

/** `useCostForecast`'s period, `now` and React Query options; `select` receives the live forecast. */
export type UseCostForecastOptions<TData = CostForecast> = ForecastQueryInput &
  Omit<
    UseQueryOptions<CostForecast, StripeMeterError, TData, ForecastQueryKey>,
    'queryKey' | 'queryFn' | 'select'
  > & {
    select?: (data: CostForecast) => TData
  }

/**
 * The bill at the period's end, forecast from this period's run-rate: the projection (cost so
 * far) plus each priced metric's daily history, through the pure `forecastCost`. Live like
 * `useProjection`: usage tracked here and not yet counted is in its cost so far and its pace.
 * The projection and histories share their cache with `useProjection` and `useUsageHistory`;
 * a history that cannot be read only widens the range.
 */
export function useCostForecast<TData = CostForecast>(
  customerRef: CustomerRefOrSkip,
  { period, now, select: userSelect, ...options }: UseCostForecastOptions<TData> = {},
): UseQueryResult<TData, StripeMeterError> {
  const runtime = useProviderRuntime('useCostForecast')
  const live = useLiveCostInput(runtime, customerRef)
  const select = useCallback(
    (forecast: CostForecast): TData => {
      const liveForecast =
        typeof customerRef === 'string'
          ? forecastLive(forecast, runtime.queryClient, customerRef, period, now, live)
          : forecast
      return userSelect === undefined ? (liveForecast as TData) : userSelect(liveForecast)
    },
    [customerRef, period, now, live, runtime, userSelect],
  )
  const input: ForecastQueryInput = {}
  if (period !== undefined) input.period = period
  if (now !== undefined) input.now = now
  return useQuery<CostForecast, StripeMeterError, TData, ForecastQueryKey>(
    { ...stripeMeterQueries.forecast(runtime.reader, customerRef, input), ...options, select },
    runtime.queryClient,
  )
}

/**
 * The forecast again over the live projection, from the projection and histories the forecast
 * query put in the cache; the server's forecast when nothing is pending or they are gone.
 */
function forecastLive(
  forecast: CostForecast,
  queryClient: QueryClient,
  customerRef: string,
  period: ProjectionPeriod | undefined,
  now: Date | undefined,
  live: LiveCostInput,
): CostForecast {
  const projection = queryClient.getQueryData<ProjectionResponse>(
    stripeMeterKeys.projection(customerRef, period),
  )
  if (projection === undefined) return forecast
  const liveProjection = applyLiveCost(projection, live)
  if (liveProjection.lineItems.every((item) => item.pendingQuantity === 0)) return forecast
  const range = periodHistoryRange(projection.periodStart, projection.periodEnd)
  const history: Record<string, UsageHistoryPoint[]> = {}
  for (const { metric } of liveProjection.lineItems) {
    const read = queryClient.getQueryData<UsageHistoryResponse>(
      stripeMeterKeys.history(customerRef, { metric, step: 'day', period: range }),
    )
    if (read !== undefined) history[metric] = read.usage
  }
  return forecastCost({ projection: liveProjection, history, now: now ?? new Date() })
}

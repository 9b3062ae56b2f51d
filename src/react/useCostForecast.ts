import { type UseQueryOptions, type UseQueryResult, useQuery } from '@tanstack/react-query'
import type { CostForecast } from '../core/forecastCost.js'
import type { StripeMeterError } from '../core/StripeMeterError.js'
import { useProviderRuntime } from './StripeMeterContext.js'
import type { ForecastQueryKey } from './stripeMeterKeys.js'
import {
  type CustomerRefOrSkip,
  type ForecastQueryInput,
  stripeMeterQueries,
} from './stripeMeterQueries.js'

/** `useCostForecast`'s period, `now` and React Query options. */
export type UseCostForecastOptions<TData = CostForecast> = ForecastQueryInput &
  Omit<
    UseQueryOptions<CostForecast, StripeMeterError, TData, ForecastQueryKey>,
    'queryKey' | 'queryFn'
  >

/**
 * The bill at the period's end, forecast from this period's run-rate: the projection (cost so
 * far) plus each priced metric's daily history, through the pure `forecastCost`. The
 * projection and histories share their cache with `useProjection` and `useUsageHistory`; a
 * history that cannot be read only widens the range.
 */
export function useCostForecast<TData = CostForecast>(
  customerRef: CustomerRefOrSkip,
  { period, now, ...options }: UseCostForecastOptions<TData> = {},
): UseQueryResult<TData, StripeMeterError> {
  const runtime = useProviderRuntime('useCostForecast')
  const input: ForecastQueryInput = {}
  if (period !== undefined) input.period = period
  if (now !== undefined) input.now = now
  return useQuery<CostForecast, StripeMeterError, TData, ForecastQueryKey>(
    { ...stripeMeterQueries.forecast(runtime.reader, customerRef, input), ...options },
    runtime.queryClient,
  )
}

import { type UseQueryOptions, type UseQueryResult, useQuery } from '@tanstack/react-query'
import { useCallback } from 'react'
import type { LiveProjection } from '../core/liveProjection.js'
import type { ProjectionResponse, StripeMeterError } from '../index.js'
import { applyLiveCost } from './liveCost.js'
import { useProviderRuntime } from './StripeMeterContext.js'
import type { ProjectionQueryKey } from './stripeMeterKeys.js'
import {
  type CustomerRefOrSkip,
  type ProjectionQueryInput,
  stripeMeterQueries,
} from './stripeMeterQueries.js'
import { useLiveCostInput } from './useLiveCostInput.js'

/** `useProjection`'s period and React Query options; `select` receives the live projection. */
export type UseProjectionOptions<TData = LiveProjection> = ProjectionQueryInput &
  Omit<
    UseQueryOptions<ProjectionResponse, StripeMeterError, TData, ProjectionQueryKey>,
    'queryKey' | 'queryFn' | 'select'
  > & {
    select?: (data: LiveProjection) => TData
  }

/**
 * The cost of the customer's usage so far this period (`POST /v1/usage/projection`), live:
 * usage tracked through this provider that the projection does not count yet is priced with
 * the projection's own prices (graduated ones by tier with the provider's `metricPrices`) and
 * added to its line items, subtotal and total — `pendingTotal` is that part, `server` the
 * server's answer untouched. Never priced twice: it converges exactly on the server's
 * projection. `period` defaults to the current one (another period is the server's alone).
 * Refetched after every delivery that counted events for this customer. For the bill at the
 * period's end, see `useCostForecast`.
 */
export function useProjection<TData = LiveProjection>(
  customerRef: CustomerRefOrSkip,
  { period, select: userSelect, ...options }: UseProjectionOptions<TData> = {},
): UseQueryResult<TData, StripeMeterError> {
  const runtime = useProviderRuntime('useProjection')
  const live = useLiveCostInput(runtime, customerRef)
  const select = useCallback(
    (data: ProjectionResponse): TData => {
      const projection = applyLiveCost(data, live)
      return userSelect === undefined ? (projection as TData) : userSelect(projection)
    },
    [live, userSelect],
  )
  const input = period === undefined ? {} : { period }
  return useQuery<ProjectionResponse, StripeMeterError, TData, ProjectionQueryKey>(
    { ...stripeMeterQueries.projection(runtime.reader, customerRef, input), ...options, select },
    runtime.queryClient,
  )
}

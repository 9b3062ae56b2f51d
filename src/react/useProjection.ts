import { type UseQueryOptions, type UseQueryResult, useQuery } from '@tanstack/react-query'
import type { ProjectionPeriod, ProjectionResponse, StripeMeterError } from '../index.js'
import { useProviderRuntime } from './StripeMeterContext.js'
import { type ProjectionQueryKey, stripeMeterKeys } from './stripeMeterKeys.js'

/** React Query options of `useProjection`. */
export type UseProjectionOptions<TData = ProjectionResponse> = Omit<
  UseQueryOptions<ProjectionResponse, StripeMeterError, TData, ProjectionQueryKey>,
  'queryKey' | 'queryFn'
>

/**
 * The cost of the customer's usage so far this period (`POST /v1/usage/projection`); the
 * period defaults to the current one. Refetched after every flush that delivered events for
 * this customer. For the bill at the period's end, see `useCostForecast`.
 */
export function useProjection<TData = ProjectionResponse>(
  customerRef: string,
  period: ProjectionPeriod = {},
  options?: UseProjectionOptions<TData>,
): UseQueryResult<TData, StripeMeterError> {
  const runtime = useProviderRuntime('useProjection')
  const queryKey = stripeMeterKeys.projection(customerRef, period)
  return useQuery(
    {
      // The client retries with backoff and honours Retry-After; React Query on top would multiply it.
      retry: false,
      ...options,
      queryKey,
      queryFn: () => runtime.client.getProjection(customerRef, queryKey[3]),
    },
    runtime.queryClient,
  )
}

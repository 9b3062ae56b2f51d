import { type UseQueryOptions, type UseQueryResult, useQuery } from '@tanstack/react-query'
import type { ProjectionResponse, StripeMeterError } from '../index.js'
import { useProviderRuntime } from './StripeMeterContext.js'
import type { ProjectionQueryKey } from './stripeMeterKeys.js'
import {
  type CustomerRefOrSkip,
  type ProjectionQueryInput,
  stripeMeterQueries,
} from './stripeMeterQueries.js'

/** `useProjection`'s period and React Query options. */
export type UseProjectionOptions<TData = ProjectionResponse> = ProjectionQueryInput &
  Omit<
    UseQueryOptions<ProjectionResponse, StripeMeterError, TData, ProjectionQueryKey>,
    'queryKey' | 'queryFn'
  >

/**
 * The cost of the customer's usage so far this period (`POST /v1/usage/projection`); `period`
 * defaults to the current one. Refetched after every delivery that counted events for this
 * customer. For the bill at the period's end, see `useCostForecast`.
 */
export function useProjection<TData = ProjectionResponse>(
  customerRef: CustomerRefOrSkip,
  { period, ...options }: UseProjectionOptions<TData> = {},
): UseQueryResult<TData, StripeMeterError> {
  const runtime = useProviderRuntime('useProjection')
  const input = period === undefined ? {} : { period }
  return useQuery<ProjectionResponse, StripeMeterError, TData, ProjectionQueryKey>(
    { ...stripeMeterQueries.projection(runtime.reader, customerRef, input), ...options },
    runtime.queryClient,
  )
}

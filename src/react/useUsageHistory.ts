import { type UseQueryOptions, type UseQueryResult, useQuery } from '@tanstack/react-query'
import type { StripeMeterError, UsageHistoryQuery, UsageHistoryResponse } from '../index.js'
import { useProviderRuntime } from './StripeMeterContext.js'
import { type HistoryQueryKey, stripeMeterKeys } from './stripeMeterKeys.js'

/** React Query options of `useUsageHistory`. */
export type UseUsageHistoryOptions<TData = UsageHistoryResponse> = Omit<
  UseQueryOptions<UsageHistoryResponse, StripeMeterError, TData, HistoryQueryKey>,
  'queryKey' | 'queryFn'
>

/**
 * One metric's usage over time (`GET /v1/usage/history`), bucketed by `day` or `month`. As on
 * the server, buckets without events are absent. Refetched after every flush that delivered
 * events for this customer.
 */
export function useUsageHistory<TData = UsageHistoryResponse>(
  query: UsageHistoryQuery,
  options?: UseUsageHistoryOptions<TData>,
): UseQueryResult<TData, StripeMeterError> {
  const runtime = useProviderRuntime('useUsageHistory')
  const queryKey = stripeMeterKeys.history(query)
  return useQuery(
    {
      // The client retries with backoff and honours Retry-After; React Query on top would multiply it.
      retry: false,
      ...options,
      queryKey,
      queryFn: () =>
        runtime.client.getUsageHistory({ customerRef: query.customerRef, ...queryKey[3] }),
    },
    runtime.queryClient,
  )
}

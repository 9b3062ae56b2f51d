import { type UseQueryOptions, type UseQueryResult, useQuery } from '@tanstack/react-query'
import type { StripeMeterError, UsageHistoryResponse } from '../index.js'
import { useProviderRuntime } from './StripeMeterContext.js'
import type { HistoryQueryKey } from './stripeMeterKeys.js'
import {
  type CustomerRefOrSkip,
  type HistoryQueryInput,
  stripeMeterQueries,
} from './stripeMeterQueries.js'

/** `useUsageHistory`'s metric, step, period and React Query options. */
export type UseUsageHistoryOptions<TData = UsageHistoryResponse> = HistoryQueryInput &
  Omit<
    UseQueryOptions<UsageHistoryResponse, StripeMeterError, TData, HistoryQueryKey>,
    'queryKey' | 'queryFn'
  >

/**
 * One metric's usage over time (`GET /v1/usage/history`), bucketed by `step` (`day` by
 * default), over `period` (the query waits until it is given). As on the server,
 * buckets without events are absent. Refetched after every delivery that counted events for
 * this customer.
 */
export function useUsageHistory<TData = UsageHistoryResponse>(
  customerRef: CustomerRefOrSkip,
  { metric, step, period, ...options }: UseUsageHistoryOptions<TData>,
): UseQueryResult<TData, StripeMeterError> {
  const runtime = useProviderRuntime('useUsageHistory')
  const input: HistoryQueryInput = { metric, period }
  if (step !== undefined) input.step = step
  return useQuery<UsageHistoryResponse, StripeMeterError, TData, HistoryQueryKey>(
    { ...stripeMeterQueries.history(runtime.reader, customerRef, input), ...options },
    runtime.queryClient,
  )
}

import { type UseQueryOptions, type UseQueryResult, useQuery } from '@tanstack/react-query'
import { useCallback, useSyncExternalStore } from 'react'
import type { StripeMeterError, UsageResponse } from '../index.js'
import { applyLiveUsage, type LiveUsageResponse, NO_PENDING_EVENTS } from './liveUsage.js'
import { useProviderRuntime } from './StripeMeterContext.js'
import type { UsageQueryKey } from './stripeMeterKeys.js'
import { type CustomerRefOrSkip, stripeMeterQueries } from './stripeMeterQueries.js'

/** React Query options of `useUsage`; `select` receives the live data. */
export type UseUsageOptions<TData = LiveUsageResponse> = Omit<
  UseQueryOptions<UsageResponse, StripeMeterError, TData, UsageQueryKey>,
  'queryKey' | 'queryFn' | 'select'
> & {
  select?: (data: LiveUsageResponse) => TData
}

/**
 * The customer's usage this period (`GET /v1/usage/current`) as a React Query result, live:
 * events buffered through this provider that the server does not show yet are added to their
 * metric's `current` (sum metrics) and reported as its `pending`, until the server's total
 * includes them — over fetched, prefetched and hydrated data alike. Refetched after every
 * delivery that counted events for this customer. `skipToken` as the customer waits.
 */
export function useUsage<TData = LiveUsageResponse>(
  customerRef: CustomerRefOrSkip,
  options?: UseUsageOptions<TData>,
): UseQueryResult<TData, StripeMeterError> {
  const runtime = useProviderRuntime('useUsage')
  const pendingEvents = useSyncExternalStore(
    runtime.live.subscribe,
    () =>
      typeof customerRef === 'string' ? runtime.live.getEvents(customerRef) : NO_PENDING_EVENTS,
    () => NO_PENDING_EVENTS,
  )
  const userSelect = options?.select
  const select = useCallback(
    (data: UsageResponse): TData => {
      const live = applyLiveUsage(data, pendingEvents)
      return userSelect === undefined ? (live as TData) : userSelect(live)
    },
    [pendingEvents, userSelect],
  )
  return useQuery<UsageResponse, StripeMeterError, TData, UsageQueryKey>(
    { ...stripeMeterQueries.usage(runtime.reader, customerRef), ...options, select },
    runtime.queryClient,
  )
}

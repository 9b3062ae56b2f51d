import { type UseQueryOptions, type UseQueryResult, useQuery } from '@tanstack/react-query'
import { useCallback, useSyncExternalStore } from 'react'
import type { StripeMeterError, UsageResponse } from '../index.js'
import { applyLiveUsage, type LiveUsageResponse, NO_PENDING_EVENTS } from './liveUsage.js'
import { useProviderRuntime } from './StripeMeterContext.js'
import { stripeMeterKeys, type UsageQueryKey } from './stripeMeterKeys.js'

/** React Query options of `useUsage`; `select` receives the live data. */
export type UseUsageOptions<TData = LiveUsageResponse> = Omit<
  UseQueryOptions<UsageResponse, StripeMeterError, TData, UsageQueryKey>,
  'queryKey' | 'queryFn' | 'select'
> & {
  select?: (data: LiveUsageResponse) => TData
}

/**
 * The customer's usage this period (`GET /v1/usage/current`) as a React Query result, live:
 * events tracked through this provider that the server does not show yet are added to their
 * metric's `current` (sum metrics) and reported as its `pending`, until the server's total
 * includes them. Refetched after every flush that delivered events for this customer.
 */
export function useUsage<TData = LiveUsageResponse>(
  customerRef: string,
  options?: UseUsageOptions<TData>,
): UseQueryResult<TData, StripeMeterError> {
  const runtime = useProviderRuntime('useUsage')
  const pendingEvents = useSyncExternalStore(
    runtime.live.subscribe,
    () => runtime.live.getEvents(customerRef),
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
  return useQuery(
    {
      // The client retries with backoff and honours Retry-After; React Query on top would multiply it.
      retry: false,
      ...options,
      queryKey: stripeMeterKeys.usage(customerRef),
      queryFn: async () => {
        const requestStartedAtMs = Date.now()
        const usage = await runtime.client.getUsage(customerRef)
        runtime.live.observe(customerRef, usage, requestStartedAtMs)
        return usage
      },
      select,
    },
    runtime.queryClient,
  )
}

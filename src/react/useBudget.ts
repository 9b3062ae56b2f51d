import {
  type UseMutationResult,
  type UseQueryResult,
  useMutation,
  useQuery,
} from '@tanstack/react-query'
import { useMemo } from 'react'
import type { Budget, BudgetInput } from '../core/Budget.js'
import { type BudgetStatus, budgetStatus } from '../core/budgetStatus.js'
import type { CostForecast } from '../core/forecastCost.js'
import type { StripeMeterError } from '../core/StripeMeterError.js'
import { useProviderRuntime } from './StripeMeterContext.js'
import { stripeMeterKeys } from './stripeMeterKeys.js'
import { useCostForecast } from './useCostForecast.js'

export interface UseBudgetOptions {
  /** Set `false` to fetch nothing. @default true */
  enabled?: boolean
}

export interface UseBudgetResult {
  /** The customer's budget; `null` when none is set, `undefined` while loading. */
  budget: Budget | null | undefined
  /** Saves (or, with `null`, removes) the budget on the app's backend; the query updates on success. */
  setBudget: UseMutationResult<Budget | null, StripeMeterError, BudgetInput | null>
  /** The spend against the budget, once both and the cost forecast are in. */
  status: BudgetStatus | undefined
  /** The budget query itself (`isPending`, `error`, `dataUpdatedAt`, `refetch`). */
  query: UseQueryResult<Budget | null, StripeMeterError>
  /** The cost forecast the status compares with the budget. */
  forecast: UseQueryResult<CostForecast, StripeMeterError>
}

/**
 * The customer's own budget (served by `stripemeter/server` with a `budgets` store), a mutation
 * to change it, and where the spend stands: cost so far and the period-end forecast compared
 * through the pure `budgetStatus`. The forecast is fetched only once a budget exists.
 */
export function useBudget(customerRef: string, options: UseBudgetOptions = {}): UseBudgetResult {
  const { enabled = true } = options
  const runtime = useProviderRuntime('useBudget')
  const queryKey = stripeMeterKeys.budget(customerRef)
  const query = useQuery<Budget | null, StripeMeterError, Budget | null, typeof queryKey>(
    {
      queryKey,
      queryFn: () => runtime.client.getBudget(customerRef),
      // The client retries with backoff; React Query on top would multiply it.
      retry: false,
      enabled,
    },
    runtime.queryClient,
  )
  const setBudget = useMutation<Budget | null, StripeMeterError, BudgetInput | null>(
    {
      mutationFn: (budget: BudgetInput | null) => runtime.client.setBudget(customerRef, budget),
      onSuccess: (saved) => runtime.queryClient.setQueryData(queryKey, saved),
    },
    runtime.queryClient,
  )
  const budget = query.data
  const forecast = useCostForecast(customerRef, {
    enabled: enabled && budget !== undefined && budget !== null,
  })
  const costForecast = forecast.data
  const status = useMemo(
    () => (budget && costForecast ? budgetStatus(budget, costForecast) : undefined),
    [budget, costForecast],
  )
  return { budget, setBudget, status, query, forecast }
}

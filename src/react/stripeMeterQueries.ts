import {
  type QueryClient,
  type QueryKey,
  type QueryKeyWithDataTag,
  queryOptions,
  type SkipToken,
  skipToken,
  type UndefinedInitialDataOptions,
  type UnusedSkipTokenOptions,
} from '@tanstack/react-query'
import { type CostForecast, forecastCost } from '../core/forecastCost.js'
import type {
  HistoryStep,
  ProjectionPeriod,
  ProjectionResponse,
  UsageHistoryPoint,
  UsageHistoryResponse,
  UsageResponse,
} from '../core/types.js'
import { periodHistoryRange } from '../core/utcPeriod.js'
import type { StripeMeterClient, StripeMeterError } from '../index.js'
import {
  type ForecastQueryKey,
  type HistoryPeriod,
  type HistoryQueryKey,
  type ProjectionQueryKey,
  stripeMeterKeys,
  type UsageQueryKey,
} from './stripeMeterKeys.js'

/** The reads a query needs: a `StripeMeterClient`, or anything that reads like one. */
export type StripeMeterReader = Pick<
  StripeMeterClient,
  'getUsage' | 'getProjection' | 'getUsageHistory'
>

/**
 * Options a factory returns for a customer: key, function and retry policy, ready for any API.
 * No `select`: add your own when you spread them.
 */
export type StripeMeterQueryOptions<TData, TQueryKey extends QueryKey> = Omit<
  UnusedSkipTokenOptions<TData, StripeMeterError, TData, TQueryKey>,
  'select'
> &
  QueryKeyWithDataTag<TQueryKey, TData, StripeMeterError>

/** The same for `skipToken` in place of the customer: a disabled query (not for suspense). */
export type SkippableQueryOptions<TData, TQueryKey extends QueryKey> = Omit<
  UndefinedInitialDataOptions<TData, StripeMeterError, TData, TQueryKey>,
  'select'
> &
  QueryKeyWithDataTag<TQueryKey, TData, StripeMeterError>

/** A customer, or `skipToken` for "not yet": the query waits, fetching nothing. */
export type CustomerRefOrSkip = string | SkipToken

export interface ProjectionQueryInput {
  /** @default the current period */
  period?: ProjectionPeriod
}

export interface HistoryQueryInput {
  metric: string
  /** @default 'day' */
  step?: HistoryStep
  /**
   * The range to read (this period: `periodHistoryRange(usage.period.start, usage.period.end)`).
   * Without one the query waits, like `skipToken`: pass it once it is known.
   */
  period?: HistoryPeriod | undefined
}

export interface ForecastQueryInput {
  /** @default the current period */
  period?: ProjectionPeriod
  /** The moment to forecast from. @default when the forecast is computed */
  now?: Date
}

/**
 * The client retries with backoff and honours `Retry-After`; React Query retrying on top would
 * multiply the attempts, so the factories turn its retry off (pass `retry` to override).
 */
const retry = false

/** Reuse what the cache holds unless it was invalidated (a delivery made it stale). */
const UNLESS_INVALIDATED = Number.POSITIVE_INFINITY

function build<TData, TQueryKey extends QueryKey>(
  queryKey: TQueryKey,
  customerRef: CustomerRefOrSkip,
  read: (customerRef: string, context: { client: QueryClient }) => Promise<TData>,
): SkippableQueryOptions<TData, TQueryKey> {
  return queryOptions<TData, StripeMeterError, TData, TQueryKey>({
    queryKey,
    queryFn: customerRef === skipToken ? skipToken : (context) => read(customerRef, context),
    retry,
  })
}

/** The key's customer: `skipToken` is keyed as `''`, which no customer can be (1–255 characters). */
const keyed = (customerRef: CustomerRefOrSkip): string =>
  customerRef === skipToken ? '' : customerRef

function usage(
  client: StripeMeterReader,
  customerRef: string,
): StripeMeterQueryOptions<UsageResponse, UsageQueryKey>
function usage(
  client: StripeMeterReader,
  customerRef: CustomerRefOrSkip,
): SkippableQueryOptions<UsageResponse, UsageQueryKey>
function usage(client: StripeMeterReader, customerRef: CustomerRefOrSkip) {
  return build(stripeMeterKeys.usage(keyed(customerRef)), customerRef, (ref) =>
    client.getUsage(ref),
  )
}

function projection(
  client: StripeMeterReader,
  customerRef: string,
  input?: ProjectionQueryInput,
): StripeMeterQueryOptions<ProjectionResponse, ProjectionQueryKey>
function projection(
  client: StripeMeterReader,
  customerRef: CustomerRefOrSkip,
  input?: ProjectionQueryInput,
): SkippableQueryOptions<ProjectionResponse, ProjectionQueryKey>
function projection(
  client: StripeMeterReader,
  customerRef: CustomerRefOrSkip,
  { period }: ProjectionQueryInput = {},
) {
  const queryKey = stripeMeterKeys.projection(keyed(customerRef), period)
  return build(queryKey, customerRef, (ref) => client.getProjection(ref, queryKey[3]))
}

function history(
  client: StripeMeterReader,
  customerRef: string,
  input: HistoryQueryInput & { period: HistoryPeriod },
): StripeMeterQueryOptions<UsageHistoryResponse, HistoryQueryKey>
function history(
  client: StripeMeterReader,
  customerRef: CustomerRefOrSkip,
  input: HistoryQueryInput,
): SkippableQueryOptions<UsageHistoryResponse, HistoryQueryKey>
function history(
  client: StripeMeterReader,
  customerRef: CustomerRefOrSkip,
  { metric, step = 'day', period }: HistoryQueryInput,
) {
  const queryKey = stripeMeterKeys.history(keyed(customerRef), {
    metric,
    step,
    ...(period === undefined ? {} : { period }),
  })
  return build(queryKey, period === undefined ? skipToken : customerRef, (ref) =>
    client.getUsageHistory({ customerRef: ref, metric, step, ...(period as HistoryPeriod) }),
  )
}

function forecast(
  client: StripeMeterReader,
  customerRef: string,
  input?: ForecastQueryInput,
): StripeMeterQueryOptions<CostForecast, ForecastQueryKey>
function forecast(
  client: StripeMeterReader,
  customerRef: CustomerRefOrSkip,
  input?: ForecastQueryInput,
): SkippableQueryOptions<CostForecast, ForecastQueryKey>
function forecast(
  client: StripeMeterReader,
  customerRef: CustomerRefOrSkip,
  { period, now }: ForecastQueryInput = {},
) {
  const queryKey = stripeMeterKeys.forecast(keyed(customerRef), period, now)
  return build(queryKey, customerRef, async (ref, { client: queryClient }) => {
    // The projection and the histories share their cache entries with the other hooks.
    const cost = await queryClient.fetchQuery({
      ...projection(client, ref, period === undefined ? {} : { period }),
      staleTime: UNLESS_INVALIDATED,
    })
    const range = periodHistoryRange(cost.periodStart, cost.periodEnd)
    const usageByMetric: Record<string, UsageHistoryPoint[]> = {}
    await Promise.all(
      cost.lineItems.map(async ({ metric }) => {
        const options = history(client, ref, { metric, step: 'day', period: range })
        // A history that cannot be read only widens the forecast's range.
        const points = await queryClient
          .fetchQuery({ ...options, staleTime: UNLESS_INVALIDATED })
          .then(
            ({ usage: read }) => read,
            () => undefined,
          )
        if (points !== undefined) usageByMetric[metric] = points
      }),
    )
    return forecastCost({ projection: cost, history: usageByMetric, now: now ?? new Date() })
  })
}

/**
 * TanStack Query options for every StripeMeter read — key, function and retry policy together —
 * for `useQuery`, `useSuspenseQuery`, `useQueries`, `prefetchQuery` and `ensureQueryData`, on
 * the client or on the server (with a server-side `StripeMeterClient`). The hooks are spreads
 * over them. Pass `skipToken` as the customer to wait. The data is the server's: `useUsage`
 * lays live usage over it (prefetched and hydrated data too).
 *
 * ```ts
 * await queryClient.prefetchQuery(stripeMeterQueries.usage(client, 'cus_123'))
 * ```
 */
export const stripeMeterQueries = { usage, projection, history, forecast }

import {
  QueryClient,
  skipToken,
  type UseQueryResult,
  useQueries,
  useQuery,
  useSuspenseQuery,
} from '@tanstack/react-query'
import { describe, expectTypeOf, it } from 'vitest'
import type {
  CostForecast,
  LiveProjection,
  MetricAggregation,
  ProjectionResponse,
  StripeMeterClient,
  StripeMeterClientOptions,
  StripeMeterError,
  StripeMeterErrorHandler,
  UsageEvent,
  UsageHistoryResponse,
  UsageResponse,
} from '../../src/index.js'
import {
  type BufferStatus,
  type LiveMetricUsage,
  type LiveUsageResponse,
  type MetricAggregation as ReactMetricAggregation,
  type StripeMeterProviderProps,
  stripeMeterKeys,
  stripeMeterQueries,
  useBufferStatus,
  useCostForecast,
  useProjection,
  useStripeMeterClient,
  useStripeMeterLocale,
  useTrack,
  useUsage,
  useUsageHistory,
} from '../../src/react/index.js'

declare const client: StripeMeterClient

describe('stripemeter/react types', () => {
  it('useUsage: live data and StripeMeterError; select narrows', () => {
    expectTypeOf(useUsage('cus_1')).toEqualTypeOf<
      UseQueryResult<LiveUsageResponse, StripeMeterError>
    >()
    expectTypeOf<LiveMetricUsage['pending']>().toEqualTypeOf<number>()
    const names = useUsage('cus_1', { select: (usage) => usage.metrics.map((m) => m.name) })
    expectTypeOf(names.data).toEqualTypeOf<string[] | undefined>()
    expectTypeOf(names.error).toEqualTypeOf<StripeMeterError | null>()
  })

  it('one signature shape: (customerRef, { period?, …queryOptions })', () => {
    expectTypeOf(useProjection('cus_1', { period: { periodStart: new Date() } })).toEqualTypeOf<
      UseQueryResult<LiveProjection, StripeMeterError>
    >()
    // Live cost: the server's answer is kept beside the live figures.
    expectTypeOf<LiveProjection['server']>().toEqualTypeOf<ProjectionResponse>()
    const total = useProjection('cus_1', { select: (projection) => projection.pendingTotal })
    expectTypeOf(total.data).toEqualTypeOf<number | undefined>()
    expectTypeOf(
      useUsageHistory('cus_1', {
        metric: 'api_calls',
        period: { periodStart: '2026-11-01T00:00:00Z', periodEnd: new Date() },
        step: 'day',
      }),
    ).toEqualTypeOf<UseQueryResult<UsageHistoryResponse, StripeMeterError>>()
    // @ts-expect-error: step is day or month
    useUsageHistory('c', { metric: 'm', step: 'week' })
    // @ts-expect-error: a history names its metric
    useUsageHistory('c', {})
    expectTypeOf(useCostForecast('cus_1', { now: new Date(), staleTime: 1000 })).toEqualTypeOf<
      UseQueryResult<CostForecast, StripeMeterError>
    >()
    const expected = useCostForecast('cus_1', { select: (forecast) => forecast.expected })
    expectTypeOf(expected.data).toEqualTypeOf<number | undefined>()
    // skipToken in place of the customer: the query waits.
    useUsage(skipToken)
    useProjection(skipToken, { period: {} })
    useUsageHistory(skipToken, { metric: 'api_calls' })
    // Without a period a history waits.
    useUsageHistory('cus_1', { metric: 'api_calls' })
    useCostForecast(skipToken)
  })

  it('query factories work with useQuery, useSuspenseQuery, useQueries and the QueryClient', async () => {
    const usageOptions = stripeMeterQueries.usage(client, 'cus_1')
    expectTypeOf(useQuery(usageOptions).data).toEqualTypeOf<UsageResponse | undefined>()
    expectTypeOf(useSuspenseQuery(usageOptions).data).toEqualTypeOf<UsageResponse>()
    expectTypeOf(
      useSuspenseQuery(stripeMeterQueries.projection(client, 'cus_1', { period: {} })).data,
    ).toEqualTypeOf<ProjectionResponse>()
    expectTypeOf(
      useSuspenseQuery(stripeMeterQueries.forecast(client, 'cus_1')).data,
    ).toEqualTypeOf<CostForecast>()
    const [history] = useQueries({
      queries: [stripeMeterQueries.history(client, 'cus_1', { metric: 'api_calls' })],
    })
    expectTypeOf(history.data).toEqualTypeOf<UsageHistoryResponse | undefined>()
    const queryClient = new QueryClient()
    expectTypeOf(await queryClient.ensureQueryData(usageOptions)).toEqualTypeOf<UsageResponse>()
    expectTypeOf(queryClient.prefetchQuery(usageOptions)).toEqualTypeOf<Promise<void>>()
    // The key carries the data type.
    expectTypeOf(queryClient.getQueryData(usageOptions.queryKey)).toEqualTypeOf<
      UsageResponse | undefined
    >()
    // @ts-expect-error: a skipped query cannot suspend
    useSuspenseQuery(stripeMeterQueries.usage(client, skipToken))
    expectTypeOf(useQuery(stripeMeterQueries.usage(client, skipToken)).data).toEqualTypeOf<
      UsageResponse | undefined
    >()
  })

  it('useTrack, useBufferStatus, useStripeMeterClient, useStripeMeterLocale', () => {
    const track = useTrack()
    expectTypeOf(track).toEqualTypeOf<(event: UsageEvent) => void>()
    // @ts-expect-error: quantity is required
    track({ metric: 'api_calls', customerRef: 'cus_1' })
    // @ts-expect-error: tenantId is the client's, never per event
    track({ metric: 'api_calls', customerRef: 'cus_1', quantity: 1, tenantId: 't' })
    useTrack({ throwOnError: true })

    const status = useBufferStatus()
    expectTypeOf(status).toEqualTypeOf<BufferStatus>()
    expectTypeOf(status.pending).toEqualTypeOf<number>()
    expectTypeOf(status.inFlight).toEqualTypeOf<number>()
    expectTypeOf(status.lastError).toEqualTypeOf<StripeMeterError | undefined>()
    expectTypeOf(status.flush).toEqualTypeOf<() => Promise<void>>()

    expectTypeOf(useStripeMeterClient()).toEqualTypeOf<StripeMeterClient>()
    expectTypeOf(useStripeMeterLocale()).toEqualTypeOf<string | undefined>()
  })

  it('query keys are readonly tuples of plain values', () => {
    expectTypeOf(stripeMeterKeys.usage('cus_1')).toEqualTypeOf<
      readonly ['stripemeter', string, 'usage']
    >()
    expectTypeOf(stripeMeterKeys.projection('cus_1')[3]).toEqualTypeOf<{
      periodStart?: string
      periodEnd?: string
    }>()
  })

  it('the provider takes a client, or one options object for the client it makes', () => {
    expectTypeOf<{ client: StripeMeterClient }>().toExtend<StripeMeterProviderProps>()
    expectTypeOf<{
      options: { apiUrl: string; tenantId: string }
    }>().toExtend<StripeMeterProviderProps>()
    expectTypeOf<{
      client: StripeMeterClient
      options: { apiUrl: string; tenantId: string }
    }>().not.toExtend<StripeMeterProviderProps>()
    // Client options are no longer props of their own.
    expectTypeOf<{ apiUrl: string; tenantId: string }>().not.toExtend<StripeMeterProviderProps>()
    // @ts-expect-error: tenantId is required
    const missing: StripeMeterProviderProps = { options: { apiUrl: '/api/stripemeter' } }
    void missing
    // One onError signature, the client's and the provider's; MetricAggregation from the core.
    expectTypeOf<StripeMeterProviderProps['onError']>().toEqualTypeOf<
      StripeMeterErrorHandler | undefined
    >()
    expectTypeOf<StripeMeterClientOptions['onError']>().toEqualTypeOf<
      StripeMeterErrorHandler | undefined
    >()
    expectTypeOf<ReactMetricAggregation>().toEqualTypeOf<MetricAggregation>()
  })
})

import type { UseQueryResult } from '@tanstack/react-query'
import { describe, expectTypeOf, it } from 'vitest'
import type {
  ProjectionResponse,
  StripeMeterClient,
  StripeMeterError,
  UsageEvent,
  UsageHistoryResponse,
} from '../../src/index.js'
import {
  type BufferStatus,
  type LiveMetricUsage,
  type LiveUsageResponse,
  type StripeMeterProviderProps,
  stripeMeterKeys,
  useBufferStatus,
  useProjection,
  useStripeMeterClient,
  useStripeMeterLocale,
  useTrack,
  useUsage,
  useUsageHistory,
} from '../../src/react/index.js'

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

  it('useProjection and useUsageHistory', () => {
    expectTypeOf(useProjection('cus_1', { periodStart: new Date() })).toEqualTypeOf<
      UseQueryResult<ProjectionResponse, StripeMeterError>
    >()
    const total = useProjection('cus_1', {}, { select: (projection) => projection.total })
    expectTypeOf(total.data).toEqualTypeOf<number | undefined>()
    expectTypeOf(
      useUsageHistory({
        customerRef: 'cus_1',
        metric: 'api_calls',
        periodStart: '2026-11-01T00:00:00Z',
        periodEnd: new Date(),
        step: 'day',
      }),
    ).toEqualTypeOf<UseQueryResult<UsageHistoryResponse, StripeMeterError>>()
    // @ts-expect-error: step is day or month
    useUsageHistory({ customerRef: 'c', metric: 'm', periodStart: '', periodEnd: '', step: 'week' })
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

  it('the provider takes a client or client options, not both', () => {
    expectTypeOf<{ client: StripeMeterClient }>().toExtend<StripeMeterProviderProps>()
    expectTypeOf<{ apiUrl: string; tenantId: string }>().toExtend<StripeMeterProviderProps>()
    expectTypeOf<{
      client: StripeMeterClient
      apiUrl: string
      tenantId: string
    }>().not.toExtend<StripeMeterProviderProps>()
    // @ts-expect-error: tenantId is required with apiUrl
    const missing: StripeMeterProviderProps = { apiUrl: '/api/stripemeter' }
    void missing
  })
})

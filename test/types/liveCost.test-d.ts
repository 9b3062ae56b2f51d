import { describe, expectTypeOf, it } from 'vitest'
import {
  type LiveProjection,
  type LiveProjectionInput,
  liveProjection,
  type MetricPrice,
  type ProjectionResponse,
  priceUsage,
} from '../../src/index.js'

describe('live cost: public types', () => {
  it('liveProjection returns a projection with its live part and the server answer', () => {
    expectTypeOf(liveProjection).parameter(0).toEqualTypeOf<LiveProjectionInput>()
    expectTypeOf(liveProjection).returns.toEqualTypeOf<LiveProjection>()
    expectTypeOf<LiveProjection['server']>().toEqualTypeOf<ProjectionResponse>()
    expectTypeOf<LiveProjection>().toExtend<Omit<ProjectionResponse, 'lineItems'>>()
    expectTypeOf<LiveProjection['lineItems'][number]>().toExtend<
      ProjectionResponse['lineItems'][number]
    >()
  })

  it('prices are flat or graduated, the same type the emulator catalog uses', () => {
    expectTypeOf<{ unitPrice: number }>().toExtend<MetricPrice>()
    expectTypeOf<{ tiers: [{ upTo: null; unitPrice: number }] }>().toExtend<MetricPrice>()
    // @ts-expect-error a price is flat or tiered, not a bare number
    const bare: LiveProjectionInput['prices'] = { api_calls: 0.002 }
    expectTypeOf(bare).not.toBeNever()
    expectTypeOf(priceUsage).returns.toEqualTypeOf<{ unitPrice: number; total: number }>()
  })
})

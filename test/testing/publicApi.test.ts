import type { HttpHandler } from 'msw'
import { describe, expectTypeOf, test } from 'vitest'
import type { IngestEvent } from '../../src/core/types.js'
import {
  createEmulator,
  type EmulatorFault,
  type EmulatorOptions,
  type EmulatorStats,
  type RunningEmulator,
  type StripeMeterEmulator,
  startEmulator,
  stripeMeterHandlers,
} from '../../src/testing/index.js'

/** The shapes other parts of the library code against; checked by `tsc --noEmit` and at runtime. */
describe('stripemeter/testing public API', () => {
  test('createEmulator and the emulator surface', () => {
    expectTypeOf(createEmulator).parameter(0).toEqualTypeOf<EmulatorOptions | undefined>()
    expectTypeOf(createEmulator).returns.toEqualTypeOf<StripeMeterEmulator>()
    expectTypeOf<StripeMeterEmulator['tenantId']>().toEqualTypeOf<string>()
    expectTypeOf<StripeMeterEmulator['apiKey']>().toEqualTypeOf<string>()
    expectTypeOf<StripeMeterEmulator['customers']>().toEqualTypeOf<{
      readonly steady: 'cus_steady'
      readonly nearLimit: 'cus_near_limit'
      readonly overLimit: 'cus_over_limit'
      readonly new: 'cus_new'
    }>()
    expectTypeOf<StripeMeterEmulator['handle']>().returns.toEqualTypeOf<Promise<Response>>()
    expectTypeOf<StripeMeterEmulator['stats']>().returns.toEqualTypeOf<EmulatorStats>()
    expectTypeOf<StripeMeterEmulator['countedEvents']>().returns.toEqualTypeOf<IngestEvent[]>()
    expectTypeOf<EmulatorStats>().toEqualTypeOf<{
      eventsReceived: number
      eventsCounted: number
      duplicates: number
      requests: Record<string, number>
    }>()
  })

  test('options', () => {
    expectTypeOf<EmulatorOptions['seed']>().toEqualTypeOf<string | false | undefined>()
    expectTypeOf<EmulatorOptions['now']>().toEqualTypeOf<(() => Date) | undefined>()
    expectTypeOf<EmulatorOptions['rateLimit']>().toEqualTypeOf<
      { requests: number; windowMs: number } | undefined
    >()
  })

  test('adapters', () => {
    expectTypeOf(stripeMeterHandlers).returns.toEqualTypeOf<HttpHandler[]>()
    expectTypeOf(startEmulator).returns.toEqualTypeOf<Promise<RunningEmulator>>()
    expectTypeOf<RunningEmulator>().toEqualTypeOf<{
      url: string
      emulator: StripeMeterEmulator
      close(): Promise<void>
    }>()
  })

  test('faults are a discriminated union', () => {
    expectTypeOf<{ kind: 'reset' }>().toExtend<EmulatorFault>()
    expectTypeOf<{ kind: 'commitThenFail'; reset: true }>().toExtend<EmulatorFault>()
    expectTypeOf<{
      kind: 'status'
      status: 503
      headers: { 'retry-after': '1' }
    }>().toExtend<EmulatorFault>()
    expectTypeOf<{ kind: 'status' }>().not.toExtend<EmulatorFault>()
    expectTypeOf<{ kind: 'latency' }>().not.toExtend<EmulatorFault>()
  })
})

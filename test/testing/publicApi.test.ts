import { build } from 'esbuild'
import type { HttpHandler } from 'msw'
import { describe, expect, expectTypeOf, test } from 'vitest'
import type { IngestEvent } from '../../src/core/types.js'
import {
  createEmulator,
  type EmulatorFault,
  type EmulatorOptions,
  type EmulatorStats,
  type RunningEmulator,
  type StripeMeterEmulator,
  startEmulator,
} from '../../src/testing/index.js'
import { stripeMeterHandlers } from '../../src/testing/msw.js'

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

describe('msw stays optional', () => {
  /** Every package a bundle of `entry` imports, as esbuild resolves it (peers left external). */
  async function packagesImportedBy(entry: string): Promise<string[]> {
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      write: false,
      metafile: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      logLevel: 'silent',
    })
    const imports = Object.values(result.metafile.inputs).flatMap((input) => input.imports)
    return [...new Set(imports.filter((item) => item.external).map((item) => item.path))]
  }

  test('stripemeter/testing imports no msw; stripemeter/testing/msw does', async () => {
    const testing = await packagesImportedBy('src/testing/index.ts')
    expect(testing.filter((path) => path.startsWith('msw'))).toEqual([])
    expect(await packagesImportedBy('src/testing/msw.ts')).toContain('msw')
  })
})

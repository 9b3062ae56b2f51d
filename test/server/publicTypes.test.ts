import type { IncomingMessage, ServerResponse } from 'node:http'
import { expectTypeOf, it } from 'vitest'
import {
  createStripeMeterHandler,
  getNodeRequest,
  type IdentifyCustomer,
  type StripeMeterHandler,
  type StripeMeterHandlerOptions,
  toNodeHandler,
} from '../../src/server/index.js'

// Checked by `tsc --noEmit` (this file is in the type-checked tree); at run time a no-op.
it('exposes the public types of stripemeter/server', () => {
  expectTypeOf(createStripeMeterHandler).parameter(0).toEqualTypeOf<StripeMeterHandlerOptions>()
  expectTypeOf(createStripeMeterHandler).returns.toEqualTypeOf<StripeMeterHandler>()
  expectTypeOf<StripeMeterHandler>().toEqualTypeOf<(request: Request) => Promise<Response>>()

  expectTypeOf<IdentifyCustomer>().toBeCallableWith(new Request('http://x/'))
  expectTypeOf<(request: Request) => string>().toExtend<IdentifyCustomer>()
  expectTypeOf<(request: Request) => Promise<string | null>>().toExtend<IdentifyCustomer>()
  expectTypeOf<(request: Request) => number>().not.toExtend<IdentifyCustomer>()

  expectTypeOf<StripeMeterHandlerOptions['allowMetrics']>().toEqualTypeOf<
    readonly string[] | undefined
  >()
  expectTypeOf<NonNullable<StripeMeterHandlerOptions['limits']>>().toEqualTypeOf<{
    eventsPerRequest?: number
    eventsPerMinute?: number
  }>()

  const listener = toNodeHandler(async () => new Response(null))
  expectTypeOf(listener).toBeCallableWith({} as IncomingMessage, {} as ServerResponse)
  expectTypeOf(listener).toBeCallableWith({} as IncomingMessage, {} as ServerResponse, () => {})
  expectTypeOf(getNodeRequest).returns.toEqualTypeOf<IncomingMessage | undefined>()
})

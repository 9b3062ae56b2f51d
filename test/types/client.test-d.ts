import { describe, expectTypeOf, it } from 'vitest'
import {
  type ClientState,
  createClient,
  type EventLifecycle,
  type EventLifecycleListener,
  type IngestResult,
  isStripeMeterError,
  type KeyedIngestEvent,
  type ProjectionResponse,
  StripeMeterClient,
  type StripeMeterClientOptions,
  type StripeMeterError,
  type StripeMeterErrorCode,
  type UsageEvent,
  type UsageHistoryResponse,
  type UsageResponse,
} from '../../src/index.js'

declare const client: StripeMeterClient

describe('the public client API', () => {
  it('constructs from options with apiUrl and tenantId required', () => {
    expectTypeOf(createClient).parameter(0).toEqualTypeOf<StripeMeterClientOptions>()
    expectTypeOf(createClient).returns.toEqualTypeOf<StripeMeterClient>()
    // @ts-expect-error tenantId is required
    new StripeMeterClient({ apiUrl: 'https://api.stripemeter.io' })
    // @ts-expect-error apiUrl is required
    new StripeMeterClient({ tenantId: 't' })
    new StripeMeterClient({
      apiUrl: 'https://api.stripemeter.io',
      tenantId: 't',
      headers: async () => ({ authorization: 'Bearer short-lived' }),
      onError: (error, events) => {
        expectTypeOf(error).toEqualTypeOf<StripeMeterError>()
        expectTypeOf(events).toEqualTypeOf<readonly UsageEvent[]>()
      },
    })
  })

  it('records usage', () => {
    expectTypeOf(client.buffer).parameter(0).toEqualTypeOf<UsageEvent>()
    expectTypeOf(client.buffer).returns.toEqualTypeOf<KeyedIngestEvent>()
    expectTypeOf<KeyedIngestEvent['idempotencyKey']>().toEqualTypeOf<string>()
    expectTypeOf(client.track).returns.toEqualTypeOf<Promise<IngestResult>>()
    expectTypeOf(client.trackBatch).parameter(0).toEqualTypeOf<readonly UsageEvent[]>()
    expectTypeOf(client.trackBatch).returns.toEqualTypeOf<Promise<IngestResult>>()
    expectTypeOf(client.flush).returns.toEqualTypeOf<Promise<void>>()
    expectTypeOf(client.close).returns.toEqualTypeOf<Promise<void>>()
    // @ts-expect-error the tenant is the client's, never an event's
    client.buffer({ metric: 'm', customerRef: 'c', quantity: 1, tenantId: 'other' })
    // @ts-expect-error quantity is a number
    client.buffer({ metric: 'm', customerRef: 'c', quantity: '5' })
  })

  it('reads usage', () => {
    expectTypeOf(client.getUsage).returns.toEqualTypeOf<Promise<UsageResponse>>()
    expectTypeOf(client.getProjection).returns.toEqualTypeOf<Promise<ProjectionResponse>>()
    expectTypeOf(client.getUsageHistory).returns.toEqualTypeOf<Promise<UsageHistoryResponse>>()
    client.getUsageHistory({
      customerRef: 'c',
      metric: 'm',
      periodStart: '',
      periodEnd: '',
      // @ts-expect-error step is 'day' or 'month'
      step: 'week',
    })
  })

  it('exposes state for useSyncExternalStore and delivery listeners', () => {
    expectTypeOf(client.getState).returns.toEqualTypeOf<ClientState>()
    expectTypeOf<ClientState['lastError']>().toEqualTypeOf<StripeMeterError | undefined>()
    expectTypeOf<ClientState['lastFlushAt']>().toEqualTypeOf<Date | undefined>()
    expectTypeOf(client.subscribe).returns.toEqualTypeOf<() => void>()
    expectTypeOf(client.onLifecycle).parameter(0).toEqualTypeOf<EventLifecycleListener>()
    expectTypeOf(client.onLifecycle).returns.toEqualTypeOf<() => void>()
    client.onLifecycle((step) => {
      expectTypeOf(step.type).toEqualTypeOf<'buffered' | 'sent' | 'settled' | 'failed'>()
      if (step.type === 'buffered') expectTypeOf(step.event).toEqualTypeOf<KeyedIngestEvent>()
      if (step.type === 'sent')
        expectTypeOf(step.events).toEqualTypeOf<readonly KeyedIngestEvent[]>()
      if (step.type === 'settled') {
        expectTypeOf(step.status).toEqualTypeOf<'accepted' | 'duplicate' | 'rejected'>()
        // @ts-expect-error: only a refusal carries an error
        step.error
        if (step.status === 'rejected') expectTypeOf(step.error).toEqualTypeOf<StripeMeterError>()
      }
      if (step.type === 'failed') expectTypeOf(step.error).toEqualTypeOf<StripeMeterError>()
    })
    expectTypeOf<EventLifecycle>().toHaveProperty('type')
    // The snapshot is read-only: nothing outside the client writes it.
    // @ts-expect-error: closed is readonly
    client.getState().closed = true
  })

  it('narrows errors', () => {
    const error: unknown = new Error('x')
    if (isStripeMeterError(error)) {
      expectTypeOf(error.code).toEqualTypeOf<StripeMeterErrorCode>()
      expectTypeOf(error.statusCode).toEqualTypeOf<number>()
      expectTypeOf(error.requestId).toEqualTypeOf<string | undefined>()
    }
  })
})

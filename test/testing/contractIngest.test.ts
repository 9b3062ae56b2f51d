import { afterEach, describe, expect, test } from 'vitest'
import type { EmulatorOptions } from '../../src/testing/index.js'
import { apiClient, emulatorTargets, type RunningTarget } from './emulatorTargets.js'

const NOW = new Date('2026-11-26T10:15:00.000Z')
const INGEST = '/v1/events/ingest'

describe.each(emulatorTargets)('POST /v1/events/ingest through the $name', (target) => {
  let running: RunningTarget | undefined
  afterEach(async () => {
    await running?.close()
    running = undefined
  })
  async function start(options: EmulatorOptions = {}) {
    running = await target.start({ seed: false, now: () => NOW, ...options })
    const { emulator } = running
    const event = (overrides: Record<string, unknown> = {}) => ({
      tenantId: emulator.tenantId,
      metric: 'api_calls',
      customerRef: 'cus_1',
      quantity: 1,
      ts: '2026-11-26T10:00:00.000Z',
      ...overrides,
    })
    return { emulator, api: apiClient(running), event }
  }

  test('accepts a batch, answers a result per event and counts them with ts kept to the second', async () => {
    const { api, event, emulator } = await start()
    const response = await api.post(INGEST, {
      events: [
        event({ idempotencyKey: 'evt_a', ts: '2026-11-26T10:00:00.987Z', resourceId: 'r1' }),
        event({ idempotencyKey: 'evt_b', quantity: 2.5, meta: { plan: 'pro' }, source: 'http' }),
      ],
    })
    expect(response.status).toBe(200)
    expect(response.body).toEqual({
      accepted: 2,
      duplicates: 0,
      requestId: response.headers.get('x-request-id'),
      results: [
        { idempotencyKey: 'evt_a', status: 'accepted' },
        { idempotencyKey: 'evt_b', status: 'accepted' },
      ],
    })
    expect(emulator.countedEvents()).toEqual([
      {
        tenantId: emulator.tenantId,
        metric: 'api_calls',
        customerRef: 'cus_1',
        resourceId: 'r1',
        quantity: 1,
        ts: '2026-11-26T10:00:00.000Z',
        idempotencyKey: 'evt_a',
      },
      {
        tenantId: emulator.tenantId,
        metric: 'api_calls',
        customerRef: 'cus_1',
        quantity: 2.5,
        ts: '2026-11-26T10:00:00.000Z',
        meta: { plan: 'pro' },
        idempotencyKey: 'evt_b',
        source: 'http',
      },
    ])
  })

  test('numbers issues in the order found, not by event, with zod messages', async () => {
    const { api, event } = await start()
    const response = await api.post(INGEST, {
      events: [
        event({ quantity: -1 }),
        event({ metric: '', customerRef: 42, ts: '2026-11-26', source: 'cron' }),
        event({ quantity: 'abc', meta: [1], idempotencyKey: 'k'.repeat(256) }),
      ],
    })
    expect(response.status).toBe(400)
    expect(response.body.errors).toEqual([
      { index: 0, error: 'Number must be greater than 0' },
      { index: 1, error: 'String must contain at least 1 character(s)' },
      { index: 2, error: 'Expected string, received number' },
      { index: 3, error: 'Invalid datetime' },
      {
        index: 4,
        error:
          "Invalid enum value. Expected 'sdk' | 'http' | 'etl' | 'import' | 'system', received 'cron'",
      },
      { index: 5, error: 'String must contain at most 255 character(s)' },
      { index: 6, error: 'Expected number, received nan' },
      { index: 7, error: 'Expected object, received array' },
    ])
  })

  test('refuses a body without events, with an empty batch or with a missing field', async () => {
    const { api, event } = await start()
    const missing = await api.post(INGEST, { items: [] })
    expect(missing.status).toBe(400)
    expect(missing.body.errors).toEqual([{ index: 0, error: 'Required' }])
    const empty = await api.post(INGEST, { events: [] })
    expect(empty.body.errors).toEqual([
      { index: 0, error: 'Array must contain at least 1 element(s)' },
    ])
    const { customerRef: _omitted, ...withoutCustomer } = event()
    const noCustomer = await api.post(INGEST, { events: [withoutCustomer] })
    expect(noCustomer.body.errors).toEqual([{ index: 0, error: 'Required' }])
  })

  test('refuses more than 1000 events with "Batch too large" at index -1', async () => {
    const { api, event } = await start()
    const events = Array.from({ length: 1200 }, (_, index) =>
      event({ idempotencyKey: `k${index}` }),
    )
    const response = await api.post(INGEST, { events })
    expect(response.status).toBe(400)
    expect(response.body).toMatchObject({
      accepted: 0,
      duplicates: 0,
      errors: [{ index: -1, error: 'Batch too large: 1200 > 1000' }],
    })
    const full = await api.post(INGEST, { events: events.slice(0, 1000) })
    expect(full.body.accepted).toBe(1000)
  })

  test('answers 413 past the 1 MiB body limit', async () => {
    const { api, event } = await start()
    const padding = 'x'.repeat(4000)
    const events = Array.from({ length: 300 }, (_, index) =>
      event({ idempotencyKey: `k${index}`, resourceId: padding.slice(0, 255), meta: { padding } }),
    )
    const response = await api.post(INGEST, { events })
    expect(response.status).toBe(413)
    expect(response.body).toEqual({
      error: 'Payload Too Large',
      message: 'Request body is too large: the limit is 1048576 bytes',
    })
  })

  test('answers the request-shape 400 for malformed JSON and 415 for another content type', async () => {
    const { api } = await start()
    const malformed = await api.post(INGEST, '{"events": [')
    expect(malformed.status).toBe(400)
    expect(malformed.body).toEqual({
      error: 'Error',
      message: "Body is not valid JSON but content-type is set to 'application/json'",
    })
    const text = await api.post(INGEST, 'events', { 'content-type': 'text/plain' })
    expect(text.status).toBe(415)
    expect(text.body.error).toBe('Unsupported Media Type')
  })

  test('refuses single events (ts over 1 h ahead, meta over 4096 bytes) inside a 200', async () => {
    const { api, event, emulator } = await start()
    const response = await api.post(INGEST, {
      events: [
        event({ idempotencyKey: 'evt_a' }),
        event({ idempotencyKey: 'evt_future', ts: '2026-11-26T11:15:01.000Z' }),
        event({ idempotencyKey: 'evt_meta', meta: { blob: 'x'.repeat(4100) } }),
        event({ idempotencyKey: 'evt_soon', ts: '2026-11-26T11:15:00.000Z' }),
      ],
    })
    expect(response.status).toBe(200)
    expect(response.body.accepted).toBe(2)
    expect(response.body.results).toEqual([
      { idempotencyKey: 'evt_a', status: 'accepted' },
      {
        idempotencyKey: 'evt_future',
        status: 'error',
        error: 'Event timestamp too far in the future',
      },
      {
        idempotencyKey: 'evt_meta',
        status: 'error',
        error: 'Event metadata too large: 4111 bytes > 4096',
      },
      { idempotencyKey: 'evt_soon', status: 'accepted' },
    ])
    expect(response.body.errors).toEqual([
      { index: 1, error: 'Event timestamp too far in the future' },
      { index: 2, error: 'Event metadata too large: 4111 bytes > 4096' },
    ])
    expect(emulator.countedEvents().map((counted) => counted.idempotencyKey)).toEqual([
      'evt_a',
      'evt_soon',
    ])
  })

  test('counts an event key once, within a batch, across requests and across tenants', async () => {
    const { api, event, emulator } = await start()
    const first = await api.post(INGEST, {
      events: [event({ idempotencyKey: 'evt_1' }), event({ idempotencyKey: 'evt_1', quantity: 9 })],
    })
    expect(first.body).toMatchObject({ accepted: 1, duplicates: 1 })
    expect(first.body.results[1]).toEqual({ idempotencyKey: 'evt_1', status: 'duplicate' })
    const retry = await api.post(INGEST, { events: [event({ idempotencyKey: 'evt_1' })] })
    expect(retry.body).toMatchObject({ accepted: 0, duplicates: 1 })

    const otherTenant = '00000000-0000-4000-8000-000000000002'
    emulator.addApiKey('smk_other.secret', otherTenant)
    const other = await apiClient(running as RunningTarget, 'smk_other.secret').post(INGEST, {
      events: [event({ tenantId: otherTenant, customerRef: 'cus_x', idempotencyKey: 'evt_1' })],
    })
    expect(other.body).toMatchObject({ accepted: 0, duplicates: 1 })
    expect(emulator.stats()).toMatchObject({ eventsReceived: 4, eventsCounted: 1, duplicates: 3 })
  })

  test('applies the Idempotency-Key header to every keyless event; an event key wins', async () => {
    const { api, event } = await start()
    const response = await api.post(
      INGEST,
      {
        events: [
          event({ quantity: 1 }),
          event({ quantity: 2, customerRef: 'cus_2' }),
          event({ idempotencyKey: 'own' }),
        ],
      },
      { 'idempotency-key': 'batch-1' },
    )
    expect(response.body.results).toEqual([
      { idempotencyKey: 'batch-1', status: 'accepted' },
      { idempotencyKey: 'batch-1', status: 'duplicate' },
      { idempotencyKey: 'own', status: 'accepted' },
    ])
  })

  test('derives a key from tenant, metric, customer, resource and ts to the second, ignoring quantity', async () => {
    const { api, event } = await start()
    const response = await api.post(INGEST, {
      events: [
        event({ quantity: 1, ts: '2026-11-26T10:00:00.100Z' }),
        event({ quantity: 7, ts: '2026-11-26T10:00:00.900Z' }),
        event({ quantity: 7, ts: '2026-11-26T10:00:00.900Z', resourceId: 'r2' }),
        event({ quantity: 7, ts: '2026-11-26T10:00:01.000Z' }),
      ],
    })
    expect(response.body.results.map((result: { status: string }) => result.status)).toEqual([
      'accepted',
      'duplicate',
      'accepted',
      'accepted',
    ])
    expect(response.body.results[0].idempotencyKey).toBe(response.body.results[1].idempotencyKey)
  })

  test('forgets a key after 24 hours', async () => {
    let clock = NOW.getTime()
    const { api, event } = await start({ now: () => new Date(clock) })
    const key = { idempotencyKey: 'evt_day' }
    expect((await api.post(INGEST, { events: [event(key)] })).body.accepted).toBe(1)
    clock += 24 * 60 * 60 * 1000 - 1
    expect((await api.post(INGEST, { events: [event(key)] })).body.duplicates).toBe(1)
    clock += 1
    expect((await api.post(INGEST, { events: [event(key)] })).body.accepted).toBe(1)
  })

  test('without auth accepts any UUID tenant, and fails a non-UUID tenant with a 500 like PostgreSQL', async () => {
    const { event } = await start({ auth: false })
    const api = apiClient(running as RunningTarget, null)
    const uuid = await api.post(INGEST, {
      events: [event({ tenantId: '11111111-2222-4333-8444-555555555555' })],
    })
    expect(uuid.body.accepted).toBe(1)
    const slug = await api.post(INGEST, { events: [event({ tenantId: 'acme' })] })
    expect(slug.status).toBe(500)
    expect(slug.body).toEqual({
      error: 'Internal Server Error',
      message: 'invalid input syntax for type uuid: "acme"',
    })
  })

  describe.each(['demo', 'stripemeter'] as const)("shared by both profiles: '%s'", (profile) => {
    test('refuses the whole batch on a schema issue with the real 400 body', async () => {
      const { api, event, emulator } = await start({ profile })
      const response = await api.post(
        INGEST,
        { events: [event({ idempotencyKey: 'ok' }), event({ quantity: 0 })] },
        { 'x-request-id': 'req-mine' },
      )
      expect(response.status).toBe(400)
      expect(response.body).toEqual({
        accepted: 0,
        duplicates: 0,
        requestId: 'req-mine',
        errors: [{ index: 0, error: 'Number must be greater than 0' }],
      })
      expect(emulator.countedEvents()).toEqual([])
    })

    test('coerces a numeric string quantity like the real server', async () => {
      const { api, event, emulator } = await start({ profile })
      const response = await api.post(INGEST, {
        events: [event({ quantity: '5', idempotencyKey: 'q' })],
      })
      expect(response.body.accepted).toBe(1)
      expect(emulator.countedEvents()[0]?.quantity).toBe(5)
    })

    test('refuses events for another tenant than the key with 403', async () => {
      const { api, event, emulator } = await start({ profile })
      const response = await api.post(INGEST, {
        events: [event(), event({ tenantId: '00000000-0000-4000-8000-00000000dead' })],
      })
      expect(response.status).toBe(403)
      expect(response.body).toEqual({ error: 'Mismatched tenantId in events' })
      expect(emulator.countedEvents()).toEqual([])
    })
  })
})

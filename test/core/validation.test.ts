import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { StripeMeterClient } from '../../src/core/StripeMeterClient.js'
import type { StripeMeterClientOptions } from '../../src/core/StripeMeterClientOptions.js'
import type { UsageEvent } from '../../src/core/types.js'
import { type LoopbackServer, startLoopbackServer } from './loopbackServer.js'

let server: LoopbackServer
beforeAll(async () => {
  server = await startLoopbackServer()
})
afterAll(() => server.close())

const valid: UsageEvent = { metric: 'api_calls', customerRef: 'cus_ABC123', quantity: 1 }
const inTwoHours = new Date(Date.now() + 2 * 3_600_000)
const circular: Record<string, unknown> = {}
circular.self = circular

/** [what is wrong, the event, the field the message must name, a fragment of the value shown] */
const badEvents: [string, unknown, string, string][] = [
  ['not an object', 'api_calls', 'event', '"api_calls"'],
  ['null', null, 'event', 'null'],
  ['empty metric', { ...valid, metric: '' }, 'metric', '""'],
  ['metric over 100 chars', { ...valid, metric: 'm'.repeat(101) }, 'metric', '(101 chars)'],
  ['metric not a string', { ...valid, metric: 42 }, 'metric', '42'],
  ['empty customerRef', { ...valid, customerRef: '' }, 'customerRef', '""'],
  [
    'customerRef over 255 chars',
    { ...valid, customerRef: 'c'.repeat(256) },
    'customerRef',
    '(256 chars)',
  ],
  ['quantity 0', { ...valid, quantity: 0 }, 'quantity', '0'],
  ['negative quantity', { ...valid, quantity: -5 }, 'quantity', '-5'],
  ['NaN quantity', { ...valid, quantity: Number.NaN }, 'quantity', 'NaN'],
  ['infinite quantity', { ...valid, quantity: Number.POSITIVE_INFINITY }, 'quantity', 'Infinity'],
  ['numeric string quantity', { ...valid, quantity: '5' }, 'quantity', '"5"'],
  ['unparsable ts', { ...valid, ts: 'yesterday' }, 'ts', '"yesterday"'],
  ['ts without a zone', { ...valid, ts: '2026-11-26T10:00:00' }, 'ts', '2026-11-26T10:00:00'],
  ['invalid Date', { ...valid, ts: new Date('nope') }, 'ts', 'Invalid Date'],
  ['ts over 1 h ahead', { ...valid, ts: inTwoHours }, 'ts', inTwoHours.toISOString()],
  ['meta an array', { ...valid, meta: [1, 2] }, 'meta', 'an array of 2'],
  ['meta not JSON-serialisable', { ...valid, meta: circular }, 'meta', 'circular'],
  ['meta with a BigInt', { ...valid, meta: { n: 1n } }, 'meta', 'BigInt'],
  ['meta over 4096 bytes', { ...valid, meta: { text: 'é'.repeat(2045) } }, 'meta', '4101 bytes'],
  [
    'resourceId over 255 chars',
    { ...valid, resourceId: 'r'.repeat(256) },
    'resourceId',
    '(256 chars)',
  ],
  ['empty idempotencyKey', { ...valid, idempotencyKey: '' }, 'idempotencyKey', '""'],
  [
    'idempotencyKey over 255',
    { ...valid, idempotencyKey: 'k'.repeat(256) },
    'idempotencyKey',
    '(256 chars)',
  ],
  ['unknown source', { ...valid, source: 'cron' }, 'source', '"cron"'],
  // What the server's database cannot store: it fails the whole batch with a 500.
  ['quantity 1e14', { ...valid, quantity: 1e14 }, 'quantity', '100000000000000'],
  ['quantity 1e20', { ...valid, quantity: 1e20 }, 'quantity', '100000000000000000000'],
  ['quantity below 0.000001', { ...valid, quantity: 0.0000009 }, 'quantity', '9e-7'],
  ['U+0000 in metric', { ...valid, metric: 'api\u0000calls' }, 'metric', '"api\\u0000calls"'],
  ['U+0000 in customerRef', { ...valid, customerRef: 'cus\u0000' }, 'customerRef', '\\u0000'],
  ['U+0000 in resourceId', { ...valid, resourceId: '\u0000' }, 'resourceId', '\\u0000'],
  [
    'U+0000 in idempotencyKey',
    { ...valid, idempotencyKey: 'k\u0000' },
    'idempotencyKey',
    '\\u0000',
  ],
  ['U+0000 in a meta string', { ...valid, meta: { note: 'a\u0000b' } }, 'meta.note', '\\u0000'],
  [
    'U+0000 deep in meta',
    { ...valid, meta: { a: { list: ['fine', { deep: 'x\u0000' }] } } },
    'meta.a.list[1].deep',
    '"x\\u0000"',
  ],
  ['U+0000 in a meta key', { ...valid, meta: { 'k\u0000': 1 } }, 'meta key', '"k\\u0000"'],
]

describe('event validation (the server rules, before anything is queued or sent)', () => {
  const client = () =>
    new StripeMeterClient({ apiUrl: server.url, tenantId: 'tenant_test', flushInterval: 0 })

  it.each(badEvents)(
    'buffer(): %s → validation_error, nothing queued',
    (_, event, field, shown) => {
      const target = client()
      let caught: unknown
      try {
        target.buffer(event as UsageEvent)
      } catch (error) {
        caught = error
      }
      expect(caught).toMatchObject({
        name: 'StripeMeterError',
        code: 'validation_error',
        statusCode: 0,
      })
      const message = (caught as Error).message
      expect(message.startsWith(`${field} `)).toBe(true)
      expect(message).toContain(shown)
      expect(target.getState().pending).toBe(0)
    },
  )

  it.each(badEvents)(
    'track() and trackBatch(): %s → validation_error, no request',
    async (_, event, field) => {
      const target = client()
      const before = server.requests.length
      await expect(target.track(event as UsageEvent)).rejects.toMatchObject({
        code: 'validation_error',
      })
      await expect(target.trackBatch([valid, valid, event as UsageEvent])).rejects.toMatchObject({
        code: 'validation_error',
        message: expect.stringMatching(
          new RegExp(
            `^events\\[2\\]\\.?${field === 'event' ? '' : field.replace(/[.[\]]/g, '\\$&')}`,
          ),
        ),
      })
      expect(server.requests.length).toBe(before)
    },
  )

  it('accepts the edges of every rule and normalises ts to UTC ISO', () => {
    const target = client()
    const event = target.buffer({
      metric: 'm'.repeat(100),
      customerRef: 'c'.repeat(255),
      quantity: 0.000001,
      ts: '2026-01-01T12:00:00+02:00',
      meta: { text: 'x'.repeat(4085) },
      resourceId: '',
      idempotencyKey: 'k'.repeat(255),
      source: 'etl',
    })
    expect(event.ts).toBe('2026-01-01T10:00:00.000Z')
    expect(event.tenantId).toBe('tenant_test')
    expect(JSON.stringify(event.meta).length).toBe(4096)
    expect(target.buffer({ ...valid, quantity: 99_999_999_999_999 }).quantity).toBe(
      99_999_999_999_999,
    )
  })

  it('accepts a backslash followed by "u0000" in meta: only the character U+0000 is refused', () => {
    const event = client().buffer({ ...valid, meta: { path: 'C:\\u0000', nested: ['\\u0000'] } })
    expect(event.meta).toEqual({ path: 'C:\\u0000', nested: ['\\u0000'] })
  })

  it('fills ts and a random UUID key, and never lets an event override the tenant', () => {
    const target = client()
    const event = target.buffer({ ...valid, tenantId: 'someone_else' } as UsageEvent)
    expect(event.tenantId).toBe('tenant_test')
    expect(event.idempotencyKey).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    )
    expect(Date.parse(event.ts)).toBeLessThanOrEqual(Date.now())
  })

  it('snapshots meta: changing the object after buffer() changes nothing', () => {
    const target = client()
    const meta = { endpoint: '/v1/search' }
    const event = target.buffer({ ...valid, meta })
    meta.endpoint = 'x'.repeat(5000)
    expect(event.meta).toEqual({ endpoint: '/v1/search' })
  })

  it('trackBatch() with no events sends nothing', async () => {
    const before = server.requests.length
    await expect(client().trackBatch([])).resolves.toMatchObject({ accepted: 0, results: [] })
    await expect(client().trackBatch('x' as unknown as UsageEvent[])).rejects.toMatchObject({
      code: 'validation_error',
    })
    expect(server.requests.length).toBe(before)
  })
})

describe('options validation', () => {
  const base: StripeMeterClientOptions = { apiUrl: 'https://api.stripemeter.io', tenantId: 't' }
  const badOptions: [string, Partial<Record<keyof StripeMeterClientOptions, unknown>>, string][] = [
    ['apiUrl not a URL', { apiUrl: 'not a url' }, 'apiUrl'],
    ['apiUrl empty', { apiUrl: '' }, 'apiUrl'],
    ['apiUrl not http(s)', { apiUrl: 'ftp://example.com' }, 'apiUrl'],
    ['apiUrl missing', { apiUrl: undefined }, 'apiUrl'],
    ['tenantId empty', { tenantId: '' }, 'tenantId'],
    ['apiKey empty', { apiKey: '' }, 'apiKey'],
    ['timeout 0', { timeout: 0 }, 'timeout'],
    ['timeout fractional', { timeout: 1.5 }, 'timeout'],
    ['timeout over the timer limit', { timeout: 2 ** 31 }, 'timeout'],
    ['retryAttempts negative', { retryAttempts: -1 }, 'retryAttempts'],
    ['batchSize 0', { batchSize: 0 }, 'batchSize'],
    ['batchSize above maxQueueSize', { batchSize: 20, maxQueueSize: 10 }, 'batchSize'],
    ['maxQueueSize 0', { maxQueueSize: 0 }, 'maxQueueSize'],
    ['flushInterval negative', { flushInterval: -1 }, 'flushInterval'],
    ['flushInterval a string', { flushInterval: '5s' }, 'flushInterval'],
    ['headers a string', { headers: 'x' }, 'headers'],
    ['fetch not a function', { fetch: {} }, 'fetch'],
    ['onError not a function', { onError: 'log' }, 'onError'],
  ]

  it.each(badOptions)('%s → validation_error naming the option', (_, override, field) => {
    expect(
      () => new StripeMeterClient({ ...base, ...override } as StripeMeterClientOptions),
    ).toThrow(
      expect.objectContaining({
        code: 'validation_error',
        message: expect.stringMatching(new RegExp(`^${field} `)),
      }),
    )
  })

  it('accepts a trailing slash and a base path', async () => {
    const target = new StripeMeterClient({
      apiUrl: `${server.url}/base/`,
      tenantId: 't',
      flushInterval: 0,
    })
    server.script(() => ({ json: { customerRef: 'c', period: { start: 'a', end: 'b' } } }))
    await target.getUsage('c')
    expect(server.requests.at(-1)?.url).toBe('/base/v1/usage/current?tenantId=t&customerRef=c')
  })
})

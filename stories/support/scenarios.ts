/**
 * The emulator set-ups behind the data-bound stories, one per state a widget must draw. Each is
 * a `parameters.stripemeter` value: the emulator answers every widget's real requests, with
 * scripted faults or extra usage where a state needs them.
 */
import type { StoryEmulatorParameters } from '../../.storybook/storyEmulator'
import type { UsageEvent } from '../../src/core/types'
import { demoCustomers } from '../../src/testing/demoData'
import { demoCatalog, type MetricDefinition } from '../../src/testing/metricCatalog'
import type { StripeMeterEmulator } from '../../src/testing/StripeMeterEmulator'

export const customers = demoCustomers

/** Long enough to look at a skeleton, short of any timer limit. */
const ONE_HOUR_MS = 3_600_000

/** Every request hangs for an hour (and the client waits for it): the loading skeleton. */
export const slowServer: StoryEmulatorParameters = {
  setup: (emulator) => void emulator.faults.always('*', { kind: 'latency', delayMs: ONE_HOUR_MS }),
  client: { timeout: ONE_HOUR_MS },
}

/**
 * Every read answers 503 until the faults are cleared: the error state with its retry button.
 * The client makes no retries of its own here, so the error shows at once rather than after
 * its back-off of about two seconds.
 */
export const failingServer: StoryEmulatorParameters = {
  setup: (emulator) => {
    for (const route of ['usage', 'projection', 'history'] as const) {
      emulator.faults.always(route, {
        kind: 'status',
        status: 503,
        body: { error: 'Service Unavailable', message: 'The usage database is not reachable' },
      })
    }
  },
  client: { retryAttempts: 0 },
}

/**
 * Numbers first, then a refresh the play function makes fail: the stale notice. As with
 * `failingServer`, the client does not retry, so the notice shows at once instead of after its
 * back-off.
 */
export const failsOnRefresh: StoryEmulatorParameters = { client: { retryAttempts: 0 } }

/** Prices and projections in euros, numbers and dates in German. */
export const euro: StoryEmulatorParameters = { emulator: { currency: 'EUR' }, locale: 'de-DE' }

/** Prices and projections in yen (no minor unit), numbers and dates in Japanese. */
export const yen: StoryEmulatorParameters = { emulator: { currency: 'JPY' }, locale: 'ja-JP' }

/**
 * What the real server sends today: no `limit` on any metric and `unit: "unit"`. A widget must
 * show the values alone and never invent a limit.
 */
export const noLimits: StoryEmulatorParameters = {
  emulator: {
    catalog: demoCatalog('USD').map(({ limit: _limit, ...metric }) => ({
      ...metric,
      unit: 'unit',
    })),
  },
}

/**
 * The real StripeMeter server as seen on its second run (the emulator's `stripemeter` profile):
 * no limits, every unit `"unit"`, unit prices 0 (pricing is a placeholder there), and a line
 * item only for metrics with a price mapping — here API calls and storage; the others are used
 * but not billed.
 */
export const realStripeMeter: StoryEmulatorParameters = {
  emulator: { profile: 'stripemeter', priceMappings: ['api_calls', 'storage_gb'] },
}

/** Metrics beyond the demo catalog, with this month's usage of `cus_steady`: twelve in all. */
const extraMetrics = [
  { name: 'emails_sent', unit: 'emails', limit: 20_000, unitPrice: 0.0008, used: 14_250 },
  { name: 'sms_sent', unit: 'messages', limit: 2_000, unitPrice: 0.0075, used: 2_310 },
  { name: 'builds', unit: 'builds', limit: 500, unitPrice: 0.05, used: 120 },
  { name: 'build_minutes', unit: 'min', limit: 6_000, unitPrice: 0.008, used: 5_120 },
  { name: 'webhooks', unit: 'calls', limit: undefined, unitPrice: 0.0001, used: 48_900 },
  { name: 'functions_gb_s', unit: 'GB-s', limit: 400_000, unitPrice: 0.0000166, used: 310_000 },
  { name: 'image_transforms', unit: 'images', limit: 5_000, unitPrice: 0.001, used: 820 },
] as const

/** Twelve metrics for one customer (`cus_steady`): long lists, wrapping legends, a tall chart. */
export const manyMetrics: StoryEmulatorParameters = {
  emulator: {
    catalog: [
      ...demoCatalog('USD'),
      ...extraMetrics.map(
        ({ name, unit, limit, unitPrice }): MetricDefinition => ({
          name,
          label: name,
          aggregation: 'sum',
          unit,
          ...(limit === undefined ? {} : { limit }),
          price: { unitPrice },
        }),
      ),
    ],
  },
  setup: (emulator) =>
    ingest(
      emulator,
      extraMetrics.map(({ name, used }) => ({
        metric: name,
        customerRef: customers.steady,
        quantity: used,
      })),
    ),
}

/** The customer of `largeNumbers`: not in the demo data, so its numbers are all its own. */
export const platformCustomer = 'cus_platform'

/**
 * A customer at platform scale (`platformCustomer`): billions of calls a day, petabytes of
 * bandwidth and trillions of tokens, against limits to match — every day of the month so far.
 */
export const largeNumbers: StoryEmulatorParameters = {
  emulator: {
    catalog: demoCatalog('USD').map((metric) =>
      metric.limit === undefined ? metric : { ...metric, limit: metric.limit * 100_000 },
    ),
  },
  setup(emulator) {
    const today = new Date()
    const days = Array.from({ length: today.getUTCDate() }, (_, index) =>
      new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), index + 1)).toISOString(),
    )
    const monthStart = days[0] ?? today.toISOString()
    const daily = (metric: string, perDay: number, wobble: number) =>
      days.map((ts, day) => ({
        metric,
        customerRef: platformCustomer,
        quantity: Math.round(perDay * (1 + wobble * Math.sin(day * 1.7))),
        ts,
      }))
    return ingest(emulator, [
      ...daily('api_calls', 152_345_678, 0.2),
      ...daily('bandwidth_gb', 1_234_567, 0.3),
      ...daily('ai_tokens', 379_876_543_210, 0.25),
      { metric: 'storage_gb', customerRef: platformCustomer, quantity: 7_654_321, ts: monthStart },
      { metric: 'seats', customerRef: platformCustomer, quantity: 987_654, ts: monthStart },
    ])
  },
}

/**
 * Records usage the way an app does: a real `POST /v1/events/ingest` to the emulator. Events
 * without a `ts` are dated a minute apart before now. Fails the story on any refusal, so a
 * scenario never shows less than it claims.
 */
export async function ingest(emulator: StripeMeterEmulator, events: UsageEvent[]): Promise<void> {
  const now = Date.now()
  const body = {
    events: events.map((event, index) => ({
      tenantId: emulator.tenantId,
      ts: new Date(now - (index + 1) * 60_000).toISOString(),
      idempotencyKey: crypto.randomUUID(),
      ...event,
    })),
  }
  const response = await emulator.handle(
    new Request('http://emulator.invalid/v1/events/ingest', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  )
  const result = (await response.json()) as { accepted?: number }
  if (!response.ok || result.accepted !== events.length) {
    throw new Error(`[stories] ingest refused: ${response.status} ${JSON.stringify(result)}`)
  }
}

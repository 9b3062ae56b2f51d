/**
 * The wire types of the StripeMeter HTTP API (`shared/stripemeter-api.md`).
 * The client, the emulator, the React layer and the widgets all speak these.
 */

/** Where an event came from, as the server records it. */
export type EventSource = 'sdk' | 'http' | 'etl' | 'import' | 'system'

/** JSON-serialisable metadata attached to an event (its JSON text must stay within 4096 bytes). */
export type EventMeta = Record<string, unknown>

/** A usage event as a caller records it. `tenantId` is never given here: the client sets it on every event. */
export interface UsageEvent {
  /** The metric being metered, 1–100 characters (`api_calls`, `storage_gb`, …). */
  metric: string
  /** The customer the usage belongs to, 1–255 characters (`cus_ABC123`). */
  customerRef: string
  /** How much was used: a finite number greater than 0. */
  quantity: number
  /** When the usage happened. @default the moment the client recorded the event */
  ts?: string | Date
  /** Free-form JSON metadata, at most 4096 bytes as JSON. */
  meta?: EventMeta
  /** The resource the usage belongs to, at most 255 characters. */
  resourceId?: string
  /** The key that makes retries safe, at most 255 characters. @default a random UUID created once when the event is recorded */
  idempotencyKey?: string
  /** @default 'sdk' */
  source?: EventSource
}

/** An event exactly as it goes over the wire in `POST /v1/events/ingest`. */
export interface IngestEvent {
  tenantId: string
  metric: string
  customerRef: string
  resourceId?: string
  quantity: number
  /** ISO-8601 date-time. */
  ts: string
  meta?: EventMeta
  idempotencyKey?: string
  source?: EventSource
}

/**
 * An event as this client sends it: the idempotency key is always set, made once when the event
 * is recorded and reused by every retry.
 */
export interface KeyedIngestEvent extends IngestEvent {
  idempotencyKey: string
}

/** Body of `POST /v1/events/ingest`: 1 to 1000 events. */
export interface IngestRequest {
  events: IngestEvent[]
}

/** How the server settled one event: `duplicate` is a success (already counted), `error` a final refusal. */
export type IngestEventStatus = 'accepted' | 'duplicate' | 'error'

export interface IngestEventResult {
  idempotencyKey: string
  status: IngestEventStatus
  error?: string
}

/**
 * A validation issue. In a 400 `index` is the index of the issue, not reliably of the event;
 * `-1` marks a batch-level refusal ("Batch too large").
 */
export interface IngestIssue {
  index: number
  error: string
}

/** Body of a 200 (and of a whole-batch 400) from `POST /v1/events/ingest`. */
export interface IngestResponse {
  accepted: number
  duplicates: number
  requestId?: string
  results?: IngestEventResult[]
  errors?: IngestIssue[]
}

/**
 * How the server aggregates a metric's events over the period: `sum` adds quantities (API
 * calls); `max` and `last` keep one value (seats, storage), so tracking more does not add up.
 */
export type MetricAggregation = 'sum' | 'max' | 'last'

/** A billing period: calendar month in UTC, dates as `YYYY-MM-DD`. */
export interface UsagePeriod {
  start: string
  end: string
}

/** One metric's usage this period, from `GET /v1/usage/current`. */
export interface MetricUsage {
  name: string
  current: number
  /** Absent when the metric has no limit: never invent one. */
  limit?: number
  unit: string
}

export type AlertSeverity = 'info' | 'warning' | 'critical'

export interface UsageAlert {
  type: string
  message: string
  severity: AlertSeverity
}

/** `GET /v1/usage/current?tenantId=…&customerRef=…` */
export interface UsageResponse {
  customerRef: string
  period: UsagePeriod
  metrics: MetricUsage[]
  alerts: UsageAlert[]
}

/** Optional period of `POST /v1/usage/projection`, `YYYY-MM-DD` (a `Date` is sent as its UTC date). */
export interface ProjectionPeriod {
  periodStart?: string | Date
  periodEnd?: string | Date
}

export interface ProjectionLineItem {
  metric: string
  quantity: number
  /** In currency units (not cents). */
  unitPrice: number
  /** In currency units, rounded to cents. */
  total: number
}

export interface Freshness {
  /** ISO-8601 date-time of the last aggregation. */
  lastUpdate: string
  /** Seconds since `lastUpdate`. */
  staleness: number
}

/**
 * `POST /v1/usage/projection`. Despite the name, `total` is the cost of the usage so far
 * (quantities × prices); a forecast for the period's end is `forecastCost`'s job.
 */
export interface ProjectionResponse {
  customerRef: string
  periodStart: string
  periodEnd: string
  lineItems: ProjectionLineItem[]
  subtotal: number
  credits: number
  total: number
  /** ISO 4217. */
  currency: string
  freshness: Freshness
}

export type HistoryStep = 'day' | 'month'

/** Query of `GET /v1/usage/history`; dates are sent as full ISO date-times. */
export interface UsageHistoryQuery {
  customerRef: string
  metric: string
  periodStart: string | Date
  periodEnd: string | Date
  step: HistoryStep
}

export interface UsageHistoryPoint {
  /** Start of the bucket, ISO-8601 date-time. */
  ts: string
  value: number
}

/** `GET /v1/usage/history`: buckets with no events are absent. */
export interface UsageHistoryResponse {
  usage: UsageHistoryPoint[]
}

/** `GET /health`, as the real server answers it (its documentation's `healthy|degraded|unhealthy` is not what it sends). */
export interface HealthResponse {
  status: 'ok'
  /** ISO-8601 date-time of the answer. */
  timestamp: string
}

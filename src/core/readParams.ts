import type { HistoryStep, ProjectionPeriod, UsageHistoryQuery } from './types.js'
import { EVENT_RULES } from './validateEvent.js'
import { validationError } from './validationError.js'

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i
const STEPS: ReadonlySet<string> = new Set<HistoryStep>(['day', 'month'])

export function checkCustomerRef(customerRef: unknown, field = 'customerRef'): string {
  if (
    typeof customerRef !== 'string' ||
    customerRef.length === 0 ||
    customerRef.length > EVENT_RULES.maxCustomerRefChars
  ) {
    throw validationError(
      field,
      `must be a string of 1–${EVENT_RULES.maxCustomerRefChars} characters`,
      customerRef,
    )
  }
  return customerRef
}

/** A moment from a `Date`, a `YYYY-MM-DD` (midnight UTC) or an ISO date-time with a zone. */
function toMs(value: unknown, field: string): number {
  let ms = Number.NaN
  if (value instanceof Date) ms = value.getTime()
  else if (typeof value === 'string' && DATE_ONLY.test(value)) {
    ms = Date.parse(`${value}T00:00:00.000Z`)
    // Date.parse rolls 2026-02-30 over to March; a real date prints back the same.
    if (!Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) !== value) ms = Number.NaN
  } else if (typeof value === 'string' && ISO_DATE_TIME.test(value)) ms = Date.parse(value)
  if (Number.isNaN(ms)) {
    throw validationError(
      field,
      'must be a Date, a YYYY-MM-DD date or an ISO-8601 date-time',
      value,
    )
  }
  return ms
}

/** The projection's optional period as the server wants it: `YYYY-MM-DD` (UTC). */
export function projectionPeriod(period: ProjectionPeriod | undefined): {
  periodStart?: string
  periodEnd?: string
} {
  if (period === undefined) return {}
  if (typeof period !== 'object' || period === null) {
    throw validationError('period', 'must be an object with periodStart and/or periodEnd', period)
  }
  const result: { periodStart?: string; periodEnd?: string } = {}
  const startMs =
    period.periodStart === undefined ? undefined : toMs(period.periodStart, 'periodStart')
  const endMs = period.periodEnd === undefined ? undefined : toMs(period.periodEnd, 'periodEnd')
  if (startMs !== undefined && endMs !== undefined) checkOrder(startMs, endMs, period.periodEnd)
  if (startMs !== undefined) result.periodStart = new Date(startMs).toISOString().slice(0, 10)
  if (endMs !== undefined) result.periodEnd = new Date(endMs).toISOString().slice(0, 10)
  return result
}

/** The history query as the server wants it: every field present, dates as full ISO date-times. */
export function historySearchParams(
  query: UsageHistoryQuery,
  tenantId: string,
): Record<string, string> {
  if (typeof query !== 'object' || query === null) {
    throw validationError('query', 'must be an object', query)
  }
  const customerRef = checkCustomerRef(query.customerRef)
  const { metric, step } = query
  if (
    typeof metric !== 'string' ||
    metric.length === 0 ||
    metric.length > EVENT_RULES.maxMetricChars
  ) {
    throw validationError(
      'metric',
      `must be a string of 1–${EVENT_RULES.maxMetricChars} characters`,
      metric,
    )
  }
  if (!STEPS.has(step)) throw validationError('step', "must be 'day' or 'month'", step)
  const startMs = toMs(query.periodStart, 'periodStart')
  const endMs = toMs(query.periodEnd, 'periodEnd')
  checkOrder(startMs, endMs, query.periodEnd)
  return {
    tenantId,
    customerRef,
    metric,
    periodStart: new Date(startMs).toISOString(),
    periodEnd: new Date(endMs).toISOString(),
    step,
  }
}

function checkOrder(startMs: number, endMs: number, periodEnd: unknown): void {
  if (endMs < startMs) {
    throw validationError(
      'periodEnd',
      `must not be before periodStart (${new Date(startMs).toISOString()})`,
      periodEnd,
    )
  }
}

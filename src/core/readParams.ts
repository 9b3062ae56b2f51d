import {
  DATE_ONLY_PATTERN,
  ISO_DATE_TIME_PATTERN,
  MAX_CUSTOMER_REF_CHARS,
  MAX_METRIC_CHARS,
} from './apiLimits.js'
import type { HistoryStep, ProjectionPeriod, UsageHistoryQuery } from './types.js'
import { utcDay, utcDayStartMs } from './utcPeriod.js'
import { validationError } from './validationError.js'

const STEPS: ReadonlySet<string> = new Set<HistoryStep>(['day', 'month'])

export function checkCustomerRef(customerRef: unknown, field = 'customerRef'): string {
  if (
    typeof customerRef !== 'string' ||
    customerRef.length === 0 ||
    customerRef.length > MAX_CUSTOMER_REF_CHARS
  ) {
    throw validationError(
      field,
      `must be a string of 1–${MAX_CUSTOMER_REF_CHARS} characters`,
      customerRef,
    )
  }
  return customerRef
}

/** A moment from a `Date`, a `YYYY-MM-DD` (midnight UTC) or an ISO date-time with a zone. */
function toMs(value: unknown, field: string): number {
  let ms = Number.NaN
  if (value instanceof Date) ms = value.getTime()
  else if (typeof value === 'string' && DATE_ONLY_PATTERN.test(value)) ms = utcDayStartMs(value)
  else if (typeof value === 'string' && ISO_DATE_TIME_PATTERN.test(value)) ms = Date.parse(value)
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
  if (startMs !== undefined) result.periodStart = utcDay(startMs)
  if (endMs !== undefined) result.periodEnd = utcDay(endMs)
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
  if (typeof metric !== 'string' || metric.length === 0 || metric.length > MAX_METRIC_CHARS) {
    throw validationError('metric', `must be a string of 1–${MAX_METRIC_CHARS} characters`, metric)
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

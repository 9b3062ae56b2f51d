import type { HistoryStep, ProjectionPeriod } from '../core/types.js'

/** A projection's period in a query key: `YYYY-MM-DD` strings, absent bounds left out. */
export interface ProjectionKeyPeriod {
  periodStart?: string
  periodEnd?: string
}

/** A history query in a query key: dates as full ISO date-times (none while it waits). */
export interface HistoryKeyQuery {
  metric: string
  step: HistoryStep
  periodStart?: string
  periodEnd?: string
}

/** A history's range: `Date` bounds are sent as ISO date-times. */
export interface HistoryPeriod {
  periodStart: string | Date
  periodEnd: string | Date
}

/** A `Date` as the server's `YYYY-MM-DD` (its UTC date); a string is kept as given. */
function dayOf(value: string | Date): string {
  return typeof value === 'string' ? value : value.toISOString().slice(0, 10)
}

/** A `Date` as an ISO date-time; a string is kept as given. */
function instantOf(value: string | Date): string {
  return typeof value === 'string' ? value : value.toISOString()
}

/** The projection period as it is keyed (and sent): strings only, so keys serialise. */
export function projectionKeyPeriod(period: ProjectionPeriod = {}): ProjectionKeyPeriod {
  const keyed: ProjectionKeyPeriod = {}
  if (period.periodStart !== undefined) keyed.periodStart = dayOf(period.periodStart)
  if (period.periodEnd !== undefined) keyed.periodEnd = dayOf(period.periodEnd)
  return keyed
}

/**
 * Query keys of the StripeMeter queries, for `invalidateQueries`, `setQueryData` or SSR
 * hydration (`stripeMeterQueries` builds the whole options). Every key starts with
 * `['stripemeter', customerRef]`, so `customer(ref)` matches all of one customer's queries.
 * Keys hold only what identifies the data — never an API key or header.
 */
export const stripeMeterKeys = {
  /** Every StripeMeter query. */
  all: ['stripemeter'] as const,
  /** Every query of one customer: usage, projections, histories and forecasts. */
  customer: (customerRef: string) => ['stripemeter', customerRef] as const,
  /** `useUsage(customerRef)`. */
  usage: (customerRef: string) => ['stripemeter', customerRef, 'usage'] as const,
  /** `useBudget(customerRef)`: the customer's own budget, from the app's backend. */
  budget: (customerRef: string) => ['stripemeter', customerRef, 'budget'] as const,
  /** `useProjection(customerRef, { period })`; a `Date` bound is keyed as its UTC date. */
  projection: (customerRef: string, period?: ProjectionPeriod) =>
    ['stripemeter', customerRef, 'projection', projectionKeyPeriod(period)] as const,
  /** `useUsageHistory(customerRef, { metric, step, period })`; `Date` bounds as ISO date-times. */
  history: (
    customerRef: string,
    { metric, step, period }: { metric: string; step: HistoryStep; period?: HistoryPeriod },
  ) => {
    const keyed: HistoryKeyQuery = { metric, step }
    if (period !== undefined) {
      keyed.periodStart = instantOf(period.periodStart)
      keyed.periodEnd = instantOf(period.periodEnd)
    }
    return ['stripemeter', customerRef, 'history', keyed] as const
  },
  /** `useCostForecast(customerRef, { period, now })`. */
  forecast: (customerRef: string, period?: ProjectionPeriod, now?: Date) =>
    [
      'stripemeter',
      customerRef,
      'forecast',
      { ...projectionKeyPeriod(period), ...(now === undefined ? {} : { now: now.toISOString() }) },
    ] as const,
  /** The customer of a `usage` key, `undefined` for any other key. */
  usageCustomerOf: (queryKey: readonly unknown[]): string | undefined =>
    queryKey.length === 3 &&
    queryKey[0] === 'stripemeter' &&
    queryKey[2] === 'usage' &&
    typeof queryKey[1] === 'string'
      ? queryKey[1]
      : undefined,
}

export type UsageQueryKey = ReturnType<typeof stripeMeterKeys.usage>
export type BudgetQueryKey = ReturnType<typeof stripeMeterKeys.budget>
export type ProjectionQueryKey = ReturnType<typeof stripeMeterKeys.projection>
export type HistoryQueryKey = ReturnType<typeof stripeMeterKeys.history>
export type ForecastQueryKey = ReturnType<typeof stripeMeterKeys.forecast>

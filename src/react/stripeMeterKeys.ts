import type { HistoryStep, ProjectionPeriod, UsageHistoryQuery } from '../core/types.js'

/** A projection's period in a query key: `YYYY-MM-DD` strings, absent bounds left out. */
export interface ProjectionKeyPeriod {
  periodStart?: string
  periodEnd?: string
}

/** A history query in a query key: dates as full ISO date-times. */
export interface HistoryKeyQuery {
  metric: string
  periodStart: string
  periodEnd: string
  step: HistoryStep
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
 * Query keys of the StripeMeter hooks, for `invalidateQueries`, `prefetchQuery`,
 * `setQueryData` or SSR hydration. Every key starts with `['stripemeter', customerRef]`, so
 * `customer(ref)` matches all of one customer's queries. Keys hold only what identifies the
 * data — never an API key or header.
 */
export const stripeMeterKeys = {
  /** Every StripeMeter query. */
  all: ['stripemeter'] as const,
  /** Every query of one customer: usage, projections and histories. */
  customer: (customerRef: string) => ['stripemeter', customerRef] as const,
  /** `useUsage(customerRef)`. */
  usage: (customerRef: string) => ['stripemeter', customerRef, 'usage'] as const,
  /** `useBudget(customerRef)`: the customer's own budget, from the app's backend. */
  budget: (customerRef: string) => ['stripemeter', customerRef, 'budget'] as const,
  /** `useProjection(customerRef, period)`; a `Date` bound is keyed as its UTC date. */
  projection: (customerRef: string, period?: ProjectionPeriod) =>
    ['stripemeter', customerRef, 'projection', projectionKeyPeriod(period)] as const,
  /** `useUsageHistory(query)`; `Date` bounds are keyed as ISO date-times. */
  history: (query: UsageHistoryQuery) =>
    [
      'stripemeter',
      query.customerRef,
      'history',
      {
        metric: query.metric,
        periodStart: instantOf(query.periodStart),
        periodEnd: instantOf(query.periodEnd),
        step: query.step,
      } satisfies HistoryKeyQuery,
    ] as const,
}

export type UsageQueryKey = ReturnType<typeof stripeMeterKeys.usage>
export type BudgetQueryKey = ReturnType<typeof stripeMeterKeys.budget>
export type ProjectionQueryKey = ReturnType<typeof stripeMeterKeys.projection>
export type HistoryQueryKey = ReturnType<typeof stripeMeterKeys.history>

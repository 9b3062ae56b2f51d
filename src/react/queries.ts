/**
 * `stripemeter/react/queries`: the `queryOptions` factories and query keys without the
 * `"use client"` of `stripemeter/react`, so a React Server Component can prefetch with them
 * (Next.js turns every export of a `"use client"` module into a reference it cannot call).
 * The same values as `stripemeter/react`'s: one shared chunk, one cache shape.
 */
export { periodHistoryRange } from '../core/utcPeriod.js'
export type {
  ForecastQueryKey,
  HistoryKeyQuery,
  HistoryPeriod,
  HistoryQueryKey,
  ProjectionKeyPeriod,
  ProjectionQueryKey,
  UsageQueryKey,
} from './stripeMeterKeys.js'
export { stripeMeterKeys } from './stripeMeterKeys.js'
export {
  type CustomerRefOrSkip,
  type ForecastQueryInput,
  type HistoryQueryInput,
  type ProjectionQueryInput,
  type SkippableQueryOptions,
  type StripeMeterQueryOptions,
  type StripeMeterReader,
  stripeMeterQueries,
} from './stripeMeterQueries.js'

'use client'

export { periodHistoryRange } from '../core/utcPeriod.js'
// Declared once in the core; here too because the provider's props use them.
export type { MetricAggregation, StripeMeterErrorHandler } from '../index.js'
export type { LiveMetricUsage, LiveUsageResponse } from './liveUsage.js'
export type { BufferStatus, ProviderClientOptions } from './ProviderRuntime.js'
export type {
  StripeMeterProviderProps,
  StripeMeterProviderSharedProps,
} from './StripeMeterProvider.js'
export { StripeMeterProvider } from './StripeMeterProvider.js'
export type {
  BudgetQueryKey,
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
export {
  UsageGate,
  type UsageGateExceeded,
  type UsageGateProps,
} from './UsageGate.js'
export { type UseBudgetOptions, type UseBudgetResult, useBudget } from './useBudget.js'
export { useBufferStatus } from './useBufferStatus.js'
export { type UseCostForecastOptions, useCostForecast } from './useCostForecast.js'
export type { UseProjectionOptions } from './useProjection.js'
export { useProjection } from './useProjection.js'
export { type UseQuotaOptions, type UseQuotaResult, useQuota } from './useQuota.js'
export { useStripeMeterClient } from './useStripeMeterClient.js'
export { useStripeMeterLocale } from './useStripeMeterLocale.js'
export type { TrackFunction, UseTrackOptions } from './useTrack.js'
export { useTrack } from './useTrack.js'
export type { UseUsageOptions } from './useUsage.js'
export { useUsage } from './useUsage.js'
export type { UseUsageHistoryOptions } from './useUsageHistory.js'
export { useUsageHistory } from './useUsageHistory.js'
